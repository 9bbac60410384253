"""``ipgraph bench``: throughput and latency of ipgraph, side by side with the hand-written
Cypher floor (the driver alone) and, with ``--peer``, the @neo4j/graphql library serving
the same model over the same database, all measured in one run on loopback."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, LiteralString

import httpx
import neo4j

from bench import typedefs
from graph import floor
from graph.compile import lucene_query
from graph.engine import free_port, stop_process
from graph.settings import Settings

PEER_DIR = Path(__file__).resolve().parent / "peer"


Sizes = dict[str, int]  # generated regions, countries and missions (graph.floor)

# The benchmark's editor (for the write operation), a key made for each run.
EDITOR_KEY = secrets.token_hex(24)
# Numbers each write's quote, so that every write adds a source (and records a change).
WRITES = itertools.count()
Variables = Callable[[int], dict[str, Any]]


@dataclass(frozen=True)
class Operation:
    name: str
    query: str
    cypher: LiteralString
    # Variables for request i, given how many of each generated entity exist (`Sizes`):
    # every request asks for something that is there, whatever the scale.
    variables: Callable[[int, Sizes], dict[str, Any]]
    # Whether the answer holds a list, so that /export can serve it as CSV too.
    exportable: bool = True
    # The peer's variables, where they differ (its search is case sensitive).
    peer_variables: Callable[[int, Sizes], dict[str, Any]] | None = None
    # The floor's statement on an engine with a full-text index, where it differs; it
    # also gets ``query``, the index query built from ``text``.
    fulltext_cypher: LiteralString | None = None
    # Whether the peer answers it (it has no edit history, and writes no sources).
    peer: bool = True
    # A write: sent with the editor's key, and the floor's statement routed to the writer.
    writes: bool = False
    # Statements ipgraph sends per request (one per root field; a write sends its own).
    statements: int = 1


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "id_lookup",
        "query($id: ID!) { mission(id: $id) "
        "{ id name status language armed authorizedDeployments } }",
        floor.ID_LOOKUP,
        lambda i, n: {"id": f"gen-mission-{i % n['missions']}"},
        exportable=False,
    ),
    Operation(
        "nested",
        "query($id: ID!) { location(id: $id) "
        "{ missions { id name partners { id name } officerCount } } }",
        floor.NESTED,
        lambda i, n: {"id": f"gen-country-{i % n['countries']}"},
    ),
    Operation(
        "region_partners",
        "query($id: ID!) { partnersConnectedToRegion(regionId: $id) { partner { id name } } }",
        floor.REGION_PARTNERS,
        lambda i, n: {"id": f"gen-region-{i % n['regions']}"},
    ),
    Operation(
        "search",
        "query($text: String!) { search(text: $text, first: 20) { __typename "
        "... on Mission { id name } ... on Officer { id name } ... on Location { id name } "
        "... on PartnerAgency { id name } ... on Branch { id name } } }",
        floor.SEARCH,
        lambda i, n: {"text": f"mission {i % 100}"},
        peer_variables=lambda i, n: {"text": f"Mission {i % 100}"},
        fulltext_cypher=floor.SEARCH_FULLTEXT,
    ),
    Operation(
        "big_list",
        "query($id: ID!) { branch(id: $id) { missions { id name status } } }",
        floor.BIG_LIST,
        lambda i, n: {"id": "gen-branch-3"},
    ),
    # An editor adds a source to a mission: lock and read it, write it, record the change
    # in the history (graph.history), then read the answer's fields back.
    Operation(
        "write",
        "mutation($id: ID!, $quote: String!) { updateMission(id: $id, "
        'input: {sources: [{document: "ipgraph bench", quote: $quote}]}) { id } }',
        floor.WRITE,
        lambda i, n: {
            "id": f"gen-mission-{i % n['missions']}",
            "quote": f"bench write {next(WRITES)}",
        },
        exportable=False,
        peer=False,
        writes=True,
        statements=4,
    ),
    # The history those writes made: a mission's latest changes.
    Operation(
        "history",
        "query($id: ID!) { history(id: $id, first: 20) "
        "{ nodes { id at by action properties { name before after } sources { quote } } } }",
        floor.HISTORY,
        lambda i, n: {"id": f"gen-mission-{i % n['missions']}"},
        exportable=False,
        peer=False,
    ),
)


@dataclass
class Result:
    operation: str
    target: str
    concurrency: int
    seconds: float
    requests: int = 0
    errors: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    statements_per_request: float | None = None
    latencies: list[float] = field(default_factory=list, repr=False)

    def finish(self, statements: list[int]) -> Result:
        self.requests = len(self.latencies)
        self.rps = self.requests / self.seconds
        if self.latencies:
            ordered = sorted(self.latencies)
            self.p50_ms = statistics.median(ordered) * 1000
            self.p99_ms = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        if statements:
            self.statements_per_request = sum(statements) / len(statements)
        return self


Call = Callable[[int], Awaitable[int | None]]  # request i -> statements (None: unknown)


async def measure(call: Call, target: str, op: str, concurrency: int, seconds: float) -> Result:
    """Run ``call`` from ``concurrency`` tasks for ``seconds``; every request is timed."""
    result = Result(op, target, concurrency, seconds)
    statements: list[int] = []
    counter = iter(range(10**12))
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < deadline:
            index = next(counter)
            started = time.perf_counter()
            try:
                count = await call(index)
            except Exception:
                result.errors += 1
                continue
            result.latencies.append(time.perf_counter() - started)
            if count is not None:
                statements.append(count)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return result.finish(statements)


def graphql_call(
    client: httpx.AsyncClient,
    url: str,
    query: str,
    variables: Variables,
    headers: dict[str, str] | None = None,
) -> Call:
    async def call(index: int) -> int | None:
        response = await client.post(
            url, json={"query": query, "variables": variables(index)}, headers=headers
        )
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(str(body.get("errors"))[:200])
        cypher = (body.get("extensions") or {}).get("cypher")
        return int(cypher["statements"]) if cypher else None

    return call


def export_call(client: httpx.AsyncClient, url: str, query: str, variables: Variables) -> Call:
    """The same operation through /export, as CSV (the rows a spreadsheet would get)."""

    async def call(index: int) -> int | None:
        body = {"query": query, "variables": variables(index), "format": "csv"}
        response = await client.post(url, json=body)
        if response.status_code != 200:
            raise RuntimeError(response.text[:200])
        return None

    return call


def driver_call(
    driver: neo4j.AsyncDriver,
    database: str,
    cypher: LiteralString,
    variables: Variables,
    *,
    writes: bool = False,
) -> Call:
    routing = neo4j.RoutingControl.WRITE if writes else neo4j.RoutingControl.READ

    async def call(index: int) -> int | None:
        await driver.execute_query(cypher, variables(index), database_=database, routing_=routing)
        return 1

    return call


@contextmanager
def process(
    command: list[str], ready: str, env: dict[str, str], timeout: float = 120
) -> Iterator[subprocess.Popen[str]]:
    """A helper process, yielded once it prints ``ready``; stopped (SIGTERM) on exit."""
    proc = subprocess.Popen(
        command,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    stream = proc.stdout
    assert stream is not None
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    drainer: threading.Thread | None = None

    def drain() -> None:
        # Keep reading its output so it never blocks on a full pipe; closed at its end.
        with stream:
            for _ in stream:
                pass

    try:
        for line in stream:
            seen.append(line)
            if ready in line:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not start:\n{''.join(seen[-20:])}")
        else:
            raise RuntimeError(f"{command[0]} exited:\n{''.join(seen[-20:])}")
        drainer = threading.Thread(target=drain, daemon=True)
        drainer.start()
        yield proc
    finally:
        stop_process(proc, 30)
        if drainer is None:
            stream.close()
        else:
            drainer.join(10)


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and its children (workers), from /proc."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def machine() -> dict[str, Any]:
    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) // 1024
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_mib": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def versions() -> dict[str, str]:
    found = {}
    for package in ("strawberry-graphql", "neo4j", "starlette", "uvicorn", "arcadedb-embedded"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    lock = PEER_DIR / "package-lock.json"
    if lock.exists():
        packages = json.loads(lock.read_text()).get("packages", {})
        for name in ("@neo4j/graphql", "@apollo/server", "neo4j-driver"):
            entry = packages.get(f"node_modules/{name}")
            if entry:
                found[name] = entry["version"]
    return found


def ensure_peer_installed() -> None:
    if not (PEER_DIR / "node_modules").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEER_DIR, check=True
        )


@contextmanager
def peer_server(env: dict[str, str]) -> Iterator[str]:
    """The @neo4j/graphql peer over the database ``env`` names (``NEO4J_*``), serving the
    type definitions rendered from the graph model (``bench.typedefs``) for this run,
    from a temporary file; yields its URL."""
    ensure_peer_installed()
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("the peer needs Node.js")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="ipgraph-peer-") as scratch:
        schema = typedefs.write(Path(scratch) / "typedefs.graphql")
        command = [
            node,
            str(PEER_DIR / "peer.mjs"),
            "--port",
            str(port),
            "--uri",
            env["NEO4J_URI"],
            "--user",
            env["NEO4J_USER"],
            "--database",
            env["NEO4J_DATABASE"],
            "--typedefs",
            str(schema),
        ]
        with process(command, "peer: ready", {"PEER_NEO4J_PASSWORD": env["NEO4J_PASSWORD"]}):
            yield f"http://127.0.0.1:{port}/"


@dataclass
class Options:
    seconds: float = 10.0
    concurrencies: tuple[int, ...] = (1, 10)
    operations: tuple[str, ...] = tuple(op.name for op in OPERATIONS)
    peer: bool = False
    workers: int = 1
    soak: float = 0.0
    warmup: float = 2.0
    # The engine has a full-text index (graph.capabilities): the floor's search uses it.
    fulltext: bool = False
    # The server's own name for itself (Bolt agent), for the record.
    engine: str = ""


Progress = Callable[[str], None]


async def _run_all(
    live: Settings,
    options: Options,
    service_url: str,
    peer_url: str | None,
    progress: Progress,
    service_pid: int,
) -> dict[str, Any]:
    assert live.neo4j_uri is not None
    peer_ops: dict[str, Any] = {}
    if peer_url:
        peer_ops = json.loads((PEER_DIR / "operations.json").read_text())
    results: list[Result] = []
    limits = httpx.Limits(max_connections=max(options.concurrencies) + 2)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        driver = neo4j.AsyncGraphDatabase.driver(
            live.neo4j_uri,
            auth=(live.neo4j_user, live.neo4j_password.get_secret_value()),
            max_connection_pool_size=max(options.concurrencies) + 2,
        )
        try:
            found = await driver.execute_query(floor.GENERATED_SIZES, database_=live.neo4j_database)
            sizes: Sizes = dict(found.records[0])
            planned: list[tuple[Operation, dict[str, Call]]] = []
            for op in OPERATIONS:
                if op.name not in options.operations:
                    continue
                variables = _bound(op.variables, sizes)
                floor_cypher, floor_variables = op.cypher, variables
                if options.fulltext and op.fulltext_cypher is not None:
                    floor_cypher, floor_variables = op.fulltext_cypher, _with_index_query(variables)
                headers = {"authorization": f"Bearer {EDITOR_KEY}"} if op.writes else None
                calls: dict[str, Call] = {
                    "ipgraph": graphql_call(client, service_url, op.query, variables, headers),
                    "driver": driver_call(
                        driver,
                        live.neo4j_database,
                        floor_cypher,
                        floor_variables,
                        writes=op.writes,
                    ),
                }
                if op.exportable:
                    export_url = service_url.removesuffix("/graphql") + "/export"
                    calls["export"] = export_call(client, export_url, op.query, variables)
                if peer_url and op.peer:
                    peer = peer_ops[op.name]
                    peer_variables = _bound(op.peer_variables or op.variables, sizes)
                    calls["peer"] = graphql_call(client, peer_url, peer["query"], peer_variables)
                planned.append((op, calls))
            # Every party warms up on every operation before anything is measured: the
            # engine's JIT and caches warm over the first seconds of a run, and whoever
            # was measured first (ipgraph, on the first operation) paid for it (run G
            # measured Neo4j's id_lookup at 5.2 ms p50 for ipgraph, cold, and 0.94 ms for
            # the same statement warm).
            for op, calls in planned:
                for target, call in calls.items():
                    progress(f"warm-up · {op.name} · {target}")
                    await measure(call, target, op.name, 2, options.warmup)
            for op, calls in planned:
                for target, call in calls.items():
                    for concurrency in options.concurrencies:
                        progress(f"{op.name} · {target} · c={concurrency}")
                        results.append(
                            await measure(call, target, op.name, concurrency, options.seconds)
                        )
            soak = None
            if options.soak > 0:
                soak = await _soak(client, service_url, service_pid, options.soak, progress, sizes)
        finally:
            await driver.close()
    return {"results": [_public(r) for r in results], "ratios": ratios(results), "soak": soak}


def _with_index_query(variables: Variables) -> Variables:
    def bound(index: int) -> dict[str, Any]:
        values = variables(index)
        return {**values, "query": lucene_query(values["text"])}

    return bound


def _bound(variables: Callable[[int, Sizes], dict[str, Any]], sizes: Sizes) -> Variables:
    return lambda index: variables(index, sizes)


async def _soak(
    client: httpx.AsyncClient,
    url: str,
    pid: int,
    seconds: float,
    progress: Progress,
    sizes: Sizes,
) -> dict[str, Any]:
    """Sustained load (nested, concurrency 10) while sampling the service's memory."""
    op = next(o for o in OPERATIONS if o.name == "nested")
    call = graphql_call(client, url, op.query, _bound(op.variables, sizes))
    samples: list[tuple[float, int]] = []
    started = time.perf_counter()

    async def sample() -> None:
        while time.perf_counter() - started < seconds:
            samples.append((time.perf_counter() - started, rss_bytes(pid)))
            await asyncio.sleep(5)

    progress(f"soak · {seconds:.0f} s")
    load, _ = await asyncio.gather(measure(call, "ipgraph", "soak", 10, seconds), sample())
    warm = [rss for at, rss in samples if at >= seconds * 0.2] or [s[1] for s in samples]
    baseline = warm[0]
    return {
        "seconds": seconds,
        "requests": load.requests,
        "rps": round(load.rps, 1),
        "rss_mib": [round(rss / 2**20, 1) for _, rss in samples],
        "rss_after_warmup_mib": round(baseline / 2**20, 1),
        "rss_end_mib": round(warm[-1] / 2**20, 1),
        "max_drift_percent": round(max(abs(r - baseline) for r in warm) / baseline * 100, 1),
    }


