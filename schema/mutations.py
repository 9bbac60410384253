"""Mutations for editors: create, update, upsert and delete each entity type; link and
unlink relationships. Every write carries at least one source."""

from __future__ import annotations

import dataclasses
from typing import Any

import strawberry
from strawberry import UNSET

from graph.model import RelType
from resolvers import mutations, queries
from schema.enums import LocationKind, MissionStatus
from schema.types import (
    DATE_SCALAR,  # noqa: F401 - the Date scalar is registered by build_schema
    Branch,
    Date,
    Info,
    Location,
    Mission,
    Officer,
    PartnerAgency,
    PathStep,
    served,
)

strawberry.enum(
    RelType, name="RelationshipType", description="Relationship types editors may write."
)


@strawberry.input(description="Evidence for a write: a document (or reference) and a quote.")
class SourceInput:
    document: str = strawberry.field(description="A seed file name, or any other reference.")
    quote: str = strawberry.field(description="The supporting passage, verbatim.")
    as_of: Date | None = UNSET
    inferred: bool = False
    reasoning: str | None = strawberry.field(
        default=UNSET, description="Required when `inferred` is true."
    )


@strawberry.input
class BranchInput:
    id: strawberry.ID
    name: str
    kind: str = strawberry.field(description="ORGANIZATION, SECTOR, BRANCH, UNIT or PROGRAM.")
    acronym: str | None = UNSET
    description: str | None = UNSET
    aliases: list[str] | None = UNSET
    sources: list[SourceInput]


@strawberry.input(description="Fields left out are kept; null removes an optional one.")
class BranchPatch:
    name: str | None = UNSET
    kind: str | None = UNSET
    acronym: str | None = UNSET
    description: str | None = UNSET
    aliases: list[str] | None = UNSET
    sources: list[SourceInput]


@strawberry.input
class OfficerInput:
    id: strawberry.ID
    name: str
    rank: str | None = UNSET
    role: str | None = UNSET
    description: str | None = UNSET
    aliases: list[str] | None = UNSET
    sources: list[SourceInput]


@strawberry.input(description="Fields left out are kept; null removes an optional one.")
class OfficerPatch:
    name: str | None = UNSET
    rank: str | None = UNSET
    role: str | None = UNSET
    description: str | None = UNSET
    aliases: list[str] | None = UNSET
    sources: list[SourceInput]


@strawberry.input
class LocationInput:
    id: strawberry.ID
    name: str
    kind: LocationKind
    grouping: str | None = UNSET
    description: str | None = UNSET
    aliases: list[str] | None = UNSET
    sources: list[SourceInput]


@strawberry.input(description="Fields left out are kept; null removes an optional one.")
class LocationPatch:
    name: str | None = UNSET
    kind: LocationKind | None = UNSET
    grouping: str | None = UNSET
    description: str | None = UNSET
    aliases: list[str] | None = UNSET
    sources: list[SourceInput]


@strawberry.input
class PartnerAgencyInput:
    id: strawberry.ID
    name: str
    kind: str = strawberry.field(
        description="INTERNATIONAL_ORGANIZATION, INTERNATIONAL_COURT, FOREIGN_POLICE, "
        "FOREIGN_GOVERNMENT, CANADIAN_DEPARTMENT, CANADIAN_POLICE, PROGRAM or PARTNERSHIP."
    )
    acronym: str | None = UNSET
    description: str | None = UNSET
    aliases: list[str] | None = UNSET
    sources: list[SourceInput]


@strawberry.input(description="Fields left out are kept; null removes an optional one.")
class PartnerAgencyPatch:
    name: str | None = UNSET
    kind: str | None = UNSET
    acronym: str | None = UNSET
    description: str | None = UNSET
    aliases: list[str] | None = UNSET
    sources: list[SourceInput]


@strawberry.input
class MissionInput:
    id: strawberry.ID
    name: str
    status: MissionStatus
    category: str = strawberry.field(
        description="PEACE_OPERATION, UN_MISSION, EU_MISSION, BILATERAL_ENGAGEMENT, "
        "SPECIALIZED_POSTING, TRAINING_PROGRAM or ADVISORY_TEAM."
    )
    acronym: str | None = UNSET
    language: str | None = strawberry.field(default=UNSET, description="English or French.")
    armed: bool | None = UNSET
    authorized_deployments: int | None = UNSET
    start_date: Date | None = UNSET
    end_date: Date | None = UNSET
    description: str | None = UNSET
    aliases: list[str] | None = UNSET
    sources: list[SourceInput]


@strawberry.input(description="Fields left out are kept; null removes an optional one.")
class MissionPatch:
    name: str | None = UNSET
    status: MissionStatus | None = UNSET
    acronym: str | None = UNSET
    category: str | None = UNSET
    language: str | None = UNSET
    armed: bool | None = UNSET
    authorized_deployments: int | None = UNSET
    start_date: Date | None = UNSET
    end_date: Date | None = UNSET
    description: str | None = UNSET
    aliases: list[str] | None = UNSET
    sources: list[SourceInput]


@strawberry.input(description="A relationship to create or update, with its evidence.")
class RelationshipInput:
    type: RelType
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID
    role: str | None = UNSET
    since: Date | None = UNSET
    until: Date | None = UNSET
    note: str | None = UNSET
    sources: list[SourceInput]


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


async def _created(info: Info, typename: str, values_: dict[str, Any]) -> Any:
    entity_id = await mutations.create(info, typename, values_)
    return served(await queries.entity(info, typename, entity_id))


