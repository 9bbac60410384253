"""Bolt servers this project starts itself, reached like any Neo4j.

``EmbeddedEngine``: ArcadeDB in a child process, used when no ``NEO4J_URI`` is
configured. ``LaunchedNeo4j``: a real Neo4j 5.26 community (``tests/neo4j/run``, jars
from Maven Central) for the test suite and ``ipgraph bench --engine neo4j``. The
service talks to either through the official driver over Bolt on a loopback port,
exactly as it would talk to any Neo4j, so there is one code path.
"""

from __future__ import annotations

import importlib.util
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from graph.errors import EngineError

ENGINE_USER = "root"


# Below Linux's ephemeral range (32768-60999): a port picked there could be handed to an
# outgoing connection as its source port before the engine (re)binds it.
_PORTS = range(20000, 32768)


def free_port() -> int:
    """A TCP port on loopback, outside the ephemeral range, that nothing uses right now."""
    rnd = random.Random()  # noqa: S311 - spreading ports, not security
    for _ in range(200):
        port = rnd.choice(_PORTS)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise EngineError("no free loopback port between 20000 and 32767")


def _engine_password(data_dir: Path) -> str:
    """The engine's root password: generated once per data directory, kept 0600 beside it."""
    path = data_dir / "engine.secret"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(password)
    return password


def stop_process(process: subprocess.Popen[Any], timeout: float) -> None:
    """SIGTERM, then SIGKILL if it has not exited after ``timeout`` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


class BoltServer:
    """A Bolt server in a child process on a loopback port, data in ``data_dir``.

    Subclasses start it (``start()`` returns once Bolt answers); ``stop()`` asks it to
    stop (SIGTERM) and kills it if it has not exited in ``stop_timeout`` seconds. A
    restart keeps the port, so a driver opened against ``uri`` reconnects by itself.
    """

    user: str
    log_name: str
    stop_timeout: float

    def __init__(self, data_dir: Path, database: str, startup_timeout: float) -> None:
        self.data_dir = data_dir.resolve()
        self.database = database
        self.startup_timeout = startup_timeout
        self.password = _engine_password(self.data_dir)
        self.bolt_port = free_port()
        self._process: subprocess.Popen[Any] | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    @property
    def log_path(self) -> Path:
        return self.data_dir / self.log_name

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        raise NotImplementedError

    def _log_tail(self, lines: int = 3) -> str:
        """The last lines of the server's log, for an error message."""
        return _tail(self.log_path, lines)

    def stop(self, timeout: float | None = None) -> None:
        """SIGTERM, then SIGKILL after ``timeout`` seconds (default: the server's own)."""
        process, self._process = self._process, None
        if process is not None:
            stop_process(process, self.stop_timeout if timeout is None else timeout)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class EmbeddedEngine(BoltServer):
    """Start, probe and stop the ArcadeDB child process.

    ``start()`` returns once a Bolt query has succeeded. Close every driver connected
    to it before ``stop()``: the engine only exits promptly when no Bolt client is
    connected (the child hard-exits after stopping).
    """

    user = ENGINE_USER
    log_name = "engine.log"
    stop_timeout = 15.0

    def __init__(
        self,
        data_dir: Path,
        database: str,
        *,
        startup_timeout: float = 90.0,
        heap: str = "1g",
        command_timeout: float | None = None,
    ) -> None:
        super().__init__(data_dir, database, startup_timeout)
        self.heap = heap
        # Seconds any one statement may run inside the engine (it ignores the driver's
        # transaction timeout): runaway statements end there too.
        self.command_timeout = command_timeout
        self.http_port = free_port()

    def start(self, *, attempt_again: bool = True) -> None:
        if self.running():
            return
        if importlib.util.find_spec("arcadedb_embedded") is None:
            raise EngineError(
                "the embedded engine is not installed (uv sync --group embedded); "
                "or set NEO4J_URI to use a Neo4j server"
            )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "IPGRAPH_ENGINE_PASSWORD": self.password}
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "graph.engine_child",
                    "--data-dir",
                    str(self.data_dir),
                    "--bolt-port",
                    str(self.bolt_port),
                    "--http-port",
                    str(self.http_port),
                    "--database",
                    self.database,
                    "--parent-pid",
                    str(os.getpid()),
                    "--heap",
                    self.heap,
                    *(
                        ["--command-timeout-ms", str(round(self.command_timeout * 1000))]
                        if self.command_timeout
                        else []
                    ),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                # Own session: a Ctrl-C in the terminal reaches the service, which
                # then stops the engine in order (driver first, engine second).
                start_new_session=True,
            )
        try:
            self._wait_ready()
        except EngineError:
            # A port the last run held can take a moment to be released: retry once.
            if not attempt_again or "Unable to listen" not in self._log_tail(5):
                raise
            time.sleep(1.0)
            self.start(attempt_again=False)
        except BaseException:
            # Ctrl-C or any failure while waiting: never leave a child behind.
            self.stop()
            raise

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        last_error = "no answer"
        with neo4j.GraphDatabase.driver(
            self.uri, auth=self.auth, connection_timeout=1.0, max_connection_pool_size=1
        ) as driver:
            while time.monotonic() < deadline:
                assert self._process is not None
                if self._process.poll() is not None:
                    code, self._process = self._process.returncode, None
                    raise EngineError(
                        f"the embedded engine exited with code {code} "
                        f"during startup; see {self.log_path}: {self._log_tail()}"
                    )
                try:
                    # A plain auto-commit run: execute_query would retry with backoff
                    # inside the driver and stretch the wait.
                    with driver.session(database=self.database) as session:
                        session.run("RETURN 1 AS ok").consume()
                    return
                except AuthError as exc:
                    self.stop()
                    raise EngineError(
                        f"the embedded engine refused its stored password ({self.data_dir}"
                        "/engine.secret); was the data directory created by another setup?"
                    ) from exc
                except (DriverError, Neo4jError, OSError) as exc:
                    last_error = type(exc).__name__
                time.sleep(0.1)
        self.stop()
        raise EngineError(
            f"the embedded engine did not answer a Bolt query within {self.startup_timeout:.0f} s "
            f"(last: {last_error}); see {self.log_path}"
        )


