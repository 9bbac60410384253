"""Keeps a Bolt server this process started answering: a heartbeat notices a dead, frozen
or wedged engine and restarts it, with backoff, without restarting the service.

A dead engine (its process exited: killed, out of memory) is seen within one beat. A
living one must complete a Bolt handshake and answer ``RETURN 1`` within
``probe_timeout``; ``misses`` failed beats in a row (frozen by SIGSTOP, wedged by a queue
of runaway queries) and it is killed and started again. The restart keeps the port, so
every driver reconnects by itself.

What the supervisor sees is written to ``state_file`` (JSON: ``state``, ``restarts``,
``since``, ``reason``), so the service's ``/health`` can tell, whatever process serves it.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import neo4j

from graph.engine import BoltServer
from graph.errors import GraphError

log = logging.getLogger("ipgraph.engine")

# Bolt's magic preamble, then four protocol versions we accept (5.x and 4.4): a server
# that answers picks one. Nothing else is needed to know it is listening and awake.
_HANDSHAKE = b"\x60\x60\xb0\x17" + b"\x00\x08\x08\x05" + b"\x00\x00\x04\x04" + bytes(8)
BACKOFF = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)


class Supervisor:
    def __init__(
        self,
        server: BoltServer,
        state_file: Path | None = None,
        *,
        interval: float = 1.0,
        probe_timeout: float = 2.0,
        misses: int = 2,
        backoff: tuple[float, ...] = BACKOFF,
        on_restart: Callable[[str], None] | None = None,
    ) -> None:
        self.server = server
        self.state_file = state_file
        self.interval = interval
        self.probe_timeout = probe_timeout
        self.misses = misses
        self.backoff = backoff
        self.on_restart = on_restart
        self.restarts = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._driver: neo4j.Driver | None = None

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        self._write("running")
        self._thread = threading.Thread(target=self._watch, name="engine-supervisor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.interval + self.probe_timeout + 1.0)
        self._close_driver()
        if self.state_file is not None:
            self.state_file.unlink(missing_ok=True)

    def __enter__(self) -> Supervisor:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- watching -------------------------------------------------------------------------

    def _watch(self) -> None:
        missed = 0
        while not self._stop.wait(self.interval):
            if not self.server.running():
                self._restart("the engine exited")
                missed = 0
                continue
            problem = self.probe()
            if problem is None:
                missed = 0
                continue
            missed += 1
            log.warning("engine heartbeat missed (%d of %d): %s", missed, self.misses, problem)
            if missed >= self.misses:
                self._restart(f"the engine stopped answering ({problem})")
                missed = 0

    def probe(self) -> str | None:
        """None when the engine answers a handshake and a query in time, else why not."""
        host, port = "127.0.0.1", self.server.bolt_port
        try:
            with socket.create_connection((host, port), timeout=self.probe_timeout) as sock:
                sock.settimeout(self.probe_timeout)
                sock.sendall(_HANDSHAKE)
                if len(sock.recv(4)) != 4:
                    return "no Bolt handshake"
        except OSError as exc:
            return f"no Bolt handshake ({type(exc).__name__})"
        return self._query()

    def _query(self) -> str | None:
        # In a thread of its own: a wedged engine can leave the driver waiting on a socket
        # for longer than any timeout it offers; the beat must not wait with it.
        answer: list[str | None] = []

        def ask() -> None:
            try:
                with self._session() as session:
                    session.run(neo4j.Query("RETURN 1 AS ok", timeout=self.probe_timeout)).consume()
                answer.append(None)
            except Exception as exc:  # any failure is a missed beat, never a crash
                answer.append(type(exc).__name__)

        worker = threading.Thread(target=ask, name="engine-probe", daemon=True)
        worker.start()
        worker.join(self.probe_timeout)
        if not answer:
            self._close_driver()  # its connection may be stuck: start afresh next beat
            return f"no answer to a query within {self.probe_timeout:g} s"
        return answer[0]

    def _session(self) -> Any:
        if self._driver is None:
            self._driver = neo4j.GraphDatabase.driver(
                self.server.uri,
                auth=self.server.auth,
                connection_timeout=self.probe_timeout,
                max_connection_pool_size=1,
                notifications_min_severity="OFF",
            )
        return self._driver.session(database=self.server.database)

    def _close_driver(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            # Closing may wait on a stuck connection: never on the beat's thread.
            threading.Thread(target=driver.close, daemon=True).start()

    # -- restarting -----------------------------------------------------------------------

    def _restart(self, reason: str) -> None:
        self._write("restarting", reason)
        log.error("restarting the engine: %s", reason)
        self._close_driver()
        attempt = 0
        while not self._stop.is_set():
            self._kill()
            try:
                self.server.start()
            except GraphError as exc:
                delay = self.backoff[min(attempt, len(self.backoff) - 1)]
                attempt += 1
                log.error("engine restart failed (%s); next attempt in %g s", exc, delay)
                self._write("restarting", f"{reason}; restart failed: {exc}")
                self._stop.wait(delay)
                continue
            # Recorded before it is counted: whoever sees the count sees the record.
            self._write("running", restarts=self.restarts + 1)
            self.restarts += 1
            log.warning("engine restarted (%d restarts so far)", self.restarts)
            if self.on_restart is not None:
                self.on_restart(reason)
            return

    def _kill(self) -> None:
        """Whatever is left of the engine, gone at once: a frozen process ignores SIGTERM."""
        self.server.stop(timeout=0.0)

    # -- what /health reads ---------------------------------------------------------------

    def _write(self, state: str, reason: str | None = None, *, restarts: int | None = None) -> None:
        if self.state_file is None:
            return
        record = {
            "state": state,
            "restarts": self.restarts if restarts is None else restarts,
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            "reason": reason,
        }
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(record))
        os.replace(tmp, self.state_file)  # readers see the old record or the new one


def read_state(state_file: Path) -> dict[str, Any] | None:
    """The supervisor's last record, or None when there is none (no supervised engine)."""
    try:
        record: dict[str, Any] = json.loads(state_file.read_text())
    except (OSError, ValueError):
        return None
    return record
