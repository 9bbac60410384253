"""Citations share reads of the graph's version (``resolvers.history.version_since``):
a read serves the requests that began before it began, never one that began after."""

from __future__ import annotations

import asyncio
import time
from typing import Any, LiteralString

from resolvers.history import version_since
from tests.support import run_async


class CountingDatabase:
    """Answers the version read with the number of reads so far."""

    def __init__(self) -> None:
        self.reads = 0

    async def read(self, query: LiteralString, params: dict[str, Any] | None = None) -> list[Any]:
        self.reads += 1
        await asyncio.sleep(0.01)
        return [{"seq": self.reads}]


def test_requests_under_way_share_a_read_begun_since_they_began() -> None:
    async def scenario() -> None:
        db = CountingDatabase()
        first_began = time.monotonic()
        first = version_since(db, first_began)
        also_under_way = version_since(db, first_began)  # began before the read did
        assert also_under_way is first
        assert await first == await also_under_way
        assert db.reads == 1
        # Done, and still newer than a request that began before it: shared.
        assert await version_since(db, first_began) == await first
        assert db.reads == 1
        # A request that began after the read began gets a read of its own.
        later = version_since(db, time.monotonic())
        assert later is not first
        await later
        assert db.reads == 2

    run_async(scenario())


def test_each_database_has_its_own_reads() -> None:
    async def scenario() -> None:
        one, two = CountingDatabase(), CountingDatabase()
        began = time.monotonic()
        await asyncio.gather(version_since(one, began), version_since(two, began))
        assert (one.reads, two.reads) == (1, 1)

    run_async(scenario())
