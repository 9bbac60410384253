"""Mutations for editors: create, update, upsert and delete each entity type; link and
unlink relationships. Every write carries at least one source."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Annotated, Any

import strawberry
from strawberry import UNSET

from graph.model import REL_PROPERTIES, ClaimRank, EntityType, Label, RelType
from resolvers import mutations, queries
from schema.history import history_mutations
from schema.inputs import SourceInput, entity_input, entity_patch
from schema.types import Info, Namespace, PathStep, described, served, value_type, words

strawberry.enum(
    RelType, name="RelationshipType", description="Relationship types editors may write."
)


def relationship_input(ns: Namespace) -> type:
    """What ``link`` takes: the relationship, its own properties (from the model), sources."""
    annotations: dict[str, Any] = {"type": RelType, "from_": strawberry.ID, "to": strawberry.ID}
    attributes: dict[str, Any] = {"from_": strawberry.field(name="from")}
    for prop in REL_PROPERTIES:
        annotations[prop.name] = value_type(prop) | None
        attributes[prop.name] = strawberry.field(default=UNSET, description=described(prop))
    annotations["sources"] = list[SourceInput]
    cls = ns.make("RelationshipInput", attributes, annotations)
    return strawberry.input(description="A relationship to create or update, with its evidence.")(
        cls
    )


@strawberry.type(description="What a delete removed.")
class DeleteResult:
    id: strawberry.ID
    relationships: list[PathStep] = strawberry.field(
        description="The relationships that went with the entity."
    )


@strawberry.type
class LinkResult:
    created: bool = strawberry.field(description="False when the relationship existed already.")


def _camel(name: str) -> str:
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part.title() for part in rest)


def values(obj: Any) -> dict[str, Any]:
    """An input object as a dict of the fields the client gave (UNSET ones left out)."""
    found: dict[str, Any] = {}
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        if value is UNSET:
            continue
        if isinstance(value, list):
            value = [values(v) if dataclasses.is_dataclass(v) else v for v in value]
        elif hasattr(value, "value"):  # enums
            value = value.value
        found[_camel(field.name)] = value
    return found


def _entity_mutations(ns: Namespace, entity: EntityType) -> dict[str, Any]:
    """create, update, upsert and delete of one entity type."""
    label, noun = entity.label, words(entity.label)
    a = "an" if noun[0] in "aeiou" else "a"
    input_type, patch_type = entity_input(ns, entity), entity_patch(ns, entity)

    async def create(root: Any, info: Info, input: Any) -> Any:
        entity_id = await mutations.create(info, label, values(input))
        return served(await queries.entity(info, label, entity_id))

    async def update(root: Any, info: Info, id: strawberry.ID, input: Any) -> Any:
        await mutations.update(info, label, str(id), values(input))
        return served(await queries.entity(info, label, str(id)))

    async def upsert(root: Any, info: Info, input: Any) -> Any:
        entity_id, _ = await mutations.upsert(info, label, values(input))
        return served(await queries.entity(info, label, entity_id))

    async def delete(root: Any, info: Info, id: strawberry.ID) -> Any:
        gone = await mutations.delete(info, label, str(id))
        return served({"id": str(id), "relationships": gone})

    writes = {"info": Info, "input": input_type, "return": label}
    fields: dict[str, tuple[Any, dict[str, Any], str]] = {
        "create": (create, writes, f"Create {a} {noun}; its id must be new."),
        "update": (
            update,
            {**writes, "id": strawberry.ID, "input": patch_type},
            f"Change some fields of {a} {noun} and add sources.",
        ),
        "upsert": (upsert, writes, f"Create or replace {a} {noun} by id (idempotent)."),
        "delete": (
            delete,
            {"info": Info, "id": strawberry.ID, "return": DeleteResult},
            f"Delete {a} {noun} and its relationships.",
        ),
    }
    return {
        f"{verb}_{entity.snake}": strawberry.mutation(
            resolver=ns.function(fn, annotations), description=description
        )
        for verb, (fn, annotations, description) in fields.items()
    }


async def _link(root: Any, info: Info, input: Any) -> LinkResult:
    created = await mutations.link(info, values(input))
    return LinkResult(created=created)


async def _unlink(
    root: Any,
    info: Info,
    type: RelType,
    fromId: strawberry.ID,
    toId: strawberry.ID,
) -> bool:
    await mutations.unlink(info, type.value, str(fromId), str(toId))
    return True


async def _rank_figure(
    root: Any, info: Info, id: strawberry.ID, rank: ClaimRank, reason: str
) -> Any:
    await mutations.rank_figure(info, str(id), rank.value, reason)
    return served(await queries.entity(info, Label.FIGURE, str(id)))


def mutation_type(ns: Namespace, entities: Sequence[EntityType]) -> type:
    """Changes for editors: each entity type's writes (from the model), then link/unlink."""
    attributes: dict[str, Any] = {}
    for entity in entities:
        attributes.update(_entity_mutations(ns, entity))
    attributes["link"] = strawberry.mutation(
        resolver=ns.function(
            _link, {"info": Info, "input": relationship_input(ns), "return": LinkResult}
        ),
        description="Create or update a relationship (idempotent).",
    )
    attributes["unlink"] = strawberry.mutation(
        resolver=ns.function(
            _unlink,
            {
                "info": Info,
                "type": RelType,
                "fromId": strawberry.ID,
                "toId": strawberry.ID,
                "return": bool,
            },
        ),
        description="Remove a relationship.",
    )
    attributes["rank_figure"] = strawberry.mutation(
        resolver=ns.function(
            _rank_figure,
            {
                "info": Info,
                "id": strawberry.ID,
                "rank": ClaimRank,
                "reason": Annotated[
                    str, strawberry.argument(description="Why (required; kept in its history).")
                ],
                "return": "Figure",
            },
        ),
        description="Rank a figure against the other claims of its measure and subject: "
        "PREFERRED ones are read first, DEPRECATED ones only when asked for.",
    )
    attributes.update(history_mutations())
    cls = ns.make("Mutation", attributes, {})
    return strawberry.type(description="Changes for editors (bearer token with the editor role).")(
        cls
    )
