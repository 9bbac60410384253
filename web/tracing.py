"""OpenTelemetry tracing: a span per request (``web.observe``), per root field
(``schema.execution.root_span``) and per Cypher statement (``graph.db``), exported over
OTLP when ``OTEL_EXPORTER_OTLP_ENDPOINT`` (or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``) is
set; the SDK reads its other ``OTEL_*`` settings itself (headers, protocol, sampler).

Without an endpoint no provider is installed, and the layers make no span at all
(``graph.telemetry.recording``)."""

from __future__ import annotations

import os

from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

ENDPOINTS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")

_installed: TracerProvider | None = None


def configure_tracing() -> TracerProvider | None:
    """Install the OTLP-exporting provider once per process, when an endpoint is set."""
    global _installed
    if _installed is not None or not any(os.environ.get(name) for name in ENDPOINTS):
        return _installed
    # Imported only when used: the exporter pulls in protobuf and an HTTP client.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    name = os.environ.get("OTEL_SERVICE_NAME", "ipgraph")
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    _installed = provider
    return provider
