"""Abuse limits checked before any database work: query depth, aliases, tokens, an
estimated node count, and the request body size.

Defaults follow graphql-armor (depth 6 to 10, 15 aliases, 1,000 to 2,000 tokens) and
GitHub's GraphQL API (pages of at most 100, at most 500,000 nodes per request).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resolvers.paging import DEFAULT_PAGE, MAX_PAGE
from resolvers.queries import MAX_IDS

# Fields whose `first` multiplies the size of what is below them.
PAGED_FIELDS = frozenset(
    {"branches", "officers", "locations", "partnerAgencies", "missions", "search"}
)


def node_limit_rule(max_nodes: int) -> type[ValidationRule]:
    """A validation rule refusing operations whose paged fields could return more than
    ``max_nodes`` nodes (each page counted at its ``first``, or 100 when it is a variable)."""

    class NodeLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            fragments = {
                d.name.value: d
                for d in self.context.document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            total = _count(node.selection_set, 1, fragments, set())
            if total > max_nodes:
                self.report_error(
                    GraphQLError(
                        f"The query could return up to {total:,} nodes; the limit is "
                        f"{max_nodes:,}. Ask for smaller pages.",
                        node,
                        extensions={"code": "QUERY_TOO_LARGE"},
                    )
                )

    return NodeLimit


def _first(field: FieldNode) -> int:
    for argument in field.arguments or ():
        if argument.name.value == "first":
            if isinstance(argument.value, IntValueNode):
                return max(0, int(argument.value.value))
            return MAX_PAGE  # a variable: assume the largest page it could be
    return DEFAULT_PAGE


def _id_count(field: FieldNode) -> int:
    for argument in field.arguments or ():
        if argument.name.value == "ids" and isinstance(argument.value, ListValueNode):
            return len(argument.value.values)
    return MAX_IDS  # a variable (or a single id): assume the most the field accepts


def _count(
    selection_set: SelectionSetNode | None,
    multiplier: int,
    fragments: dict[str, Any],
    seen: set[str],
) -> int:
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value in PAGED_FIELDS and _is_paged(selection):
                page = multiplier * _first(selection)
                total += page + _count(selection.selection_set, page, fragments, seen)
            elif selection.name.value == "entities":
                page = multiplier * _id_count(selection)
                total += page + _count(selection.selection_set, page, fragments, seen)
            else:
                total += _count(selection.selection_set, multiplier, fragments, seen)
        elif isinstance(selection, InlineFragmentNode):
            total += _count(selection.selection_set, multiplier, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                total += _count(fragments[name].selection_set, multiplier, fragments, seen | {name})
    return total


_CONNECTION_FIELDS = frozenset({"edges", "nodes", "totalCount", "pageInfo"})


def _is_paged(field: FieldNode) -> bool:
    # A connection (`missions { nodes … }`), or search; `Location.missions` is a plain list.
    if field.name.value == "search":
        return True
    selections = field.selection_set.selections if field.selection_set else ()
    return any(isinstance(s, FieldNode) and s.name.value in _CONNECTION_FIELDS for s in selections)


class BodyLimit:
    """Refuses request bodies larger than ``max_bytes`` with 413, before parsing them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {
                "errors": [
                    {
                        "message": f"The request body is larger than {self.max_bytes:,} bytes.",
                        "extensions": {"code": "PAYLOAD_TOO_LARGE"},
                    }
                ]
            },
            status_code=413,
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass
