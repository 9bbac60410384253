"""The model's enums as GraphQL enums (registered once, here)."""

from __future__ import annotations

import strawberry

from graph.model import LocationKind, MissionStatus

strawberry.enum(LocationKind, description="What sort of place a location is.")
strawberry.enum(MissionStatus, description="Whether a mission is running, under review or over.")

__all__ = ["LocationKind", "MissionStatus"]
