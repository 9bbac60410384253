"""Editors' writes: each public function is ONE transaction, all or nothing.

Values are parameters; labels and relationship types come from ``graph.model``.
Sources are merged as a set of (document, quote) pairs, so repeating a write
(an upsert, an update, a link) changes nothing the second time.

How concurrent writes stay consistent:

- **One id space.** Every id is registered once, by an ``EntityId`` node (unique ``id``,
  the ``label`` of the node holding it), created in the same transaction as its node and
  deleted with it. A write of one type under an id another type holds is a
  ``ConflictError`` naming both.
- **Lock, then read.** A write's first statement raises the ``version`` of the registry
  node of every id it touches, before anything is read. On Neo4j that takes the node's
  exclusive lock, held to commit, so writers of one id queue and each reads what the
  previous one committed. The embedded engine's MVCC is optimistic: of two transactions
  that changed the same record only the first commits, the second fails with a transient
  error (DeadlockDetected) and the driver runs it again from the start, reading anew. (A
  changed value it must be: writing a property's own value back is no change there, and
  was measured to lose writes.) Either way the Python-side merge of sources never works
  on a stale read, and no acknowledged change is lost. Retries are bounded by the
  driver's retry time; past it the caller gets ``DatabaseBusy`` and nothing is written.
- **No PART_OF cycles.** No relationship joins an entity to itself. Every PART_OF write
  also writes the one ``WriteLock`` node, so they run one at a time, and then checks
  that ``to`` does not already reach ``from``. (Locking the two ends would not do: three
  links made at once, each with its own ends, can close a cycle none of them sees.)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, LiteralString, TypeVar

from graph import history
from graph.db import Database, Tx
from graph.errors import ConflictError, ConstraintViolation, NotFoundError
from graph.history import Subject
from graph.model import DATE_RANGES, ENTITY_LABELS, REL_ENDPOINTS, SOURCE_KEYS, Label, RelType
from graph.provenance import Source, merge_sources, read_sources, source_properties, step_row
from graph.text import search_key

Props = dict[str, Any]
T = TypeVar("T")


class RangeError(ValueError):
    """A change would leave a span ending before it starts (``field`` names the end)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def _searchable(props: Props) -> Props:
    """The properties to store: nulls dropped, the search key derived from the names."""
    full = {key: value for key, value in props.items() if value is not None}
    if "name" in full:  # entities (figures have no name)
        full["searchText"] = search_key(
            full.get("name"), *(full.get("aliases") or []), full.get("acronym")
        )
    return full


def _node_props(props: Props, sources: list[Source]) -> Props:
    return _searchable({**props, **source_properties(sources)})


def _hold(label: str) -> LiteralString:
    """Claim and lock the id for ``label`` (its registry node is created when the id is
    free), then read what holds it: this label's entity (``props``), or another label's
    registration (``props`` null, ``label`` the holder). No row: the id was free."""
    return (
        f"MERGE (k:{Label.ENTITY_ID} {{id: $id}}) "
        # Registers a free id; raising the version is the lock, written before the
        # entity is read.
        "SET k.label = coalesce(k.label, $label), k.version = coalesce(k.version, 0) + 1 "
        f"WITH k OPTIONAL MATCH (n:{label} {{id: $id}}) "
        "WITH k, n WHERE n IS NOT NULL OR k.label <> $label "
        "RETURN k.label AS label, properties(n) AS props"
    )


# Which labels each relationship type joins: the model's, and figures' DESCRIBES (written
# only by the seed loader, but a revert may restore one).
ENDS: dict[RelType, frozenset[tuple[Label, Label]]] = {
    **REL_ENDPOINTS,
    RelType.DESCRIBES: frozenset((Label.FIGURE, Label(label)) for label in ENTITY_LABELS),
}

# Lock an existing id (either end of a relationship) and say which label holds it.
LOCK_ID: LiteralString = (
    f"MATCH (k:{Label.ENTITY_ID} {{id: $id}}) SET k.version = coalesce(k.version, 0) + 1 "
    "RETURN k.label AS label"
)

# Serializes PART_OF writes (see the module docstring): one node, created on first use
# (the migrations' unique constraint keeps concurrent first uses to one node).
PART_OF_LOCK: LiteralString = (
    f"MERGE (w:{Label.WRITE_LOCK} {{id: 'PART_OF'}}) SET w.version = coalesce(w.version, 0) + 1 "
    "RETURN w.version AS version"
)


