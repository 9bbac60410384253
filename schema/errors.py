"""What a client sees when something goes wrong.

Expected errors keep a useful message and carry ``extensions.code``. Anything
unexpected becomes a generic message plus a correlation id; the detail (and the
traceback) goes to the server log under that id. No client ever sees Cypher
text, a file path or a stack trace.

Every code a client may see is in ``ERROR_STATUS``, with the HTTP status it answers
with: the one table ``/graphql``, ``/export`` and the HTTP-level refusals (tokens,
body size) read.

A client's mistake (a bad body, a variable of the wrong type, text that is not Unicode)
is a 4xx or a ``BAD_USER_INPUT`` naming what was wrong, and leaves no traceback in the
log; only faults of ours are logged, once each, one line and the traceback under the
correlation id. Every error body has the GraphQL shape (``{"errors": [{"message",
"extensions": {"code"}}]}``) and, when the client's ``Accept`` asks for it, the
GraphQL-over-HTTP media type ``application/graphql-response+json``.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    VariableDefinitionNode,
    get_operation_ast,
)
from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension
from strawberry.schema.exceptions import CannotGetOperationTypeError

from graph import errors as graph_errors
from resolvers.errors import ApiError
from schema.record import note_codes, note_operation

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
    "METHOD_NOT_ALLOWED": 405,
    "CONFLICT": 409,
    "PAYLOAD_TOO_LARGE": 413,
    "TOO_MANY_SUBSCRIPTIONS": 429,
    # Persisted documents (schema.persisted). An APQ miss is 200, as Apollo Server
    # answers it: Apollo's clients (Kotlin and iOS too) read the body of a 200 and send
    # the text; some treat any other status as a failure and never retry.
    "PERSISTED_QUERY_NOT_FOUND": 200,
    "PERSISTED_QUERY_HASH_MISMATCH": 400,
    "PERSISTED_QUERY_NOT_ALLOWED": 403,
    "PERSISTED_QUERY_NOT_IN_LIST": 404,
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


def code_for_status(status: int) -> str:
    """The code of an HTTP-level refusal with this status (the table's first for it)."""
    for code, known in ERROR_STATUS.items():
        if known == status:
            return code
    return "INTERNAL_SERVER_ERROR" if status >= 500 else "BAD_REQUEST"


_GRAPH_ERRORS: dict[type[graph_errors.GraphError], tuple[str, str]] = {
    graph_errors.DatabaseUnavailable: (
        "DATABASE_UNAVAILABLE",
        "The database is unavailable; try again shortly.",
    ),
    # (Before its base class: the first kind that matches speaks.)
    graph_errors.WriteOutcomeUnknown: (
        "QUERY_TIMEOUT",
        "The write took too long to confirm and may still have been applied: check "
        "`history` (or `changes`) before sending it again.",
    ),
    graph_errors.QueryTimeout: ("QUERY_TIMEOUT", "The query took too long and was cancelled."),
    graph_errors.QueryTooLarge: (
        "QUERY_TOO_LARGE",
        "The query needs more than the database allows one query; ask for smaller pages "
        "or fewer nested lists.",
    ),
    graph_errors.DatabaseBusy: ("DATABASE_BUSY", "The database is busy; try again shortly."),
    graph_errors.ConstraintViolation: ("CONFLICT", "The change conflicts with existing data."),
}


def classify(error: GraphQLError) -> GraphQLError:
    """The client-safe version of one error."""
    original = error.original_error
    if original is None or (isinstance(original, GraphQLError) and error.path is None):
        # Raised by graphql-core itself before any field ran: syntax, validation, and the
        # coercion of variable values (whose error wraps the value's own: a GraphQLError).
        extensions = error.extensions or {}
        return _with(error, error.message, {**_request_code(error), **extensions})
    if isinstance(original, ApiError):
        return _with(error, str(original), {"code": original.code, **original.extensions})
    if isinstance(original, CannotGetOperationTypeError):
        # An operationName the document does not define (HTTP refuses it before this;
        # a WebSocket's operation reaches here).
        return _with(error, original.as_http_error_reason()[:200], {"code": "BAD_REQUEST"})
    where = ".".join(map(str, error.path or [])) or "(no path)"
    for kind, (code, message) in _GRAPH_ERRORS.items():
        if isinstance(original, kind):
            if code in _DATABASE_CODES:
                # The service's state, not a bug: one line, no traceback.
                log.warning("%s at %s: %s", code, where, type(original).__name__)
            return _with(error, message, {"code": code})
    correlation = fault(original, where)
    return _with(error, *_internal(correlation))


# graphql-core's own messages about variable values that name no variable definition.
_VARIABLE_MESSAGES = (
    "Variable values are nested too deeply.",
    "Too many errors processing variables",
)


def _request_code(error: GraphQLError) -> dict[str, Any]:
    """``code`` (and ``variable``) of an error graphql-core raised before execution."""
    if error.message.startswith("Syntax Error"):
        return {"code": "GRAPHQL_PARSE_FAILED"}
    if error.original_error is not None or error.message.startswith(_VARIABLE_MESSAGES):
        # A variable's value could not be coerced to its type: the client's input.
        node = error.nodes[0] if error.nodes else None
        if isinstance(node, VariableDefinitionNode):
            return {"code": "BAD_USER_INPUT", "variable": node.variable.name.value}
        return {"code": "BAD_USER_INPUT"}
    return {"code": "GRAPHQL_VALIDATION_FAILED"}


def fault(exc: BaseException, where: str) -> str:
    """Log a fault of ours (one line, then its traceback) under a new correlation id,
    which is returned: the client sees the id, never the detail."""
    correlation = uuid.uuid4().hex[:16]
    log.error("unexpected error %s at %s: %r", correlation, where, exc, exc_info=exc)
    return correlation


def _internal(correlation: str) -> tuple[str, dict[str, Any]]:
    return (
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


# Nesting a variable's value may have: far more than any input of the schema needs (a
# filter nests at most 5 levels), well below graphql-core's own limit (200) and where
# JSON parsing gives up (about 1,000).
MAX_VARIABLE_DEPTH = 100


def variable_problem(
    document: DocumentNode | None, operation_name: str | None, variables: Mapping[str, Any]
) -> GraphQLError | None:
    """Why the operation's variables cannot be taken, if they cannot, as a
    ``BAD_USER_INPUT`` error naming the variable: text that is not Unicode (a lone UTF-16
    surrogate, which JSON lets through and no database driver can encode) or a value
    nested more than ``MAX_VARIABLE_DEPTH`` levels. Variables the operation does not
    declare are not used, hence not checked."""
    operation = get_operation_ast(document, operation_name) if document else None
    if operation is None or not variables:
        return None
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in variables:
            continue
        problem = _value_problem(variables[name])
        if problem is not None:
            return GraphQLError(
                f"Variable '${name}' has invalid value{problem}",
                definition,
                extensions={"code": "BAD_USER_INPUT", "variable": name},
            )
    return None


def _value_problem(value: Any) -> str | None:
    """What is wrong with one variable's value (from ``at <path>``), walked without
    recursion, so any depth JSON can express is safe."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, path, depth = stack.pop()
        if depth > MAX_VARIABLE_DEPTH:
            return f": it is nested more than {MAX_VARIABLE_DEPTH} levels deep."
        if isinstance(item, str):
            if not _is_unicode(item):
                return f"{_at(path)}: the text holds a lone UTF-16 surrogate, not Unicode."
        elif isinstance(item, dict):
            for key, inner in item.items():
                if isinstance(key, str) and not _is_unicode(key):
                    return f"{_at(path)}: a field name holds a lone UTF-16 surrogate."
                stack.append((inner, f"{path}.{key}", depth + 1))
        elif isinstance(item, list):
            stack.extend((inner, f"{path}[{i}]", depth + 1) for i, inner in enumerate(item))
    return None


def _is_unicode(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _at(path: str) -> str:
    return f" at {path}" if path else ""


class ErrorPolicy(SchemaExtension):
    """Rewrites every error of a result into its client-safe form, and refuses variables
    no field could take (``variable_problem``) before anything runs."""

    def __init__(self, *, suggestions: bool = True) -> None:
        self.suggestions = suggestions

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        problem = variable_problem(
            context.graphql_document, context.operation_name, context.variables or {}
        )
        if problem is not None:
            # A result set before execution is what Strawberry answers with (it then
            # runs nothing): a request error, like graphql-core's own for variables.
            context.result = ExecutionResult(data=None, errors=[problem])
        yield

    def on_operation(self) -> Iterator[None]:
        yield
        note_operation(self.execution_context.operation_name)
        if self._streamed:
            return  # each result was cleaned as it was sent (on_stream_result)
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = self.clean(result.errors)
            # Failed only because of the database: say so at the HTTP level too (503,
            # 504), so load balancers and clients can back off and retry.
            codes = {str((e.extensions or {}).get("code")) for e in result.errors}
            response = getattr(self.execution_context.context, "response", None)
            if codes <= _DATABASE_CODES and response is not None:
                response.status_code = http_status(codes)

    def on_stream_result(self, result: Any) -> Iterator[None]:
        """A result sent over a WebSocket (each event of a subscription, or a query's one
        answer): sent before the operation ends, so it is cleaned here, as it goes."""
        self._streamed = True
        if getattr(result, "errors", None):
            result.errors = self.clean(result.errors)
        yield

    _streamed = False

    def clean(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        """The client-safe form of ``errors`` (counted by code for the metrics)."""
        cleaned = [classify(e) for e in errors]
        if not self.suggestions:
            # Suggestions would reveal field names introspection is hiding.
            cleaned = [_without_suggestions(e) for e in cleaned]
        note_codes(str((e.extensions or {}).get("code")) for e in cleaned)
        return cleaned


# The GraphQL-over-HTTP media type (https://graphql.github.io/graphql-over-http/draft/):
# answered only to clients whose Accept asks for it; others get application/json.
GRAPHQL_RESPONSE = "application/graphql-response+json"
GRAPHQL_RESPONSE_TYPE = f"{GRAPHQL_RESPONSE}; charset=utf-8"


def wants_graphql_response(accept: str | None) -> bool:
    """Whether ``Accept`` prefers ``application/graphql-response+json`` to
    ``application/json`` (a tie goes to the former; no Accept means the latter)."""
    if not accept or GRAPHQL_RESPONSE not in accept.lower():
        return False
    ours = legacy = 0.0
    for part in accept.lower().split(","):
        media, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media == GRAPHQL_RESPONSE:
            ours = max(ours, quality)
        elif media in ("application/json", "application/*", "*/*"):
            legacy = max(legacy, quality)
    return ours > 0 and ours >= legacy


class ErrorResponse(JSONResponse):
    """A body in the GraphQL error shape. It is ASCII (``\\uXXXX`` escapes), so even a
    message quoting text that is not Unicode encodes, and it takes the media type the
    request's ``Accept`` prefers when sent."""

    def render(self, content: Any) -> bytes:
        note_codes(
            str(error.get("extensions", {}).get("code"))
            for error in (content.get("errors") or [] if isinstance(content, dict) else [])
        )
        return json.dumps(content, separators=(",", ":")).encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if wants_graphql_response(Headers(scope=scope).get("accept")):
            self.headers["content-type"] = GRAPHQL_RESPONSE_TYPE
        await super().__call__(scope, receive, send)


def errors_response(errors: list[GraphQLError]) -> ErrorResponse:
    """Errors (classified) answered without data: the gravest status among their codes."""
    status = http_status({str((error.extensions or {}).get("code", "")) for error in errors})
    return ErrorResponse(
        {"errors": [error.formatted for error in errors]},
        status_code=status,
        headers={"WWW-Authenticate": "Bearer"} if status == 401 else None,
    )


def refusal(
    message: str,
    code: str,
    *,
    extensions: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> ErrorResponse:
    """An HTTP-level refusal in the GraphQL error shape, so clients parse one format; its
    status comes from ``ERROR_STATUS``."""
    status = ERROR_STATUS[code]
    sent = {**(headers or {}), **({"WWW-Authenticate": "Bearer"} if status == 401 else {})}
    return ErrorResponse(
        {"errors": [{"message": message, "extensions": {"code": code, **(extensions or {})}}]},
        status_code=status,
        headers=sent,
    )


def status_refusal(
    status: int, message: str, headers: Mapping[str, str] | None = None
) -> ErrorResponse:
    """A refusal whose status was decided elsewhere (Starlette's routing, Strawberry's
    view), in the same shape, its code the table's for that status."""
    code = code_for_status(status)
    sent = {**(headers or {}), **({"WWW-Authenticate": "Bearer"} if status == 401 else {})}
    return ErrorResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status,
        headers=sent,
    )


class SafetyNet:
    """The outermost layer: an exception nothing below handled becomes a GraphQL-shaped
    500 with a correlation id (no stack trace, Cypher or path in the body), logged once
    as a fault of ours, instead of the server's plain-text 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except ClientDisconnect:
            return  # the client left: nobody to answer, nothing of ours failed
        except Exception as exc:
            correlation = fault(exc, f"{scope.get('method')} {scope.get('path')}")
            if started:
                return  # too late for another answer: the server ends the response
            message, extensions = _internal(correlation)
            response = refusal(message, "INTERNAL_SERVER_ERROR", extensions=extensions)
            await response(scope, receive, send)


class _LoggedByErrorPolicy(logging.Filter):
    """Strawberry logs every error of a result, clients' mistakes included, each with its
    traceback. ``ErrorPolicy`` logs those that are faults of ours, once, under the
    correlation id the client sees; Strawberry's own records of them are dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not isinstance(record.msg, GraphQLError)


def quiet_strawberry_errors() -> None:
    """Leave the logging of GraphQL errors to ``ErrorPolicy`` (idempotent)."""
    logger = logging.getLogger("strawberry.execution")
    if not any(isinstance(f, _LoggedByErrorPolicy) for f in logger.filters):
        logger.addFilter(_LoggedByErrorPolicy())
