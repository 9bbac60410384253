"""One log line and the metrics per request (``web.observe``), through the service."""

from __future__ import annotations

import json
import logging

import pytest
from prometheus_client.parser import text_string_to_metric_families
from pythonjsonlogger.json import JsonFormatter
from starlette.testclient import TestClient

from graph.settings import Settings
from tests.cypherlint.client import CypherLinter
from web.app import create_app
from web.observe import MAX_OPERATIONS, Metrics, logging_config, request_id, trace_id

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
QUERY = 'query Mali { mission(id: "mission-op-mali") { id name } }'


def _samples(client: TestClient, name: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for family in text_string_to_metric_families(client.get("/metrics").text):
        for sample in family.samples:
            if sample.name == name:
                labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
                found[labels] = sample.value
    return found


def _lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "ipgraph.requests"]


@pytest.mark.integration
def test_each_request_one_line_and_its_counts(
    live_settings: Settings, linter: CypherLinter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ipgraph.requests")
    with TestClient(create_app(live_settings, observer=linter.observe)) as client:
        for _ in range(3):
            response = client.post(
                "/graphql",
                json={"query": QUERY},
                headers={"traceparent": TRACEPARENT, "x-request-id": "client-42"},
            )
            assert response.status_code == 200
            assert response.headers["x-request-id"] == "client-42"
        mistake = client.post("/graphql", json={"query": "{ nope }"})
        assert len(mistake.headers["x-request-id"]) == 16  # made here
        too_big = client.post("/graphql", content=b"{" + b" " * 2_000_000 + b"}")
        assert too_big.status_code == 413

        lines = _lines(caplog)
        assert len(lines) == 5
        first, second = lines[0].__dict__, lines[1].__dict__
        assert first["operation"] == "Mali" and first["status"] == 200
        assert first["statements"] == 1 and first["errors"] == []
        assert first["trace_id"] == "4bf92f3577b34da6a3ce929d0e0e4736"
        assert first["request_id"] == "client-42"
        assert (first["prepared"], second["prepared"]) == (False, True)
        assert lines[3].__dict__["errors"] == ["GRAPHQL_VALIDATION_FAILED"]
        assert lines[3].__dict__["statements"] == 0
        assert lines[4].__dict__["errors"] == ["PAYLOAD_TOO_LARGE"]
        # Client mistakes are logged without a traceback, anywhere.
        assert not any(record.exc_info for record in caplog.records)
        assert "Traceback" not in caplog.text

        requests = _samples(client, "ipgraph_requests_total")
        assert requests["operation=Mali,route=/graphql,status=200"] == 3
        assert _samples(client, "ipgraph_statements_total")["operation=Mali"] == 3
        assert _samples(client, "ipgraph_errors_total")["code=GRAPHQL_VALIDATION_FAILED"] == 1
        assert _samples(client, "ipgraph_limit_refusals_total") == {"code=PAYLOAD_TOO_LARGE": 1}
        assert _samples(client, "ipgraph_database_seconds_count")["operation=Mali"] == 3
        assert _samples(client, "ipgraph_requests_in_flight") == {"": 0}
        # Probes and the metrics themselves are neither logged nor counted.
        client.get("/health")
        assert len(_lines(caplog)) == 5


def test_ids_taken_from_the_client_only_when_sane() -> None:
    assert request_id("abc-123_X.y") == "abc-123_X.y"
    for bad in (None, "", "a" * 65, "new\nline", "semi;colon"):
        made = request_id(bad)
        assert made != bad and len(made) == 16
    assert trace_id(TRACEPARENT) == "4bf92f3577b34da6a3ce929d0e0e4736"
    for bad in (None, "", "00-" + "0" * 32 + "-00f067aa0ba902b7-01", "01-xyz", TRACEPARENT + "-x"):
        assert trace_id(bad) is None


def test_operation_names_are_held_to_a_bound() -> None:
    metrics = Metrics(lambda: None)
    names = {metrics.operation(f"Op{n}") for n in range(MAX_OPERATIONS + 50)}
    assert len(names) == MAX_OPERATIONS + 1 and "other" in names
    assert metrics.operation("Op1") == "Op1"  # known names stay themselves
    assert metrics.operation(None) == "anonymous"


def test_engine_restarts_are_published_when_known() -> None:
    text = Metrics(lambda: 3).exposition().decode()
    assert "ipgraph_engine_restarts_total 3.0" in text
    assert "ipgraph_engine_restarts" not in Metrics(lambda: None).exposition().decode()


def test_json_lines_carry_the_request_fields() -> None:
    settings = logging_config(json_lines=True)["formatters"]["lines"]
    formatter = JsonFormatter(**{k: v for k, v in settings.items() if k != "()"})
    record = logging.LogRecord("ipgraph.requests", logging.INFO, "", 0, "POST /graphql", (), None)
    record.__dict__.update({"operation": "Mali", "status": 200, "trace_id": None})
    line = json.loads(formatter.format(record))
    assert line["logger"] == "ipgraph.requests" and line["level"] == "INFO"
    assert (line["operation"], line["status"], line["message"]) == ("Mali", 200, "POST /graphql")
    assert "time" in line
    assert "format" in logging_config(json_lines=False)["formatters"]["lines"]
