"""Migrations with a fake database (no engine): they create what the engine's features
need, so they never guess what the engine can do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

import pytest

from graph.capabilities import FULLTEXT_PROBE
from graph.db import Database, Params, Row, create_driver
from graph.errors import DatabaseUnavailable
from graph.migrations import FULLTEXT_MIGRATIONS, MIGRATIONS, migrate
from tests.support import run_async


class FakeDatabase(Database):
    """Answers the probes as told and records the statements written."""

    def __init__(self, *, fulltext: bool | None) -> None:
        super().__init__(
            create_driver("bolt://127.0.0.1:1", ("u", "p"), retry_time=0), "x", timeout=1
        )
        self.fulltext = fulltext
        self.written: list[str] = []

    async def _probe(self, query: LiteralString) -> list[Row]:
        if self.fulltext is None:
            raise DatabaseUnavailable("the database is unavailable")
        if query == FULLTEXT_PROBE:
            return [{"fulltext": int(self.fulltext)}]
        return []

    async def write(
        self, statements: Sequence[tuple[LiteralString, Params]], **_: Any
    ) -> list[list[Row]]:
        self.written += [query for query, _ in statements]
        return []


def _migrate(db: FakeDatabase) -> int:
    async def run() -> int:
        try:
            return await migrate(db)
        finally:
            await db.close()

    return run_async(run())


def test_an_engine_with_full_text_gets_the_search_index() -> None:
    db = FakeDatabase(fulltext=True)
    assert _migrate(db) == len(MIGRATIONS) + len(FULLTEXT_MIGRATIONS)
    assert db.written == [*MIGRATIONS, *FULLTEXT_MIGRATIONS]


def test_an_engine_without_full_text_gets_none() -> None:
    db = FakeDatabase(fulltext=False)
    assert _migrate(db) == len(MIGRATIONS)
    assert db.written == list(MIGRATIONS)


def test_an_unanswered_probe_stops_the_migrations_rather_than_guess() -> None:
    # Guessing "no full-text" would skip the index, and search would later ask for it.
    db = FakeDatabase(fulltext=None)
    with pytest.raises(DatabaseUnavailable):
        _migrate(db)
    assert db.written == []
