"""Changes as they commit, for subscriptions: ``subscription { changes(types:, ids:) }``.

The edit history in the graph is the only source (no broker): each process polls it
once per interval for whatever its subscriptions have not yet seen, and hands what it
read to all of them. Every worker and every replica does the same against the same
graph, so a change made through any of them reaches the subscribers of all of them
within one interval (``IPGRAPH_CHANGE_POLL_SECONDS``).

Changes are numbered in the order they commit (``graph.history``: the counter is
written in the change's own transaction), so "everything after number n" never skips
one, and a subscription resumes from a cursor with nothing lost or repeated.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable, Collection, Iterable
from typing import Any

from graph import history
from graph.errors import GraphError
from graph.history import Recorded
from graph.model import ENTITIES, RelType
from resolvers import paging
from resolvers.errors import ApiError, BadInput
from resolvers.history import BY_CHANGE, change_row, page_after
from resolvers.mutations import check_id

log = logging.getLogger("ipgraph.live")

# Changes read per statement: a backlog (a bulk write, a resumed subscription) comes in
# pages of this size, one after another, without waiting for the next interval.
PAGE = 200
# How many of the latest changes a process keeps for its subscriptions: one that falls
# further behind (a slow client, an old cursor) reads its own way forward from the graph.
KEPT = 2000
# At most this many ids in one subscription's filter.
MAX_IDS = 500
# A subscription resumes at most this many changes back (a client further behind reads
# them with the `changes` query, a page at a time, and subscribes after its endCursor):
# catching up reads the graph, and a filter nothing matches gives no backpressure.
MAX_BACKLOG = 10_000
# Subscriptions of one process catching up at once (each reads a page at a time); the
# others wait their turn, so catching up cannot crowd out requests.
CATCHING_UP = 2
# After a failed poll, wait this long (doubled on each failure in a row, up to the cap).
RETRY_FIRST, RETRY_CAP = 0.5, 5.0


class TooManySubscriptions(ApiError):
    code = "TOO_MANY_SUBSCRIPTIONS"


class ChangeFeed:
    """One process's reading of the history for all its subscriptions.

    It polls only while someone follows it, with one statement per interval whatever the
    number of subscriptions, and keeps the last ``KEPT`` changes it read: a subscription
    takes what is new from there, and reads the graph itself only to catch up from
    further back.
    """

    def __init__(
        self,
        db: Any,
        *,
        interval: float,
        max_followers: int,
        counted: Callable[[int], None] = lambda followers: None,
    ) -> None:
        self.db = db
        self.interval = interval
        self.max_followers = max_followers
        # Told the number of followers whenever it changes (the metrics' gauge).
        self.counted = counted
        self.followers = 0
        self._recent: deque[Recorded] = deque()
        # _recent holds every change numbered in (_floor, _head].
        self._floor = self._head = 0
        self._changed = asyncio.Condition()
        self._poller: asyncio.Task[None] | None = None
        self._started: asyncio.Future[None] | None = None
        self._catching_up = asyncio.Semaphore(CATCHING_UP)

    async def follow(self, after: int | None) -> AsyncIterator[Recorded]:
        """Every change numbered above ``after`` (None: from now), in order, as it commits.
        Ends only when the caller stops iterating."""
        if self.followers >= self.max_followers:
            raise TooManySubscriptions(
                f"This server follows at most {self.max_followers} subscriptions at a time; "
                "try again later."
            )
        self.followers += 1
        self.counted(self.followers)
        try:
            await self._start()
            position = self._head if after is None else await self._checked(after)
            while True:
                if position < self._floor:
                    # Behind what is kept: read the way forward from the graph.
                    async with self._catching_up:
                        backlog = await _isolated(history.changes(self.db, position, PAGE))
                    if not backlog:  # (the kept changes start later: jump to them)
                        position = self._floor
                    for recorded in backlog:
                        position = recorded.seq
                        yield recorded
                    continue
                newer = self._since(position)
                if not newer:
                    async with self._changed:
                        await self._changed.wait_for(functools.partial(self._past, position))
                    continue  # (what is kept may have moved on past it meanwhile)
                for recorded in newer:
                    position = recorded.seq
                    yield recorded
        finally:
            self.followers -= 1
            self.counted(self.followers)
            if self.followers == 0:
                self._stop()

    async def _checked(self, after: int) -> int:
        """``after`` if a subscription may resume there: not past the last change, nor
        more than ``MAX_BACKLOG`` behind it."""
        latest = self._head
        if after > latest:  # (the poll may not have seen the newest change yet)
            latest = await _isolated(history.version(self.db))
        if after > latest:
            raise BadInput(
                f"`after` names change {after}, which this graph has not recorded (its "
                f"latest is {latest}).",
                argument="after",
            )
        if latest - after > MAX_BACKLOG:
            raise BadInput(
                f"`after` is {latest - after} changes back; a subscription resumes at most "
                f"{MAX_BACKLOG} back. Read the older ones with the `changes` query, then "
                "subscribe after its endCursor.",
                argument="after",
            )
        return after

    async def _start(self) -> None:
        if self._started is None:
            self._started = asyncio.get_running_loop().create_future()
            # A context of its own: the poller outlives the subscription that started it,
            # and must not inherit that request's deadline or statement accounting.
            self._poller = asyncio.create_task(self._poll(), context=contextvars.Context())
        await asyncio.shield(self._started)

    def close(self) -> None:
        """Stop polling (the service is stopping)."""
        self._stop()

    def _stop(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
        self._poller = self._started = None
        self._recent.clear()

    async def _poll(self) -> None:
        assert self._started is not None
        started = self._started
        failures = 0
        while True:
            try:
                if not started.done():
                    self._floor = self._head = await history.version(self.db)
                    started.set_result(None)
                found = await history.changes(self.db, self._head, PAGE)
            except Exception as exc:  # the database, or a bug: subscriptions wait, never hang up
                failures += 1
                if failures == 1:
                    expected = isinstance(exc, GraphError)
                    log.warning(
                        "cannot read the history for subscriptions: %s",
                        exc if expected else type(exc).__name__,
                        exc_info=not expected,
                    )
                await asyncio.sleep(min(RETRY_FIRST * 2 ** (failures - 1), RETRY_CAP))
                continue
            if failures:
                log.info("reading the history for subscriptions again")
            failures = 0
            if found:
                self._keep(found)
                async with self._changed:
                    self._changed.notify_all()
            if len(found) < PAGE:
                await asyncio.sleep(self.interval)

    def _past(self, position: int) -> bool:
        return self._head > position

    def _since(self, position: int) -> list[Recorded]:
        """The kept changes numbered above ``position`` (the newest are at the right)."""
        newer: list[Recorded] = []
        for recorded in reversed(self._recent):
            if recorded.seq <= position:
                break
            newer.append(recorded)
        newer.reverse()
        return newer

    def _keep(self, found: Iterable[Recorded]) -> None:
        for recorded in found:
            self._recent.append(recorded)
            self._head = recorded.seq
        while len(self._recent) > KEPT:
            self._floor = self._recent.popleft().seq


async def _isolated(read: Any) -> Any:
    """Await ``read`` outside the subscription's own context (its request's deadline
    would otherwise end a subscription that lives longer than any request)."""
    return await asyncio.create_task(read, context=contextvars.Context())


# -- one subscription -------------------------------------------------------------------

ENTITY_TYPES = frozenset(entity.label for entity in ENTITIES)
RELATIONSHIP_TYPES = frozenset(rel.value for rel in RelType)


def change_filter(
    types: Collection[str] | None, ids: Collection[str] | None
) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """The checked filter of a subscription (None: no filter of that kind)."""
    if types is not None:
        unknown = sorted(set(types) - ENTITY_TYPES - RELATIONSHIP_TYPES)
        if unknown:
            named = ", ".join(repr(name[:40]) for name in unknown[:5])
            raise BadInput(
                f"`types` names no entity or relationship type: {named}. "
                f"Entity types: {', '.join(sorted(ENTITY_TYPES))}; relationship types: "
                f"{', '.join(sorted(RELATIONSHIP_TYPES))}.",
                argument="types",
            )
    if ids is not None:
        if len(ids) > MAX_IDS:
            raise BadInput(f"`ids` may name at most {MAX_IDS} entities", argument="ids")
        for entity_id in ids:
            check_id(entity_id, "ids")
    return (
        None if types is None else frozenset(types),
        None if ids is None else frozenset(ids),
    )


def matches(recorded: Recorded, types: frozenset[str] | None, ids: frozenset[str] | None) -> bool:
    """Whether a change is one a subscription asked for: about an entity of one of
    ``types`` or one of ``ids``; or about a relationship of one of ``types`` or whose
    either end is of one of ``types`` or one of ``ids``."""
    subject = recorded.change.subject
    if subject.is_relationship:
        kinds = {subject.label, subject.from_label, subject.to_label}
        ends = {subject.from_id, subject.to_id}
    else:
        kinds, ends = {subject.label}, {subject.entity}
    return (types is None or not types.isdisjoint(kinds)) and (
        ids is None or not ids.isdisjoint(ends)
    )


class NotOverHttp(ApiError):
    code = "METHOD_NOT_ALLOWED"


def follow_changes(info: Any, arguments: dict[str, Any]) -> AsyncIterator[dict[str, Any]]:
    """The changes a subscription asked for, as edges of ``changes``: each with the cursor
    a later subscription (or the ``changes`` query) resumes after. Its arguments are
    checked here, before anything streams."""
    if not info.context.socket or info.context.feed is None:
        raise NotOverHttp(
            "Subscriptions are served over WebSocket only: connect to /graphql with the "
            "graphql-transport-ws protocol (e.g. npm's graphql-ws client)."
        )
    types, ids = change_filter(arguments.get("types"), arguments.get("ids"))
    # A citation's dataVersion is such a cursor: read, then subscribe after it, and no
    # change between the two is missed.
    after = page_after({"after": arguments.get("after")})[1]
    return _edges(info.context.feed, after, types, ids)


async def _edges(
    feed: ChangeFeed, after: int | None, types: frozenset[str] | None, ids: frozenset[str] | None
) -> AsyncIterator[dict[str, Any]]:
    async for recorded in feed.follow(after):
        if matches(recorded, types, ids):
            row = change_row(recorded)
            yield {"cursor": paging.encode_cursor(BY_CHANGE, recorded.seq, row["id"]), "node": row}
