"""The per-request context handed to every resolver."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader

from graph import reads
from graph.catalog import CATALOG, Catalog
from graph.db import Database
from graph.settings import Settings
from resolvers.auth import Principal
from resolvers.selection import node_plan

Row = dict[str, Any]


@dataclass
class Context:
    db: Database
    settings: Settings
    # The HTTP response being built (Starlette's), so a status can be set; None in-process.
    response: Any = None
    # Who is asking (None: no token).
    principal: Principal | None = None
    # What the schema serves: the model's tables (another model's, in tests).
    catalog: Catalog = CATALOG
    _references: dict[str, DataLoader[str, Row | None]] = field(default_factory=dict)

    async def reference(self, typename: str, info: Any, entity_id: str) -> Row | None:
        """Resolve a federation reference; all references of one type cost one statement."""
        loader = self._references.get(typename)
        if loader is None:
            label = typename
            # Every representation of a type shares the selection made on that type.
            plan = node_plan(info.selected_fields[0].selections, typename, self.catalog)

            async def load(ids: list[str]) -> list[Row | None]:
                found = await reads.by_ids(self.db, label, plan, ids, catalog=self.catalog)
                return [found.get(i) for i in ids]

            loader = self._references[typename] = DataLoader(load_fn=load)
        return await loader.load(entity_id)
