"""Bulk writes for the seed loader and the synthetic generator: batched UNWIND/MERGE.

Labels and relationship types are interpolated from ``graph.model`` enums only;
every value travels as a parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, LiteralString

from graph.db import Database, Params
from graph.errors import DatabaseBusy
from graph.model import ENTITY_LABELS, Label, RelType

BATCH = 1000


def node_upsert(label: str) -> LiteralString:
    """Each row's id registered to ``label`` (one id space, ``graph.writes``), then its node.

    The MERGE is on the id and the label together: an id another label holds matches no
    registry node, so the MERGE creates one and the unique constraint refuses it, and the
    whole load with it (``ConstraintViolation``), rather than two nodes sharing an id."""
    return (
        f"UNWIND $rows AS row MERGE (:{Label.ENTITY_ID} {{id: row.id, label: '{label}'}}) "
        f"MERGE (n:{label} {{id: row.id}}) SET n += row.props"
    )


def node_snapshot(label: str) -> LiteralString:
    return f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id, properties(n) AS props"


def rel_upsert(rel: RelType, source: str, target: str) -> LiteralString:
    return (
        "UNWIND $rows AS row "
        # row['from'], not row.from: Neo4j's front end reads `x.from` as a property key.
        f"MATCH (a:{source} {{id: row['from']}}) "
        f"MATCH (b:{target} {{id: row['to']}}) "
        f"MERGE (a)-[r:{rel.value}]->(b) "
        "SET r += row.props"
    )


def rel_snapshot(rel: RelType, source: str, target: str) -> LiteralString:
    return (
        f"MATCH (a:{source})-[r:{rel.value}]->(b:{target}) "
        "WHERE a.id IN $froms "
        "RETURN a.id AS from, b.id AS to, properties(r) AS props"
    )


def _counts_statement() -> LiteralString:
    every = (*ENTITY_LABELS, Label.FIGURE)
    labels = ", ".join(f"COUNT {{ (:{label}) }} AS {label}" for label in every)
    rels = ", ".join(f"COUNT {{ ()-[:{rel.value}]->() }} AS {rel.value}" for rel in RelType)
    return f"RETURN {labels}, {rels}"


COUNTS: LiteralString = _counts_statement()


def batched(rows: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


async def snapshot_nodes(db: Database, label: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Current properties of the nodes with these ids."""
    found: dict[str, dict[str, Any]] = {}
    for chunk in batched(ids):
        for row in await db.read(node_snapshot(label), {"ids": list(chunk)}):
            found[row["id"]] = row["props"]
    return found


async def snapshot_rels(
    db: Database, rel: RelType, source: str, target: str, froms: Sequence[str]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Current properties of the relationships of this type leaving these nodes."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for chunk in batched(sorted(set(froms))):
        statement = rel_snapshot(rel, source, target)
        for row in await db.read(statement, {"froms": list(chunk)}):
            found[(row["from"], row["to"])] = row["props"]
    return found


def node_statements(label: str, rows: Sequence[Params]) -> list[tuple[LiteralString, Params]]:
    """Batched upserts of ``{"id", "props"}`` rows."""
    return [(node_upsert(label), {"rows": list(chunk)}) for chunk in batched(rows)]


def rel_statements(
    rel: RelType, source: str, target: str, rows: Sequence[Params]
) -> list[tuple[LiteralString, Params]]:
    """Batched upserts of ``{"from", "to", "props"}`` rows."""
    statement = rel_upsert(rel, source, target)
    return [(statement, {"rows": list(chunk)}) for chunk in batched(rows)]


async def counts(db: Database) -> dict[str, int]:
    """Nodes per label and relationships per type, in one statement."""
    rows = await db.read(COUNTS)
    return {key: int(value) for key, value in rows[0].items()}


async def is_empty(db: Database) -> bool:
    """True when no entity exists yet (the service then seeds by itself)."""
    rows = await db.read(IS_EMPTY)
    return not rows[0]["seeded"]


IS_EMPTY: LiteralString = (
    "RETURN EXISTS { MATCH (n) WHERE n:"
    + "|".join(label for label in ENTITY_LABELS)
    + " } AS seeded"
)


async def write_rows(
    db: Database,
    statement: LiteralString,
    rows: Sequence[Params],
    *,
    batch: int = 10_000,
    attempts: int = 5,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write rows in batches, one transaction each, one writer at a time.

    The embedded engine's optimistic MVCC raises DeadlockDetected under concurrent
    MERGE batches; the driver retries transient errors, and a batch that still fails
    is tried again here (batches are idempotent MERGEs).
    """
    for chunk in batched(rows, batch):
        for attempt in range(attempts):
            try:
                await db.write([(statement, {"rows": list(chunk)})])
                break
            except DatabaseBusy:
                if attempt == attempts - 1:
                    raise
        if progress is not None:
            progress(len(chunk))
