"""The edit history: every write records what it changed, in its own transaction.

A change is about one entity (its ``label`` and id) or one relationship (its type and
ends): what it held before and after (only the properties that changed; all of them
when it appeared or went), who made it (a principal's subject, or ``seed``), when, and
the sources the write gave. A write that changes nothing records nothing.

Changes are numbered by one counter (``ChangeLog.seq``), raised by the statement that
records them, the write's last. On Neo4j that takes the counter's lock, held to commit,
so numbers are handed out in commit order; on the embedded engine two writers that read
the same number conflict and one runs again. Either way no change commits with a number
below one a reader has already seen: ``changes(after:)`` is a monotonic cursor, the
basis for live updates.

The history outlives what it describes. Deleting an entity deletes its node, not its
changes: its last change (DELETED, with everything it held and the relationships that
went with it) is its tombstone, and reverting that change restores it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, LiteralString

from graph.db import Database, Params, Tx
from graph.loading import batched
from graph.model import Label
from graph.provenance import Source, source_row

Props = dict[str, Any]

# Who seed files' changes are recorded as.
SEED_AUTHOR = "seed"

# Recomputed by every write from other properties: never recorded.
DERIVED = frozenset({"searchText"})

# Beyond every sequence number (a page of history from the newest change down).
NEWEST = 2**62


class Action(StrEnum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    DELETED = "DELETED"


@dataclass(frozen=True)
class Subject:
    """What a change is about: an entity (``label``, ``entity``) or a relationship
    (``label`` is its type, ``from_id`` and ``to_id`` its ends, of the labels
    ``from_label`` and ``to_label``: an id may name an entity of another type later)."""

    label: str
    entity: str | None = None
    from_id: str | None = None
    to_id: str | None = None
    from_label: str | None = None
    to_label: str | None = None

    @classmethod
    def relationship(cls, row: Mapping[str, Any]) -> Subject:
        """A relationship as the writes list it: ``{type, from, to, fromLabel, toLabel}``."""
        return cls(
            row["type"],
            from_id=row["from"],
            to_id=row["to"],
            from_label=row.get("fromLabel"),
            to_label=row.get("toLabel"),
        )

    @property
    def is_relationship(self) -> bool:
        return self.entity is None


@dataclass(frozen=True)
class Change:
    """One change: the subject's properties before and after (``None``: it did not
    exist, or no longer does), the sources given, and for an entity that went or came
    back, the relationships that went or came with it (``{type, from, to, props}``)."""

    subject: Subject
    before: Props | None
    after: Props | None
    sources: tuple[Source, ...] = ()
    relationships: tuple[Props, ...] = ()
    revert_of: int | None = None

    @property
    def action(self) -> Action:
        if self.before is None:
            return Action.CREATED
        if self.after is None:
            return Action.DELETED
        return Action.UPDATED


@dataclass(frozen=True)
class Recorded:
    """A change as the history holds it."""

    seq: int
    at: str
    by: str
    change: Change


def _kept(props: Mapping[str, Any]) -> Props:
    return {key: value for key, value in props.items() if key not in DERIVED}


def changed(
    subject: Subject,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    sources: Sequence[Source] = (),
    *,
    relationships: Sequence[Props] = (),
    revert_of: int | None = None,
) -> Change | None:
    """The change from ``before`` to ``after`` (full property maps, ``None`` for
    absent); only the properties that differ are kept when both exist (``None`` on the
    side where one is missing). ``None`` when nothing changed."""
    old = None if before is None else _kept(before)
    new = None if after is None else _kept(after)
    if old is not None and new is not None:
        keys = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
        if not keys:
            return None
        old = {key: old.get(key) for key in keys}
        new = {key: new.get(key) for key in keys}
    elif old is None and new is None:
        return None
    return Change(subject, old, new, tuple(sources), tuple(relationships), revert_of=revert_of)


def now() -> str:
    """When a change is made: UTC, to the millisecond, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def stored(change: Change, author: str, at: str) -> Props:
    """A change as the properties of its ``Change`` node (maps as JSON text: neither
    engine stores a map as a property value)."""
    subject = change.subject
    props: Props = {
        "at": at,
        "by": author,
        "action": change.action.value,
        "sources": _json([source_row(s) for s in change.sources]),
    }
    if subject.is_relationship:
        props.update(relType=subject.label, fromId=subject.from_id, toId=subject.to_id)
        if subject.from_label is not None:
            props.update(fromLabel=subject.from_label, toLabel=subject.to_label)
    else:
        props.update(label=subject.label, entity=subject.entity)
    if change.before is not None:
        props["before"] = _json(change.before)
    if change.after is not None:
        props["after"] = _json(change.after)
    if change.relationships:
        props["relationships"] = _json(list(change.relationships))
    if change.revert_of is not None:
        props["revertOf"] = change.revert_of
    return props


