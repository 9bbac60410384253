"""Shared fixtures: the Bolt engines under test, the seeded graph, the service in-process,
and Neo4j's Cypher linter watching every statement.

`Two tiers: unit tests need Python alone (``-m "not integration"``: no engine, no Node, no
JVM); integration tests (``@pytest.mark.integration``) run against real Bolt servers, and
every statement they send goes through Neo4j's Cypher front end (Node).

``IPGRAPH_TEST_ENGINE`` chooses what the integration tests run against: ``arcadedb`` (the
embedded engine), ``neo4j`` (a real Neo4j 5.26 started by ``tests/neo4j/run``, or the
server ``NEO4J_URI`` names) or ``both`` (the default: every integration test runs on each,
its id ending in ``[arcadedb]`` or ``[neo4j]``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.testclient import TestClient
from xdist.scheduler import LoadScopeScheduling

from cli.main import prepare
from graph.engine import BoltServer, free_port
from graph.settings import Settings
from tests.cypherlint.client import CypherLinter
from tests.support import external_neo4j, run_async, settings_for, start_engine
from web.app import create_app


def _fail_on_lint(linter: CypherLinter) -> None:
    # Seeding runs before any test, so no test's own check would see its statements.
    if linter.failures:
        pytest.fail(
            "Neo4j's Cypher front end rejects seeding statements:\n" + "\n".join(linter.failures)
        )


@pytest.fixture(scope="session")
def linter(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CypherLinter]:
    # Under pytest-xdist the workers share the run's folder and one linter server, which
    # lives as long as the controller (their parent).
    worker = hasattr(request.config, "workerinput")
    run_dir = tmp_path_factory.getbasetemp()
    lint = CypherLinter.shared(
        run_dir.parent if worker else run_dir, os.getppid() if worker else os.getpid()
    )
    yield lint
    lint.close()


@pytest.fixture(autouse=True)
def _no_statement_neo4j_would_reject(request: pytest.FixtureRequest) -> Iterator[None]:
    # Only integration tests send statements; the unit tier needs no Node (no linter).
    if request.node.get_closest_marker("integration") is None:
        yield
        return
    linter: CypherLinter = request.getfixturevalue("linter")
    before = len(linter.failures)
    yield
    new = linter.failures[before:]
    if new:
        pytest.fail("Neo4j's Cypher front end rejects statements sent:\n" + "\n".join(new))


ENGINES = ("arcadedb", "neo4j")

# Most of the Neo4j instances the suite starts (a score of them) serve one fault test each,
# too briefly for the optimizing JIT to pay: the quick one alone starts Neo4j with about
# two thirds of the CPU (tests/neo4j/run passes NEO4J_JAVA_OPTS on). The session's Neo4j
# keeps it (``start_engine(lasting=True)``): without it, its heaviest test (the
# plain-fields comparison) took 110 s instead of 77.
os.environ.setdefault("NEO4J_JAVA_OPTS", "-XX:TieredStopAtLevel=1")


def _engines_under_test() -> list[str]:
    chosen = os.environ.get("IPGRAPH_TEST_ENGINE", "both").strip().lower()
    if chosen == "both":
        return list(ENGINES)
    if chosen not in ENGINES:
        raise pytest.UsageError(f"IPGRAPH_TEST_ENGINE={chosen!r}: choose arcadedb, neo4j or both")
    return [chosen]


class ByEngine(LoadScopeScheduling):
    """pytest-xdist's scheduling for this suite (`scripts/test` runs the integration tier
    with ``-n 2``): every test of one engine goes to the same worker, so each worker starts
    one engine, seeds it and serves it once; the tests of neither engine fill in."""

    def _split_scope(self, nodeid: str) -> str:
        # The engine is a session fixture's parameter: one of the dash-separated parts of
        # the id in brackets. (xdist_group marks cannot say it: pytest 9 ignores the node
        # ids pytest-xdist 3.8 rewrites for them.)
        _, bracket, ids = nodeid.partition("[")
        parts = ids.removesuffix("]").split("-") if bracket else []
        return next((name for name in ENGINES if name in parts), nodeid)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> ByEngine:
    return ByEngine(config, log)


@pytest.fixture(scope="session", params=_engines_under_test())
def engine(request: pytest.FixtureRequest) -> str:
    """The engine kind this test runs against (``arcadedb`` or ``neo4j``)."""
    return str(request.param)


@pytest.fixture
def own_engine(engine: str, tmp_path: Path) -> Iterator[BoltServer]:
    """A fresh engine of the kind under test for this test alone, which it may stop and
    start again (fault tests); stopped afterwards."""
    if external_neo4j(engine):
        pytest.skip("needs an engine the suite starts itself (NEO4J_URI names an outside one)")
    server = start_engine(engine, tmp_path / engine)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def live_settings(
    engine: str, tmp_path_factory: pytest.TempPathFactory, linter: CypherLinter
) -> Iterator[Settings]:
    """Settings pointing at the session's Bolt server of the kind under test, seeded."""
    if external_neo4j(engine):
        settings = Settings()
        run_async(prepare(settings, seed_if_empty=True, observer=linter.observe))
        _fail_on_lint(linter)
        yield settings
        return
    data_dir = tmp_path_factory.mktemp(engine)
    server = start_engine(engine, data_dir, lasting=True)
    settings = settings_for(server, IPGRAPH_DATA_DIR=data_dir)
    try:
        run_async(prepare(settings, seed_if_empty=True, observer=linter.observe))
        _fail_on_lint(linter)
        yield settings
    finally:
        server.stop()


@pytest.fixture(scope="session")
def client(live_settings: Settings, linter: CypherLinter) -> Iterator[TestClient]:
    """The service in-process (its lifespan runs), every statement linted."""
    with TestClient(create_app(live_settings, observer=linter.observe)) as test_client:
        yield test_client


@contextmanager
def with_api_keys(live_settings: Settings, linter: CypherLinter, keys: str) -> Iterator[TestClient]:
    """The service in-process as ``client`` is, accepting these API keys
    (``key:role,key:role``)."""
    settings = live_settings.model_copy(update={"api_keys": SecretStr(keys)})
    with TestClient(create_app(settings, observer=linter.observe)) as test_client:
        yield test_client


def gql(client: TestClient, query: str, **variables: object) -> dict[str, object]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def serving(app: Starlette) -> Iterator[str]:
    """``app`` on a real loopback port, in a thread (for browsers and other HTTP clients)."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def live_server(live_settings: Settings, linter: CypherLinter) -> Iterator[str]:
    """The service on a real loopback port."""
    with serving(create_app(live_settings, observer=linter.observe)) as url:
        yield url


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed (.ci/run installs it: apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


ARTIFACTS = ROOT / "tests" / "artifacts"
