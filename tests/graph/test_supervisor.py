"""Every request ends, and the engine is kept answering.

- A statement past its deadline fails with ``QueryTimeout`` within the deadline plus 1 s,
  on our side, and the engine stops working on it (its CPU falls back to idle).
- A frozen engine (SIGSTOP) cannot hold a request past its deadline.
- The supervisor restarts an engine that died (SIGKILL) or froze, and the same driver
  answers again; ``ipgraph serve`` does this under load, and /health and /ready tell.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from graph.db import Database, create_driver, deadline
from graph.engine import BoltServer, EmbeddedEngine
from graph.errors import GraphError, QueryTimeout, WriteOutcomeUnknown
from graph.supervisor import Supervisor, read_state
from tests.support import run_async, run_service, settings_for, start_engine

pytestmark = pytest.mark.integration

# Ten billion rows that match nothing: minutes of work on either engine.
ENDLESS = (
    "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
    "WITH a, b WHERE a + b = -1 RETURN count(*) AS n"
)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process (all its threads) has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def engine_pid(server: BoltServer) -> int:
    """The process doing the engine's work: the JVM (a child of the launcher) or the
    embedded engine's host process itself."""
    assert server.pid is not None
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return int(children[0]) if children else server.pid


def freeze(*pids: int) -> None:
    """SIGSTOP these processes and wait until every thread of each has stopped: a stop
    is delivered asynchronously, and a thread still running could answer one more
    request."""
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    deadline = time.monotonic() + 5.0
    for pid in pids:
        for task in Path(f"/proc/{pid}/task").iterdir():
            while _state(task) not in ("T", "t", None):
                assert time.monotonic() < deadline, f"thread {task.name} of {pid} did not stop"
                time.sleep(0.01)


