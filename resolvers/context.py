"""The per-request context handed to every resolver."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader

from graph import reads
from graph.db import Database
from graph.settings import Settings


@dataclass
class Context:
    db: Database
    settings: Settings
    locations: DataLoader[str, dict[str, Any] | None] = field(init=False)

    def __post_init__(self) -> None:
        async def load_locations(ids: list[str]) -> list[dict[str, Any] | None]:
            found = await reads.locations_by_id(self.db, ids)
            return [found.get(i) for i in ids]

        self.locations = DataLoader(load_fn=load_locations)
