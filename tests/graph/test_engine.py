"""The embedded engine: a child process on loopback, durable, never outliving its parent."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from graph.engine import EmbeddedEngine
from graph.errors import EngineError
from tests.support import assert_server_dies_with_its_killed_parent, wait_gone

pytestmark = pytest.mark.integration


def test_restart_keeps_data_and_stop_leaves_no_process(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path, "neo4j")
    engine.start()
    first_pid = engine.pid
    assert first_pid is not None
    with neo4j.GraphDatabase.driver(engine.uri, auth=engine.auth) as driver:
        driver.execute_query(
            "MERGE (n:Location {id: $id}) SET n.name = $name",
            id="durable",
            name="Kept",
            database_="neo4j",
        )
    engine.stop()
    assert wait_gone(first_pid)
    # Same ports after a restart: drivers configured before reconnect by themselves.
    engine.start()
    try:
        with neo4j.GraphDatabase.driver(engine.uri, auth=engine.auth) as driver:
            records, _, _ = driver.execute_query(
                "MATCH (n:Location {id: $id}) RETURN n.name AS name",
                id="durable",
                database_="neo4j",
            )
        assert [r["name"] for r in records] == ["Kept"]
    finally:
        engine.stop()


def test_engine_binds_loopback_only_and_its_own_http_port(tmp_path: Path) -> None:
    with EmbeddedEngine(tmp_path, "neo4j") as engine:
        listening = Path("/proc/net/tcp").read_text() + Path("/proc/net/tcp6").read_text()
        for port in (engine.bolt_port, engine.http_port):
            # 127.0.0.1 as /proc/net shows it: plain IPv4, or IPv4-mapped on an IPv6 socket.
            loopback = (f"0100007F:{port:04X}", f"0000000000000000FFFF00000100007F:{port:04X}")
            anywhere = (f"00000000:{port:04X}", f"{'0' * 32}:{port:04X}")
            assert any(a in listening for a in loopback)
            assert not any(a in listening for a in anywhere)


def test_engine_dies_with_a_killed_parent(tmp_path: Path) -> None:
    assert_server_dies_with_its_killed_parent(f'EmbeddedEngine(Path({str(tmp_path)!r}), "neo4j")')


def test_startup_failure_is_reported_clearly(tmp_path: Path) -> None:
    first = EmbeddedEngine(tmp_path, "neo4j")
    first.start()
    try:
        # A second engine on the same data directory cannot open the locked database.
        second = EmbeddedEngine(tmp_path, "neo4j", startup_timeout=60)
        with pytest.raises(EngineError) as caught:
            second.start()
        message = str(caught.value)
        assert message.startswith("the embedded engine exited with code 3 during startup")
        assert "locked" in message  # the engine's own reason, from its log
        assert second.pid is None
        assert not second.running()
    finally:
        first.stop()
