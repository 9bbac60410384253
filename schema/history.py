"""The edit history's types and fields: ``history``, ``changes`` and ``revert``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import strawberry
from strawberry import UNSET
from strawberry.scalars import JSON

from graph.history import Action
from resolvers import history, live
from schema.types import Info, PageInfo, PathStep, Source, given, served

strawberry.enum(Action, name="ChangeAction", description="What a change did to its subject.")


@strawberry.type(description="One property a change set, with its value before and after.")
class PropertyChange:
    name: str
    before: JSON | None = strawberry.field(description="Null: the property was not set.")
    after: JSON | None = strawberry.field(description="Null: the property was removed.")


@strawberry.type(description="The relationship a change is about.")
class ChangedRelationship:
    type: str
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID


@strawberry.type(
    description=(
        "One recorded change to an entity or a relationship: who made it and when, what "
        "it changed, and the evidence given for it."
    )
)
class Change:
    id: strawberry.ID = strawberry.field(
        description="The change's number: changes are numbered in the order they commit."
    )
    at: str = strawberry.field(description="When it was made (ISO 8601, UTC).")
    by: str = strawberry.field(
        description="Who made it: the editor's token subject, or `seed` for the seed files."
    )
    action: Action
    entity_id: strawberry.ID | None = strawberry.field(
        description="The entity changed (null when a relationship was)."
    )
    entity_type: str | None = strawberry.field(description="Its type, e.g. Officer.")
    relationship: ChangedRelationship | None = strawberry.field(
        description="The relationship changed (null when an entity was)."
    )
    properties: list[PropertyChange] = strawberry.field(
        description="Each property set, before and after (all of them when the subject "
        "was created or deleted)."
    )
    sources: list[Source] = strawberry.field(description="The evidence the write gave.")
    sources_before: list[Source] = strawberry.field(
        description="The evidence held before, when the change altered it (all of it when "
        "the subject was deleted)."
    )
    relationships: list[PathStep] = strawberry.field(
        description="For an entity deleted or restored: the relationships that went or "
        "came back with it."
    )
    revert_of: strawberry.ID | None = strawberry.field(
        description="The change this one reverted, if it is a revert."
    )


@strawberry.type(description="A change and the cursor to page after it.")
class ChangeEdge:
    cursor: str
    node: Change


@strawberry.type(description="A page of changes.")
class ChangeConnection:
    edges: list[ChangeEdge]
    nodes: list[Change]
    page_info: PageInfo


async def _history(
    root: Any, info: Info, id: strawberry.ID, first: int | None = UNSET, after: str | None = UNSET
) -> ChangeConnection:
    arguments = {"first": given(first), "after": given(after)}
    return served(await history.entity_history(info, str(id), arguments))


async def _changes(
    root: Any, info: Info, after: str | None = UNSET, first: int | None = UNSET
) -> ChangeConnection:
    arguments = {"first": given(first), "after": given(after)}
    return served(await history.changes(info, arguments))


async def _revert(root: Any, info: Info, changeId: strawberry.ID) -> Change:
    return served(await history.revert(info, str(changeId)))


def history_queries() -> dict[str, Any]:
    """The history's root fields (new field objects for each schema built)."""
    return {
        "history": strawberry.field(
            resolver=_history,
            description="An entity's changes and its relationships', newest first; a deleted "
            "entity's too. At most `first` (default 20, at most 100) after the cursor `after`.",
        ),
        "changes": strawberry.field(
            resolver=_changes,
            description="Every change, oldest first, after the cursor `after` (omitted: from the "
            "first). Cursors only grow: keep the last `endCursor` to fetch what is new.",
        ),
    }


async def _follow(
    root: Any,
    info: Info,
    types: list[str] | None = UNSET,
    ids: list[strawberry.ID] | None = UNSET,
    after: str | None = UNSET,
) -> AsyncIterator[ChangeEdge]:
    arguments = {"types": given(types), "ids": given(ids), "after": given(after)}
    # A coroutine returning the stream, so bad arguments are refused before it starts.
    return served(live.follow_changes(info, arguments))


def history_subscriptions() -> dict[str, Any]:
    return {
        "changes": strawberry.subscription(
            resolver=_follow,
            description="Changes as they commit, oldest first, each with the cursor to resume "
            "after (`after`: a cursor from `changes`, or a citation's `dataVersion`; omitted: "
            "from now). `types`: only changes to entities of these types, or to relationships "
            "of these types or with an end of these types (e.g. `Mission`, `POSTED_TO`). "
            "`ids`: only changes to these entities or to relationships with an end among "
            "them. A change reaches subscribers within a second, whichever worker or "
            "replica made it.",
        ),
    }


def history_mutations() -> dict[str, Any]:
    return {
        "revert": strawberry.mutation(
            resolver=_revert,
            description="Undo a change: what it changed goes back to how it was, provided nothing "
            "has changed it since (CONFLICT otherwise). The revert is recorded as a change.",
        ),
    }