def _replace(label: str) -> LiteralString:
    return f"MATCH (n:{label} {{id: $id}}) SET n = $props RETURN n.id AS id"


def _create(label: str) -> LiteralString:
    return f"CREATE (n:{label}) SET n = $props RETURN n.id AS id"


def _relationships_of(label: str) -> LiteralString:
    return (
        f"MATCH (n:{label} {{id: $id}})-[r]-() "
        "RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, "
        "head(labels(startNode(r))) AS fromLabel, head(labels(endNode(r))) AS toLabel, "
        "properties(r) AS props"
    )


def _delete(label: str) -> LiteralString:
    # The registry node goes with the entity: the id is free again.
    return (
        f"MATCH (n:{label} {{id: $id}}) MATCH (k:{Label.ENTITY_ID} {{id: $id}}) DETACH DELETE n, k"
    )


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


def _reach(label: Label) -> LiteralString:
    """The shortest PART_OF path from ``$toId`` up to ``$fromId``: linking ``from`` to ``to``
    would close it into a cycle.

    Unbounded on purpose: a bound would let a cycle longer than it through. (Not
    ``shortestPath``, which Neo4j wants bounded.) Hierarchies are shallow, and finding no
    path costs the same walk as ordering the paths found."""
    return (
        f"MATCH p = (b:{label.value} {{id: $toId}})-[:PART_OF*]->(a:{label.value} {{id: $fromId}}) "
        "RETURN [x IN nodes(p) | x.id] AS path ORDER BY length(p) LIMIT 1"
    )


async def _claimed(db: Database, work: Callable[[Tx], Awaitable[T]]) -> T:
    """Run ``work`` in one transaction; once more if it lost a race to create a node
    under a unique constraint (an id's registry node, the PART_OF lock on first use).

    Two transactions may both find an id free and register it: Neo4j makes the second
    wait and then match, the embedded engine refuses it at commit (a constraint error,
    which the driver does not retry). Run again, it finds the winner's node (an upsert
    then updates the entity, a create says the id is taken, naming the holder)."""
    try:
        return await db.transaction(work)
    except ConstraintViolation:
        return await db.transaction(work)


async def _holder(tx: Tx, label: str, entity_id: str) -> Props | None:
    """Lock ``entity_id`` for ``label`` and return its entity's properties (None: free,
    now registered to ``label``); ``ConflictError`` if another label holds it."""
    rows = await tx.run(_hold(label), {"id": entity_id, "label": label})
    if not rows:
        return None
    props: Props | None = rows[0]["props"]
    if props is None:
        raise ConflictError(
            f"id {entity_id!r} is taken by a {rows[0]['label']}: it cannot also name "
            f"a {label} (one id names one entity across all types)"
        )
    return props


async def create(
    db: Database, label: str, props: Props, sources: list[Source], *, author: str
) -> str:
    """A new entity; ``ConflictError`` when the id is taken (by any type)."""

    async def work(tx: Tx) -> str:
        if await _holder(tx, label, props["id"]) is not None:
            raise ConflictError(f"{label} {props['id']!r} already exists")
        full = _node_props(props, sources)
        await tx.run(_create(label), {"props": full})
        await _record(tx, author, Subject(label, entity=props["id"]), None, full, sources)
        return str(props["id"])

    return await _claimed(db, work)


async def update(
    db: Database,
    label: str,
    entity_id: str,
    changes: Props,
    sources: list[Source],
    *,
    author: str,
) -> str:
    """Change some properties (None removes one) and add sources; ``NotFoundError`` if absent,
    ``RangeError`` if the result would end a span before it starts."""

    async def work(tx: Tx) -> str:
        try:
            current = await _holder(tx, label, entity_id)
        except ConflictError as exc:
            raise NotFoundError(f"no {label} has id {entity_id!r} ({exc})") from None
        if current is None:
            raise NotFoundError(f"no {label} has id {entity_id!r}")
        merged = {**_plain(current), **changes}
        _check_ranges(merged)
        all_sources = merge_sources(read_sources(current), sources)
        full = _node_props(merged, all_sources)
        await tx.run(_replace(label), {"id": entity_id, "props": full})
        await _record(tx, author, Subject(label, entity=entity_id), current, full, sources)
        return entity_id

    return await _claimed(db, work)


