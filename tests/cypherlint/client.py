"""Python side of the Neo4j Cypher linter (``lint.mjs``): Neo4j's own Cypher front end."""

from __future__ import annotations

import fcntl
import json
import shutil
import socket
import subprocess
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graph.catalog import PROPERTY_KEYS
from graph.model import Label, RelType

HERE = Path(__file__).parent

# Procedures the service calls (Neo4j's full-text search, graph.capabilities): declaring
# the list makes the linter flag a call to any other, or one with the wrong arguments.
PROCEDURES: list[str] = [
    "db.awaitIndex",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
]


class CypherLinter:
    """Lints each distinct statement once; keeps the failures for the test that caused them.

    It asks the test run's one linter server (``shared``), so parallel workers lint a
    statement once between them and each keeps only its own failures."""

    def __init__(self, connection: socket.socket) -> None:
        self._connection = connection
        self._stream = connection.makefile("rw", encoding="utf-8", newline="\n")
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = {}
        self._next = 0
        self.failures: list[str] = []
        self.checked = 0

    @classmethod
    def shared(cls, run_dir: Path, watch_pid: int) -> CypherLinter:
        """Connected to the linter server of the run whose files are in ``run_dir``, which
        the first caller starts; it stops once process ``watch_pid`` (the run) is gone."""
        run_dir.mkdir(parents=True, exist_ok=True)
        path = run_dir / "cypherlint.sock"
        with (run_dir / "cypherlint.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one worker starts it; the others wait, then connect
            try:
                return cls(_connect(path))
            except OSError:
                _start_server(path, watch_pid)
                return cls(_connect(path))

    def lint(self, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Diagnostics (errors and warnings) Neo4j's front end reports for this statement."""
        key = (query, frozenset(params))
        with self._lock:
            if key in self._seen:
                return self._seen[key]
            self._next += 1
            request = {
                "id": self._next,
                "query": query,
                "parameters": {name: _sample(value) for name, value in params.items()},
                "labels": [label.value for label in Label],
                "relationshipTypes": [rel.value for rel in RelType],
                "propertyKeys": list(PROPERTY_KEYS),
                "procedures": PROCEDURES,
            }
            self._stream.write(json.dumps(request, default=str) + "\n")
            self._stream.flush()
            line = self._stream.readline()
            if not line:
                raise RuntimeError("the Cypher linter server went away")
            reply = json.loads(line)
            diagnostics = [d for d in reply["diagnostics"] if d["severity"] <= 2]
            self._seen[key] = diagnostics
            self.checked += 1
            return diagnostics

    def observe(self, query: str, params: Mapping[str, Any]) -> None:
        """Statement observer for ``graph.db.Database``: records what Neo4j would reject."""
        diagnostics = self.lint(query, params)
        if diagnostics:
            messages = "; ".join(d["message"] for d in diagnostics)
            self.failures.append(f"{' '.join(query.split())}\n  -> {messages}")

    def close(self) -> None:
        self._stream.close()
        self._connection.close()


def _connect(path: Path) -> socket.socket:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(str(path))
    except OSError:
        connection.close()
        raise
    return connection


_SERVERS: list[subprocess.Popen[str]] = []


def _start_server(path: Path, watch_pid: int) -> None:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("the Cypher linter needs Node.js 20+ and npm")
    if not (HERE / "node_modules").is_dir():
        # First run on a fresh clone: install the pinned linter from its lock file.
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True
        )
    path.unlink(missing_ok=True)  # a server that died leaves its socket file behind
    server = subprocess.Popen(
        [node, str(HERE / "lint.mjs"), "--socket", str(path), "--watch-pid", str(watch_pid)],
        stdout=subprocess.PIPE,
        text=True,
        # Its own session: it outlives the worker that started it, serving the others,
        # until the run it watches ends.
        start_new_session=True,
    )
    _SERVERS.append(server)  # kept, not reaped: it outlives this worker
    assert server.stdout is not None
    with server.stdout:
        ready = server.stdout.readline()
    if "listening" not in ready:
        server.kill()
        raise RuntimeError(f"the Cypher linter server did not start (exit {server.wait()})")


def _sample(value: Any) -> Any:
    # The linter only needs to know a parameter exists; JSON-able sample values do.
    return value if value is not None else ""