def _state(task: Path) -> str | None:
    """A thread's scheduler state (None: it has ended)."""
    try:
        return (task / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def wait_idle(pid: int, seconds: float) -> float:
    """Seconds until the process uses under 20% of a core over half a second."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        before = cpu_seconds(pid)
        time.sleep(0.5)
        if cpu_seconds(pid) - before < 0.1:
            return time.monotonic() - started
    raise AssertionError(f"the engine kept working for {seconds} s after the deadline")


@pytest.fixture
def server(engine: str, tmp_path: Path) -> Iterator[BoltServer]:
    """A Bolt server of the kind under test, ours alone (these tests freeze and kill it);
    the embedded engine with the same statement timeout `ipgraph serve` gives it."""
    if engine == "arcadedb":
        started: BoltServer = EmbeddedEngine(tmp_path / "engine", "neo4j", command_timeout=2.0)
        started.start()
    else:
        started = start_engine(engine, tmp_path / "engine")
    try:
        yield started
    finally:
        if started.pid is not None:
            for pid in {started.pid, engine_pid(started)}:
                os.kill(pid, signal.SIGCONT)
        started.stop()


def database(server: BoltServer, timeout: float) -> Database:
    settings = settings_for(server)
    assert settings.neo4j_uri is not None
    driver = create_driver(settings.neo4j_uri, server.auth, retry_time=1.0)
    return Database(driver, server.database, timeout=timeout)


def test_a_statement_past_its_deadline_ends_and_the_engine_stops_working(
    server: BoltServer,
) -> None:
    async def scenario() -> float:
        db = database(server, timeout=2.0)
        try:
            await db.ping()
            started = time.monotonic()
            with pytest.raises(QueryTimeout):
                await db.read(ENDLESS)
            return time.monotonic() - started
        finally:
            await db.close()

    elapsed = run_async(scenario())
    assert elapsed < 2.0 + 1.0
    # Cancelled on the server too: the engine's CPU falls back to idle within 5 s.
    assert wait_idle(engine_pid(server), 5.0) < 5.0


def test_a_request_deadline_is_shared_by_its_statements(server: BoltServer) -> None:
    async def scenario() -> None:
        db = database(server, timeout=30.0)
        try:
            with deadline(1.5):
                await db.ping()
                started = time.monotonic()
                with pytest.raises(QueryTimeout):
                    await db.read(ENDLESS)
                assert time.monotonic() - started < 1.5 + 1.0
                # Nothing is left of the request's time: the next statement is refused.
                with pytest.raises(QueryTimeout):
                    await db.ping()
        finally:
            await db.close()

    run_async(scenario())


@contextlib.asynccontextmanager
async def frozen_database(server: BoltServer, budget: float) -> AsyncIterator[Database]:
    """A ``database`` holding a pooled connection to the server, whose processes are then
    frozen (SIGSTOP) until the block ends."""
    assert server.pid is not None
    frozen = {server.pid, engine_pid(server)}
    db = database(server, timeout=budget)
    try:
        await db.ping()  # a pooled connection, about to hang
        freeze(*frozen)
        yield db
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
        await db.close()


def test_a_frozen_engine_cannot_hold_a_request_past_its_deadline(server: BoltServer) -> None:
    async def scenario() -> float:
        async with frozen_database(server, budget=2.0) as db:
            started = time.monotonic()
            with pytest.raises(GraphError):
                await db.ping()
            return time.monotonic() - started

    assert run_async(scenario()) < 2.0 + 1.0


def test_a_write_no_longer_waited_for_is_not_said_to_be_undone(server: BoltServer) -> None:
    """The caller stops waiting for a write at its budget, but the transaction runs on
    and may commit: the error says the outcome is unknown (not a plain timeout)."""

    async def scenario() -> None:
        async with frozen_database(server, budget=1.5) as db:
            with pytest.raises(WriteOutcomeUnknown):
                await db.write([("RETURN 1 AS one", {})])

    run_async(scenario())


async def _answers_again(db: Database, within: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < within:
        try:
            await db.ping()
            return time.monotonic() - started
        except GraphError:
            await asyncio.sleep(0.2)
    raise AssertionError(f"no answer within {within} s")


def restarted(supervisor: Supervisor, times: int = 1, within: float = 5.0) -> bool:
    """Whether the supervisor has counted ``times`` restarts (it counts once ``start()``
    returns, which can be just after a client sees the new engine answer)."""
    deadline = time.monotonic() + within
    while supervisor.restarts < times and time.monotonic() < deadline:
        time.sleep(0.05)
    return supervisor.restarts == times


def embedded_only(engine: str) -> None:
    # `ipgraph serve` supervises the engine it starts, the embedded one; a Neo4j server is
    # run (and restarted) by its own operator.
    if engine != "arcadedb":
        pytest.skip("the supervisor keeps the embedded engine answering")


def test_the_supervisor_restarts_a_killed_engine(
    engine: str, server: BoltServer, tmp_path: Path
) -> None:
    embedded_only(engine)
    state = tmp_path / "engine.state.json"

    async def scenario(supervisor: Supervisor) -> float:
        db = database(server, timeout=2.0)
        try:
            await db.ping()
            assert server.pid is not None
            os.kill(server.pid, signal.SIGKILL)
            return await _answers_again(db, 10.0)
        finally:
            await db.close()

    with Supervisor(server, state) as supervisor:
        assert run_async(scenario(supervisor)) < 10.0
        assert restarted(supervisor)
        record = read_state(state)
        assert record is not None and record["state"] == "running"
        assert record["restarts"] == 1
    assert not state.exists()  # no supervisor, no record


def test_the_supervisor_restarts_a_frozen_engine(
    engine: str, server: BoltServer, tmp_path: Path
) -> None:
    embedded_only(engine)

    async def scenario() -> float:
        db = database(server, timeout=2.0)
        try:
            await db.ping()
            freeze(engine_pid(server))
            # Two missed beats of at most 3 s each, then a restart (about 3 s).
            return await _answers_again(db, 12.0)
        finally:
            await db.close()

    with Supervisor(server, tmp_path / "engine.state.json") as supervisor:
        frozen = engine_pid(server)
        assert run_async(scenario()) < 12.0
        assert restarted(supervisor)
        assert engine_pid(server) != frozen


def test_serve_answers_again_within_10_s_of_the_engine_being_killed_under_load(
    tmp_path: Path,
) -> None:
    """`ipgraph serve` (the embedded engine, supervised): SIGKILL the engine while clients
    read; every request ends, /health reports the restart, and reads succeed again
    within 10 s."""
    with run_service(tmp_path / "data") as service:
        base = service.url.removesuffix("/graphql")
        with httpx.Client(timeout=15.0) as client:
            health = client.get(f"{base}/health").json()
            assert health["engine"]["state"] == "running"
            assert _answered(client, service.url)
            with readers(service.url, 4) as durations:
                os.kill(_engine_host_pid(tmp_path / "data"), signal.SIGKILL)
                killed = time.monotonic()
                states = set()
                while time.monotonic() - killed < 10.0:
                    states.add(client.get(f"{base}/health").json()["engine"]["state"])
                    if _answered(client, service.url):
                        break
                    time.sleep(0.2)
                recovered = time.monotonic() - killed
            assert recovered < 10.0, f"no answer within 10 s ({states})"
            # The supervisor records the restart as the new engine starts answering.
            deadline = time.monotonic() + 5.0
            while (health := client.get(f"{base}/health").json())["engine"]["restarts"] < 1:
                assert time.monotonic() < deadline, health
                time.sleep(0.1)
            assert health["engine"] == health["engine"] | {"state": "running", "restarts": 1}
            assert client.get(f"{base}/ready").status_code == 200
            # Every request ended, within the deadline (10 s) plus its margin.
            assert max(durations) < 10.0 + 1.0
    assert any("restarting the engine" in line for line in service.lines)


READ = {"query": '{ mission(id: "mission-minusma") { name } }'}


@contextlib.contextmanager
def readers(url: str, count: int) -> Iterator[list[float]]:
    """``count`` clients reading ``READ`` in a loop while the block runs; yields how long
    each request took."""
    stop = threading.Event()
    durations: list[float] = []

    def load() -> None:
        with httpx.Client(timeout=30.0) as reader:
            while not stop.is_set():
                started = time.monotonic()
                reader.post(url, json=READ)
                durations.append(time.monotonic() - started)

    threads = [threading.Thread(target=load) for _ in range(count)]
    for thread in threads:
        thread.start()
    try:
        yield durations
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)


def _answered(client: httpx.Client, url: str) -> bool:
    body = client.post(url, json=READ).json()
    return bool((body.get("data") or {}).get("mission"))


def _engine_host_pid(data_dir: Path) -> int:
    """The embedded engine's process, found by its data directory on its command line."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"graph.engine_child" in argv and str(data_dir.resolve()).encode() in argv:
            return int(entry.name)
    raise AssertionError("no engine process")


def test_serve_bounds_every_request_while_the_engine_is_frozen_and_recovers(
    tmp_path: Path,
) -> None:
    """SIGSTOP the engine under `ipgraph serve` while clients read (deadline 3 s): every
    request ends within the deadline plus 1 s, and reads succeed again once the
    supervisor has replaced the frozen engine."""
    data = tmp_path / "data"
    with run_service(data, env={"IPGRAPH_QUERY_TIMEOUT": "3"}) as service:
        frozen = _engine_host_pid(data)
        with readers(service.url, 3) as durations, httpx.Client(timeout=30.0) as client:
            time.sleep(0.5)
            os.kill(frozen, signal.SIGSTOP)
            froze = time.monotonic()
            try:
                while time.monotonic() - froze < 20.0 and not _answered(client, service.url):
                    time.sleep(0.2)
                recovered = time.monotonic() - froze
            finally:
                with contextlib.suppress(ProcessLookupError):  # replaced: killed already
                    os.kill(frozen, signal.SIGCONT)
        assert recovered < 15.0
        assert max(durations) < 3.0 + 1.0
        # Replaced, as the supervisor records it; not told by the frozen pid, which a busy
        # run can hand out again within seconds (pids here stop at 32,768, and the JVMs'
        # threads draw on them too). The record follows the new engine's first answer.
        deadline = time.monotonic() + 10.0
        record = read_state(data / "engine.state.json")
        while (record is None or record["restarts"] < 1) and time.monotonic() < deadline:
            time.sleep(0.1)
            record = read_state(data / "engine.state.json")
        assert record is not None and record["restarts"] >= 1, record