async def upsert(
    db: Database, label: str, props: Props, sources: list[Source], *, author: str
) -> bool:
    """Create or replace the entity's properties (sources are kept and added); True if
    created; ``ConflictError`` when another type holds the id."""

    async def work(tx: Tx) -> bool:
        current = await _holder(tx, label, props["id"])
        subject = Subject(label, entity=props["id"])
        if current is None:
            full = _node_props(props, sources)
            await tx.run(_create(label), {"props": full})
            await _record(tx, author, subject, None, full, sources)
            return True
        all_sources = merge_sources(read_sources(current), sources)
        full = _node_props(props, all_sources)
        await tx.run(_replace(label), {"id": props["id"], "props": full})
        await _record(tx, author, subject, current, full, sources)
        return False

    return await _claimed(db, work)


async def delete(db: Database, label: str, entity_id: str, *, author: str) -> list[Props]:
    """Delete the entity (and its id's registration); return the relationships that went
    with it. The history keeps everything it held (its tombstone)."""

    async def work(tx: Tx) -> list[Props]:
        try:
            current = await _holder(tx, label, entity_id)
        except ConflictError as exc:
            raise NotFoundError(f"no {label} has id {entity_id!r} ({exc})") from None
        if current is None:
            raise NotFoundError(f"no {label} has id {entity_id!r}")
        gone, _ = await _remove(tx, label, entity_id, current, author)
        return [step_row(r["type"], r["from"], r["to"], r["props"]) for r in gone]

    return await _claimed(db, work)


async def _ends(
    tx: Tx, rel: RelType, from_id: str, to_id: str, *, joined: Subject | None = None
) -> tuple[Label, Label]:
    """Lock both ends (in id order, so two links never wait for each other crosswise) and
    check the model allows ``rel`` between their labels; given the relationship a change
    recorded (``joined``), that the ids still name entities of the labels it joined
    (``ConflictError``: an id can be used again, by another type, once deleted)."""
    labels: dict[str, Label] = {}
    for end_id in sorted({from_id, to_id}):
        rows = await tx.run(LOCK_ID, {"id": end_id})
        if not rows:
            raise NotFoundError(f"no entity has id {end_id!r}")
        labels[end_id] = Label(rows[0]["label"])
    source, target = labels[from_id], labels[to_id]
    if joined is not None and joined.from_label is not None:
        for end_id, was, now in (
            (from_id, joined.from_label, source),
            (to_id, joined.to_label, target),
        ):
            if was != now.value:
                raise ConflictError(
                    f"{end_id!r} now names a {now.value}, not the {was} the {rel.value} joined"
                )
    if (source, target) not in ENDS.get(rel, frozenset()):
        raise ConflictError(f"{rel.value} cannot join {source.value} to {target.value}")
    if from_id == to_id:
        raise ConflictError(f"{rel.value} cannot join {from_id!r} to itself")
    return source, target


async def _no_cycle(tx: Tx, label: Label, from_id: str, to_id: str) -> None:
    """Refuse a PART_OF that would close a cycle, naming the path it would close."""
    await tx.run(PART_OF_LOCK)
    rows = await tx.run(_reach(label), {"fromId": from_id, "toId": to_id})
    if rows:
        path = " -> ".join(rows[0]["path"])
        raise ConflictError(
            f"PART_OF {from_id!r} -> {to_id!r} would make a cycle: {to_id!r} is already "
            f"part of {from_id!r} through {path}"
        )


async def link(
    db: Database,
    rel: RelType,
    from_id: str,
    to_id: str,
    props: Props,
    sources: list[Source],
    *,
    author: str,
) -> bool:
    """Create or update one relationship; True when it was created."""

    async def work(tx: Tx) -> bool:
        source, target = await _ends(tx, rel, from_id, to_id)
        if rel is RelType.PART_OF:
            await _no_cycle(tx, source, from_id, to_id)
        ends = {"fromId": from_id, "toId": to_id}
        rows = await tx.run(_rel_get(rel, source, target), ends)
        existing = read_sources(rows[0]["props"]) if rows else []
        full = {k: v for k, v in props.items() if v is not None}
        full.update(source_properties(merge_sources(existing, sources)))
        await tx.run(_rel_set(rel, source, target), {**ends, "props": full})
        before = rows[0]["props"] if rows else None
        subject = _joining(rel, from_id, to_id, source, target)
        await _record(tx, author, subject, before, full, sources)
        return not rows

    return await _claimed(db, work)


