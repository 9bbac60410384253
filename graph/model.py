"""The graph model: the only labels and relationship types Cypher may name, and the
properties of each label with the rules their values follow (``PROPERTIES``).

The rules are declared here once; ``graph.rules`` turns them into validators that the
seed files (``seed.schema``) and editors' mutations (``resolvers.mutations``) share, and
``graph.catalog`` reads the property names from here.

Labels and relationship types are interpolated into Cypher text in a few places
(labels cannot be parameters); they always come from these enums, never from a
client's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    BRANCH = "Branch"
    OFFICER = "Officer"
    LOCATION = "Location"
    PARTNER_AGENCY = "PartnerAgency"
    MISSION = "Mission"
    FIGURE = "Figure"


ENTITY_LABELS: tuple[Label, ...] = (
    Label.BRANCH,
    Label.OFFICER,
    Label.LOCATION,
    Label.PARTNER_AGENCY,
    Label.MISSION,
)


class RelType(StrEnum):
    PART_OF = "PART_OF"
    POSTED_TO = "POSTED_TO"
    MEMBER_OF = "MEMBER_OF"
    SERVES_ON = "SERVES_ON"
    COVERS = "COVERS"
    LOCATED_IN = "LOCATED_IN"
    WITH_PARTNER = "WITH_PARTNER"
    MANAGED_BY = "MANAGED_BY"
    BASED_IN = "BASED_IN"
    WORKS_WITH = "WORKS_WITH"
    SUCCEEDED_BY = "SUCCEEDED_BY"
    DESCRIBES = "DESCRIBES"


B, O, L, P, M = (  # noqa: E741 - short names keep the table below readable
    Label.BRANCH,
    Label.OFFICER,
    Label.LOCATION,
    Label.PARTNER_AGENCY,
    Label.MISSION,
)

# Which (from, to) label pairs each relationship type may join. DESCRIBES
# (Figure → anything) is written from figures, not from relationship entries.
REL_ENDPOINTS: dict[RelType, frozenset[tuple[Label, Label]]] = {
    RelType.PART_OF: frozenset({(B, B), (L, L), (M, M), (P, P)}),
    RelType.POSTED_TO: frozenset({(O, L)}),
    RelType.MEMBER_OF: frozenset({(O, B), (O, P), (B, P), (P, P)}),
    RelType.SERVES_ON: frozenset({(O, M)}),
    RelType.COVERS: frozenset({(O, L), (B, L)}),
    RelType.LOCATED_IN: frozenset({(M, L), (B, L)}),
    RelType.WITH_PARTNER: frozenset({(M, P)}),
    RelType.MANAGED_BY: frozenset({(M, B)}),
    RelType.BASED_IN: frozenset({(P, L)}),
    RelType.WORKS_WITH: frozenset({(B, P), (P, P)}),
    RelType.SUCCEEDED_BY: frozenset({(M, M)}),
}


class LocationKind(StrEnum):
    REGION = "REGION"
    COUNTRY = "COUNTRY"
    TERRITORY = "TERRITORY"
    CITY = "CITY"
    SITE = "SITE"


class BranchKind(StrEnum):
    ORGANIZATION = "ORGANIZATION"
    SECTOR = "SECTOR"
    BRANCH = "BRANCH"
    UNIT = "UNIT"
    PROGRAM = "PROGRAM"


class AgencyKind(StrEnum):
    INTERNATIONAL_ORGANIZATION = "INTERNATIONAL_ORGANIZATION"
    INTERNATIONAL_COURT = "INTERNATIONAL_COURT"
    FOREIGN_POLICE = "FOREIGN_POLICE"
    FOREIGN_GOVERNMENT = "FOREIGN_GOVERNMENT"
    CANADIAN_DEPARTMENT = "CANADIAN_DEPARTMENT"
    CANADIAN_POLICE = "CANADIAN_POLICE"
    PROGRAM = "PROGRAM"
    PARTNERSHIP = "PARTNERSHIP"


class MissionStatus(StrEnum):
    ACTIVE = "ACTIVE"
    UNDER_REVIEW = "UNDER_REVIEW"
    CLOSED = "CLOSED"


class LocationGrouping(StrEnum):
    """For regions: an RCMP liaison-officer region, a continental grouping of the
    liaison-officer list, or an operations grouping."""

    LO_REGION = "LO_REGION"
    CONTINENTAL = "CONTINENTAL"
    OPERATIONS = "OPERATIONS"


class MissionCategory(StrEnum):
    PEACE_OPERATION = "PEACE_OPERATION"
    UN_MISSION = "UN_MISSION"
    EU_MISSION = "EU_MISSION"
    BILATERAL_ENGAGEMENT = "BILATERAL_ENGAGEMENT"
    SPECIALIZED_POSTING = "SPECIALIZED_POSTING"
    TRAINING_PROGRAM = "TRAINING_PROGRAM"
    ADVISORY_TEAM = "ADVISORY_TEAM"


class Language(StrEnum):
    """A mission's working language, as the documents name it."""

    ENGLISH = "English"
    FRENCH = "French"


