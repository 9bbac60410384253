"""What a client sees when something goes wrong.

Expected errors keep a useful message and carry ``extensions.code``. Anything
unexpected becomes a generic message plus a correlation id; the detail (and the
traceback) goes to the server log under that id. No client ever sees Cypher
text, a file path or a stack trace.

Every code a client may see is in ``ERROR_STATUS``, with the HTTP status it answers
with: the one table ``/graphql``, ``/export`` and the HTTP-level refusals (tokens,
body size) read.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from starlette.responses import JSONResponse
from strawberry.extensions import SchemaExtension

from graph import errors as graph_errors
from resolvers.errors import ApiError

log = logging.getLogger("ipgraph.errors")


ERROR_STATUS: dict[str, int] = {
    # The request itself: refused before or during validation.
    "BAD_REQUEST": 400,
    "GRAPHQL_PARSE_FAILED": 400,
    "GRAPHQL_VALIDATION_FAILED": 400,
    "QUERY_TOO_LARGE": 400,
    "BAD_USER_INPUT": 400,
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "NOT_FOUND": 404,
    "CONFLICT": 409,
    "PAYLOAD_TOO_LARGE": 413,
    # The service or the database: the client may try again.
    "INTERNAL_SERVER_ERROR": 500,
    "DATABASE_UNAVAILABLE": 503,
    "DATABASE_BUSY": 503,
    "QUERY_TIMEOUT": 504,
}
# Codes that say the database, not the request, failed: /graphql answers with their
# status (not 200) when they are the only errors, so load balancers and clients back off.
_DATABASE_CODES = frozenset({"DATABASE_UNAVAILABLE", "DATABASE_BUSY", "QUERY_TIMEOUT"})


def http_status(codes: set[str]) -> int:
    """The status of a response carrying errors with these codes: the gravest one."""
    return max((ERROR_STATUS.get(code, 400) for code in codes), default=400)


_GRAPH_ERRORS: dict[type[graph_errors.GraphError], tuple[str, str]] = {
    graph_errors.DatabaseUnavailable: (
        "DATABASE_UNAVAILABLE",
        "The database is unavailable; try again shortly.",
    ),
    graph_errors.QueryTimeout: ("QUERY_TIMEOUT", "The query took too long and was cancelled."),
    graph_errors.DatabaseBusy: ("DATABASE_BUSY", "The database is busy; try again shortly."),
    graph_errors.ConstraintViolation: ("CONFLICT", "The change conflicts with existing data."),
}


def classify(error: GraphQLError) -> GraphQLError:
    """The client-safe version of one error."""
    original = error.original_error
    if original is None:
        # Raised by graphql-core itself: syntax, validation, variable coercion.
        default = (
            "GRAPHQL_PARSE_FAILED"
            if error.message.startswith("Syntax Error")
            else "GRAPHQL_VALIDATION_FAILED"
        )
        code = (error.extensions or {}).get("code", default)
        return _with(error, error.message, {**(error.extensions or {}), "code": code})
    if isinstance(original, ApiError):
        return _with(error, str(original), {"code": original.code, **original.extensions})
    for kind, (code, message) in _GRAPH_ERRORS.items():
        if isinstance(original, kind):
            return _with(error, message, {"code": code})
    correlation = uuid.uuid4().hex[:16]
    log.error(
        "unexpected error %s at %s: %r",
        correlation,
        ".".join(map(str, error.path or [])),
        original,
        exc_info=original,
    )
    return _with(
        error,
        f"Internal server error (correlation id {correlation}).",
        {"code": "INTERNAL_SERVER_ERROR", "correlationId": correlation},
    )


def _without_suggestions(error: GraphQLError) -> GraphQLError:
    message = SUGGESTION.sub("", error.message)
    return error if message == error.message else _with(error, message, error.extensions or {})


def _with(error: GraphQLError, message: str, extensions: dict[str, Any]) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )


SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class ErrorPolicy(SchemaExtension):
    """Rewrites every error of a result into its client-safe form."""

    def __init__(self, *, suggestions: bool = True) -> None:
        self.suggestions = suggestions

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [classify(e) for e in result.errors]
            if not self.suggestions:
                # Suggestions would reveal field names introspection is hiding.
                result.errors = [_without_suggestions(e) for e in result.errors]
            # Failed only because of the database: say so at the HTTP level too (503,
            # 504), so load balancers and clients can back off and retry.
            codes = {str((e.extensions or {}).get("code")) for e in result.errors}
            response = getattr(self.execution_context.context, "response", None)
            if codes <= _DATABASE_CODES and response is not None:
                response.status_code = http_status(codes)


def refusal(message: str, code: str) -> JSONResponse:
    """An HTTP-level refusal in the GraphQL error shape, so clients parse one format; its
    status comes from ``ERROR_STATUS``."""
    status = ERROR_STATUS[code]
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status,
        headers=headers,
    )
