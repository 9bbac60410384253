"""The ``ipgraph`` command: serve, migrate, seed, export-schema, trusted-documents."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import dataclasses
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from pydantic import SecretStr, ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from graph import loading
from graph.db import Database, StatementObserver, create_driver
from graph.engine import BoltServer, EmbeddedEngine, LaunchedNeo4j
from graph.errors import GraphError
from graph.migrations import migrate as run_migrations
from graph.settings import Settings, describe_error
from graph.supervisor import Supervisor
from seed import loader

app = typer.Typer(
    name="ipgraph",
    help="Federated GraphQL knowledge service about Canada's international policing.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"ipgraph: {message}", style="red", highlight=False, markup=False, soft_wrap=True)
    return typer.Exit(code)


def seed_failure(exc: loader.SeedError) -> typer.Exit:
    """Every problem of the seed files, one per line, and the exit: nothing was written."""
    for problem in exc.problems:
        err.print(problem, highlight=False, markup=False, soft_wrap=True)
    return fail(f"{len(exc.problems)} problem(s) in the seed files; nothing was written")


def load_settings(**overrides: Any) -> Settings:
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        raise fail(describe_error(exc), 2) from None


class EngineChoice(StrEnum):
    """The Bolt server a command starts when ``NEO4J_URI`` names none."""

    ARCADEDB = "arcadedb"
    NEO4J = "neo4j"


ENGINE_OPTION_HELP = (
    "Engine to start when NEO4J_URI is unset: arcadedb (embedded) or neo4j (a real "
    "Neo4j 5.26 from tests/neo4j, in a checkout)."
)


@contextlib.contextmanager
def database_settings(
    settings: Settings,
    engine_choice: EngineChoice = EngineChoice.ARCADEDB,
    *,
    supervise: bool = False,
) -> Iterator[Settings]:
    """Settings pointing at a live Bolt server: the configured one, or one started here
    (the embedded engine, or with ``EngineChoice.NEO4J`` the launcher's Neo4j); with
    ``supervise``, one kept answering by a ``Supervisor`` while the block runs."""
    if not settings.embedded:
        yield settings
        return
    engine: BoltServer
    if engine_choice is EngineChoice.NEO4J:
        engine = LaunchedNeo4j(settings.data_dir / "neo4j-server")
        err.print(f"starting Neo4j (data in {engine.data_dir}) …", highlight=False)
    else:
        engine = EmbeddedEngine(
            settings.data_dir,
            settings.neo4j_database,
            heap=settings.engine_heap,
            command_timeout=settings.query_timeout,
        )
        err.print(f"starting the embedded engine (data in {engine.data_dir}) …", highlight=False)

    def terminate(signum: int, frame: Any) -> None:
        # SIGTERM while starting, migrating or seeding: unwind, so the engine stops.
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        try:
            engine.start()
        except GraphError as exc:
            raise fail(str(exc)) from None
        user, password = engine.auth
        state_file = settings.data_dir / "engine.state.json" if supervise else None
        with contextlib.ExitStack() as supervised:
            if state_file is not None:
                supervised.enter_context(Supervisor(engine, state_file))
            yield settings.model_copy(
                update={
                    "neo4j_uri": engine.uri,
                    "neo4j_user": user,
                    "neo4j_password": SecretStr(password),
                    "neo4j_database": engine.database,
                    "engine_state_file": state_file,
                }
            )
    finally:
        engine.stop()
        signal.signal(signal.SIGTERM, previous)


def open_database(settings: Settings, observer: StatementObserver | None = None) -> Database:
    assert settings.neo4j_uri is not None
    driver = create_driver(
        settings.neo4j_uri,
        (settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        retry_time=max(settings.retry_time, 10.0),
    )
    # Bulk loads run longer than API queries: a generous timeout for the CLI.
    return Database(
        driver,
        settings.neo4j_database,
        timeout=max(settings.query_timeout, 300.0),
        observer=observer,
    )


def print_report(report: loader.SeedReport, totals: dict[str, int]) -> None:
    table = Table(title="seed", show_edge=False)
    for column in ("", "created", "updated", "unchanged", "in graph"):
        table.add_column(column, justify="right" if column else "left")
    for name, change in [*report.nodes.items(), *report.relationships.items()]:
        table.add_row(
            name,
            str(change.created),
            str(change.updated),
            str(change.unchanged),
            str(totals.get(name, "")),
        )
    out.print(table)
    if report.changed:
        out.print(f"seed applied in one transaction ({report.statements} statements)")
    else:
        out.print("no change: the graph already matches the seed files")


async def _seed(db: Database, data: loader.SeedData) -> loader.SeedReport:
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("seeding", total=None)

        def step(stage: str, done: int, total: int) -> None:
            progress.update(task, description=stage, completed=done, total=total)

        report = await loader.apply(db, data, step)
    print_report(report, await loading.counts(db))
    return report


@contextlib.asynccontextmanager
async def connected(
    settings: Settings, observer: StatementObserver | None = None
) -> AsyncIterator[Database]:
    """A ``Database`` for one CLI command, closed when it is done."""
    db = open_database(settings, observer)
    try:
        yield db
    finally:
        await db.close()


async def prepare(
    settings: Settings, *, seed_if_empty: bool, observer: StatementObserver | None = None
) -> None:
    """Startup sequence: wait for the database, migrate, then seed an empty graph."""
    async with connected(settings, observer) as db:
        await db.ping()
        await run_migrations(db)
        if seed_if_empty and await loading.is_empty(db):
            err.print("empty graph: loading the seed data")
            await _seed(db, loader.load_files())


class _Server(uvicorn.Server):
    """uvicorn's server, announcing its URL once it listens and exiting 0 on a signal."""

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets)
        if self.started:
            url = f"http://{self.config.host}:{self.config.port}/graphql"
            out.print(f"ipgraph ready: {url}", highlight=False)

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        with super().capture_signals():
            yield
            # uvicorn re-raises the signal that stopped it, which would kill this
            # process before the engine is stopped in order. A signal here means
            # "shut down gracefully", and that is done: exit 0.
            self._captured_signals.clear()