class FigureQualifier(StrEnum):
    """How a figure relates to its value: "more than 2,500" is 2500, "more than"."""

    EXACTLY = "exactly"
    MORE_THAN = "more than"
    UP_TO = "up to"
    ABOUT = "about"
    HUNDREDS = "hundreds"


class ValueKind(StrEnum):
    TEXT = "text"  # trimmed, not empty, no control characters but tab and newline
    TEXTS = "texts"  # a list of TEXT
    DATE = "date"  # as precise as the document: YYYY, YYYY-MM or YYYY-MM-DD, a real date
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    CHOICE = "choice"  # one of ``choices``


@dataclass(frozen=True)
class Property:
    """One property of a label, and the rule its value follows."""

    name: str
    kind: ValueKind = ValueKind.TEXT
    required: bool = False
    max_length: int = 2000  # TEXT, and each item of TEXTS
    choices: type[StrEnum] | None = None
    minimum: int | None = None
    maximum: int | None = None
    # What a seed entry that leaves the property out gets (None: nothing stored).
    default: str | None = None


def _text(name: str, max_length: int = 2000, *, required: bool = False) -> Property:
    return Property(name, ValueKind.TEXT, required, max_length)


def _choice(name: str, choices: type[StrEnum], *, required: bool = False) -> Property:
    return Property(name, ValueKind.CHOICE, required, choices=choices)


def _date(name: str) -> Property:
    return Property(name, ValueKind.DATE)


# Every entity has these (its id and sources are structural, not properties).
_COMMON = (
    _text("name", 200, required=True),
    Property("aliases", ValueKind.TEXTS, max_length=200),
    _text("description"),
)

PROPERTIES: dict[Label, tuple[Property, ...]] = {
    Label.BRANCH: (*_COMMON, _text("acronym", 40), _choice("kind", BranchKind, required=True)),
    Label.OFFICER: (*_COMMON, _text("rank", 80), _text("role", 200)),
    Label.LOCATION: (
        *_COMMON,
        _choice("kind", LocationKind, required=True),
        _choice("grouping", LocationGrouping),
    ),
    Label.PARTNER_AGENCY: (
        *_COMMON,
        _text("acronym", 40),
        _choice("kind", AgencyKind, required=True),
    ),
    Label.MISSION: (
        *_COMMON,
        _text("acronym", 40),
        _choice("status", MissionStatus, required=True),
        _choice("category", MissionCategory, required=True),
        _choice("language", Language),
        Property("armed", ValueKind.BOOL),
        Property("authorizedDeployments", ValueKind.INT, minimum=0, maximum=100_000),
        _date("startDate"),
        _date("endDate"),
    ),
    Label.FIGURE: (
        _text("label", 200, required=True),
        Property("value", ValueKind.FLOAT, required=True),
        _text("unit", 80),
        # A figure without a qualifier is exact.
        Property("qualifier", ValueKind.CHOICE, choices=FigureQualifier, default="exactly"),
        _date("asOf"),
    ),
}
# A relationship's own properties (besides its sources).
REL_PROPERTIES: tuple[Property, ...] = (
    _text("role", 200),
    _date("since"),
    _date("until"),
    _text("note"),
)


# Provenance is kept as parallel lists on every node and relationship, because
# neither Neo4j nor the embedded engine stores maps (or lists of maps) as property
# values. Index i of each list describes source i; "" stands for "none" (lists
# cannot hold null).
SOURCE_KEYS: tuple[str, ...] = (
    "sourceDocuments",
    "sourceQuotes",
    "sourceAsOf",
    "sourceInferred",
    "sourceReasoning",
)

REL_PROPERTY_KEYS: tuple[str, ...] = (*(p.name for p in REL_PROPERTIES), *SOURCE_KEYS)
