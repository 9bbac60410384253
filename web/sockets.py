"""GraphQL over WebSocket (graphql-transport-ws, for subscriptions): Strawberry's
transport with ipgraph's rules. Messages go as text frames; a message that cannot be
read closes its socket (4400); each operation's document passes the check an HTTP
request's does (``schema.persisted.DocumentPolicy``: trusted documents, APQ)."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping
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
    ErrorMessage,
    SubscribeMessage,
    SubscribeMessagePayload,
)

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
    """A ``subscribe`` message runs the document ``DocumentPolicy.resolve`` gives for its
    payload (``query``, ``documentId``, ``extensions``), or gets an ``error`` message with
    the refusal (the socket stays open)."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        payload: Any = message.get("payload")
        if not isinstance(payload, dict) or not isinstance(message.get("id"), str):
            await self.handle_invalid_message("Failed to parse message")
            return
        if not self.connection_acknowledged:
            await super().handle_subscribe(message)  # (closes the socket: 4401)
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
