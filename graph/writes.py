"""Editors' writes: each public function is ONE transaction, all or nothing.

Values are parameters; labels and relationship types come from ``graph.model``.
Sources are merged as a set of (document, quote) pairs, so repeating a write
(an upsert, an update, a link) changes nothing the second time.
"""

from __future__ import annotations

from typing import Any, LiteralString

from graph.db import Database, Tx
from graph.errors import ConflictError, NotFoundError
from graph.model import ENTITY_LABELS, REL_ENDPOINTS, SOURCE_KEYS, Label, RelType
from graph.provenance import Source, merge_sources, read_sources, source_properties, source_row
from graph.text import search_key

Props = dict[str, Any]


def _node_props(props: Props, sources: list[Source]) -> Props:
    full = {key: value for key, value in props.items() if value is not None}
    full["searchText"] = search_key(
        full.get("name"), *(full.get("aliases") or []), full.get("acronym")
    )
    full.update(source_properties(sources))
    return full


def _get(label: str) -> LiteralString:
    return f"MATCH (n:{label} {{id: $id}}) RETURN properties(n) AS props"


def _replace(label: str) -> LiteralString:
    return f"MATCH (n:{label} {{id: $id}}) SET n = $props RETURN n.id AS id"


def _create(label: str) -> LiteralString:
    return f"CREATE (n:{label}) SET n = $props RETURN n.id AS id"


def _relationships_of(label: str) -> LiteralString:
    return (
        f"MATCH (n:{label} {{id: $id}})-[r]-() "
        "RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, "
        "properties(r) AS props"
    )


def _delete(label: str) -> LiteralString:
    return f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n"


def _labels_of() -> LiteralString:
    seeks = " UNION ".join(
        f"MATCH (x:{label} {{id: $id}}) RETURN '{label}' AS label" for label in ENTITY_LABELS
    )
    return f"CALL () {{ {seeks} }} RETURN label"


LABEL_OF: LiteralString = _labels_of()


def _rel_get(rel: RelType, source: Label, target: Label) -> LiteralString:
    return (
        f"MATCH (:{source.value} {{id: $fromId}})-[r:{rel.value}]->(:{target.value} {{id: $toId}}) "
        "RETURN properties(r) AS props"
    )


def _rel_set(rel: RelType, source: Label, target: Label) -> LiteralString:
    return (
        f"MATCH (a:{source.value} {{id: $fromId}}) MATCH (b:{target.value} {{id: $toId}}) "
        f"MERGE (a)-[r:{rel.value}]->(b) SET r = $props RETURN type(r) AS type"
    )


def _rel_delete(rel: RelType, source: Label, target: Label) -> LiteralString:
    return (
        f"MATCH (:{source.value} {{id: $fromId}})-[r:{rel.value}]->(:{target.value} {{id: $toId}}) "
        "DELETE r"
    )


async def create(db: Database, label: str, props: Props, sources: list[Source]) -> str:
    """A new entity; ``ConflictError`` when the id is taken."""

    async def work(tx: Tx) -> str:
        if await tx.run(_get(label), {"id": props["id"]}):
            raise ConflictError(f"{label} {props['id']!r} already exists")
        await tx.run(_create(label), {"props": _node_props(props, sources)})
        return str(props["id"])

    return await db.transaction(work)


async def update(
    db: Database, label: str, entity_id: str, changes: Props, sources: list[Source]
) -> str:
    """Change some properties (None removes one) and add sources; ``NotFoundError`` if absent."""

    async def work(tx: Tx) -> str:
        rows = await tx.run(_get(label), {"id": entity_id})
        if not rows:
            raise NotFoundError(f"no {label} has id {entity_id!r}")
        current: Props = rows[0]["props"]
        merged = {**_plain(current), **changes}
        all_sources = merge_sources(read_sources(current), sources)
        await tx.run(_replace(label), {"id": entity_id, "props": _node_props(merged, all_sources)})
        return entity_id

    return await db.transaction(work)


async def upsert(db: Database, label: str, props: Props, sources: list[Source]) -> bool:
    """Create or replace the entity's properties (sources are kept and added); True if created."""

    async def work(tx: Tx) -> bool:
        rows = await tx.run(_get(label), {"id": props["id"]})
        if not rows:
            await tx.run(_create(label), {"props": _node_props(props, sources)})
            return True
        all_sources = merge_sources(read_sources(rows[0]["props"]), sources)
        await tx.run(_replace(label), {"id": props["id"], "props": _node_props(props, all_sources)})
        return False

    return await db.transaction(work)


async def delete(db: Database, label: str, entity_id: str) -> list[Props]:
    """Delete the entity; return the relationships that went with it."""

    async def work(tx: Tx) -> list[Props]:
        if not await tx.run(_get(label), {"id": entity_id}):
            raise NotFoundError(f"no {label} has id {entity_id!r}")
        gone = await tx.run(_relationships_of(label), {"id": entity_id})
        await tx.run(_delete(label), {"id": entity_id})
        return [
            {
                "type": r["type"],
                "from": r["from"],
                "to": r["to"],
                "sources": [source_row(s) for s in read_sources(r["props"])],
            }
            for r in gone
        ]

    return await db.transaction(work)


async def _ends(tx: Tx, rel: RelType, from_id: str, to_id: str) -> tuple[Label, Label]:
    found: list[Label] = []
    for end_id in (from_id, to_id):
        rows = await tx.run(LABEL_OF, {"id": end_id})
        if not rows:
            raise NotFoundError(f"no entity has id {end_id!r}")
        found.append(Label(rows[0]["label"]))
    source, target = found
    if (source, target) not in REL_ENDPOINTS.get(rel, frozenset()):
        raise ConflictError(f"{rel.value} cannot join {source.value} to {target.value}")
    return source, target


async def link(
    db: Database, rel: RelType, from_id: str, to_id: str, props: Props, sources: list[Source]
) -> bool:
    """Create or update one relationship; True when it was created."""

    async def work(tx: Tx) -> bool:
        source, target = await _ends(tx, rel, from_id, to_id)
        ends = {"fromId": from_id, "toId": to_id}
        rows = await tx.run(_rel_get(rel, source, target), ends)
        existing = read_sources(rows[0]["props"]) if rows else []
        full = {k: v for k, v in props.items() if v is not None}
        full.update(source_properties(merge_sources(existing, sources)))
        await tx.run(_rel_set(rel, source, target), {**ends, "props": full})
        return not rows

    return await db.transaction(work)


async def unlink(db: Database, rel: RelType, from_id: str, to_id: str) -> None:
    async def work(tx: Tx) -> None:
        source, target = await _ends(tx, rel, from_id, to_id)
        ends = {"fromId": from_id, "toId": to_id}
        if not await tx.run(_rel_get(rel, source, target), ends):
            raise NotFoundError(f"no {rel.value} from {from_id!r} to {to_id!r}")
        await tx.run(_rel_delete(rel, source, target), ends)

    await db.transaction(work)


def _plain(props: Props) -> Props:
    return {k: v for k, v in props.items() if k not in SOURCE_KEYS and k != "searchText"}
