"""The change feed behind subscriptions (``resolvers.live``), against a history kept in
memory: order, fan-out from one poll, resuming from behind what is kept, retrying a
failed read, the limit on followers, and which changes a filter lets through."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

import pytest

from graph.errors import DatabaseUnavailable
from graph.history import Change, Recorded, Subject
from resolvers import live
from resolvers.errors import BadInput
from resolvers.live import ChangeFeed, TooManySubscriptions, change_filter, matches
from tests.support import run_async


class History:
    """``graph.history``'s reads over a list, counting them; ``failing`` reads raise."""

    def __init__(self) -> None:
        self.recorded: list[Recorded] = []
        self.reads = 0
        self.failing = 0

    def add(self, entity: str, label: str = "Mission") -> Recorded:
        seq = len(self.recorded) + 1
        change = Change(Subject(label, entity=entity), None, {"name": entity})
        recorded = Recorded(seq, "2026-12-01T00:00:00Z", "test", change)
        self.recorded.append(recorded)
        return recorded

    async def version(self, db: Any) -> int:
        return len(self.recorded)

    async def changes(self, db: Any, after: int | None, first: int) -> list[Recorded]:
        self.reads += 1
        if self.failing:
            self.failing -= 1
            raise DatabaseUnavailable("down")
        return [r for r in self.recorded if r.seq > (after or 0)][:first]


@pytest.fixture
def history(monkeypatch: pytest.MonkeyPatch) -> History:
    fake = History()
    monkeypatch.setattr(live, "history", fake)
    return fake


async def take(stream: AsyncIterator[Recorded], n: int) -> list[int]:
    return [(await asyncio.wait_for(anext(stream), 2)).seq for _ in range(n)]


async def followed() -> tuple[ChangeFeed, AsyncGenerator[Recorded], asyncio.Future[Recorded]]:
    """A feed, one follower from now, and its first change to come (once it is waiting)."""
    feed = ChangeFeed(None, interval=0.01, max_followers=10)
    stream = feed.follow(None)
    waiting = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0.05)
    return feed, stream, waiting


def test_followers_get_every_change_in_order_from_one_poll(history: History) -> None:
    async def scenario() -> None:
        feed = ChangeFeed(None, interval=0.01, max_followers=10)
        history.add("before")  # committed before anyone followed: not sent
        streams = [feed.follow(None) for _ in range(3)]
        firsts = [asyncio.ensure_future(anext(s)) for s in streams]
        await asyncio.sleep(0.05)
        reads_idle = history.reads
        for n in range(5):
            history.add(f"m{n}")
        assert [(await f).seq for f in firsts] == [2, 2, 2]
        for stream in streams:
            assert await take(stream, 4) == [3, 4, 5, 6]
        # Three followers, and still one read per interval (not one each).
        await asyncio.sleep(0.1)
        assert history.reads - reads_idle < 0.25 / 0.01
        for stream in streams:
            await stream.aclose()
        # Nobody follows: the poller is gone.
        assert feed.followers == 0 and feed._poller is None
        reads = history.reads
        await asyncio.sleep(0.05)
        assert history.reads == reads

    run_async(scenario())


def test_a_follower_resumes_from_before_what_is_kept(
    history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "KEPT", 3)
    monkeypatch.setattr(live, "PAGE", 2)

    async def scenario() -> None:
        feed, watcher, waiting = await followed()
        for n in range(8):
            history.add(f"m{n}")
        assert (await waiting).seq == 1
        assert await take(watcher, 7) == [2, 3, 4, 5, 6, 7, 8]
        # Only the last three are kept; one resuming after change 1 reads its way forward.
        late = feed.follow(1)
        assert await take(late, 7) == [2, 3, 4, 5, 6, 7, 8]
        history.add("m8")
        assert await take(late, 1) == [9]
        assert await take(watcher, 1) == [9]
        await late.aclose()
        await watcher.aclose()

    run_async(scenario())


def test_a_failed_read_is_retried_and_nothing_is_lost(
    history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "RETRY_FIRST", 0.01)

    async def scenario() -> None:
        _, stream, waiting = await followed()
        history.failing = 3
        history.add("a")
        history.add("b")
        assert (await asyncio.wait_for(waiting, 2)).seq == 1
        assert await take(stream, 1) == [2]
        await stream.aclose()

    run_async(scenario())


def test_followers_are_limited(history: History) -> None:
    async def scenario() -> None:
        feed = ChangeFeed(None, interval=0.01, max_followers=1)
        first = feed.follow(None)
        waiting = asyncio.ensure_future(anext(first))
        await asyncio.sleep(0.02)
        with pytest.raises(TooManySubscriptions):
            await anext(feed.follow(None))
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await first.aclose()
        assert feed.followers == 0

    run_async(scenario())


def test_a_resumed_subscription_is_bounded(
    history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not after a change the graph has not recorded, nor further back than MAX_BACKLOG
    (a filter nothing matches would read the whole history without backpressure)."""
    monkeypatch.setattr(live, "MAX_BACKLOG", 3)

    async def scenario() -> None:
        feed = ChangeFeed(None, interval=0.01, max_followers=10)
        for n in range(5):
            history.add(f"m{n}")
        with pytest.raises(BadInput, match="has not recorded"):
            await anext(feed.follow(6))
        with pytest.raises(BadInput, match="4 changes back"):
            await anext(feed.follow(1))
        ok = feed.follow(2)
        assert await take(ok, 3) == [3, 4, 5]
        await ok.aclose()
        assert feed.followers == 0

    run_async(scenario())


def _relationship(rel: str, ends: tuple[str, str], labels: tuple[str, str]) -> Recorded:
    subject = Subject(rel, from_id=ends[0], to_id=ends[1], from_label=labels[0], to_label=labels[1])
    return Recorded(1, "t", "test", Change(subject, None, {}))


def test_filters_match_entities_and_either_end_of_a_relationship() -> None:
    entity = Recorded(1, "t", "test", Change(Subject("Officer", entity="o1"), None, {}))
    posted = _relationship("POSTED_TO", ("o1", "city-x"), ("Officer", "Location"))
    assert matches(entity, None, None) and matches(posted, None, None)
    assert matches(entity, frozenset({"Officer"}), None)
    assert not matches(entity, frozenset({"Mission"}), None)
    assert matches(posted, frozenset({"POSTED_TO"}), None)
    assert matches(posted, frozenset({"Location"}), None)
    assert not matches(posted, frozenset({"Mission", "LOCATED_IN"}), None)
    assert matches(posted, None, frozenset({"city-x"}))
    assert not matches(entity, None, frozenset({"city-x"}))
    # Both kinds given: a change must pass both.
    assert matches(posted, frozenset({"Officer"}), frozenset({"city-x"}))
    assert not matches(posted, frozenset({"Mission"}), frozenset({"city-x"}))


def test_filters_are_checked_against_the_model() -> None:
    assert change_filter(["Mission", "POSTED_TO"], ["m-1"]) == (
        frozenset({"Mission", "POSTED_TO"}),
        frozenset({"m-1"}),
    )
    assert change_filter(None, None) == (None, None)
    with pytest.raises(BadInput, match="Misson"):
        change_filter(["Misson"], None)
    with pytest.raises(BadInput, match="at most"):
        change_filter(None, [f"x-{n}" for n in range(live.MAX_IDS + 1)])
