"""What operators see of each request: one structured log line, and Prometheus metrics
served at ``/metrics``.

``Observed`` wraps the whole application. For each HTTP request it sets a
``schema.record.RequestRecord`` (the layers below note the GraphQL operation and the
error codes of the answer in it) and counts the request's statements
(``graph.db.collect_stats``, which the development mode's per-response statistics nest
in); when the response is sent, it writes the log line and updates the metrics.

- **Request id**: the client's ``X-Request-Id`` when it is a sane token (at most 64 of
  ``A-Z a-z 0-9 . _ -``), else a new one; sent back in ``X-Request-Id``.
- **Trace id**: the request's span's (``web.tracing``), a child of the caller's trace
  when a W3C ``traceparent`` came with it (a gateway or router sends one); with no
  spans recorded, the ``traceparent``'s own, so log lines join the caller's traces.
- **Operation names** label metrics, and clients choose them: the first
  ``MAX_OPERATIONS`` names a process sees are kept, any further ones count as
  ``other`` (anonymous operations as ``anonymous``), so a client cannot grow the
  metrics without bound.
- **Workers**: with ``ipgraph serve --workers N``, ``PROMETHEUS_MULTIPROC_DIR`` (set by
  ``serve``) makes every worker write its values to files there, and ``/metrics`` sums
  them, whichever worker answers.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from opentelemetry import propagate, trace
from opentelemetry.trace import Span, SpanKind
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily
from prometheus_client.registry import Collector
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.db import collect_stats
from graph.telemetry import recording
from schema import record
from schema.record import RequestRecord

log = logging.getLogger("ipgraph.requests")
_TRACER = trace.get_tracer("ipgraph.web")

MAX_OPERATIONS = 200
# Codes of a request refused by one of the abuse limits (see README, Security).
LIMIT_CODES = frozenset({"QUERY_TOO_LARGE", "PAYLOAD_TOO_LARGE"})
# Paths that are not worth a log line or a count: probes and the metrics themselves.
QUIET_PATHS = frozenset({"/health", "/ready", "/metrics"})
ROUTES = frozenset({"/graphql", "/export"})
SECONDS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_TRACEPARENT = re.compile(r"00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}")


def _route(path: str) -> str:
    """A path as metrics and spans name it: the API's routes, or ``other``."""
    return path if path in ROUTES else "other"


def request_id(given: str | None) -> str:
    return given if given is not None and _REQUEST_ID.fullmatch(given) else secrets.token_hex(8)


def trace_id(traceparent: str | None) -> str | None:
    """The trace id of a valid W3C ``traceparent`` (not all zeros), else None."""
    found = _TRACEPARENT.fullmatch(traceparent.strip()) if traceparent else None
    if found is None or set(found.group(1)) == {"0"} or set(found.group(2)) == {"0"}:
        return None
    return found.group(1)


class Metrics:
    """The service's metrics, in their own registry (one per application; in
    multiprocess mode the values live in ``PROMETHEUS_MULTIPROC_DIR``)."""

    def __init__(self, engine_restarts: Callable[[], int | None]) -> None:
        self.registry = CollectorRegistry()
        self.multiprocess_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None
        self.engine_restarts = engine_restarts
        self._operations: set[str] = set()
        registry = self.registry
        self.requests = Counter(
            "ipgraph_requests",
            "HTTP requests answered, by route, GraphQL operation and status.",
            ["route", "operation", "status"],
            registry=registry,
        )
        self.duration = Histogram(
            "ipgraph_request_duration_seconds",
            "Time from a request's arrival to its answer, by route and GraphQL operation.",
            ["route", "operation"],
            buckets=SECONDS,
            registry=registry,
        )
        self.database = Histogram(
            "ipgraph_database_seconds",
            "Time the database spent on a request's statements, by GraphQL operation.",
            ["operation"],
            buckets=SECONDS,
            registry=registry,
        )
        self.statements = Counter(
            "ipgraph_statements",
            "Cypher statements sent, by GraphQL operation.",
            ["operation"],
            registry=registry,
        )
        self.errors = Counter(
            "ipgraph_errors", "Errors answered, by code.", ["code"], registry=registry
        )
        self.refusals = Counter(
            "ipgraph_limit_refusals",
            "Requests refused by an abuse limit, by code.",
            ["code"],
            registry=registry,
        )
        self.in_flight = Gauge(
            "ipgraph_requests_in_flight",
            "Requests being answered.",
            multiprocess_mode="livesum",
            registry=registry,
        )
        self.subscriptions = Gauge(
            "ipgraph_subscriptions",
            "Subscriptions being followed (resolvers.live).",
            multiprocess_mode="livesum",
            registry=registry,
        )

    def operation(self, name: str | None) -> str:
        if name is None:
            return "anonymous"
        if name in self._operations:
            return name
        if len(self._operations) < MAX_OPERATIONS:
            self._operations.add(name)
            return name
        return "other"

    def exposition(self) -> bytes:
        if self.multiprocess_dir is None:
            registry = self.registry
        else:
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(  # type: ignore[no-untyped-call]
                registry, path=self.multiprocess_dir
            )
        registry_with_engine = _WithEngine(registry, self.engine_restarts)
        return generate_latest(registry_with_engine)


