"""The federated schema (Apollo Federation 2)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions import SchemaExtension

from resolvers.context import Context
from schema.types import Location


@strawberry.type
class Query:
    @strawberry.field(description="One location by id, or null.")
    async def location(
        self, info: strawberry.Info[Context, Any], id: strawberry.ID
    ) -> Location | None:
        row = await info.context.locations.load(str(id))
        return Location.from_row(row) if row else None


def build_schema(
    extensions: list[type[SchemaExtension]] | None = None,
) -> strawberry.federation.Schema:
    return strawberry.federation.Schema(
        query=Query,
        types=[Location],
        extensions=extensions or [],
        federation_version="2.11",
    )
