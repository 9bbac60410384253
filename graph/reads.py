"""Read queries (first slice): entities by id, with the ids of their immediate neighbours."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph.db import Database

LOCATIONS_BY_ID: LiteralString = """
MATCH (n:Location) WHERE n.id IN $ids
RETURN n {
  .id, .name, .kind,
  parentId: [(n)-[:PART_OF]->(p:Location) | p.id][0],
  childIds: [(n)<-[:PART_OF]-(c:Location) | c.id]
} AS location
"""


async def locations_by_id(db: Database, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Locations keyed by id, with ``parentId`` and ``childIds``; unknown ids are absent."""
    rows = await db.read(LOCATIONS_BY_ID, {"ids": list(ids)})
    return {row["location"]["id"]: row["location"] for row in rows}