async def unlink(db: Database, rel: RelType, from_id: str, to_id: str, *, author: str) -> None:
    async def work(tx: Tx) -> None:
        source, target = await _ends(tx, rel, from_id, to_id)
        ends = {"fromId": from_id, "toId": to_id}
        rows = await tx.run(_rel_get(rel, source, target), ends)
        if not rows:
            raise NotFoundError(f"no {rel.value} from {from_id!r} to {to_id!r}")
        await tx.run(_rel_delete(rel, source, target), ends)
        subject = _joining(rel, from_id, to_id, source, target)
        await _record(tx, author, subject, rows[0]["props"], None)

    await _claimed(db, work)


def _check_ranges(props: Props) -> None:
    """An update merges with what is stored: the span it leaves must still be one."""
    for first, last in DATE_RANGES:
        start, end = props.get(first), props.get(last)
        if start and end and end < start:
            raise RangeError(f"`input.{last}` {end} would be before `{first}` {start}", last)


def _plain(props: Props) -> Props:
    return {k: v for k, v in props.items() if k not in SOURCE_KEYS and k != "searchText"}


def _joining(rel: RelType, from_id: str, to_id: str, source: Label, target: Label) -> Subject:
    return Subject(
        rel.value, from_id=from_id, to_id=to_id, from_label=source.value, to_label=target.value
    )


async def _record(
    tx: Tx,
    author: str,
    subject: Subject,
    before: Props | None,
    after: Props | None,
    sources: list[Source] | None = None,
    *,
    relationships: list[Props] | None = None,
    revert_of: int | None = None,
) -> history.Recorded | None:
    """Record what the write changed (nothing if nothing did), as its last statement.

    An entity that went or came back takes its relationships with it: each is recorded
    as a change of its own too (in the same statement), so the other end's history shows
    it, and the entity's change lists them all (what a revert puts back). The entity's
    change is numbered last when it went (its tombstone heads its history) and first
    when it came back (before what hangs on it)."""
    change = history.changed(
        subject,
        before,
        after,
        sources or [],
        relationships=relationships or [],
        revert_of=revert_of,
    )
    if change is None:
        return None
    went = after is None
    each = [
        history.changed(
            Subject.relationship(rel),
            rel["props"] if went else None,
            None if went else rel["props"],
            revert_of=revert_of,
        )
        for rel in relationships or []
    ]
    links = [c for c in each if c is not None]
    done = await history.record(tx, [*links, change] if went else [change, *links], author)
    return done[-1] if went else done[0]


async def _remove(
    tx: Tx, label: str, entity_id: str, current: Props, author: str, revert_of: int | None = None
) -> tuple[list[Props], history.Recorded | None]:
    """Delete a locked entity and its relationships, recording all it held; the
    relationships and the change."""
    gone = await tx.run(_relationships_of(label), {"id": entity_id})
    await tx.run(_delete(label), {"id": entity_id})
    kept = [
        {key: r[key] for key in ("type", "from", "to", "fromLabel", "toLabel", "props")}
        for r in gone
    ]
    subject = Subject(label, entity=entity_id)
    done = await _record(
        tx, author, subject, current, None, relationships=kept, revert_of=revert_of
    )
    return gone, done


# -- revert ----------------------------------------------------------------------------


def _shown(key: str) -> str:
    return "sources" if key in SOURCE_KEYS else key


def _check_unchanged(
    seq: int, what: str, current: Props | None, left: Props | None, *, whole: bool
) -> None:
    """Refuse to revert change ``seq`` unless ``what`` is as the change left it: ``left``
    (what it set; everything, when ``whole``), or absent when ``left`` is None."""
    refused = f"change {seq} cannot be reverted:"
    if left is None:
        if current is not None:
            raise ConflictError(f"{refused} {what} exists again (it was made again since)")
        return
    if current is None:
        raise ConflictError(f"{refused} {what} no longer exists (it was deleted since)")
    keys = set(left) | ({k for k in current if k not in history.DERIVED} if whole else set())
    differs = sorted({_shown(k) for k in keys if current.get(k) != left.get(k)})
    if differs:
        raise ConflictError(
            f"{refused} {what} has changed since ({', '.join(differs)}); "
            "revert the later changes first"
        )


def _restored(current: Props, before: Props) -> Props:
    """``current`` with the properties a change set put back as they were before it."""
    merged = {k: v for k, v in current.items() if k not in history.DERIVED}
    merged.update(before)
    return _searchable(merged)


