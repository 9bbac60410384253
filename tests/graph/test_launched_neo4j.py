"""The real Neo4j launcher (tests/neo4j/run): Neo4j 5.26 community on a loopback Bolt port,
authentication on, full-text procedures present, stopping cleanly, never outliving its
parent."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import neo4j
import pytest
from neo4j.exceptions import AuthError

from graph.engine import NEO4J_LAUNCHER, LaunchedNeo4j, free_port
from tests.support import assert_server_dies_with_its_killed_parent

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        os.environ.get("IPGRAPH_TEST_ENGINE", "both").strip().lower() == "arcadedb",
        reason="IPGRAPH_TEST_ENGINE=arcadedb: the Neo4j launcher is not under test",
    ),
]


def test_run_prints_the_uri_serves_neo4j_with_full_text_and_stops_on_sigterm(
    tmp_path: Path,
) -> None:
    port = free_port()
    password = "launcher-test-password"
    process = subprocess.Popen(
        [str(NEO4J_LAUNCHER), "--port", str(port), "--data", str(tmp_path / "home")],
        env={**os.environ, "NEO4J_PASSWORD": password},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == f"bolt://127.0.0.1:{port}"
        uri = f"bolt://127.0.0.1:{port}"
        with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
            components, _, _ = driver.execute_query(
                "CALL dbms.components() YIELD name, versions, edition RETURN *"
            )
            assert components[0]["name"] == "Neo4j Kernel"
            assert components[0]["versions"][0].startswith("5.26.")
            assert components[0]["edition"] == "community"
            procedures, _, _ = driver.execute_query(
                "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'db.index.fulltext' "
                "RETURN collect(name) AS names"
            )
            assert "db.index.fulltext.queryNodes" in procedures[0]["names"]
        # Authentication is on: a wrong password is refused.
        with (
            neo4j.GraphDatabase.driver(uri, auth=("neo4j", "wrong-password")) as driver,
            pytest.raises(AuthError),
        ):
            driver.verify_connectivity()
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    finally:
        process.kill()
        process.wait(10)
        if process.stdout is not None:
            process.stdout.close()


def test_run_refuses_a_missing_password_or_data_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(NEO4J_LAUNCHER), *args],
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    no_password = run("--data", str(tmp_path))
    assert no_password.returncode == 2
    assert "NEO4J_PASSWORD" in no_password.stderr
    no_data = run("--port", "1", NEO4J_PASSWORD="long-enough")
    assert no_data.returncode == 2
    assert "--data DIR is required" in no_data.stderr


def test_restart_keeps_data_and_password(tmp_path: Path) -> None:
    server = LaunchedNeo4j(tmp_path)
    with server:
        with neo4j.GraphDatabase.driver(server.uri, auth=server.auth) as driver:
            driver.execute_query("CREATE (:Probe {id: 'kept'})")
        server.stop()
        assert not server.running()
        server.start()
        with neo4j.GraphDatabase.driver(server.uri, auth=server.auth) as driver:
            records, _, _ = driver.execute_query("MATCH (n:Probe) RETURN n.id AS id")
        assert [r["id"] for r in records] == ["kept"]
    assert server.pid is None


def test_neo4j_dies_with_a_killed_parent(tmp_path: Path) -> None:
    assert_server_dies_with_its_killed_parent(f"LaunchedNeo4j(Path({str(tmp_path)!r}))", 60)
