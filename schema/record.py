"""What one request did, for its log line and the metrics (``web.observe``): filled in by
the layers that know each part (the GraphQL operation's name, the error codes of its
answer, whether it was prepared) through a context variable the observer sets."""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class RequestRecord:
    """One HTTP request, as its log line and the metrics see it."""

    request_id: str
    trace_id: str | None = None
    operation: str | None = None
    prepared: bool = False
    codes: list[str] = field(default_factory=list)


_current: ContextVar[RequestRecord | None] = ContextVar("ipgraph_request_record", default=None)


def current() -> RequestRecord | None:
    """The record of the request under way, if it is observed."""
    return _current.get()


def begin(record: RequestRecord) -> object:
    """Make ``record`` the current one (``end`` with the token this returns)."""
    return _current.set(record)


def end(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def note_operation(name: str | None, *, prepared: bool = False) -> None:
    """The GraphQL operation this request runs (None: anonymous)."""
    record = _current.get()
    if record is not None:
        record.operation = name
        record.prepared = prepared


def note_codes(codes: Iterable[str]) -> None:
    """Error codes the answer carries (GraphQL errors, or an HTTP refusal's)."""
    record = _current.get()
    if record is not None:
        record.codes.extend(codes)
