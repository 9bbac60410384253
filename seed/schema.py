"""The shape of the curated seed files in ``seed/data/`` (validated before anything is written).

Every entity, relationship and figure carries at least one source: the document
it comes from, the verbatim quote that supports it, the date the document gives,
and, when the fact is inferred rather than stated, the reasoning.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from graph.model import AgencyKind, BranchKind, LocationKind, MissionStatus, RelType

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
# A date as precise as the document is: a year, a month or a day.
PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]

DOCUMENTS: tuple[str, ...] = (
    "000_9bd1905563500039.txt",
    "001_38ca9e2b3568fcb8.txt",
    "002_a54a776e922b1522.txt",
    "003_7960ef6d858bb83d.txt",
    "004_1d93fbd3e836aeaa.txt",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    document: Literal[
        "000_9bd1905563500039.txt",
        "001_38ca9e2b3568fcb8.txt",
        "002_a54a776e922b1522.txt",
        "003_7960ef6d858bb83d.txt",
        "004_1d93fbd3e836aeaa.txt",
    ]
    quote: Text
    asOf: PartialDate | None = None
    inferred: bool = False
    reasoning: Text | None = None

    @model_validator(mode="after")
    def _reasoning_iff_inferred(self) -> Source:
        if self.inferred and not self.reasoning:
            raise ValueError("an inferred source needs its reasoning")
        if self.reasoning and not self.inferred:
            raise ValueError("reasoning is only for inferred sources (set inferred: true)")
        return self


Sources = Annotated[list[Source], Field(min_length=1)]


class Entity(_Strict):
    id: Slug
    name: Text
    aliases: list[Text] = []
    description: Text | None = None
    sources: Sources


class Branch(Entity):
    acronym: Text | None = None
    kind: BranchKind


class Officer(Entity):
    rank: Text | None = None
    role: Text | None = None


class Location(Entity):
    kind: LocationKind
    # For regions: an RCMP liaison-officer region, or a continental grouping of
    # the liaison-officer list.
    grouping: Literal["LO_REGION", "CONTINENTAL", "OPERATIONS"] | None = None


class PartnerAgency(Entity):
    acronym: Text | None = None
    kind: AgencyKind


class Mission(Entity):
    acronym: Text | None = None
    status: MissionStatus
    category: Literal[
        "PEACE_OPERATION",
        "UN_MISSION",
        "EU_MISSION",
        "BILATERAL_ENGAGEMENT",
        "SPECIALIZED_POSTING",
        "TRAINING_PROGRAM",
        "ADVISORY_TEAM",
    ]
    language: Literal["English", "French"] | None = None
    armed: bool | None = None
    authorizedDeployments: Annotated[int, Field(ge=0)] | None = None
    startDate: PartialDate | None = None
    endDate: PartialDate | None = None


class Relationship(_Strict):
    type: RelType
    from_: Annotated[Slug, Field(alias="from")]
    to: Slug
    role: Text | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    note: Text | None = None
    sources: Sources

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Figure(_Strict):
    id: Slug
    label: Text
    value: float
    unit: Text | None = None
    # "more than 2,500" is kept as value 2500 with qualifier "more than".
    qualifier: Literal["exactly", "more than", "up to", "about", "hundreds"] = "exactly"
    asOf: PartialDate | None = None
    subject: Slug | None = None
    sources: Sources


def normalize_space(text: str) -> str:
    """Collapse whitespace runs: documents wrap sentences across lines."""
    return re.sub(r"\s+", " ", text).strip()