def check_trusted_documents(settings: Settings) -> None:
    """A bad manifest stops ``serve`` before any engine starts, naming the bad entry (the
    app would refuse it too, from inside uvicorn's startup)."""
    if settings.trusted_documents is None:
        return
    from schema.persisted import ManifestError, load_manifest
    from schema.schema import build_schema

    try:
        load_manifest(settings.trusted_documents, build_schema()._schema)
    except ManifestError as exc:
        raise fail(f"IPGRAPH_TRUSTED_DOCUMENTS: {exc}", 2) from None


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind [IPGRAPH_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind [IPGRAPH_PORT].")] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (stateless; one engine).")
    ] = 1,
) -> None:
    """Run the service (starting the embedded engine unless NEO4J_URI is set)."""
    from uvicorn.supervisors.multiprocess import Multiprocess

    settings = load_settings(host=host, port=port)
    check_trusted_documents(settings)
    with database_settings(settings, supervise=True) as live:
        try:
            asyncio.run(prepare(live, seed_if_empty=True))
        except GraphError as exc:
            raise fail(f"database not ready: {exc}") from None
        except loader.SeedError as exc:
            raise seed_failure(exc) from None
        from web.observe import logging_config

        common: dict[str, Any] = {
            "host": live.host,
            "port": live.port,
            "log_level": "info",
            "log_config": logging_config(live.json_logs),
            "access_log": False,  # web.observe writes one line per request
            "lifespan": "on",
            "proxy_headers": False,
            # A WebSocket message is held to the size an HTTP body is (BodyLimit).
            "ws_max_size": live.max_body_bytes,
        }
        if workers == 1:
            from web.app import create_app

            _Server(uvicorn.Config(create_app(live), **common)).run()
            return
        # Workers are separate processes: they build their settings from the
        # environment, pointed here at the database this process prepared, and write
        # their metrics to files /metrics sums (web.observe), fresh for this run.
        os.environ.update(live.database_environment())
        metrics_dir = tempfile.mkdtemp(prefix="ipgraph-metrics-")
        atexit.register(shutil.rmtree, metrics_dir, ignore_errors=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
        config = uvicorn.Config("web.app:app_from_env", factory=True, workers=workers, **common)
        url = f"http://{live.host}:{live.port}/graphql"
        threading.Thread(target=_announce_when_up, args=(url,), daemon=True).start()
        Multiprocess(config, sockets=[config.bind_socket()]).run()


def _announce_when_up(url: str, timeout: float = 120.0) -> None:
    """Print the URL once a worker answers (the supervisor has no startup hook)."""
    health = url.removesuffix("/graphql") + "/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(health, timeout=1):  # noqa: S310 - our own loopback URL
                out.print(f"ipgraph ready: {url}", highlight=False)
                return
        except OSError:
            time.sleep(0.2)


@app.command()
def migrate() -> None:
    """Create constraints and indexes (idempotent)."""
    settings = load_settings()

    async def run(live: Settings) -> int:
        async with connected(live) as db:
            return await run_migrations(db)

    with database_settings(settings) as live:
        try:
            count = asyncio.run(run(live))
        except GraphError as exc:
            raise fail(f"migration failed: {exc}") from None
    out.print(f"migrations applied: {count} constraints and indexes present")


@app.command()
def seed(
    path: Annotated[
        Path, typer.Option("--from", help="Folder holding the seed YAML files.")
    ] = loader.DATA_DIR,
) -> None:
    """Validate the seed files, then load what changed (idempotent)."""
    settings = load_settings()
    try:
        data = loader.load_files(path)
    except loader.SeedError as exc:
        raise seed_failure(exc) from None

    async def run(live: Settings) -> None:
        async with connected(live) as db:
            await db.ping()
            await run_migrations(db)
            await _seed(db, data)

    with database_settings(settings) as live:
        try:
            asyncio.run(run(live))
        except GraphError as exc:
            raise fail(f"seeding failed, nothing was written: {exc}") from None


@app.command()
def generate(
    scale: Annotated[
        float, typer.Option(min=0.0001, help="1.0: 100,000 officers, 5,000 locations, …")
    ] = 1.0,
    seed: Annotated[int, typer.Option(help="Same seed and scale, same graph.")] = 42,
    batch: Annotated[int, typer.Option(min=100, help="Rows per transaction.")] = 10_000,
    engine: Annotated[EngineChoice, typer.Option(help=ENGINE_OPTION_HELP)] = EngineChoice.ARCADEDB,
) -> None:
    """Load a deterministic synthetic graph (same model as the seed) at a chosen scale."""

    from seed.generate import Scale
    from seed.generate import generate as synthetic

    settings = load_settings()
    shape = Scale.times(scale)
    batches = list(synthetic(shape, seed))
    total = sum(len(b.rows) for b in batches)

    async def run(live: Settings) -> float:
        async with connected(live) as db:
            await db.ping()
            await run_migrations(db)
            started = time.perf_counter()
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                console=err,
            ) as progress:
                task = progress.add_task("generating", total=total, rate="")

                def step(rows: int) -> None:
                    progress.advance(task, rows)
                    done = progress.tasks[0].completed
                    elapsed = time.perf_counter() - started
                    progress.update(task, rate=f"{done / elapsed:,.0f} rows/s")

                for part in batches:
                    if part.label is not None:
                        statement = loading.node_upsert(part.label)
                    else:
                        assert part.rel is not None
                        statement = loading.rel_upsert(*part.rel)
                    await loading.write_rows(db, statement, part.rows, batch=batch, progress=step)
            return time.perf_counter() - started

    with database_settings(settings, engine) as live:
        try:
            elapsed = asyncio.run(run(live))
        except GraphError as exc:
            raise fail(f"generation failed: {exc}") from None
    out.print(
        f"generated {total:,} rows ({shape.officers:,} officers, {shape.locations:,} locations, "
        f"{shape.missions:,} missions, {shape.agencies:,} agencies) in {elapsed:.1f} s: "
        f"{total / elapsed:,.0f} rows/s",
        highlight=False,
        soft_wrap=True,
    )


