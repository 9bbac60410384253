"""The edit history as the API serves it: an entity's changes, all changes by cursor,
and editors' reverts (``graph.history`` records them, ``graph.writes`` reverts)."""

from __future__ import annotations

import asyncio
import time
from typing import Any
from weakref import WeakKeyDictionary

from graph import history, writes
from graph.db import uncounted
from graph.errors import ConflictError, GraphError, NotFoundError
from graph.history import Recorded
from graph.model import SOURCE_KEYS
from graph.provenance import read_sources, source_row, step_row
from graph.settings import Role
from resolvers import paging
from resolvers.auth import require
from resolvers.errors import BadInput, NotFound
from resolvers.mutations import Conflict, check_id

Row = dict[str, Any]

# What a history cursor names: a change's number (the same for both lists, which are
# ordered by it, one newest first and one oldest first).
BY_CHANGE = "CHANGE"


def _properties(before: Row | None, after: Row | None) -> list[Row]:
    """Each changed property (sources apart: they have fields of their own)."""
    old, new = before or {}, after or {}
    names = sorted((old.keys() | new.keys()) - set(SOURCE_KEYS))
    return [{"name": name, "before": old.get(name), "after": new.get(name)} for name in names]


def _relationship(rel: Row) -> Row:
    return step_row(rel["type"], rel["from"], rel["to"], rel["props"])


def change_row(recorded: Recorded) -> Row:
    """A recorded change, shaped as the ``Change`` type."""
    change, subject = recorded.change, recorded.change.subject
    return {
        "id": str(recorded.seq),
        "at": recorded.at,
        "by": recorded.by,
        "action": change.action.value,
        "entityId": subject.entity,
        "entityType": None if subject.is_relationship else subject.label,
        "relationship": (
            {"type": subject.label, "from": subject.from_id, "to": subject.to_id}
            if subject.is_relationship
            else None
        ),
        "properties": _properties(change.before, change.after),
        "sources": [source_row(s) for s in change.sources],
        "sourcesBefore": [source_row(s) for s in read_sources(change.before or {})],
        "relationships": [_relationship(rel) for rel in change.relationships],
        "revertOf": None if change.revert_of is None else str(change.revert_of),
    }


def _page(found: list[Recorded], first: int, after: str | None) -> Row:
    """A page of changes (fetched with ``first + 1``), keyed by their numbers; on an empty
    one the end cursor stays where it was (``after``), so a client polling ``changes``
    keeps its place."""
    rows = [{**change_row(item), "__key": item.seq} for item in found]
    page = paging.connection(rows, None, first, BY_CHANGE)
    if not page["edges"]:
        page["pageInfo"]["endCursor"] = after
    return page


def page_after(arguments: Row) -> tuple[int, int | None]:
    """``first`` (checked as every page's) and the change number ``after`` names."""
    page = paging.page_from_arguments(arguments, wants_total=False, sort=BY_CHANGE)
    if page.after is None:
        return page.first, None
    key, _ = page.after
    if not isinstance(key, int) or isinstance(key, bool) or not 0 <= key <= history.NEWEST:
        raise BadInput("`after` is not a cursor this API issued", argument="after")
    return page.first, key


async def entity_history(info: Any, entity_id: str, arguments: Row) -> Row:
    """An entity's changes (and its relationships'), newest first; a deleted entity's too."""
    check_id(entity_id, "id")
    first, before = page_after(arguments)
    found = await history.history(info.context.db, entity_id, first + 1, before)
    return _page(found, first, arguments.get("after"))


async def changes(info: Any, arguments: Row) -> Row:
    """Every change after the cursor, oldest first."""
    first, after = page_after(arguments)
    found = await history.changes(info.context.db, after, first + 1)
    return _page(found, first, arguments.get("after"))


def change_number(change_id: str) -> int:
    if not change_id.isascii() or not change_id.isdigit() or len(change_id) > 18:
        raise BadInput(f"`changeId` {change_id[:40]!r} is not a change id", argument="changeId")
    return int(change_id)


async def revert(info: Any, change_id: str) -> Row:
    """Undo a change (editors only); the revert is recorded as a change of its own."""
    editor = require(info.context.principal, Role.EDITOR)
    seq = change_number(change_id)
    try:
        done = await writes.revert(info.context.db, seq, author=editor.subject)
    except NotFoundError as exc:
        raise NotFound(str(exc)) from None
    except ConflictError as exc:
        raise Conflict(str(exc)) from None
    return change_row(done)


async def data_version(db: Any) -> str | None:
    """The graph's version as a citation names it: the cursor of its last change (the
    end cursor ``changes`` would give), which ``changes(after:)`` takes to list what
    changed since. Not counted among the request's statements; None when the database
    cannot say (the response's own errors tell why)."""
    try:
        with uncounted():
            seq = await history.version(db)
    except GraphError:
        return None
    return paging.encode_cursor(BY_CHANGE, seq, str(seq))


# Per database handle: the latest read of its version, and when it started.
_latest: WeakKeyDictionary[Any, tuple[float, asyncio.Future[str | None]]] = WeakKeyDictionary()


def version_since(db: Any, started: float) -> asyncio.Future[str | None]:
    """``data_version`` read at or after ``started`` (``time.monotonic()``): the latest read
    if it began since (under way or done), else a new one.

    Requests under way share reads: a citation names the graph's state at some moment
    of its own request, so a read that began after a request began serves it as well as
    its own would (a change committing meanwhile may or may not be in the answer either
    way), and one the request began after never serves it (a change it may already see
    would be missing). At concurrency this saves a statement for most requests."""
    latest = _latest.get(db)
    loop = asyncio.get_running_loop()
    if latest is not None and latest[0] >= started and latest[1].get_loop() is loop:
        return latest[1]
    began = time.monotonic()
    reading = asyncio.ensure_future(data_version(db))
    _latest[db] = (began, reading)
    return reading
