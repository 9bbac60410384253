"""Schema extensions: the request deadline; the citation (the graph's version); per-request
Cypher statistics (development mode)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

from graphql import FieldNode, GraphQLError, ValidationRule
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from graph.db import QueryStats, collect_stats, deadline, on_statement
from resolvers import history
from resolvers.context import operation_scope


class CypherStats(SchemaExtension):
    """Adds ``extensions.cypher = {statements, dbTimeMs}`` to every response."""

    _stats: QueryStats | None = None

    def on_operation(self) -> Iterator[None]:
        with collect_stats() as stats:
            self._stats = stats
            yield

    def get_results(self) -> dict[str, Any]:
        return cypher_stats(self._stats or QueryStats())


def cypher_stats(stats: QueryStats) -> dict[str, Any]:
    """The response's ``extensions`` entry counting its statements (development mode)."""
    return {"cypher": {"statements": stats.statements, "dbTimeMs": round(stats.db_time_ms, 3)}}


class CitationRead:
    """One request's read of the graph's version, for its citation (``Citation``).

    ``touched`` is the statement hook: a query's first statement has the version read
    beside it (or shares a read begun since the request began: ``version_since``); a
    mutation's is read at the end (``version``), so that the mutation's own change is
    in it. Nothing touched, nothing read."""

    def __init__(self, db: Any, *, mutation: bool) -> None:
        self.db = db
        self.mutation = mutation
        self.started = time.monotonic()
        self._touched = False
        self._reading: asyncio.Future[str | None] | None = None

    def touched(self) -> None:
        if self._touched:
            return
        self._touched = True
        if not self.mutation:
            self._reading = history.version_since(self.db, self.started)

    async def version(self) -> str | None:
        if self._reading is not None:
            # Shared with other requests: cancelling this one must not cancel it.
            return await asyncio.shield(self._reading)
        return await history.data_version(self.db) if self._touched else None


class Citation(SchemaExtension):
    """Adds ``extensions.citation = {dataVersion}`` to every response that read or wrote
    the graph: the cursor of the last change the graph had recorded (``changes(after:)``
    lists any since), so a citation can say which state of the graph it quotes.

    The version is read once the operation touches the graph (``on_statement``), so an
    operation that reads nothing (``{ __typename }``, refused variables) costs nothing.
    For a query it is read beside the query's own reads, which adds no wait (a change
    committing meanwhile may or may not be in the answer: root fields are read one
    statement each); after a mutation, so that the mutation's own change is in it.
    """

    _version: str | None = None

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        read = CitationRead(
            context.context.db, mutation=context.operation_type is OperationType.MUTATION
        )
        with on_statement(read.touched):
            yield
        self._version = await read.version()

    def get_results(self) -> dict[str, Any]:
        return citation(self._version)


def citation(version: str | None) -> dict[str, Any]:
    """The response's ``extensions`` entry naming the graph's version, if it was read."""
    return {} if version is None else {"citation": {"dataVersion": version}}


class Deadline(SchemaExtension):
    """One request's statements end within ``seconds`` of its start, all of them together
    (``graph.db.deadline``): past it the request fails with QUERY_TIMEOUT."""

    def __init__(self, *, seconds: float) -> None:
        self.seconds = seconds

    def on_operation(self) -> Iterator[None]:
        with deadline(self.seconds):
            yield


class OperationScope(SchemaExtension):
    """What lives as long as one operation (``resolvers.context.operation_scope``): over a
    WebSocket, many operations share one Context."""

    def on_operation(self) -> Iterator[None]:
        with operation_scope():
            yield


class NoServiceSdl(ValidationRule):
    """Refuses ``_service`` when the SDL is not to be published (IPGRAPH_EXPOSE_SDL=false)."""

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.name.value == "_service":
            self.report_error(
                GraphQLError(
                    "_service is disabled on this server.", node, extensions={"code": "FORBIDDEN"}
                )
            )