@app.command()
def bench(
    seconds: Annotated[float, typer.Option(min=0.5, help="Duration of each measurement.")] = 10,
    warmup: Annotated[
        float, typer.Option(min=0, help="Seconds of load on each target before it is measured.")
    ] = 2,
    concurrency: Annotated[str, typer.Option(help="Concurrent clients, comma-separated.")] = "1,10",
    operations: Annotated[
        str, typer.Option(help="Comma-separated subset of the operations (default: all).")
    ] = "",
    peer: Annotated[
        bool, typer.Option(help="Also measure @neo4j/graphql on the same data.")
    ] = False,
    workers: Annotated[int, typer.Option(min=1, help="ipgraph worker processes.")] = 1,
    soak: Annotated[
        float, typer.Option(help="Seconds of sustained load for the memory check.")
    ] = 0,
    output: Annotated[Path, typer.Option("--out", help="Where to write the JSON results.")] = Path(
        "bench-results.json"
    ),
    engine: Annotated[EngineChoice, typer.Option(help=ENGINE_OPTION_HELP)] = EngineChoice.ARCADEDB,
) -> None:
    """Measure ipgraph against the driver floor (and the peer) on the generated graph."""
    from bench import run as harness
    from graph import floor

    settings = load_settings()
    names = tuple(n.strip() for n in operations.split(",") if n.strip()) or tuple(
        op.name for op in harness.OPERATIONS
    )
    unknown = set(names) - {op.name for op in harness.OPERATIONS}
    if unknown:
        raise fail(f"unknown operation(s): {', '.join(sorted(unknown))}", 2)
    try:
        levels = tuple(int(c) for c in concurrency.split(",") if c.strip())
    except ValueError:
        raise fail("--concurrency must be comma-separated integers", 2) from None
    options = harness.Options(
        seconds=seconds,
        concurrencies=levels,
        operations=names,
        peer=peer,
        workers=workers,
        soak=soak,
        warmup=warmup,
    )

    async def generated(live: Settings) -> tuple[bool, bool, str]:
        async with connected(live) as db:
            present = bool((await db.read(floor.GENERATED))[0]["present"])
            fulltext = (await db.capabilities()).fulltext
            agent = (await db.driver.get_server_info()).agent
            return present, fulltext, agent

    with database_settings(settings, engine) as live:
        present, fulltext, agent = asyncio.run(generated(live))
        if not present:
            hint = "" if engine is EngineChoice.ARCADEDB else f" --engine {engine.value}"
            raise fail(f"no generated graph here: run `ipgraph generate{hint}` first")
        options = dataclasses.replace(options, fulltext=fulltext, engine=agent)
        err.print(f"engine: {agent}", highlight=False)
        exported = sum(1 for op in harness.OPERATIONS if op.name in names and op.exportable)
        peered = sum(1 for op in harness.OPERATIONS if op.name in names and op.peer)
        runs = (len(names) * 2 + (peered if peer else 0) + exported) * len(levels)
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err
        ) as progress:
            task = progress.add_task("benchmark", total=runs)

            def step(label: str) -> None:
                if not label.startswith(("soak", "warm-up")):
                    progress.advance(task)
                progress.update(task, description=label)

            try:
                report = harness.run(live, options, step)
            except RuntimeError as exc:
                raise fail(f"benchmark failed: {exc}") from None
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    table = Table(title="ipgraph bench", show_edge=False)
    for column in ("operation", "target", "c", "req/s", "p50 ms", "p99 ms", "stmts/req", "errors"):
        table.add_column(column, justify="left" if column in ("operation", "target") else "right")
    for row in report["results"]:
        spr = row["statements_per_request"]
        table.add_row(
            row["operation"],
            row["target"],
            str(row["concurrency"]),
            f"{row['rps']:.1f}",
            f"{row['p50_ms']:.2f}",
            f"{row['p99_ms']:.2f}",
            "" if spr is None else f"{spr:.1f}",
            str(row["errors"]),
        )
    out.print(table)
    for ratio in report["ratios"]:
        out.print(ratio, highlight=False)
    if report.get("soak"):
        summary = {k: v for k, v in report["soak"].items() if k != "rss_mib"}
        out.print({"soak": summary}, highlight=False)
    out.print(f"results written to {output}", highlight=False, soft_wrap=True)


@app.command("export-schema")
def export_schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the GraphQL SDL of the subgraph."""
    from schema.schema import build_schema

    sdl = build_schema().as_str() + "\n"
    if output is None:
        sys.stdout.write(sdl)
    else:
        output.write_text(sdl, encoding="utf-8")


@app.command("trusted-documents")
def trusted_documents(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the manifest of the operations GraphiQL's examples and the explorer send
    (GraphQL Codegen's persisted-documents.json format, for IPGRAPH_TRUSTED_DOCUMENTS)."""
    from web.manifest import manifest_text, shipped_documents

    text = manifest_text(shipped_documents())
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
