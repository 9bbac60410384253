"""Schema extensions: per-request Cypher statistics (development mode)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import FieldNode, GraphQLError, ValidationRule
from strawberry.extensions import SchemaExtension

from graph.db import QueryStats, collect_stats


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


class NoServiceSdl(ValidationRule):
    """Refuses ``_service`` when the SDL is not to be published (IPGRAPH_EXPOSE_SDL=false)."""

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.name.value == "_service":
            self.report_error(
                GraphQLError(
                    "_service is disabled on this server.", node, extensions={"code": "FORBIDDEN"}
                )
            )
