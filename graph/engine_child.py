"""Entry point of the embedded engine's child process (``python -m graph.engine_child``).

ArcadeDB runs in a JVM hosted by this process through JPype. It lives in a child
process rather than in the service because a JVM crash (seen once on an exception
path) must not take the service down, and because the service's shutdown has to
be able to hard-kill it.

The process exits when told to (SIGTERM/SIGINT) and when its parent dies: Linux's
parent-death signal covers a killed parent, and a watchdog thread covers the rest.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int) -> None:
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:  # not Linux: the watchdog below still applies
        pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(0)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _jvm_args(command_timeout_ms: int) -> list[str]:
    """An out-of-memory error ends the JVM (the supervisor starts a fresh one) rather than
    leaving it half alive; each statement ends at the command timeout, and a request
    waiting for a free query slot waits no longer than that either."""
    found = ["-XX:+ExitOnOutOfMemoryError"]
    if command_timeout_ms > 0:
        found += [
            f"-Darcadedb.command.timeout={command_timeout_ms}",
            f"-Darcadedb.queryQueueTimeout={command_timeout_ms}",
        ]
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="graph.engine_child")
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--bolt-port", required=True, type=int)
    parser.add_argument("--http-port", required=True, type=int)
    parser.add_argument("--database", required=True)
    parser.add_argument("--parent-pid", required=True, type=int)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--command-timeout-ms", type=int, default=0)
    args = parser.parse_args(argv)
    _die_with_parent(args.parent_pid)

    # The password travels by environment, not argv, so `ps` does not show it.
    password = os.environ["IPGRAPH_ENGINE_PASSWORD"]
    data_dir: Path = args.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    # ArcadeDB writes ./log relative to the working directory.
    os.chdir(data_dir)

    stopping = threading.Event()

    def request_stop(signum: int, frame: Any) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)

    from arcadedb_embedded.server import ArcadeDBServer

    server = ArcadeDBServer(
        root_path=str(data_dir),
        root_password=password,
        config={
            "host": "127.0.0.1",
            "http_port": args.http_port,
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": args.bolt_port,
        },
        jvm_kwargs={"heap_size": args.heap, "jvm_args": _jvm_args(args.command_timeout_ms)},
    )
    try:
        server.start()
        server.create_database(args.database)
    except Exception as exc:
        print(f"engine failed to start: {exc}", file=sys.stderr, flush=True)
        os._exit(3)
    print(f"ready bolt={args.bolt_port}", flush=True)

    while not stopping.wait(0.5):
        pass
    # If stop() hangs (the parent may be gone and nobody would kill us), exit anyway:
    # an orphaned JVM would keep the data directory locked.
    threading.Timer(20.0, os._exit, (1,)).start()
    try:
        server.stop()
    finally:
        # Bolt connection threads are non-daemon: a client still connected keeps
        # the JVM (and so this process) alive after stop(). Exit hard.
        os._exit(0)


if __name__ == "__main__":
    main()
