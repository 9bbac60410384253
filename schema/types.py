"""GraphQL types. Values are plain dicts straight from one Cypher result (see
``resolvers.selection``); fields read them by key (``schema.schema.read_field``), so
hot list fields stay cheap. Only connection fields, which take arguments and are
keyed by their alias, have resolvers.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, NewType, TypeVar

import strawberry
from strawberry import UNSET

from resolvers import paging
from resolvers.context import Context
from schema.enums import LocationKind, MissionStatus

# Dates keep the precision of their document ("2004", "2020-02", "2017-10-15"), so
# they are served as ISO 8601 text through a scalar of their own (see build_schema).
Date = NewType("Date", str)
DATE_SCALAR = strawberry.scalar(
    name="Date",
    description=(
        "An ISO 8601 calendar date, at the precision the source document gives: "
        "YYYY, YYYY-MM or YYYY-MM-DD."
    ),
    serialize=str,
    parse_value=str,
)


def served(row: Any) -> Any:
    """Rows from the graph are served as the GraphQL types they were projected for."""
    return row


Info = strawberry.Info[Context, Any]
Row = dict[str, Any]


def _is(typename: str) -> Any:
    def is_type_of(cls: type, obj: Any, info: Any) -> bool:
        return isinstance(obj, dict) and obj.get("__typename") == typename

    return classmethod(is_type_of)


def _connection(root: Row, info: Info, first: int | None) -> Row:
    # Keyed by response key: the same field may be selected under several aliases.
    return paging.nested(root, str(info.path.key), first if isinstance(first, int) else None)


@strawberry.type(description="The evidence behind a fact: a verbatim quote from a source document.")
class Source:
    document: str = strawberry.field(description="File name of the source document.")
    quote: str = strawberry.field(description="The supporting sentence or table row, verbatim.")
    as_of: Date | None = strawberry.field(description="The date the document gives, if any.")
    inferred: bool = strawberry.field(description="True when deduced rather than stated.")
    reasoning: str | None = strawberry.field(description="Why an inferred fact was inferred.")


@strawberry.type(description="Paging state of a connection.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="A dated figure attached to what it describes.")
class Figure:
    id: strawberry.ID
    label: str
    value: float
    unit: str | None
    qualifier: str = strawberry.field(
        description='How the document qualifies the value: "exactly", "more than", "up to"…'
    )
    as_of: Date | None
    subject: Annotated[SearchResult, strawberry.lazy("schema.types")] | None = strawberry.field(
        description="The entity the figure describes."
    )
    sources: list[Source]
    is_type_of = _is("Figure")


@strawberry.federation.type(keys=["id"], description="The RCMP, its sector, branches and units.")
class Branch:
    id: strawberry.ID
    name: str
    acronym: str | None
    kind: str
    description: str | None
    aliases: list[str]
    parent: Branch | None
    sub_branches: list[Branch]
    missions: list[Mission] = strawberry.field(description="Missions this branch manages.")
    partners: list[PartnerAgency] = strawberry.field(description="Agencies it works with.")
    covers: list[Location] = strawberry.field(description="Regions it is responsible for.")
    officer_count: int = strawberry.field(description="Officers in it or its sub-branches.")
    mission_count: int
    sources: list[Source]
    figures: list[Figure]
    is_type_of = _is("Branch")

    @strawberry.field(description="Officers of this branch and its sub-branches, by name.")
    def officers(
        self, info: Info, first: int | None = UNSET, after: str | None = UNSET
    ) -> Connection[Officer]:
        return served(_connection(served(self), info, first))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Branch | None:
        return served(await info.context.reference("Branch", info, str(id)))


@strawberry.federation.type(keys=["id"], description="A named person or a liaison-officer post.")
class Officer:
    id: strawberry.ID
    name: str
    rank: str | None
    role: str | None
    description: str | None
    aliases: list[str]
    posted_to: Location | None
    branch: Branch | None
    agencies: list[PartnerAgency] = strawberry.field(description="Agencies the officer belongs to.")
    missions: list[Mission]
    covers: list[Location] = strawberry.field(description="Places the officer is responsible for.")
    sources: list[Source]
    figures: list[Figure]
    is_type_of = _is("Officer")

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Officer | None:
        return served(await info.context.reference("Officer", info, str(id)))


@strawberry.federation.type(keys=["id"], description="A region, country, territory, city or site.")
class Location:
    id: strawberry.ID
    name: str
    kind: LocationKind
    grouping: str | None = strawberry.field(
        description="For regions: LO_REGION, CONTINENTAL or OPERATIONS."
    )
    description: str | None
    aliases: list[str]
    parent: Location | None = strawberry.field(
        description="The place this one is part of (a stated link before an inferred one)."
    )
    parents: list[Location] = strawberry.field(description="Every place this one is part of.")
    children: list[Location]
    missions: list[Mission] = strawberry.field(description="Missions here or inside this place.")
    partners: list[PartnerAgency] = strawberry.field(
        description="Agencies based here, working with missions here, or employing officers here."
    )
    officer_count: int
    mission_count: int
    partner_count: int
    sources: list[Source]
    figures: list[Figure]
    is_type_of = _is("Location")

    @strawberry.field(description="Officers posted here or inside this place, by name.")
    def officers(
        self, info: Info, first: int | None = UNSET, after: str | None = UNSET
    ) -> Connection[Officer]:
        return served(_connection(served(self), info, first))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Location | None:
        return served(await info.context.reference("Location", info, str(id)))


@strawberry.federation.type(
    keys=["id"], description="An international organization, police service, department or program."
)
class PartnerAgency:
    id: strawberry.ID
    name: str
    acronym: str | None
    kind: str | None
    description: str | None
    aliases: list[str]
    based_in: Location | None
    missions: list[Mission]
    member_of: list[PartnerAgency]
    members: list[PartnerAgency]
    branches: list[Branch] = strawberry.field(description="RCMP branches working with it.")
    mission_count: int
    sources: list[Source]
    figures: list[Figure]
    is_type_of = _is("PartnerAgency")

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> PartnerAgency | None:
        return served(await info.context.reference("PartnerAgency", info, str(id)))


@strawberry.federation.type(
    keys=["id"], description="A peace operation, mission, posting or training program."
)
class Mission:
    id: strawberry.ID
    name: str
    acronym: str | None
    status: MissionStatus
    category: str | None
    language: str | None
    armed: bool | None
    authorized_deployments: int | None = strawberry.field(
        description='The "up to N" authorized police deployments.'
    )
    start_date: Date | None
    end_date: Date | None
    description: str | None
    aliases: list[str]
    locations: list[Location]
    partners: list[PartnerAgency]
    managed_by: Branch | None
    parent: Mission | None = strawberry.field(description="The operation this is part of.")
    components: list[Mission]
    predecessor: Mission | None
    successor: Mission | None
    officer_count: int = strawberry.field(description="Officers serving on it.")
    partner_count: int
    sources: list[Source]
    figures: list[Figure]
    is_type_of = _is("Mission")

    @strawberry.field(description="Officers serving on this mission, by name.")
    def officers(
        self, info: Info, first: int | None = UNSET, after: str | None = UNSET
    ) -> Connection[Officer]:
        return served(_connection(served(self), info, first))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Mission | None:
        return served(await info.context.reference("Mission", info, str(id)))


SearchResult = Annotated[
    Branch | Officer | Location | PartnerAgency | Mission,
    strawberry.union("SearchResult", description="Any entity."),
]


T = TypeVar("T")


@strawberry.type(description="One item of a connection and the cursor to page after it.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list: edges (or plain nodes), paging state and total.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    nodes: list[T]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Items in the whole list (counted if asked).")


BranchConnection = Connection[Branch]
OfficerConnection = Connection[Officer]
LocationConnection = Connection[Location]
PartnerAgencyConnection = Connection[PartnerAgency]
MissionConnection = Connection[Mission]


@strawberry.type(description="One relationship of a path, with its evidence.")
class PathStep:
    type: str = strawberry.field(description="Relationship type, e.g. PART_OF, WITH_PARTNER.")
    from_: strawberry.ID = strawberry.field(name="from", description="Id of its start node.")
    to: strawberry.ID = strawberry.field(description="Id of its end node.")
    sources: list[Source]


@strawberry.type(description="A chain of entities and the relationships between them.")
class Path:
    nodes: list[SearchResult]
    relationships: list[PathStep]


@strawberry.type(description="A partner agency tied to a region, and every path that ties it.")
class RegionPartner:
    partner: PartnerAgency
    paths: list[Path]


@strawberry.type(description="Entities around one entity and the relationships among them.")
class Subgraph:
    center: SearchResult
    nodes: list[SearchResult]
    edges: list[PathStep]
    truncated: bool = strawberry.field(
        description="True when more than 500 paths were found and only the first 500 are drawn."
    )