def _source(row: Mapping[str, Any]) -> Source:
    return Source(
        row["document"],
        row["quote"],
        row.get("asOf"),
        bool(row.get("inferred")),
        row.get("reasoning"),
    )


def parse(props: Mapping[str, Any]) -> Recorded:
    """A ``Change`` node's properties back as the change they record."""
    if props.get("relType") is not None:
        subject = Subject(
            props["relType"],
            from_id=props["fromId"],
            to_id=props["toId"],
            from_label=props.get("fromLabel"),
            to_label=props.get("toLabel"),
        )
    else:
        subject = Subject(props["label"], entity=props["entity"])
    before, after = props.get("before"), props.get("after")
    change = Change(
        subject,
        None if before is None else json.loads(before),
        None if after is None else json.loads(after),
        tuple(_source(row) for row in json.loads(props.get("sources") or "[]")),
        tuple(json.loads(props.get("relationships") or "[]")),
        props.get("revertOf"),
    )
    return Recorded(int(props["seq"]), props["at"], props["by"], change)


# Numbers the changes from the counter (created on first use; the migrations' unique
# constraint keeps concurrent first uses to one node) and records each as a node.
RECORD: LiteralString = (
    f"MERGE (log:{Label.CHANGE_LOG} {{id: 'changes'}}) "
    "SET log.seq = coalesce(log.seq, 0) + size($changes) "
    "WITH log.seq - size($changes) AS base "
    "UNWIND range(0, size($changes) - 1) AS i "
    f"CREATE (c:{Label.CHANGE}) SET c = $changes[i], c.seq = base + i + 1 "
    "RETURN c.seq AS seq"
)

# One entity's changes, including those of its relationships, newest first, below ``$before``.
HISTORY: LiteralString = (
    f"MATCH (c:{Label.CHANGE}) "
    "WHERE (c.entity = $id OR c.fromId = $id OR c.toId = $id) AND c.seq < $before "
    "RETURN properties(c) AS change ORDER BY c.seq DESC LIMIT $limit"
)

# Every change after ``$after``, oldest first.
CHANGES: LiteralString = (
    f"MATCH (c:{Label.CHANGE}) WHERE c.seq > $after "
    "RETURN properties(c) AS change ORDER BY c.seq LIMIT $limit"
)

ONE: LiteralString = f"MATCH (c:{Label.CHANGE} {{seq: $seq}}) RETURN properties(c) AS change"


# The number of the last change recorded (0: none yet): the graph's version.
VERSION: LiteralString = (
    f"OPTIONAL MATCH (log:{Label.CHANGE_LOG} {{id: 'changes'}}) RETURN coalesce(log.seq, 0) AS seq"
)


async def version(db: Database) -> int:
    """The graph's version: the number of its last recorded change. Every write through
    the API or the seed loader raises it in the transaction that makes the change."""
    rows = await db.read(VERSION)
    return int(rows[0]["seq"]) if rows else 0


async def record(tx: Tx, changes: Sequence[Change], author: str) -> list[Recorded]:
    """Record ``changes`` in the write's transaction (one statement), numbered in order."""
    if not changes:
        return []
    at = now()  # (taken before the counter: times may be a moment out of number order)
    rows = await tx.run(RECORD, {"changes": [stored(c, author, at) for c in changes]})
    numbers = sorted(int(row["seq"]) for row in rows)
    return [Recorded(seq, at, author, change) for seq, change in zip(numbers, changes, strict=True)]


def record_statements(changes: Sequence[Change], author: str) -> list[tuple[LiteralString, Params]]:
    """The statements recording ``changes`` as part of a batched write (the seed loader)."""
    at = now()
    return [
        (RECORD, {"changes": [stored(c, author, at) for c in chunk]}) for chunk in batched(changes)
    ]


async def history(db: Database, entity_id: str, first: int, before: int | None) -> list[Recorded]:
    """Up to ``first`` changes of an entity and its relationships, newest first, below
    ``before`` (a change's number)."""
    params = {"id": entity_id, "before": NEWEST if before is None else before, "limit": first}
    return [parse(row["change"]) for row in await db.read(HISTORY, params)]


async def changes(db: Database, after: int | None, first: int) -> list[Recorded]:
    """Up to ``first`` changes after number ``after``, oldest first."""
    params = {"after": 0 if after is None else after, "limit": first}
    return [parse(row["change"]) for row in await db.read(CHANGES, params)]


async def one(tx: Tx, seq: int) -> Recorded | None:
    rows = await tx.run(ONE, {"seq": seq})
    return parse(rows[0]["change"]) if rows else None
