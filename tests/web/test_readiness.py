"""/ready is honest: 503 while the engine is down, 200 again once it is back, no restart."""

from __future__ import annotations

import asyncio
import time

import pytest
from starlette.testclient import TestClient

from graph.db import Database, Tx, create_driver
from graph.engine import BoltServer
from graph.errors import DatabaseUnavailable
from tests.support import run_async, settings_for
from web.app import create_app

pytestmark = pytest.mark.integration

QUERY = '{ location(id: "city-bogota") { name } }'


def test_ready_follows_the_engine(own_engine: BoltServer) -> None:
    engine = own_engine
    settings = settings_for(engine, IPGRAPH_RETRY_TIME=1.0)
    try:
        with TestClient(create_app(settings)) as client:
            assert client.get("/ready").status_code == 200
            engine.stop()
            started = time.monotonic()
            down = client.get("/ready")
            assert down.status_code == 503
            assert down.json()["status"] == "unavailable"
            assert "reason" in down.json()
            assert time.monotonic() - started < 5, "readiness must answer quickly"
            # Health is about the process, not the database.
            assert client.get("/health").status_code == 200
            # A query gets a clean 503-style answer, quickly (bounded retries).
            started = time.monotonic()
            response = client.post("/graphql", json={"query": QUERY})
            assert time.monotonic() - started < 8, "the driver retried for too long"
            assert response.status_code == 503
            body = response.json()
            assert body["data"] == {"location": None}
            assert body["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"
            assert "bolt" not in response.text.lower()
            engine.start()
            deadline = time.monotonic() + 30
            while client.get("/ready").status_code != 200:
                assert time.monotonic() < deadline, "the service did not recover by itself"
                time.sleep(0.2)
            # ...and serves queries again, without a restart.
            again = client.post("/graphql", json={"query": QUERY})
            assert again.status_code == 200
            assert again.json()["data"] == {"location": None}
    finally:
        engine.stop()


def test_a_write_cut_by_the_engine_going_away_leaves_nothing(own_engine: BoltServer) -> None:
    engine = own_engine

    async def scenario() -> list[dict[str, object]]:
        driver = create_driver(engine.uri, engine.auth, retry_time=1.0)
        # Time enough for a server to shut down with a transaction open (Neo4j waits for
        # it): this test is about what is left behind, not about the deadline.
        db = Database(driver, engine.database, timeout=60)

        async def write_then_lose_the_engine(tx: Tx) -> None:
            await tx.run("CREATE (n:Mission {id: $id})", {"id": "cut-write"})
            await asyncio.to_thread(engine.stop)  # the database goes away mid-transaction
            await tx.run("CREATE (n:Mission {id: $id})", {"id": "cut-write-2"})

        try:
            with pytest.raises(DatabaseUnavailable):
                await db.transaction(write_then_lose_the_engine)
            engine.start()
            return await db.read(
                "MATCH (n:Mission) WHERE n.id STARTS WITH $p RETURN n.id AS id", {"p": "cut-write"}
            )
        finally:
            await db.close()

    try:
        assert run_async(scenario()) == []
    finally:
        engine.stop()