class _WithEngine(Collector):
    """A registry's metrics, and the engine's restarts as the supervisor recorded them
    (read at scrape time: the supervisor is another process's thread)."""

    def __init__(self, registry: CollectorRegistry, restarts: Callable[[], int | None]) -> None:
        self.registry = registry
        self.restarts = restarts

    def collect(self) -> Iterator[Any]:
        yield from self.registry.collect()
        restarts = self.restarts()
        if restarts is not None:
            family = CounterMetricFamily(
                "ipgraph_engine_restarts", "Restarts of the embedded engine by its supervisor."
            )
            family.add_metric([], restarts)
            yield family


class Observed:
    """The outer layer that logs and counts every request (module doc)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path in QUIET_PATHS or path.startswith("/static/"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        entry = RequestRecord(
            request_id(headers.get("x-request-id")), trace_id(headers.get("traceparent"))
        )
        status = 500
        started = time.perf_counter()

        async def sent(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-Id"] = entry.request_id
            await send(message)

        token = record.begin(entry)
        self.metrics.in_flight.inc()
        with self._span(scope, entry) as span:
            try:
                with collect_stats() as stats:
                    await self.app(scope, receive, sent)
            finally:
                self.metrics.in_flight.dec()
                record.end(token)
                seconds = time.perf_counter() - started
                if span is not None:
                    span.set_attribute("http.response.status_code", status)
                    if entry.operation is not None:
                        span.set_attribute("graphql.operation.name", entry.operation)
                self._account(entry, scope, status, seconds, stats.statements, stats.db_time_ms)

    @contextmanager
    def _span(self, scope: Scope, entry: RequestRecord) -> Iterator[Span | None]:
        """The request's span, a child of the caller's when a ``traceparent`` came with it;
        none when spans are not recorded (``graph.telemetry``)."""
        if not recording():
            yield None
            return
        method = scope.get("method", "")
        path = scope.get("path", "")
        route = _route(path)
        carrier = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        with _TRACER.start_as_current_span(
            f"{method} {route}",
            context=propagate.extract(carrier),
            kind=SpanKind.SERVER,
            attributes={"http.request.method": method, "http.route": route},
        ) as span:
            entry.trace_id = format(span.get_span_context().trace_id, "032x")
            yield span

    def _account(
        self,
        entry: RequestRecord,
        scope: Scope,
        status: int,
        seconds: float,
        statements: int,
        db_ms: float,
    ) -> None:
        metrics = self.metrics
        path = scope.get("path", "")
        route = _route(path)
        operation = metrics.operation(entry.operation)
        metrics.requests.labels(route, operation, str(status)).inc()
        metrics.duration.labels(route, operation).observe(seconds)
        if statements:
            metrics.database.labels(operation).observe(db_ms / 1000)
            metrics.statements.labels(operation).inc(statements)
        codes = sorted(set(entry.codes))
        for code in codes:
            metrics.errors.labels(code).inc()
            if code in LIMIT_CODES:
                metrics.refusals.labels(code).inc()
        log.info(
            "%s %s %d %.1f ms",
            scope.get("method"),
            path,
            status,
            seconds * 1000,
            extra={
                "event": "request",
                "method": scope.get("method"),
                "path": path,
                "status": status,
                "duration_ms": round(seconds * 1000, 3),
                "operation": entry.operation,
                "prepared": entry.prepared,
                "statements": statements,
                "db_ms": round(db_ms, 3),
                "errors": codes,
                "request_id": entry.request_id,
                "trace_id": entry.trace_id,
            },
        )


def metrics_endpoint(metrics: Metrics) -> Callable[[Request], Any]:
    async def serve(request: Request) -> Response:
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    return serve


def logging_config(json_lines: bool) -> dict[str, Any]:
    """``logging.config.dictConfig`` for ``ipgraph serve`` (uvicorn's ``log_config``): the
    service's and uvicorn's own lines to standard error, as JSON objects or as text.
    uvicorn's access log is off: ``Observed`` writes the request lines."""
    formatter: dict[str, Any] = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
        if json_lines
        else {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    )
    handler = {"class": "logging.StreamHandler", "formatter": "lines", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"lines": formatter},
        "handlers": {"stderr": handler},
        "loggers": {
            "ipgraph": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }
