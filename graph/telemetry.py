"""Whether OpenTelemetry spans are recorded in this process (``web.tracing`` installs a
provider when an OTLP endpoint is set; tests install one of their own). Without one,
the layers skip their spans altogether: OpenTelemetry's no-op spans still cost a few
microseconds each, a measurable share of a short read (BENCHMARKS, run H)."""

from __future__ import annotations

from opentelemetry import trace


def recording() -> bool:
    """A tracer provider other than OpenTelemetry's default stand-in is installed."""
    return not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)
