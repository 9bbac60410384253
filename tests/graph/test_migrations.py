"""Migrations with a fake database (no engine): they create what the engine's features
need, so they never guess what the engine can do, and they fill in the id registry only
when it is behind. Then, on the real engines, the registry filled in for a graph from
before it, and kept by the seed loader."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

import pytest

from cli.main import open_database
from graph import loading
from graph.capabilities import FULLTEXT_PROBE
from graph.db import Database, Params, Row, create_driver
from graph.errors import ConflictError, ConstraintViolation, DatabaseUnavailable
from graph.migrations import (
    FIGURE_DEFAULTS,
    FULLTEXT_MIGRATIONS,
    ID_LABELS,
    MIGRATIONS,
    REGISTRY_COUNTS,
    SHARED_IDS,
    migrate,
    register,
    unregister_stale,
)
from graph.settings import Settings
from tests.cypherlint.client import CypherLinter
from tests.support import run_async


class FakeDatabase(Database):
    """Answers the probes and the registry's reads as told and records the statements
    written."""

    def __init__(
        self,
        *,
        fulltext: bool | None,
        counts: tuple[int, int] = (0, 0),
        shared: list[Row] | None = None,
    ) -> None:
        super().__init__(
            create_driver("bolt://127.0.0.1:1", ("u", "p"), retry_time=0), "x", timeout=1
        )
        self.fulltext = fulltext
        self.counts = counts
        self.shared = shared or []
        self.written: list[str] = []
        self.transactions = 0

    async def _probe(self, query: LiteralString, *, rolled_back: bool = False) -> list[Row]:
        if self.fulltext is None:
            raise DatabaseUnavailable("the database is unavailable")
        if query == FULLTEXT_PROBE:
            return [{"fulltext": int(self.fulltext)}]
        return []

    async def read(self, query: LiteralString, params: Params | None = None) -> list[Row]:
        if query == REGISTRY_COUNTS:
            registered, held = self.counts
            return [{"registered": registered, "held": held}]
        assert query == SHARED_IDS
        return self.shared

    async def write(
        self, statements: Sequence[tuple[LiteralString, Params]], **_: Any
    ) -> list[list[Row]]:
        self.transactions += 1
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
    assert db.written == [*MIGRATIONS, *FULLTEXT_MIGRATIONS, FIGURE_DEFAULTS]


def test_an_engine_without_full_text_gets_none() -> None:
    db = FakeDatabase(fulltext=False)
    assert _migrate(db) == len(MIGRATIONS)
    assert db.written == [*MIGRATIONS, FIGURE_DEFAULTS]


def test_an_unanswered_probe_stops_the_migrations_rather_than_guess() -> None:
    # Guessing "no full-text" would skip the index, and search would later ask for it.
    db = FakeDatabase(fulltext=None)
    with pytest.raises(DatabaseUnavailable):
        _migrate(db)
    assert db.written == []


def test_one_id_space_is_constrained() -> None:
    assert (
        "CREATE CONSTRAINT entity_id_id IF NOT EXISTS FOR (n:EntityId) REQUIRE n.id IS UNIQUE"
        in MIGRATIONS
    )


def test_a_graph_from_before_the_registry_gets_every_id_registered_in_one_transaction() -> None:
    db = FakeDatabase(fulltext=False, counts=(0, 182))
    _migrate(db)
    filled = db.written[len(MIGRATIONS) :]
    # Stale registrations first (one may hold an id another label's node has now).
    assert filled == [
        *(unregister_stale(label) for label in ID_LABELS),
        *(register(label) for label in ID_LABELS),
        FIGURE_DEFAULTS,
    ]
    # The registry in one transaction, the figures' defaults in another.
    assert db.transactions == len(MIGRATIONS) + 2
    # Idempotent: a MERGE on the id and its label, for every label that holds ids.
    assert register("Location") == (
        "MATCH (n:Location) MERGE (:EntityId {id: n.id, label: 'Location'})"
    )
    assert set(ID_LABELS) == {
        "Branch",
        "Officer",
        "Location",
        "PartnerAgency",
        "Mission",
        "Figure",
        "Document",
    }


def test_ids_held_by_two_types_stop_the_migration_naming_them() -> None:
    shared = [{"id": "city-bogota", "labels": ["Officer", "Location"]}]
    db = FakeDatabase(fulltext=False, counts=(181, 182), shared=shared)
    with pytest.raises(ConflictError, match=r"city-bogota \(Officer and Location\)"):
        _migrate(db)
    assert db.written == list(MIGRATIONS)  # nothing of the registry written


# -- on the real engines: the registry filled in, and kept by the loader -------------------

OLD = "test-registry-"
CLEAN: LiteralString = "MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n"
REGISTERED: LiteralString = (
    "MATCH (k:EntityId) WHERE k.id STARTS WITH $prefix "
    "RETURN k.id AS id, k.label AS label ORDER BY id"
)


@pytest.mark.integration
def test_migrate_registers_the_ids_of_a_graph_from_before_the_registry(
    live_settings: Settings, linter: CypherLinter
) -> None:
    async def scenario() -> None:
        db = open_database(live_settings, linter.observe)
        try:
            # Written as an older version did: entities and a figure, no registry nodes,
            # and a stale registration whose node is gone.
            await db.write(
                [
                    (
                        "CREATE (:Location {id: $a}), (:Officer {id: $b}), (:Figure {id: $c}), "
                        "(:EntityId {id: $d, label: 'Mission'})",
                        {"a": f"{OLD}a", "b": f"{OLD}b", "c": f"{OLD}c", "d": f"{OLD}d"},
                    )
                ]
            )
            await migrate(db)
            assert await db.read(REGISTERED, {"prefix": OLD}) == [
                {"id": f"{OLD}a", "label": "Location"},
                {"id": f"{OLD}b", "label": "Officer"},
                {"id": f"{OLD}c", "label": "Figure"},
            ]
            counts = (await db.read(REGISTRY_COUNTS))[0]
            assert counts["registered"] == counts["held"]
            # The figure from before measures and ranks: a measure of its own, normal.
            figure = "MATCH (f:Figure {id: $c}) RETURN f.measure AS measure, f.rank AS rank"
            assert await db.read(figure, {"c": f"{OLD}c"}) == [
                {"measure": f"{OLD}c", "rank": "NORMAL"}
            ]
            # Idempotent: the counts agree, so nothing is filled in again.
            sent: list[str] = []

            def watch(query: str, params: Params) -> None:
                sent.append(query)
                linter.observe(query, params)

            db.observer = watch
            await migrate(db)
            assert REGISTRY_COUNTS in sent
            assert not {SHARED_IDS, *map(register, ID_LABELS)} & set(sent)
            db.observer = linter.observe

            # Two types holding one id (B7, before the registry): named, nothing changed.
            await db.write([("CREATE (:Mission {id: $a})", {"a": f"{OLD}a"})])
            with pytest.raises(
                ConflictError,
                match=rf"{OLD}a \((Location and Mission|Mission "
                r"and Location)\)",
            ):
                await migrate(db)
            assert len(await db.read(REGISTERED, {"prefix": OLD})) == 3

            # The seed loader registers what it writes, and refuses an id another type holds.
            await db.write([("MATCH (n:Mission {id: $a}) DELETE n", {"a": f"{OLD}a"})])
            await db.write(loading.node_statements("Branch", [{"id": f"{OLD}e", "props": {}}]))
            assert {"id": f"{OLD}e", "label": "Branch"} in await db.read(
                REGISTERED, {"prefix": OLD}
            )
            taken = [{"id": f"{OLD}a", "props": {"name": "x"}}]
            with pytest.raises(ConstraintViolation):
                await db.write(loading.node_statements("Branch", taken))
            assert await db.read("MATCH (n:Branch {id: $a}) RETURN n.id", {"a": f"{OLD}a"}) == []
        finally:
            await db.write([(CLEAN, {"prefix": OLD})])
            await db.close()

    run_async(scenario())
