"""Filter and ordering inputs of the list fields."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.enums import LocationKind, MissionStatus


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.enum
class MissionOrderField(Enum):
    NAME = "NAME"
    START_DATE = "START_DATE"
    AUTHORIZED_DEPLOYMENTS = "AUTHORIZED_DEPLOYMENTS"
    OFFICER_COUNT = "OFFICER_COUNT"
    PARTNER_COUNT = "PARTNER_COUNT"


@strawberry.enum
class LocationOrderField(Enum):
    NAME = "NAME"
    OFFICER_COUNT = "OFFICER_COUNT"


@strawberry.enum
class PartnerAgencyOrderField(Enum):
    NAME = "NAME"
    MISSION_COUNT = "MISSION_COUNT"


@strawberry.enum
class NameOrderField(Enum):
    NAME = "NAME"


@strawberry.input(description="Order of missions; ties are broken by id.")
class MissionOrder:
    field: MissionOrderField = MissionOrderField.NAME
    direction: SortDirection = SortDirection.ASC


@strawberry.input(description="Order of locations; ties are broken by id.")
class LocationOrder:
    field: LocationOrderField = LocationOrderField.NAME
    direction: SortDirection = SortDirection.ASC


@strawberry.input(description="Order of partner agencies; ties are broken by id.")
class PartnerAgencyOrder:
    field: PartnerAgencyOrderField = PartnerAgencyOrderField.NAME
    direction: SortDirection = SortDirection.ASC


@strawberry.input(description="Order by name; ties are broken by id.")
class NameOrder:
    field: NameOrderField = NameOrderField.NAME
    direction: SortDirection = SortDirection.ASC


@strawberry.input(description="Every given condition must hold.")
class MissionFilter:
    language: str | None = None
    armed: bool | None = None
    status: MissionStatus | None = None
    category: str | None = None
    within: strawberry.ID | None = strawberry.field(
        default=None, description="A location id: missions located there or anywhere inside it."
    )
    partner: strawberry.ID | None = strawberry.field(
        default=None, description="A partner agency id the mission works with."
    )
    name: str | None = strawberry.field(
        default=None, description="Part of the name, alias or acronym (case and accent blind)."
    )


@strawberry.input(description="Every given condition must hold.")
class LocationFilter:
    kind: LocationKind | None = None
    within: strawberry.ID | None = strawberry.field(
        default=None, description="A location id: places inside it, at any depth."
    )
    name: str | None = None


@strawberry.input(description="Every given condition must hold.")
class OfficerFilter:
    branch: strawberry.ID | None = strawberry.field(
        default=None, description="A branch id: its officers and those of its sub-branches."
    )
    within: strawberry.ID | None = strawberry.field(
        default=None, description="A location id: officers posted there or anywhere inside it."
    )
    name: str | None = None


@strawberry.input(description="Every given condition must hold.")
class BranchFilter:
    parent: strawberry.ID | None = None
    kind: str | None = None
    name: str | None = None


@strawberry.input(description="Every given condition must hold.")
class PartnerAgencyFilter:
    kind: str | None = None
    based_within: strawberry.ID | None = None
    name: str | None = None
