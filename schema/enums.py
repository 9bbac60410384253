"""The model's choices the API names as GraphQL enums (registered once, here). Other
choices are served as text, checked against the model's rules on input."""

from __future__ import annotations

from enum import StrEnum

import strawberry

from graph.model import LocationKind, MissionStatus

strawberry.enum(LocationKind, description="What sort of place a location is.")
strawberry.enum(MissionStatus, description="Whether a mission is running, under review or over.")

ENUMS: frozenset[type[StrEnum]] = frozenset({LocationKind, MissionStatus})