async def _revert_entity(
    tx: Tx, seq: int, change: history.Change, author: str
) -> history.Recorded | None:
    subject = change.subject
    label, entity_id = Label(subject.label).value, str(subject.entity)
    what = f"{label} {entity_id!r}"
    current = await _holder(tx, label, entity_id)
    _check_unchanged(seq, what, current, change.after, whole=change.before is None)
    if change.before is None:  # it was created: it goes (with what was linked to it since)
        assert current is not None
        _, done = await _remove(tx, label, entity_id, current, author, revert_of=seq)
        return done
    if change.after is None:  # it was deleted: it comes back with its relationships
        full = _searchable(dict(change.before))
        await tx.run(_create(label), {"props": full})
        for rel in change.relationships:
            await _restore_link(tx, seq, rel)
        return await _record(
            tx,
            author,
            subject,
            None,
            full,
            relationships=list(change.relationships),
            revert_of=seq,
        )
    assert current is not None
    full = _restored(current, change.before)
    try:
        _check_ranges(full)
    except RangeError as exc:
        raise ConflictError(f"change {seq} cannot be reverted: {exc}") from None
    await tx.run(_replace(label), {"id": entity_id, "props": full})
    return await _record(tx, author, subject, current, full, revert_of=seq)


async def _restore_link(tx: Tx, seq: int, rel: Props) -> None:
    """Put back a relationship that went with a deleted entity."""
    rel_type, from_id, to_id = RelType(rel["type"]), rel["from"], rel["to"]
    try:
        joined = Subject.relationship(rel)
        source, target = await _ends(tx, rel_type, from_id, to_id, joined=joined)
    except (NotFoundError, ConflictError) as exc:
        raise ConflictError(
            f"change {seq} cannot be reverted: its {rel_type.value} {from_id!r} -> {to_id!r} "
            f"cannot come back ({exc}); restore that entity first"
        ) from None
    if rel_type is RelType.PART_OF:
        await _no_cycle(tx, source, from_id, to_id)
    ends = {"fromId": from_id, "toId": to_id}
    await tx.run(_rel_set(rel_type, source, target), {**ends, "props": rel["props"]})


async def _revert_link(
    tx: Tx, seq: int, change: history.Change, author: str
) -> history.Recorded | None:
    subject = change.subject
    rel, from_id, to_id = RelType(subject.label), str(subject.from_id), str(subject.to_id)
    what = f"{rel.value} {from_id!r} -> {to_id!r}"
    try:
        source, target = await _ends(tx, rel, from_id, to_id, joined=subject)
    except (NotFoundError, ConflictError) as exc:
        raise ConflictError(f"change {seq} cannot be reverted: {exc}") from None
    ends = {"fromId": from_id, "toId": to_id}
    rows = await tx.run(_rel_get(rel, source, target), ends)
    current: Props | None = rows[0]["props"] if rows else None
    _check_unchanged(seq, what, current, change.after, whole=change.before is None)
    if change.before is None:  # it was made: it goes
        await tx.run(_rel_delete(rel, source, target), ends)
        return await _record(tx, author, subject, current, None, revert_of=seq)
    if change.after is None:  # it was removed: it comes back
        if rel is RelType.PART_OF:
            await _no_cycle(tx, source, from_id, to_id)
        full = dict(change.before)
    else:
        assert current is not None
        full = {k: v for k, v in {**current, **change.before}.items() if v is not None}
        try:
            _check_ranges(full)
        except RangeError as exc:
            raise ConflictError(f"change {seq} cannot be reverted: {exc}") from None
    await tx.run(_rel_set(rel, source, target), {**ends, "props": full})
    return await _record(tx, author, subject, current, full, revert_of=seq)


async def revert(db: Database, seq: int, *, author: str) -> history.Recorded:
    """Undo change ``seq``: what it changed goes back to how it was before, provided
    nothing has changed it since (``ConflictError`` naming what did). The revert is a
    change of its own (``revert_of``), so it can be reverted in turn, and is returned."""

    async def work(tx: Tx) -> history.Recorded:
        found = await history.one(tx, seq)
        if found is None:
            raise NotFoundError(f"no change has id {str(seq)!r}")
        change = found.change
        if change.subject.is_relationship:
            done = await _revert_link(tx, seq, change, author)
        else:
            done = await _revert_entity(tx, seq, change, author)
        if done is None:  # it changed nothing (cannot happen once the checks pass)
            raise ConflictError(f"change {seq} cannot be reverted: nothing is left to undo")
        return done

    return await _claimed(db, work)
