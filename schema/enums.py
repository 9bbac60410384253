"""The model's choices the API names as GraphQL enums (registered once, here). Other
choices are served as text, checked against the model's rules on input."""

from __future__ import annotations

from enum import StrEnum

import strawberry

from graph.model import ClaimRank, Direction, LocationKind, MissionStatus

strawberry.enum(LocationKind, description="What sort of place a location is.")
strawberry.enum(MissionStatus, description="Whether a mission is running, under review or over.")

strawberry.enum(
    ClaimRank,
    description="How editors weigh a claim against others of the same measure and subject.",
)

strawberry.enum(
    Direction,
    description="Which way a relationship runs from an entity: OUT, the entity is its start; "
    "IN, its end.",
)

ENUMS: frozenset[type[StrEnum]] = frozenset({LocationKind, MissionStatus, ClaimRank})
