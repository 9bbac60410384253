"""Helpers for tests that run the real ``ipgraph`` command."""

from __future__ import annotations

import asyncio
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import SecretStr

from graph.engine import BoltServer, EmbeddedEngine, LaunchedNeo4j, free_port, stop_process
from graph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

T = TypeVar("T")


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """``ipgraph <args>`` run to completion, its output captured as text; ``env`` is the
    whole environment (default: this process's)."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def external_neo4j(engine: str) -> bool:
    """True when the Neo4j under test is one the suite did not start (``NEO4J_URI``)."""
    return engine == "neo4j" and bool(os.environ.get("NEO4J_URI"))


def start_engine(engine: str, data_dir: Path, *, lasting: bool = False) -> BoltServer:
    """A Bolt server of this kind on a loopback port, started, in ``data_dir``. A
    ``lasting`` Neo4j (the session's) gets the optimizing JIT back, which the suite's
    brief ones go without (``NEO4J_JAVA_OPTS``, tests/conftest.py)."""
    server: BoltServer = (
        EmbeddedEngine(data_dir, "neo4j")
        if engine == "arcadedb"
        else LaunchedNeo4j(data_dir, java_options="" if lasting else None)
    )
    server.start()
    return server


def settings_for(server: BoltServer, **overrides: object) -> Settings:
    """Settings pointing at ``server`` (no ``.env``: tests build their own)."""
    user, password = server.auth
    return Settings(
        NEO4J_URI=server.uri,
        NEO4J_USER=user,
        NEO4J_PASSWORD=SecretStr(password),
        NEO4J_DATABASE=server.database,
        _env_file=None,
        **overrides,
    )


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on its own thread and loop: Playwright's sync API
    keeps a loop running on the main thread once a browser test has started."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def engine_pids(data_dir: Path) -> list[int]:
    """Engine child processes serving ``data_dir`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().split(")")[-1].split()[0]
        except OSError:
            continue
        if state != "Z" and b"graph.engine_child" in cmdline and str(data_dir).encode() in cmdline:
            found.append(int(entry.name))
    return found


@dataclass
class Service:
    process: subprocess.Popen[str]
    url: str
    data_dir: Path
    lines: list[str] = field(default_factory=list)


@contextmanager
def run_service(
    data_dir: Path,
    *,
    env: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
    timeout: float = 180,
) -> Iterator[Service]:
    """``ipgraph serve`` on a free port, yielded once it prints its URL; stopped on exit."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--port", str(port), *args],
        cwd=ROOT,
        env={**os.environ, "IPGRAPH_DATA_DIR": str(data_dir), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    service = Service(process, f"http://127.0.0.1:{port}/graphql", data_dir)
    deadline = time.monotonic() + timeout
    try:
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            service.lines.append(line)
            if line == "":
                raise AssertionError("ipgraph serve exited early:\n" + "".join(service.lines))
            if f"ipgraph ready: {service.url}" in line:
                break
        yield service
    finally:
        stop_process(process, 30)
        while True:
            try:
                rest = lines.get(timeout=2)
            except queue.Empty:
                break
            if rest == "":
                break
            service.lines.append(rest)
        if process.stdout is not None:
            process.stdout.close()


def process_alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie has exited: it answers kill(0) all the same)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def wait_gone(pid: int, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not process_alive(pid):
            return True
        time.sleep(0.1)
    return False


def assert_server_dies_with_its_killed_parent(make_server: str, seconds: float = 20.0) -> None:
    """A Python parent builds a server with the expression ``make_server`` (``Path`` and
    ``graph.engine``'s classes in scope), starts it, and is killed with SIGKILL: the
    server's process must exit by itself within ``seconds``."""
    script = (
        "import time\nfrom pathlib import Path\n"
        "from graph.engine import EmbeddedEngine, LaunchedNeo4j\n"
        f"server = {make_server}\nserver.start()\nprint(server.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert process_alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert wait_gone(child, seconds), "the server outlived its killed parent"
    finally:
        parent.kill()
        parent.wait(10)
        if parent.stdout is not None:
            parent.stdout.close()