# The launcher lives in a checkout (tests/neo4j): it is for tests and benchmarks, not shipped.
NEO4J_LAUNCHER = Path(__file__).resolve().parent.parent / "tests" / "neo4j" / "run"
NEO4J_USER = "neo4j"


class LaunchedNeo4j(BoltServer):
    """A real Neo4j in its own JVM (``tests/neo4j/run``), with the same interface as
    ``EmbeddedEngine``; ``stop()`` shuts it down cleanly.

    The JVM watches this process and exits with it, so nothing outlives a test session.
    """

    user = NEO4J_USER
    log_name = "launcher.log"
    stop_timeout = 30.0

    def __init__(
        self,
        data_dir: Path,
        *,
        startup_timeout: float = 180.0,
        heap: str = "1g",
        launcher: Path = NEO4J_LAUNCHER,
        java_options: str | None = None,
    ) -> None:
        # Community edition: one user database, named neo4j.
        super().__init__(data_dir, "neo4j", startup_timeout)
        self.heap = heap
        self.launcher = launcher
        # More JVM options (NEO4J_JAVA_OPTS of tests/neo4j/run); None keeps the environment's.
        self.java_options = java_options

    def start(self) -> None:
        if self.running():
            return
        if not self.launcher.exists():
            raise EngineError(
                f"the Neo4j launcher is not here ({self.launcher}): it comes with a checkout "
                "of the repository; or set NEO4J_URI to use a Neo4j server"
            )
        home = self.data_dir / "neo4j"
        home.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            process = subprocess.Popen(
                [
                    str(self.launcher),
                    "--port",
                    str(self.bolt_port),
                    "--data",
                    str(home),
                    "--parent-pid",
                    str(os.getpid()),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=self._environment(),
                start_new_session=True,
            )
        self._process = process
        try:
            self._wait_ready(process)
        except BaseException:
            self.stop()
            raise

    def _environment(self) -> dict[str, str]:
        env = {**os.environ, "NEO4J_PASSWORD": self.password, "NEO4J_HEAP": self.heap}
        if self.java_options is not None:
            env["NEO4J_JAVA_OPTS"] = self.java_options
        return env

    def _wait_ready(self, process: subprocess.Popen[str]) -> None:
        # The launcher prints its URI once a Bolt handshake succeeds. Whatever follows is
        # drained into the log, so a full pipe can never stall the JVM.
        first = threading.Event()
        lines: list[str] = []

        def pump(stdout: Any, log_path: Path) -> None:
            with stdout:
                for line in stdout:
                    if not first.is_set():
                        lines.append(line.strip())
                        first.set()
                        continue
                    with log_path.open("a") as log:
                        log.write(line)
            first.set()

        threading.Thread(target=pump, args=(process.stdout, self.log_path), daemon=True).start()
        first.wait(self.startup_timeout)
        if lines != [self.uri]:
            code = process.poll()
            state = f"exited with code {code}" if code is not None else "did not answer"
            raise EngineError(
                f"Neo4j {state} within {self.startup_timeout:.0f} s; see {self.log_path}: "
                f"{self._log_tail()}"
            )


def _tail(path: Path, lines: int = 3) -> str:
    try:
        text = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(text[-lines:])