def _public(result: Result) -> dict[str, Any]:
    data = asdict(result)
    data.pop("latencies")
    for key in ("rps", "p50_ms", "p99_ms"):
        data[key] = round(data[key], 3)
    return data


def ratios(results: list[Result]) -> list[dict[str, Any]]:
    """Side-by-side ratios from one run: ipgraph vs the peer (throughput), vs the driver
    floor (p50 latency), and /export's CSV vs the same query's JSON (p50 latency)."""
    index = {(r.operation, r.target, r.concurrency): r for r in results}
    found = []
    for (op, target, concurrency), ours in index.items():
        if target != "ipgraph":
            continue
        row: dict[str, Any] = {"operation": op, "concurrency": concurrency}
        floor_ = index.get((op, "driver", concurrency))
        if floor_ and floor_.p50_ms:
            row["p50_vs_driver"] = round(ours.p50_ms / floor_.p50_ms, 2)
        export = index.get((op, "export", concurrency))
        if export and ours.p50_ms:
            row["p50_export_vs_graphql"] = round(export.p50_ms / ours.p50_ms, 2)
        peer = index.get((op, "peer", concurrency))
        if peer and peer.rps:
            row["rps_vs_peer"] = round(ours.rps / peer.rps, 2)
        found.append(row)
    return found


def run(live: Settings, options: Options, progress: Progress) -> dict[str, Any]:
    """Start ipgraph (and the peer) against ``live``'s database, measure, stop them."""
    env = {
        **live.database_environment(),
        "IPGRAPH_MODE": "development",
        "IPGRAPH_API_KEYS": f"{EDITOR_KEY}:editor",
    }
    port = free_port()
    service = [
        sys.executable,
        "-m",
        "cli",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(options.workers),
    ]
    peer = peer_server(env) if options.peer else nullcontext(None)
    with process(service, "ipgraph ready", env) as service_proc, peer as peer_url:
        report = asyncio.run(
            _run_all(
                live,
                options,
                f"http://127.0.0.1:{port}/graphql",
                peer_url,
                progress,
                service_proc.pid,
            )
        )
    return {
        "machine": machine(),
        "versions": versions(),
        "options": {**asdict(options)},
        **report,
    }
