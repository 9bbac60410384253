"""The one gateway to the database: an async driver plus the conventions every query follows.

Every statement names its database, reads are routed READ (a cluster can serve
them from readers), every transaction carries a timeout, the driver's retries are
bounded, and driver exceptions come out as the project's own (``graph.errors``).
Statements are counted per request (``QueryStats``) so the API can report them.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, LiteralString, NoReturn, TypeVar

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction, AsyncSession
from neo4j.exceptions import (
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from opentelemetry import trace
from opentelemetry.trace import SpanKind

from graph.capabilities import (
    BASELINE,
    FILTERED_SHORTEST_PROBE,
    FULLTEXT_PROBE,
    NESTED_MAPS_PROBE,
    Capabilities,
)
from graph.errors import (
    ConstraintViolation,
    DatabaseBusy,
    DatabaseUnavailable,
    GraphError,
    QueryFailed,
    QueryTimeout,
    QueryTooLarge,
    WriteOutcomeUnknown,
)
from graph.telemetry import recording

Params = Mapping[str, Any]
Row = dict[str, Any]
StatementObserver = Callable[[str, Params], None]


@dataclass
class QueryStats:
    """Statements sent and database time spent, for one request; ``outer``: the stats of
    an enclosing ``collect_stats`` block, which count them too."""

    statements: int = 0
    db_time_ms: float = 0.0
    outer: QueryStats | None = None


_stats: ContextVar[QueryStats | None] = ContextVar("ipgraph_query_stats", default=None)

_TRACER = trace.get_tracer("ipgraph.graph")

# When the current request must be answered by (``time.monotonic()``), if it has a deadline.
_deadline: ContextVar[float | None] = ContextVar("ipgraph_deadline", default=None)

# How long a statement abandoned at its deadline may keep its connection before it is
# cut (which ends the transaction on the server): the engine's own timeout normally
# ends it first; a frozen or wedged engine never would.
ABANDON_GRACE = 2.0

# Times a read that failed in a way worth retrying (``is_retryable``) is tried again.
READ_RETRIES = 3


@contextmanager
def deadline(seconds: float) -> Any:
    """Every statement run inside the ``with`` block (one request) ends within ``seconds``
    of entering it, in all: later statements get what is left. Inside another such
    block, the sooner of the two ends holds (an inner block never extends a request)."""
    end = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(end if outer is None else min(outer, end))
    try:
        yield
    finally:
        _deadline.reset(token)


@contextmanager
def collect_stats() -> Any:
    """Count the statements run inside the ``with`` block (one request); an enclosing
    block (the request's log line) counts them as well."""
    stats = QueryStats(outer=_stats.get())
    token = _stats.set(stats)
    try:
        yield stats
    finally:
        _stats.reset(token)


# Called before each statement of the current request (``on_statement``).
_statement_hook: ContextVar[Callable[[], None] | None] = ContextVar(
    "ipgraph_statement_hook", default=None
)


@contextmanager
def on_statement(hook: Callable[[], None]) -> Iterator[None]:
    """Call ``hook`` before each read or write transaction started inside the ``with``
    block (and tasks it starts): what a request does once it touches the graph."""
    token = _statement_hook.set(hook)
    try:
        yield
    finally:
        _statement_hook.reset(token)


def _touching() -> None:
    hook = _statement_hook.get()
    if hook is not None:
        hook()


@contextmanager
def uncounted() -> Iterator[None]:
    """Statements run inside the ``with`` block (and tasks it starts) are not counted in
    the request's statistics: reads that serve the response's metadata, not its data."""
    token = _stats.set(None)
    try:
        yield
    finally:
        _stats.reset(token)


def create_driver(
    uri: str,
    auth: tuple[str, str],
    *,
    retry_time: float,
    connection_timeout: float = 2.0,
    pool_size: int = 50,
) -> AsyncDriver:
    """The process's driver. ``retry_time`` bounds the driver's transaction retries."""
    return AsyncGraphDatabase.driver(
        uri,
        auth=auth,
        max_transaction_retry_time=retry_time,
        connection_timeout=connection_timeout,
        connection_acquisition_timeout=max(connection_timeout, retry_time) + 1.0,
        max_connection_pool_size=pool_size,
        # The embedded engine and Neo4j both drop idle connections eventually:
        # check a pooled connection that sat idle before reusing it.
        liveness_check_timeout=30.0,
        # Notifications are for developers running EXPLAIN, not for every request.
        notifications_min_severity="OFF",
    )


# How engines word a refusal for the size of what a query holds (ArcadeDB's collect
# limit and heap budget; Neo4j names it by code).
_TOO_LARGE = ("Limit of allowed elements", "QueryHeapBudgetExceeded", "queryMaxHeapRAM")


def _translate(exc: Exception) -> GraphError:
    if isinstance(exc, ServiceUnavailable | SessionExpired):
        return DatabaseUnavailable("the database is unavailable")
    if isinstance(exc, Neo4jError):
        code = exc.code or ""
        if code.endswith("DatabaseUnavailable") or code.endswith("DatabaseNotFound"):
            return DatabaseUnavailable("the database is unavailable")
        if "TransactionTimedOut" in code or "TransactionTimedOutClientConfiguration" in code:
            return QueryTimeout("the query ran past its time limit")
        if code.endswith("MemoryPoolOutOfMemoryError") or any(
            sign in (exc.message or "") for sign in _TOO_LARGE
        ):
            return QueryTooLarge("the query needs more than the database allows one query")
        if code == "Neo.ClientError.Schema.ConstraintValidationFailed":
            return ConstraintViolation(exc.message or "constraint violated")
        if isinstance(exc, TransientError):
            return DatabaseBusy("the database stayed busy past the retry budget")
        if isinstance(exc, ClientError):
            return QueryFailed(f"{code}: {exc.message}")
        return QueryFailed(f"{code}: {exc.message}")
    if isinstance(exc, DriverError):
        return DatabaseUnavailable("the database is unavailable")
    return QueryFailed(f"{type(exc).__name__}: {exc}")


class Database:
    """Runs parameterized Cypher against one named database: each read as an auto-commit
    transaction, writes in managed ones."""

    def __init__(
        self,
        driver: AsyncDriver,
        database: str,
        *,
        timeout: float,
        observer: StatementObserver | None = None,
        statement_text: bool = False,
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout
        self.observer = observer
        # Statement spans carry the Cypher text (development) or only its hash.
        self.statement_text = statement_text
        self._capabilities: Capabilities | None = None
        # Driver work whose caller was cancelled, left to finish (see ``_uncancelled``).
        self._orphans: set[asyncio.Task[Any]] = set()

    async def close(self) -> None:
        if self._orphans:
            # Each is bounded by the transaction timeout; give them that long at most.
            await asyncio.wait(self._orphans, timeout=self.timeout)
        await self.driver.close()

    def _budget(self) -> float:
        """Seconds the next statement may take: the transaction timeout, or what is left
        of the request's deadline if that is sooner. None left: ``QueryTimeout``."""
        end = _deadline.get()
        if end is None:
            return self.timeout
        left = end - time.monotonic()
        if left <= 0:
            raise QueryTimeout("the request ran past its time limit")
        return min(self.timeout, left)

    async def _uncancelled(self, work: Coroutine[Any, Any, T], budget: float) -> T:
        """Await ``work`` for at most ``budget`` seconds, so that neither cancelling the
        caller nor the deadline cancels the driver at once.

        GraphQL cancels a field's sibling resolvers once the response is decided (an
        error bubbling up to ``data: null``), and a client may go away mid-request. The
        driver answers a cancellation by killing the connection it is using, and one cut
        while being opened is left unclosed. So the caller stops waiting at once, while
        the statement runs to its end (bounded by the engine's own timeout) and hands its
        connection back to the pool. Past the budget the caller gets ``QueryTimeout``;
        a statement still running ``ABANDON_GRACE`` seconds later (a frozen or wedged
        engine answers nothing) is cut.
        """
        task = asyncio.ensure_future(work)
        try:
            async with asyncio.timeout(budget):
                return await asyncio.shield(task)
        except TimeoutError:
            self._abandon(task, ABANDON_GRACE)
            raise QueryTimeout("the query ran past its time limit") from None
        except asyncio.CancelledError:
            # Nobody waits any more, but the statement may still finish in its budget.
            self._abandon(task, budget + ABANDON_GRACE)
            raise

    def _abandon(self, task: asyncio.Task[Any], cut_after: float) -> None:
        if task.done():
            self._forget(task)
            return
        self._orphans.add(task)
        task.add_done_callback(self._forget)
        asyncio.get_running_loop().call_later(cut_after, task.cancel)

    def _forget(self, task: asyncio.Task[Any]) -> None:
        self._orphans.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: nobody is waiting for it any more

    def _observe(self, query: str, params: Params) -> None:
        if self.observer is not None:
            self.observer(query, params)

    async def _run(
        self,
        target: AsyncSession | AsyncManagedTransaction,
        query: LiteralString,
        params: Params,
        tx_timeout: float | None = None,
    ) -> tuple[list[Row], neo4j.ResultSummary]:
        """Run one statement in ``target`` (a session: an auto-commit transaction with
        the server-side ``tx_timeout``; or a managed transaction, which has its own), in
        a span of its own (OpenTelemetry; nothing is recorded unless tracing is on)."""
        self._observe(query, params)
        span = (
            _TRACER.start_as_current_span(
                "cypher", kind=SpanKind.CLIENT, attributes=self._span_attributes(query)
            )
            if recording()
            else nullcontext()
        )
        with span:
            if isinstance(target, AsyncSession):
                result = await target.run(neo4j.Query(query, timeout=tx_timeout), dict(params))
            else:
                result = await target.run(query, dict(params))
            # Rows as the engine sent them: statements return maps, lists and values,
            # never nodes, so the driver's converter (``data()``, which walks every value
            # of every row) has nothing to convert.
            keys = result.keys()
            rows = [dict(zip(keys, record, strict=True)) async for record in result]
            return rows, await result.consume()

    def _span_attributes(self, query: str) -> dict[str, str]:
        attributes = {"db.system": "neo4j", "db.namespace": self.database}
        if self.statement_text:
            attributes["db.query.text"] = query
        else:  # production: which statement, without its text
            attributes["db.query.hash"] = hashlib.sha256(query.encode()).hexdigest()[:16]
        return attributes

    def _account(self, summaries: Sequence[neo4j.ResultSummary], wall_ms: float) -> None:
        stats = _stats.get()
        if stats is None:
            return
        db_ms = sum(
            (s.result_available_after or 0) + (s.result_consumed_after or 0) for s in summaries
        )
        while stats is not None:
            stats.statements += len(summaries)
            # Engines that report no timings (0) still get an honest upper bound.
            stats.db_time_ms += db_ms if db_ms else wall_ms
            stats = stats.outer

    async def read(self, query: LiteralString, params: Params | None = None) -> list[Row]:
        """Run one read statement, routed to readers, and return its rows as dicts."""
        _touching()
        started = time.perf_counter()
        rows, summary = await self._read(query, params or {})
        self._account([summary], (time.perf_counter() - started) * 1000)
        return rows

    async def _read(
        self, query: LiteralString, params: Params
    ) -> tuple[list[Row], neo4j.ResultSummary]:

        budget = self._budget()

        async def session_work() -> tuple[list[Row], neo4j.ResultSummary]:
            # An auto-commit transaction: RUN and PULL go in one message, one round trip,
            # where a managed one adds a BEGIN and a COMMIT, each waited for. A read is
            # one statement, so nothing else changes; the driver retries managed
            # transactions only, so a retryable failure (a cluster member going away, a
            # transient error) is tried again here, within the budget.
            attempt = 0
            while True:
                async with self.driver.session(
                    database=self.database, default_access_mode=neo4j.READ_ACCESS
                ) as session:
                    try:
                        return await self._run(session, query, params, budget)
                    except (Neo4jError, DriverError) as exc:
                        attempt += 1
                        if attempt > READ_RETRIES or not exc.is_retryable():
                            raise
                await asyncio.sleep(0.05 * attempt)

        try:
            return await self._uncancelled(session_work(), budget)
        except (Neo4jError, DriverError) as exc:
            raise _translate(exc) from exc

    async def write(
        self,
        statements: Sequence[tuple[LiteralString, Params]],
        *,
        on_statement_done: Callable[[int], None] | None = None,
    ) -> list[list[Row]]:
        """Run statements in ONE write transaction: all of them apply, or none does.

        ``on_statement_done(n)`` is called after the n-th statement (progress bars).
        """

        async def work(tx: Tx) -> list[list[Row]]:
            done = []
            for query, params in statements:
                done.append(await tx.run(query, params))
                if on_statement_done is not None:
                    on_statement_done(len(done))
            return done

        return await self.transaction(work)

    async def transaction(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run ``work`` in ONE write transaction (reads inside it see its own writes).

        ``work`` may be retried by the driver on transient errors, so it must only
        talk to the database through the ``Tx`` it is given.
        """
        _touching()
        summaries: list[neo4j.ResultSummary] = []
        budget = self._budget()

        @neo4j.unit_of_work(timeout=budget)
        async def run(tx: AsyncManagedTransaction) -> T:
            summaries.clear()
            return await work(Tx(self, tx, summaries))

        async def session_work() -> T:
            async with self.driver.session(
                database=self.database, default_access_mode=neo4j.WRITE_ACCESS
            ) as session:
                return await session.execute_write(run)

        started = time.perf_counter()
        try:
            result = await self._uncancelled(session_work(), budget)
        except (Neo4jError, DriverError) as exc:
            raise _translate(exc) from exc
        except QueryTimeout:
            # Only the wait ended (_uncancelled): the transaction finishes on its own and
            # may commit, so the client must not be told it did not happen.
            raise WriteOutcomeUnknown("the write ran past its time limit") from None
        self._account(summaries, (time.perf_counter() - started) * 1000)
        return result

    async def capabilities(self, *, known: bool = False) -> Capabilities:
        """What the engine can do (``graph.capabilities``): probed on first use, then kept.

        The probes are not counted as a request's statements. While the database cannot
        be reached the common subset is assumed (every statement built for it runs on
        every engine) and the probes are tried again next time; with ``known`` (the
        migrations, which create what the features need) the error is raised instead.
        """
        if self._capabilities is None:
            try:
                fulltext = await self._probe(FULLTEXT_PROBE)
                nested = await self._probe(NESTED_MAPS_PROBE)
                shortest = await self._probe(FILTERED_SHORTEST_PROBE, rolled_back=True)
            except GraphError:
                if known:
                    raise
                return BASELINE
            self._capabilities = Capabilities.from_probes(fulltext, nested, shortest)
        return self._capabilities

    async def _probe(self, query: LiteralString, *, rolled_back: bool = False) -> list[Row]:
        """A probe's rows; none where the engine refuses the statement (it lacks the
        feature). Unavailability is raised: the answer is not known yet. A probe that
        needs data of its own runs ``rolled_back``: in a write transaction that is then
        rolled back, so nothing stays (and none where a read-only user may not write)."""

        async def work(tx: Tx) -> NoReturn:
            raise _Probed(await tx.run(query))

        try:
            if not rolled_back:
                rows, _ = await self._read(query, {})
                return rows
            await self.transaction(work)
        except _Probed as probed:
            return probed.rows
        except QueryFailed:
            return []
        raise AssertionError("unreachable: a rolled-back probe's work always raises")

    async def ping(self) -> None:
        """One cheap round trip; ``DatabaseUnavailable`` when the database does not answer."""
        await self.read(PING)


PING: LiteralString = "RETURN 1 AS ok"


class _Probed(Exception):
    """Raised with a probe's rows, so the transaction they were read in rolls back."""

    def __init__(self, rows: list[Row]) -> None:
        super().__init__("probed")
        self.rows = rows


T = TypeVar("T")


class Tx:
    """A transaction handed to ``Database.transaction``'s work."""

    def __init__(
        self, db: Database, tx: AsyncManagedTransaction, summaries: list[neo4j.ResultSummary]
    ) -> None:
        self._db, self._tx, self._summaries = db, tx, summaries

    async def run(self, query: LiteralString, params: Params | None = None) -> list[Row]:
        rows, summary = await self._db._run(self._tx, query, params or {})
        self._summaries.append(summary)
        return rows
