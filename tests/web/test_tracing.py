"""OpenTelemetry spans (``web.tracing``): a request, its root fields and their Cypher
statements, in the caller's trace, recorded here by the SDK's in-memory exporter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from starlette.testclient import TestClient

from graph.db import Database, create_driver
from graph.settings import Settings
from tests.cypherlint.client import CypherLinter
from tests.support import run_async
from web.app import create_app

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN = "00f067aa0ba902b7"
QUERY = """query Two { mission(id: "mission-op-mali") { id name }
  location(id: "city-bogota") { id name } }"""

_exporter = InMemorySpanExporter()


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    # The process's provider can be set once: the first test to need it sets it.
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(_exporter))
        trace.set_tracer_provider(provider)
    _exporter.clear()
    yield _exporter
    _exporter.clear()


def _parent(span: ReadableSpan) -> int | None:
    return span.parent.span_id if span.parent is not None else None


@pytest.mark.integration
def test_a_request_its_root_fields_and_statements_in_the_callers_trace(
    live_settings: Settings, linter: CypherLinter, spans: InMemorySpanExporter
) -> None:
    with TestClient(create_app(live_settings, observer=linter.observe)) as client:
        for attempt in ("general", "prepared"):
            spans.clear()
            response = client.post(
                "/graphql",
                json={"query": QUERY},
                headers={"traceparent": f"00-{TRACE}-{CALLER_SPAN}-01"},
            )
            assert response.json()["data"]["mission"]["name"], attempt
            finished = spans.get_finished_spans()
            (request,) = [s for s in finished if s.kind is SpanKind.SERVER]
            assert request.name == "POST /graphql"
            assert format(request.context.trace_id, "032x") == TRACE
            assert _parent(request) == int(CALLER_SPAN, 16)
            assert request.attributes is not None
            assert request.attributes["http.response.status_code"] == 200
            assert request.attributes["graphql.operation.name"] == "Two"
            roots = {s.name: s for s in finished if s.name.startswith("Query.")}
            assert set(roots) == {"Query.mission", "Query.location"}, attempt
            statements = [s for s in finished if s.name == "cypher"]
            # One statement per root field, each inside its field's span (the citation's
            # version read runs beside them, in the request's span).
            inside = {_parent(s) for s in statements} & {r.context.span_id for r in roots.values()}
            assert len(inside) == 2, attempt
            for span in finished:
                assert span.context.trace_id == request.context.trace_id
            # Development: the statement's text (the engine's capabilities are probed
            # inside the first field that reads, on a new app's first request).
            for root in roots.values():
                texts = [
                    str((s.attributes or {})["db.query.text"])
                    for s in statements
                    if _parent(s) == root.context.span_id
                ]
                assert any(t.startswith("MATCH (n") for t in texts), (root.name, texts)


def test_production_spans_name_a_statement_by_its_hash() -> None:
    driver = create_driver("bolt://127.0.0.1:1", ("u", "p"), retry_time=0)
    try:
        db = Database(driver, "neo4j", timeout=1)
        attributes = db._span_attributes("MATCH (n) RETURN n")
        assert "db.query.text" not in attributes
        assert len(attributes["db.query.hash"]) == 16
        assert attributes["db.query.hash"] != db._span_attributes("RETURN 1")["db.query.hash"]
    finally:
        run_async(driver.close())
