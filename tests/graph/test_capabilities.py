"""The capability probes (graph/capabilities.py) against each real engine: they must find
what each engine can do, since statements are chosen by them."""

from __future__ import annotations

import pytest

from graph.capabilities import BASELINE, Capabilities
from graph.db import Database, create_driver
from graph.settings import Settings
from tests.support import run_async

pytestmark = pytest.mark.integration

EXPECTED = {
    "neo4j": Capabilities(fulltext=True, nested_maps=True, filtered_shortest_path=True),
    "arcadedb": Capabilities(fulltext=False, nested_maps=False),
}


def _database(live_settings: Settings) -> Database:
    assert live_settings.neo4j_uri is not None
    auth = (live_settings.neo4j_user, live_settings.neo4j_password.get_secret_value())
    driver = create_driver(live_settings.neo4j_uri, auth, retry_time=1)
    return Database(driver, live_settings.neo4j_database, timeout=10)


def test_probes_find_what_the_engine_can_do(live_settings: Settings, engine: str) -> None:
    async def probe() -> tuple[Capabilities, Capabilities]:
        db = _database(live_settings)
        try:
            return await db.capabilities(), await db.capabilities()
        finally:
            await db.close()

    first, again = run_async(probe())
    assert first == EXPECTED[engine]
    assert again is first  # probed once, then kept


def test_the_shortest_path_probe_leaves_nothing_behind(live_settings: Settings) -> None:
    async def probe_then_look() -> list[dict[str, object]]:
        db = _database(live_settings)
        try:
            await db.capabilities()
            return await db.read(
                "MATCH (n:Location) WHERE n.id STARTS WITH 'capability-probe' RETURN n.id AS id"
            )
        finally:
            await db.close()

    assert run_async(probe_then_look()) == []


def test_an_unreachable_engine_gets_the_common_subset_and_is_asked_again() -> None:
    async def probe() -> tuple[Capabilities, Capabilities | None]:
        db = Database(
            create_driver("bolt://127.0.0.1:1", ("u", "p"), retry_time=0), "neo4j", timeout=1
        )
        try:
            return await db.capabilities(), db._capabilities
        finally:
            await db.close()

    found, kept = run_async(probe())
    assert found == BASELINE
    assert kept is None
