"""GraphQL types. Federation entities carry their keys and a batched ``resolve_reference``."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.model import LocationKind
from resolvers.context import Context

strawberry.enum(LocationKind, description="What sort of place a location is.")


@strawberry.federation.type(keys=["id"], description="A region, country, city or site.")
class Location:
    id: strawberry.ID
    name: str
    kind: LocationKind
    parent_id: strawberry.Private[str | None]
    child_ids: strawberry.Private[list[str]]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Location:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row["name"],
            kind=LocationKind(row["kind"]),
            parent_id=row.get("parentId"),
            child_ids=list(row.get("childIds") or []),
        )

    @strawberry.field(description="The place this one is part of (city → country → region).")
    async def parent(self, info: strawberry.Info[Context, Any]) -> Location | None:
        if self.parent_id is None:
            return None
        row = await info.context.locations.load(self.parent_id)
        return Location.from_row(row) if row else None

    @strawberry.field(description="Places directly inside this one.")
    async def children(self, info: strawberry.Info[Context, Any]) -> list[Location]:
        rows = await info.context.locations.load_many(self.child_ids)
        return [Location.from_row(r) for r in rows if r]

    @classmethod
    async def resolve_reference(
        cls, info: strawberry.Info[Context, Any], id: strawberry.ID
    ) -> Location | None:
        row = await info.context.locations.load(str(id))
        return cls.from_row(row) if row else None
