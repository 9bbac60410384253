"""The ASGI application: GraphQL, GraphiQL (served offline), health and readiness."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import ASTValidationRule
from starlette.applications import Starlette
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
)
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.http.types import QueryParams
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from graph.db import Database, StatementObserver, create_driver, deadline
from graph.errors import GraphError
from graph.settings import Mode, Settings
from graph.supervisor import read_state
from resolvers.context import Context
from resolvers.live import ChangeFeed
from schema.errors import (
    GRAPHQL_RESPONSE,
    GRAPHQL_RESPONSE_TYPE,
    ErrorPolicy,
    SafetyNet,
    http_status,
    quiet_strawberry_errors,
    refusal,
    status_refusal,
    wants_graphql_response,
)
from schema.extensions import Citation, CypherStats, Deadline, NoServiceSdl, OperationScope
from schema.limits import BodyLimit, BoundedValidation, Documents, node_limit_rule
from schema.persisted import DocumentPolicy, DocumentRefused, load_manifest
from schema.prepared import Operations
from schema.record import note_operation
from schema.schema import Extension, build_schema, row_key
from web.auth import AuthFailed, Gate
from web.examples import EXAMPLES
from web.explorer import ModelEndpoint
from web.export import Exporter
from web.observe import Metrics, Observed, metrics_endpoint
from web.sockets import CheckedSubscribe, TextFrames
from web.tracing import configure_tracing

log = logging.getLogger("ipgraph")

STATIC_DIR = Path(__file__).parent / "static"
# Pages live outside /static: only their own routes serve them, with their headers.
PAGES_DIR = Path(__file__).parent / "pages"
READY_TIMEOUT = 2.0
# Operations one WebSocket may run at once (subscriptions mostly).
MAX_SUBSCRIPTIONS_PER_SOCKET = 50
# The explorer may load and call nothing but this service (closed networks; no CDN).
EXPLORER_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


def _graphiql_page() -> str:
    template = (PAGES_DIR / "graphiql.html").read_text(encoding="utf-8")
    # </ cannot close the script element the JSON sits in.
    examples = json.dumps(EXAMPLES).replace("</", "<\\/")
    return template.replace("{{EXAMPLES_JSON}}", examples)


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's view with ipgraph's admission, error bodies and media types.

    Every refusal has the GraphQL error shape (Strawberry's own are plain text). A client
    whose ``Accept`` prefers ``application/graphql-response+json`` gets that media type
    and GraphQL-over-HTTP's status codes: a request error (parse, validation, variables:
    nothing ran) has no ``data`` and a 4xx, an executed operation 200 whatever its field
    errors. With ``application/json`` (or no preference): 200, but for the database
    statuses ``ErrorPolicy`` sets (503, 504).

    Which text runs is ``documents``' decision (``schema.persisted``: APQ, trusted
    documents), taken on both paths before anything is parsed.
    """

    websocket_adapter_class = TextFrames
    graphql_transport_ws_handler_class = CheckedSubscribe

    def __init__(
        self,
        settings: Settings,
        gate: Gate,
        operations: Operations | None,
        documents: DocumentPolicy,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.settings = settings
        self.gate = gate
        self.operations = operations
        self.documents = documents
        self._ide_html = _graphiql_page()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            # A WebSocket (web.sockets): admitted at connection_init (on_ws_connect), each
            # operation's document checked as an HTTP request's is (CheckedSubscribe).
            await super().__call__(scope, receive, send)
            return
        # Authenticate before anything is parsed or run.
        request = Request(scope, receive)
        # The GraphiQL page itself is static; its requests carry the token. A GET with
        # a query is run, whatever it accepts (Strawberry's rule), so it needs a token.
        wants_page = (
            request.method == "GET"
            and _names_no_document(request.query_params)
            and "text/html" in request.headers.get("accept", "")
        )
        try:
            principal = self.gate.admit(
                request.headers.get("authorization"), static_page=wants_page
            )
        except AuthFailed as exc:
            await refusal(str(exc), "UNAUTHENTICATED")(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        try:
            # One deadline for the request, whichever path answers it (a prepared
            # operation that goes back to the general path does not start again).
            with deadline(self.settings.query_timeout):
                response = await self.prepared(request) or await self.run(request)
        except HTTPException as exc:
            response = _refused(request, exc)
        except DocumentRefused as exc:
            response = refusal(exc.message, exc.code, headers=exc.headers)
        await response(scope, receive, send)

    async def prepared(self, request: Request) -> Response | None:
        """The answer of a prepared operation (``schema.prepared``), or None: the request
        goes to Strawberry. Taken: a JSON POST of ``{query?, documentId?, extensions?,
        variables?, operationName?}`` whose document (``self.documents``) is a prepared
        operation; the rest (and anything odd about the body, which Strawberry words)
        goes the general way."""
        if (
            self.operations is None
            or request.method != "POST"
            or not request.headers.get("content-type", "").startswith("application/json")
        ):
            return None
        try:
            # The general path's decoder, so both read a body alike (orjson would read an
            # integer past 64 bits as a float: another id).
            payload = self.decode_json(await request.body())
        except (ValueError, HTTPException):
            return None
        if type(payload) is not dict or not payload.keys() <= _PREPARED_KEYS:
            return None
        # Refused here (DocumentRefused) or resolved to the text a hash names, so that
        # persisted operations are prepared too.
        query = self.documents.resolve(
            payload.get("query"), payload.get("documentId"), payload.get("extensions")
        )
        variables, name = payload.get("variables"), payload.get("operationName")
        if variables is None:
            variables = {}
        if type(query) is not str or type(variables) is not dict or type(name) not in (str, NONE):
            return None
        prepared = self.operations.get(query, name)
        if prepared is None:
            return None
        sub_response = await self.get_sub_response(request)
        context = await self.get_context(request, sub_response)
        stats = self.settings.mode is Mode.DEVELOPMENT
        answer = await prepared.run(context, variables, with_stats=stats)
        if answer is None:
            return None
        operation = prepared.operation.name
        note_operation(operation.value if operation else None, prepared=True)
        body: GraphQLHTTPResponse = {"data": answer.data}
        if answer.extensions:
            body["extensions"] = answer.extensions
        return self.create_response(body, sub_response)

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        return Context(
            db=request.app.state.db,
            settings=self.settings,
            response=response,
            principal=request.scope.get("state", {}).get("principal"),
            feed=getattr(request.app.state, "feed", None),  # (unit tests set no lifespan)
            socket=isinstance(request, WebSocket),
        )

    async def on_ws_connect(self, context: Context) -> dict[str, object] | None:
        """A WebSocket is admitted as a request is: the token comes in ``connection_init``'s
        payload (``{"authorization": "Bearer …"}``: browsers cannot set a WebSocket's
        headers) or the handshake's ``Authorization`` header. Refused: closed with 4403."""
        params = context.connection_params or {}
        websocket: WebSocket = context.response
        authorization = params.get("authorization")
        if authorization is None:
            authorization = params.get("Authorization")
        if authorization is None:
            authorization = websocket.headers.get("authorization")
        try:
            if authorization is not None and not isinstance(authorization, str):
                raise AuthFailed("`authorization` must be text: Bearer <token>.")
            context.principal = self.gate.admit(authorization)
        except AuthFailed as exc:
            log.info("websocket refused: %s", exc)
            raise ConnectionRejectionError({"message": str(exc)}) from None
        return None

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(self._ide_html)

    def encode_json(self, data: object) -> bytes:
        # orjson: several times faster than json.dumps on large answers (big lists).
        try:
            return orjson.dumps(data)
        except TypeError:
            # What orjson refuses (an integer past 64 bits) json still writes.
            return json.dumps(data, separators=(",", ":")).encode()

    def decode_json(self, data: str | bytes) -> object:
        try:
            return json.loads(data)
        except UnicodeDecodeError:
            raise HTTPException(400, "The body is not UTF-8 text.") from None
        except RecursionError:
            raise HTTPException(400, "The JSON is nested too deeply.") from None

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        # A GET naming a persisted document (no `query`) is run, not answered with the IDE.
        return super().should_render_graphql_ide(request) and _names_no_document(
            request.query_params
        )

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """The request's operations, each with the text ``self.documents`` lets it run
        (or DocumentRefused). Strawberry reads ``query`` and ``extensions`` but not
        ``documentId``, which is read from the same query string or body."""
        parsed = await self._parsed_body(request)
        raw: Any = {}
        if request.method == "GET":
            raw = request.query_params
        elif "application/json" in (request.content_type or ""):
            body = await request.get_body()
            # Decoded again only when it may hold one (a key may be spelled with JSON
            # escapes: any escape, and it is decoded).
            if isinstance(parsed, list) or b"documentId" in body or b"\\u" in body:
                raw = self.decode_json(body)
        if isinstance(parsed, list):
            # Strawberry refuses batches unless batching is configured (it is not); were
            # it on, each operation of a batch would pass the same check.
            items = raw if isinstance(raw, list) else []
            ids = [item.get("documentId") if isinstance(item, dict) else None for item in items]
            return [
                self._resolved(data, ids[i] if i < len(ids) else None)
                for i, data in enumerate(parsed)
            ]
        return self._resolved(parsed, raw.get("documentId") if hasattr(raw, "get") else None)

    def _resolved(self, data: GraphQLRequestData, document_id: object) -> GraphQLRequestData:
        query = self.documents.resolve(data.query, document_id, data.extensions)
        return dataclasses.replace(data, query=query)

    async def _parsed_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        try:
            return await super().parse_http_body(request)
        except AttributeError:
            # Strawberry reads the fields of the decoded body: a JSON string, number or
            # null has none. Anything else is a bug of ours, and stays one.
            if request.method != "POST" or isinstance(
                self.decode_json(await request.get_body()), dict | list
            ):
                raise
        raise HTTPException(
            400, "The body must be a JSON object: {query, variables?, operationName?}."
        )

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        if wants_graphql_response(request.headers.get("accept")):
            sub_response.media_type = GRAPHQL_RESPONSE
        return sub_response

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        processed = await super().process_result(request, result)
        if wants_graphql_response(request.headers.get("accept")) and _request_error(result):
            del processed["data"]  # nothing was executed: no data entry at all
        return processed

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type == GRAPHQL_RESPONSE and isinstance(response_data, dict):
            response.headers["content-type"] = GRAPHQL_RESPONSE_TYPE
            if "data" in response_data:
                response.status_code = 200
            else:
                errors: list[Any] = response_data.get("errors") or []
                codes = {str(e.get("extensions", {}).get("code", "")) for e in errors}
                response.status_code = http_status(codes)
        return response


# What a prepared operation's request body may hold (anything else: Strawberry's path).
_PREPARED_KEYS = frozenset({"query", "documentId", "extensions", "variables", "operationName"})
NONE = type(None)


def _names_no_document(params: QueryParams | Any) -> bool:
    """Whether a GET's query string names no document (no query, id or APQ hash): a
    browser asking for the GraphiQL page."""
    return all(params.get(key) is None for key in ("query", "documentId", "extensions"))


def _request_error(result: ExecutionResult) -> bool:
    """Whether ``result`` answers a request error: no data, and no error of a field (a
    field's error has a path; parse, validation and variable errors have none)."""
    return (
        result.data is None
        and bool(result.errors)
        and all(error.path is None for error in result.errors or ())
    )


def _refused(request: Request, exc: HTTPException) -> Response:
    """Strawberry's refusal of a request, in the GraphQL error shape."""
    if (
        isinstance(exc.__cause__, InvalidOperationTypeError)
        and exc.__cause__.operation_type is OperationType.SUBSCRIPTION
    ):
        return refusal(
            "Subscriptions are served over WebSocket only: connect to /graphql with the "
            "graphql-transport-ws protocol (e.g. npm's graphql-ws client).",
            "METHOD_NOT_ALLOWED",
        )
    if isinstance(exc.__cause__, InvalidOperationTypeError) and request.method == "GET":
        # GraphQL over HTTP: an operation GET may not run (a mutation) is a 405.
        return refusal(exc.reason, "METHOD_NOT_ALLOWED", headers={"Allow": "POST"})
    return status_refusal(exc.status_code, exc.reason)


async def _routing_refusal(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (no such path, a method a route does not take), in the
    GraphQL error shape."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code in (204, 304):  # statuses without a body
        return Response(status_code=exc.status_code, headers=exc.headers)
    return status_refusal(exc.status_code, exc.detail, exc.headers)


def _engine_state(settings: Settings) -> dict[str, Any] | None:
    """What the supervisor of the engine `ipgraph serve` started last recorded, if any."""
    if settings.engine_state_file is None:
        return None
    return read_state(settings.engine_state_file)


def _engine_restarts(settings: Settings) -> int | None:
    engine = _engine_state(settings)
    restarts = engine.get("restarts") if engine is not None else None
    return restarts if isinstance(restarts, int) else None


def create_app(settings: Settings, *, observer: StatementObserver | None = None) -> Starlette:
    """Build the service for ``settings``, whose ``neo4j_uri`` must point at a Bolt server.

    ``observer`` sees every Cypher statement sent (the test suite lints them).
    """
    if settings.neo4j_uri is None:
        raise ValueError("create_app needs settings.neo4j_uri (ipgraph serve starts the engine)")
    uri = settings.neo4j_uri

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        driver = create_driver(
            uri,
            (settings.neo4j_user, settings.neo4j_password.get_secret_value()),
            retry_time=settings.retry_time,
        )
        app.state.db = Database(
            driver,
            settings.neo4j_database,
            timeout=settings.query_timeout,
            observer=observer,
            statement_text=settings.mode is Mode.DEVELOPMENT,
        )
        app.state.feed = ChangeFeed(
            app.state.db,
            interval=settings.change_poll_seconds,
            max_followers=settings.max_subscriptions,
            counted=metrics.subscriptions.set,
        )
        try:
            await driver.verify_connectivity()
        except Exception as exc:  # the service starts anyway; /ready tells the truth
            log.warning("database not reachable at startup: %s", type(exc).__name__)
        try:
            yield
        finally:
            app.state.feed.close()
            await app.state.db.close()

    # The limit rules are built once: Strawberry's own limiters build a fresh rule class
    # per request, which would defeat the validation cache (keyed by the rules).
    documents = Documents()
    rules: list[type[ASTValidationRule]] = [
        depth_rule(settings.max_depth, None, None),
        alias_rule(settings.max_aliases),
        node_limit_rule(settings.max_nodes),
    ]
    extensions: list[Extension] = [
        # First, so it sees (and cleans) every error the others produce.
        functools.partial(ErrorPolicy, suggestions=settings.suggestions_enabled),
        # Clients repeat their operations: parse and validate each text once (one
        # cache per app), after refusing documents whose fragments would expand past
        # IPGRAPH_MAX_SELECTIONS (before any rule walks them spread by spread).
        # (Strawberry's ParserCache is left out: with it, syntax errors escape the error
        # policy.)
        functools.partial(
            BoundedValidation, max_selections=settings.max_selections, documents=documents
        ),
        functools.partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        functools.partial(AddValidationRules, rules),
        functools.partial(Deadline, seconds=settings.query_timeout),
        OperationScope,
        Citation,
    ]
    if settings.mode is Mode.DEVELOPMENT:
        extensions.append(CypherStats)
    if not settings.introspection_enabled:
        extensions.append(DisableIntrospection)
    if not settings.expose_sdl:
        extensions.append(functools.partial(AddValidationRules, [NoServiceSdl]))
    schema = build_schema(extensions)
    gate = Gate(settings)
    # Read and checked once, here: a bad manifest stops the service from starting
    # (ManifestError names the entry) rather than refusing its operations one by one.
    trusted = (
        None
        if settings.trusted_documents is None
        else load_manifest(settings.trusted_documents, schema._schema)
    )
    policy = DocumentPolicy(trusted)
    operations = (
        Operations(schema._schema, documents, row_key) if settings.prepared_operations else None
    )
    graphql_app = GraphQLApp(
        settings,
        gate,
        operations,
        policy,
        schema=schema,
        graphql_ide="graphiql",
        allow_queries_via_get=True,
        # graphql-ws's protocol only (not the retired subscriptions-transport-ws).
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        # A socket that has not said who it is within this time is closed (4408).
        connection_init_wait_timeout=timedelta(seconds=10),
        max_subscriptions_per_connection=MAX_SUBSCRIPTIONS_PER_SOCKET,
    )

    explorer_page = (PAGES_DIR / "explorer.html").read_text(encoding="utf-8")
    metrics = Metrics(lambda: _engine_restarts(settings))
    configure_tracing()

    async def explorer(request: Request) -> Response:
        # A static page: its GraphQL requests carry the token (as GraphiQL's do).
        return HTMLResponse(explorer_page, headers={"Content-Security-Policy": EXPLORER_CSP})

    async def health(request: Request) -> Response:
        body: dict[str, Any] = {"status": "ok"}
        engine = _engine_state(settings)
        if engine is not None:
            body["engine"] = engine  # e.g. {"state": "restarting", "restarts": 1, …}
        return JSONResponse(body)

    async def ready(request: Request) -> Response:
        db: Database = request.app.state.db
        try:
            await asyncio.wait_for(db.ping(), READY_TIMEOUT)
        except (GraphError, TimeoutError):
            engine = _engine_state(settings)
            restarting = engine is not None and engine.get("state") == "restarting"
            reason = "the engine is restarting" if restarting else "the database does not answer"
            return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503)
        return JSONResponse({"status": "ready"})

    app = Starlette(
        routes=[
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
            # Subscriptions (graphql-transport-ws): resolvers.live.
            WebSocketRoute("/graphql", graphql_app),
            Route(
                "/export",
                Exporter(schema, settings, gate, policy).handle,
                methods=["GET", "POST"],
            ),
            Route("/explorer", explorer),
            # The explorer's type metadata, built once here from the model.
            Route(
                "/explorer/model.json",
                ModelEndpoint(gate, {"Content-Security-Policy": EXPLORER_CSP}).handle,
            ),
            Route("/health", health),
            Route("/ready", ready),
            Route("/metrics", metrics_endpoint(metrics)),
            Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    # Errors: every refusal in the GraphQL error shape; anything unhandled a JSON 500 with
    # a correlation id (outermost); GraphQL errors logged once, by ErrorPolicy.
    app.add_exception_handler(StarletteHTTPException, _routing_refusal)
    app.add_middleware(SafetyNet)
    # Outside the safety net, so that its answers are logged and counted too.
    app.add_middleware(Observed, metrics=metrics)
    quiet_strawberry_errors()
    return app


def app_from_env() -> Starlette:
    """App factory for worker processes (``ipgraph serve --workers N``): settings from
    the environment the parent prepared."""
    return create_app(Settings())
