"""The graph model: the only labels and relationship types Cypher may name (the
property keys readable per label are in ``graph.catalog``).

Labels and relationship types are interpolated into Cypher text in a few places
(labels cannot be parameters); they always come from these enums, never from a
client's text.
"""

from __future__ import annotations

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

REL_PROPERTY_KEYS: tuple[str, ...] = ("role", "since", "until", "note", *SOURCE_KEYS)
