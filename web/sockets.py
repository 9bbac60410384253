"""GraphQL over WebSocket (graphql-transport-ws, for subscriptions): Strawberry's
transport with ipgraph's rules. Messages go as text frames; a message that cannot be
read closes its socket (4400); each operation's document passes the check an HTTP
request's does (``schema.persisted.DocumentPolicy``: trusted documents, APQ)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Mapping
from contextlib import suppress
from typing import Any, cast

from cross_web import HTTPException
from graphql import GraphQLFormattedError
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import NonJsonMessageReceived, WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    ErrorMessage,
    Message,
    SubscribeMessage,
    SubscribeMessagePayload,
)

from resolvers.auth import Principal
from schema.persisted import DocumentPolicy, DocumentRefused


class TextFrames(ASGIWebSocketAdapter):
    """graphql-transport-ws messages go as text frames (npm's graphql-ws refuses binary
    ones); the view's encoder gives bytes, for HTTP bodies."""

    async def iter_json(
        self, *, ignore_parsing_errors: bool = False
    ) -> AsyncGenerator[object, None]:
        # decode_json refuses JSON nested past the parser's depth as an HTTP error: on a
        # socket, it is a message that is not JSON (closed 4400, as for any other).
        messages = super().iter_json(ignore_parsing_errors=ignore_parsing_errors)
        try:
            async for message in messages:
                yield message
        except HTTPException as exc:
            raise NonJsonMessageReceived from exc

    async def send_json(self, message: Mapping[str, object]) -> None:
        encoded = self.view.encode_json(message)
        try:
            await self.ws.send_text(encoded.decode() if isinstance(encoded, bytes) else encoded)
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


class CheckedSubscribe(BaseGraphQLTransportWSHandler[Any, None]):
    """Strawberry's graphql-transport-ws handler, held to the rules requests are: a
    ``subscribe`` message runs the document ``DocumentPolicy.resolve`` gives for its
    payload (``query``, ``documentId``, ``extensions``), or gets an ``error`` message with
    the refusal (the socket stays open); a message that is not a protocol message closes
    the socket (4400); and a socket admitted with a token that expires is closed when it
    does (4403), as a request with it would then be refused."""

    _expiry: asyncio.Task[None] | None = None

    async def handle_message(self, message: Message) -> None:
        raw: Any = message
        if (
            not isinstance(raw, dict)
            or not isinstance(raw.get("type"), str)
            or (raw["type"] in ("subscribe", "complete") and not isinstance(raw.get("id"), str))
        ):
            await self.handle_invalid_message("Failed to parse message")
            return
        await super().handle_message(message)

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        await super().handle_connection_init(message)
        principal: Principal | None = getattr(self.context, "principal", None)
        if self.connection_acknowledged and principal and principal.expires is not None:
            self._expiry = asyncio.create_task(self._close_at(principal.expires))

    async def _close_at(self, expires: float) -> None:
        await asyncio.sleep(max(0.0, expires - time.time()))
        with suppress(Exception):  # (gone already)
            await self.websocket.close(code=4403, reason="Forbidden: the token has expired")

    async def shutdown(self) -> None:
        if self._expiry is not None:
            self._expiry.cancel()
        await super().shutdown()

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        payload: Any = message.get("payload")
        if not isinstance(payload, dict):
            await self.handle_invalid_message("Failed to parse message")
            return
        if not self.connection_acknowledged:
            await super().handle_subscribe(message)  # (closes the socket: 4401)
            return
        principal: Principal | None = getattr(self.context, "principal", None)
        if principal is not None and principal.expired():
            await self.websocket.close(code=4403, reason="Forbidden: the token has expired")
            return
        documents: DocumentPolicy = getattr(self.view, "documents")  # noqa: B009 (GraphQLApp's)
        try:
            query = documents.resolve(
                payload.get("query"), payload.get("documentId"), payload.get("extensions")
            )
        except DocumentRefused as exc:
            await self._refuse(message["id"], exc.message, exc.code)
            return
        if query is None:
            await self._refuse(
                message["id"], "The message names no operation: send `query` or `documentId`."
            )
            return
        message["payload"] = cast("SubscribeMessagePayload", {**payload, "query": query})
        await super().handle_subscribe(message)

    async def _refuse(self, operation: str, message: str, code: str = "BAD_REQUEST") -> None:
        error: GraphQLFormattedError = {"message": message, "extensions": {"code": code}}
        await self.send_message(ErrorMessage(id=operation, type="error", payload=[error]))
