"""``ipgraph serve`` end to end: engine child, seeding, serving, and a clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from graph.engine import free_port
from tests.support import ROOT, engine_pids, run_service

pytestmark = pytest.mark.integration

QUERY = '{ location(id: "city-bogota") { name parent { name } } }'
NAMED = "query Bogota " + QUERY


def _sample(text: str, name: str, label: str) -> float:
    """The sum of a metric's samples whose labels hold ``label``, from /metrics."""
    total = 0.0
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sample.labels.items())
            if sample.name == name and label in labels:
                total += sample.value
    return total


def _wait_no_engine(data_dir: Path, seconds: float = 20) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := engine_pids(data_dir)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def test_serve_seeds_serves_stops_and_keeps_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with run_service(data_dir) as service:
        output = "".join(service.lines)
        assert "empty graph: loading the seed data" in output
        assert len(engine_pids(data_dir)) == 1
        response = httpx.post(service.url, json={"query": QUERY}, timeout=30)
        assert response.json()["data"]["location"]["parent"]["name"] == "Colombia"
        # Ctrl-C in a terminal: SIGINT to the service.
        service.process.send_signal(signal.SIGINT)
        assert service.process.wait(30) == 0
    assert _wait_no_engine(data_dir) == [], "an engine process outlived ipgraph serve"

    # Restart on the same data: nothing to seed, same answers.
    with run_service(data_dir) as service:
        assert "empty graph" not in "".join(service.lines)
        response = httpx.post(service.url, json={"query": QUERY}, timeout=30)
        assert response.json()["data"]["location"]["name"] == "Bogota"
        service.process.send_signal(signal.SIGTERM)
        assert service.process.wait(30) == 0
    assert _wait_no_engine(data_dir) == []


def test_sigterm_during_startup_leaves_no_engine(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--port", str(free_port())],
        cwd=ROOT,
        env={**os.environ, "IPGRAPH_DATA_DIR": str(data_dir)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        # Once the engine is up the service migrates and seeds: stop it right then.
        for line in process.stderr:
            if "empty graph: loading the seed data" in line:
                break
        else:
            raise AssertionError("ipgraph serve ended before seeding")
        assert engine_pids(data_dir), "the engine should be running while seeding"
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    finally:
        process.kill()
        process.wait(10)
        if process.stderr is not None:
            process.stderr.close()
    assert _wait_no_engine(data_dir) == [], "an engine outlived a service stopped while seeding"


def test_serve_with_workers_and_neo4j_routing_scheme(tmp_path: Path) -> None:
    """Two stateless workers over one engine; then the service reaching the engine through
    the driver's neo4j:// routing scheme (the embedded engine answers routing discovery)."""
    data_dir = tmp_path / "data"
    with run_service(data_dir, args=("--workers", "2")) as service:
        for _ in range(6):
            response = httpx.post(service.url, json={"query": QUERY}, timeout=30)
            assert response.json()["data"]["location"]["name"] == "Bogota"
        # Metrics are the service's, not one worker's: every scrape (each a new
        # connection, answered by either worker) counts all the requests.
        for _ in range(6):
            httpx.post(service.url, json={"query": NAMED, "operationName": "Bogota"}, timeout=30)
        metrics = service.url.replace("/graphql", "/metrics")
        for _ in range(4):
            text = httpx.get(metrics, timeout=30).text
            assert _sample(text, "ipgraph_requests_total", 'operation="Bogota"') == 6
            assert _sample(text, "ipgraph_requests_in_flight", "") == 0
        service.process.send_signal(signal.SIGTERM)
        assert service.process.wait(30) == 0
    assert _wait_no_engine(data_dir) == []

    from graph.engine import EmbeddedEngine

    with EmbeddedEngine(data_dir, "neo4j") as engine:
        env = {
            "NEO4J_URI": f"neo4j://127.0.0.1:{engine.bolt_port}",
            "NEO4J_USER": engine.auth[0],
            "NEO4J_PASSWORD": engine.password,
        }
        with run_service(tmp_path / "unused", env=env) as service:
            response = httpx.post(service.url, json={"query": QUERY}, timeout=30)
            assert response.json()["data"]["location"]["parent"]["name"] == "Colombia"
