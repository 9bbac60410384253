"""The ASGI application: GraphQL, GraphiQL (served offline), health and readiness."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from graphql import ASTValidationRule
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

from graph.db import Database, StatementObserver, create_driver
from graph.errors import GraphError
from graph.settings import Mode, Settings
from resolvers.context import Context
from schema.errors import ErrorPolicy, refusal
from schema.extensions import CypherStats, NoServiceSdl
from schema.limits import BodyLimit, node_limit_rule
from schema.schema import Extension, build_schema
from web.auth import AuthFailed, Gate
from web.examples import EXAMPLES
from web.explorer import ModelEndpoint
from web.export import Exporter

log = logging.getLogger("ipgraph")

STATIC_DIR = Path(__file__).parent / "static"
# Pages live outside /static: only their own routes serve them, with their headers.
PAGES_DIR = Path(__file__).parent / "pages"
READY_TIMEOUT = 2.0
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
    def __init__(self, settings: Settings, gate: Gate, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.settings = settings
        self.gate = gate
        self._ide_html = _graphiql_page()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Authenticate before anything is parsed or run.
        if scope["type"] == "http":
            request = Request(scope, receive)
            # The GraphiQL page itself is static; its requests carry the token. A GET with
            # a query is run, whatever it accepts (Strawberry's rule), so it needs a token.
            wants_page = (
                request.method == "GET"
                and "query" not in request.query_params
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
        await super().__call__(scope, receive, send)

    async def get_context(self, request: Request, response: Any) -> Context:  # type: ignore[override]
        return Context(
            db=request.app.state.db,
            settings=self.settings,
            response=response,
            principal=request.scope.get("state", {}).get("principal"),
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(self._ide_html)


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
            driver, settings.neo4j_database, timeout=settings.query_timeout, observer=observer
        )
        try:
            await driver.verify_connectivity()
        except Exception as exc:  # the service starts anyway; /ready tells the truth
            log.warning("database not reachable at startup: %s", type(exc).__name__)
        try:
            yield
        finally:
            await app.state.db.close()

    # The limit rules are built once: Strawberry's own limiters build a fresh rule class
    # per request, which would defeat the validation cache (keyed by the rules).
    rules: list[type[ASTValidationRule]] = [
        depth_rule(settings.max_depth, None, None),
        alias_rule(settings.max_aliases),
        node_limit_rule(settings.max_nodes),
    ]
    extensions: list[Extension] = [
        # First, so it sees (and cleans) every error the others produce.
        functools.partial(ErrorPolicy, suggestions=settings.suggestions_enabled),
        # Clients repeat their operations: validate each text once. (Strawberry's
        # ParserCache is left out: with it, syntax errors escape the error policy.)
        functools.partial(ValidationCache, maxsize=1000),
        functools.partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        functools.partial(AddValidationRules, rules),
    ]
    if settings.mode is Mode.DEVELOPMENT:
        extensions.append(CypherStats)
    if not settings.introspection_enabled:
        extensions.append(DisableIntrospection)
    if not settings.expose_sdl:
        extensions.append(functools.partial(AddValidationRules, [NoServiceSdl]))
    schema = build_schema(extensions)
    gate = Gate(settings)
    graphql_app = GraphQLApp(
        settings,
        gate,
        schema=schema,
        graphql_ide="graphiql",
        allow_queries_via_get=True,
    )

    explorer_page = (PAGES_DIR / "explorer.html").read_text(encoding="utf-8")

    async def explorer(request: Request) -> Response:
        # A static page: its GraphQL requests carry the token (as GraphiQL's do).
        return HTMLResponse(explorer_page, headers={"Content-Security-Policy": EXPLORER_CSP})

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def ready(request: Request) -> Response:
        db: Database = request.app.state.db
        try:
            await asyncio.wait_for(db.ping(), READY_TIMEOUT)
        except (GraphError, TimeoutError):
            return JSONResponse(
                {"status": "unavailable", "reason": "the database does not answer"},
                status_code=503,
            )
        return JSONResponse({"status": "ready"})

    app = Starlette(
        routes=[
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
            Route("/export", Exporter(schema, settings, gate).handle, methods=["GET", "POST"]),
            Route("/explorer", explorer),
            # The explorer's type metadata, built once here from the model.
            Route(
                "/explorer/model.json",
                ModelEndpoint(gate, {"Content-Security-Policy": EXPLORER_CSP}).handle,
            ),
            Route("/health", health),
            Route("/ready", ready),
            Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


def app_from_env() -> Starlette:
    """App factory for worker processes (``ipgraph serve --workers N``): settings from
    the environment the parent prepared."""
    return create_app(Settings())
