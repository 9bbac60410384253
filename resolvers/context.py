"""The per-request context handed to every resolver."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strawberry.dataloader import DataLoader

from graph import reads
from graph.catalog import CATALOG, Catalog
from graph.db import Database
from graph.settings import Settings
from resolvers.auth import Principal
from resolvers.selection import merged_field, node_plan

if TYPE_CHECKING:
    from resolvers.live import ChangeFeed

Row = dict[str, Any]


# The federation references' loaders of the operation under way. An HTTP request runs
# one operation on its Context; a WebSocket runs many, each in a task of its own, on one
# Context: loaders kept on it would serve one operation another's stale rows and grow
# for the socket's life. ``operation_scope`` gives each operation its own.
_loaders: ContextVar[dict[str, DataLoader[str, Row | None]] | None] = ContextVar(
    "ipgraph_reference_loaders", default=None
)


@contextmanager
def operation_scope() -> Iterator[None]:
    """Loaders for one operation (``schema.extensions.OperationScope`` opens it)."""
    token = _loaders.set({})
    try:
        yield
    finally:
        _loaders.reset(token)


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
    # The process's reading of the history for subscriptions (None: none are served).
    feed: ChangeFeed | None = None
    # Whether the operation came over a WebSocket (subscriptions are served only there).
    socket: bool = False
    # What its connection_init carried (Strawberry sets it; web.app reads the token).
    connection_params: dict[str, Any] | None = None
    _references: dict[str, DataLoader[str, Row | None]] = field(default_factory=dict)

    async def reference(self, typename: str, info: Any, entity_id: str) -> Row | None:
        """Resolve a federation reference; all references of one type cost one statement."""
        # The root field's response key: `_entities` may be selected under several aliases,
        # and once under one key in several places (whose selections merge).
        path = info.path
        while path.prev is not None:
            path = path.prev
        key = str(path.key)
        loaders = _loaders.get()
        if loaders is None:  # (in-process execution without the scope: the Context's own)
            loaders = self._references
        loader = loaders.get(f"{typename} {key}")
        if loader is None:
            label = typename
            # Every representation of a type shares the selection made on that type.
            field = merged_field([f for f in info.selected_fields if (f.alias or f.name) == key])
            plan = node_plan(field.selections, typename, self.catalog)

            async def load(ids: list[str]) -> list[Row | None]:
                found = await reads.by_ids(self.db, label, plan, ids, catalog=self.catalog)
                return [found.get(i) for i in ids]

            loader = loaders[f"{typename} {key}"] = DataLoader(load_fn=load)
        return await loader.load(entity_id)