async def _updated(info: Info, typename: str, entity_id: str, values_: dict[str, Any]) -> Any:
    await mutations.update(info, typename, entity_id, values_)
    return served(await queries.entity(info, typename, entity_id))


async def _upserted(info: Info, typename: str, values_: dict[str, Any]) -> Any:
    entity_id, _ = await mutations.upsert(info, typename, values_)
    return served(await queries.entity(info, typename, entity_id))


async def _deleted(info: Info, typename: str, entity_id: str) -> DeleteResult:
    gone = await mutations.delete(info, typename, entity_id)
    return served({"id": entity_id, "relationships": gone})


@strawberry.type(description="Changes for editors (bearer token with the editor role).")
class Mutation:
    @strawberry.mutation(description="Create a branch; its id must be new.")
    async def create_branch(self, info: Info, input: BranchInput) -> Branch:
        return await _created(info, "Branch", values(input))

    @strawberry.mutation(description="Change some fields of a branch and add sources.")
    async def update_branch(self, info: Info, id: strawberry.ID, input: BranchPatch) -> Branch:
        return await _updated(info, "Branch", str(id), values(input))

    @strawberry.mutation(description="Create or replace a branch by id (idempotent).")
    async def upsert_branch(self, info: Info, input: BranchInput) -> Branch:
        return await _upserted(info, "Branch", values(input))

    @strawberry.mutation(description="Delete a branch and its relationships.")
    async def delete_branch(self, info: Info, id: strawberry.ID) -> DeleteResult:
        return await _deleted(info, "Branch", str(id))

    @strawberry.mutation(description="Create an officer or post; its id must be new.")
    async def create_officer(self, info: Info, input: OfficerInput) -> Officer:
        return await _created(info, "Officer", values(input))

    @strawberry.mutation(description="Change some fields of an officer and add sources.")
    async def update_officer(self, info: Info, id: strawberry.ID, input: OfficerPatch) -> Officer:
        return await _updated(info, "Officer", str(id), values(input))

    @strawberry.mutation(description="Create or replace an officer by id (idempotent).")
    async def upsert_officer(self, info: Info, input: OfficerInput) -> Officer:
        return await _upserted(info, "Officer", values(input))

    @strawberry.mutation(description="Delete an officer and its relationships.")
    async def delete_officer(self, info: Info, id: strawberry.ID) -> DeleteResult:
        return await _deleted(info, "Officer", str(id))

    @strawberry.mutation(description="Create a location; its id must be new.")
    async def create_location(self, info: Info, input: LocationInput) -> Location:
        return await _created(info, "Location", values(input))

    @strawberry.mutation(description="Change some fields of a location and add sources.")
    async def update_location(
        self, info: Info, id: strawberry.ID, input: LocationPatch
    ) -> Location:
        return await _updated(info, "Location", str(id), values(input))

    @strawberry.mutation(description="Create or replace a location by id (idempotent).")
    async def upsert_location(self, info: Info, input: LocationInput) -> Location:
        return await _upserted(info, "Location", values(input))

    @strawberry.mutation(description="Delete a location and its relationships.")
    async def delete_location(self, info: Info, id: strawberry.ID) -> DeleteResult:
        return await _deleted(info, "Location", str(id))

    @strawberry.mutation(description="Create a partner agency; its id must be new.")
    async def create_partner_agency(self, info: Info, input: PartnerAgencyInput) -> PartnerAgency:
        return await _created(info, "PartnerAgency", values(input))

    @strawberry.mutation(description="Change some fields of a partner agency and add sources.")
    async def update_partner_agency(
        self, info: Info, id: strawberry.ID, input: PartnerAgencyPatch
    ) -> PartnerAgency:
        return await _updated(info, "PartnerAgency", str(id), values(input))

    @strawberry.mutation(description="Create or replace a partner agency by id (idempotent).")
    async def upsert_partner_agency(self, info: Info, input: PartnerAgencyInput) -> PartnerAgency:
        return await _upserted(info, "PartnerAgency", values(input))

    @strawberry.mutation(description="Delete a partner agency and its relationships.")
    async def delete_partner_agency(self, info: Info, id: strawberry.ID) -> DeleteResult:
        return await _deleted(info, "PartnerAgency", str(id))

    @strawberry.mutation(description="Create a mission; its id must be new.")
    async def create_mission(self, info: Info, input: MissionInput) -> Mission:
        return await _created(info, "Mission", values(input))

    @strawberry.mutation(description="Change some fields of a mission and add sources.")
    async def update_mission(self, info: Info, id: strawberry.ID, input: MissionPatch) -> Mission:
        return await _updated(info, "Mission", str(id), values(input))

    @strawberry.mutation(description="Create or replace a mission by id (idempotent).")
    async def upsert_mission(self, info: Info, input: MissionInput) -> Mission:
        return await _upserted(info, "Mission", values(input))

    @strawberry.mutation(description="Delete a mission and its relationships.")
    async def delete_mission(self, info: Info, id: strawberry.ID) -> DeleteResult:
        return await _deleted(info, "Mission", str(id))

    @strawberry.mutation(description="Create or update a relationship (idempotent).")
    async def link(self, info: Info, input: RelationshipInput) -> LinkResult:
        created = await mutations.link(info, values(input))
        return LinkResult(created=created)

    @strawberry.mutation(description="Remove a relationship.")
    async def unlink(
        self, info: Info, type: RelType, from_id: strawberry.ID, to_id: strawberry.ID
    ) -> bool:
        await mutations.unlink(info, type.value, str(from_id), str(to_id))
        return True
