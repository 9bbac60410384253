"""Schema extensions: the request deadline; per-request Cypher statistics (development
mode)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import FieldNode, GraphQLError, ValidationRule
from strawberry.extensions import SchemaExtension

from graph.db import QueryStats, collect_stats, deadline


class CypherStats(SchemaExtension):
    """Adds ``extensions.cypher = {statements, dbTimeMs}`` to every response."""

    _stats: QueryStats | None = None

    def on_operation(self) -> Iterator[None]:
        with collect_stats() as stats:
            self._stats = stats
            yield

    def get_results(self) -> dict[str, Any]:
        stats = self._stats or QueryStats()
        return {"cypher": {"statements": stats.statements, "dbTimeMs": round(stats.db_time_ms, 3)}}


class Deadline(SchemaExtension):
    """One request's statements end within ``seconds`` of its start, all of them together
    (``graph.db.deadline``): past it the request fails with QUERY_TIMEOUT."""

    def __init__(self, *, seconds: float) -> None:
        self.seconds = seconds

    def on_operation(self) -> Iterator[None]:
        with deadline(self.seconds):
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
