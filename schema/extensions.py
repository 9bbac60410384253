"""Schema extensions: per-request Cypher statistics (development mode)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
