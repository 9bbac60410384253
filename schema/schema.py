"""The federated schema (Apollo Federation 2): root fields and the schema object."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import strawberry
from strawberry import UNSET
from strawberry.extensions import SchemaExtension
from strawberry.federation.schema import FederationAny
from strawberry.schema.config import StrawberryConfig

from graph.model import ENTITY_LABELS
from resolvers import filtering, queries
from resolvers.errors import BadInput
from schema.inputs import (
    BranchFilter,
    LocationFilter,
    LocationOrder,
    MissionFilter,
    MissionOrder,
    NameOrder,
    OfficerFilter,
    PartnerAgencyFilter,
    PartnerAgencyOrder,
    SortDirection,
)
from schema.mutations import Mutation
from schema.types import (
    DATE_SCALAR,
    Branch,
    Connection,
    Date,
    Figure,
    Info,
    Location,
    Mission,
    Officer,
    PartnerAgency,
    Path,
    PathStep,
    RegionPartner,
    SearchResult,
    Subgraph,
    served,
)


@functools.cache
def _graphql_name(python_name: str) -> str:
    head, *rest = python_name.rstrip("_").split("_")
    return head + "".join(part.title() for part in rest)


def read_field(obj: Any, name: str) -> object:
    """Default resolver: results are dicts from Cypher, keyed by GraphQL field names
    (``officer_count`` → ``officerCount``, ``from_`` → ``from``); Strawberry's own
    objects (``_Service``) keep attributes."""
    if type(obj) is dict:
        # Indexing, not .get(): a field the plan forgot must fail loudly, not read null.
        return obj[_graphql_name(name)]
    return getattr(obj, name)


def _opt(value: Any) -> Any:
    """An argument the client left out (UNSET, shown without a default in the SDL) is None."""
    return None if value is UNSET else value


def _order(order: Any) -> tuple[str, bool]:
    return order.field.value, order.direction is SortDirection.DESC


PAGE_DOC = "At most `first` items (default 20, at most 100) after the cursor `after`."


@strawberry.type
class Query:
    @strawberry.field(description="One branch by id, or null.")
    async def branch(self, info: Info, id: strawberry.ID) -> Branch | None:
        return served(await queries.entity(info, "Branch", str(id)))

    @strawberry.field(description="One officer or liaison-officer post by id, or null.")
    async def officer(self, info: Info, id: strawberry.ID) -> Officer | None:
        return served(await queries.entity(info, "Officer", str(id)))

    @strawberry.field(description="One location by id, or null.")
    async def location(self, info: Info, id: strawberry.ID) -> Location | None:
        return served(await queries.entity(info, "Location", str(id)))

    @strawberry.field(description="One partner agency by id, or null.")
    async def partner_agency(self, info: Info, id: strawberry.ID) -> PartnerAgency | None:
        return served(await queries.entity(info, "PartnerAgency", str(id)))

    @strawberry.field(description="One mission by id, or null.")
    async def mission(self, info: Info, id: strawberry.ID) -> Mission | None:
        return served(await queries.entity(info, "Mission", str(id)))

    @strawberry.field(description=f"Branches. {PAGE_DOC}")
    async def branches(
        self,
        info: Info,
        first: int | None = UNSET,
        after: str | None = UNSET,
        filter: BranchFilter | None = UNSET,
        order_by: NameOrder | None = UNSET,
    ) -> Connection[Branch]:
        order = _order(order_by or NameOrder())
        return served(
            await queries.listing(
                info,
                "Branch",
                {"first": _opt(first), "after": _opt(after)},
                filtering.conditions("Branch", filter),
                order,
            )
        )

    @strawberry.field(description=f"Officers and liaison-officer posts. {PAGE_DOC}")
    async def officers(
        self,
        info: Info,
        first: int | None = UNSET,
        after: str | None = UNSET,
        filter: OfficerFilter | None = UNSET,
        order_by: NameOrder | None = UNSET,
    ) -> Connection[Officer]:
        order = _order(order_by or NameOrder())
        return served(
            await queries.listing(
                info,
                "Officer",
                {"first": _opt(first), "after": _opt(after)},
                filtering.conditions("Officer", filter),
                order,
            )
        )

    @strawberry.field(description=f"Locations. {PAGE_DOC}")
    async def locations(
        self,
        info: Info,
        first: int | None = UNSET,
        after: str | None = UNSET,
        filter: LocationFilter | None = UNSET,
        order_by: LocationOrder | None = UNSET,
    ) -> Connection[Location]:
        order = _order(order_by or LocationOrder())
        return served(
            await queries.listing(
                info,
                "Location",
                {"first": _opt(first), "after": _opt(after)},
                filtering.conditions("Location", filter),
                order,
            )
        )

    @strawberry.field(description=f"Partner agencies. {PAGE_DOC}")
    async def partner_agencies(
        self,
        info: Info,
        first: int | None = UNSET,
        after: str | None = UNSET,
        filter: PartnerAgencyFilter | None = UNSET,
        order_by: PartnerAgencyOrder | None = UNSET,
    ) -> Connection[PartnerAgency]:
        order = _order(order_by or PartnerAgencyOrder())
        conditions = filtering.conditions("PartnerAgency", filter)
        return served(
            await queries.listing(
                info,
                "PartnerAgency",
                {"first": _opt(first), "after": _opt(after)},
                conditions,
                order,
            )
        )

    @strawberry.field(description=f"Missions. {PAGE_DOC}")
    async def missions(
        self,
        info: Info,
        first: int | None = UNSET,
        after: str | None = UNSET,
        filter: MissionFilter | None = UNSET,
        order_by: MissionOrder | None = UNSET,
    ) -> Connection[Mission]:
        order = _order(order_by or MissionOrder())
        return served(
            await queries.listing(
                info,
                "Mission",
                {"first": _opt(first), "after": _opt(after)},
                filtering.conditions("Mission", filter),
                order,
            )
        )

    @strawberry.field(
        description=f"Entities of any type by id (at most {queries.MAX_IDS}), in the order "
        "given; null where no entity has the id."
    )
    async def entities(self, info: Info, ids: list[strawberry.ID]) -> list[SearchResult | None]:
        return served(await queries.entities(info, [str(i) for i in ids]))

    @strawberry.field(
        description=f"The relationships between these entities (at most {queries.MAX_IDS} "
        "ids): those whose two ends are both in the list, with their evidence. More than "
        f"{queries.MAX_RELATIONSHIPS:,} is an error."
    )
    async def relationships(self, info: Info, ids: list[strawberry.ID]) -> list[PathStep]:
        return served(await queries.relationships(info, [str(i) for i in ids]))

    @strawberry.field(
        description="Entities whose name, alias or acronym contains the text (case and accent "
        "blind), those starting with it first."
    )
    async def search(self, info: Info, text: str, first: int | None = UNSET) -> list[SearchResult]:
        return served(await queries.search(info, text, _opt(first)))

    @strawberry.field(description="Dated figures, all or those describing one entity.")
    async def figures(self, info: Info, subject_id: strawberry.ID | None = UNSET) -> list[Figure]:
        subject = str(subject_id) if _opt(subject_id) is not None else None
        return served(await queries.figures(info, subject))

    @strawberry.field(
        description="Every partner agency tied to a place inside the region (or country): "
        "agencies based there, partners of missions located there, agencies of officers "
        "posted there; each with the paths that tie it."
    )
    async def partners_connected_to_region(
        self, info: Info, region_id: strawberry.ID
    ) -> list[RegionPartner]:
        return served(await queries.partners_of_region(info, str(region_id)))

    @strawberry.field(
        description="The shortest path between two entities (default 6 hops, max 10)."
    )
    async def shortest_path(
        self,
        info: Info,
        from_id: strawberry.ID,
        to_id: strawberry.ID,
        max_hops: int | None = UNSET,
    ) -> Path | None:
        return served(await queries.shortest_path(info, str(from_id), str(to_id), _opt(max_hops)))

    @strawberry.field(description="Entities within `depth` hops (default 1, max 3), for drawing.")
    async def neighborhood(
        self, info: Info, id: strawberry.ID, depth: int | None = UNSET
    ) -> Subgraph | None:
        return served(await queries.neighborhood(info, str(id), _opt(depth)))


ENTITY_TYPES = frozenset(label.value for label in ENTITY_LABELS)


class Schema(strawberry.federation.Schema):
    """The federation schema, with ``_entities`` checking representations first.

    Strawberry would answer an unknown ``__typename`` with its internal KeyError;
    here each bad representation gets a clear error (and null) and the others resolve.
    """

    def entities_resolver(  # the signature is the _entities field's: keep its types
        self, info: strawberry.Info, representations: list[FederationAny]
    ) -> list[FederationAny]:
        results: list[Any] = [None] * len(representations)
        valid: list[tuple[int, FederationAny]] = []
        for index, representation in enumerate(representations):
            problem = _representation_problem(representation)
            if problem is None:
                rep: dict[str, Any] = representation  # type: ignore[assignment]  # checked above
                # Only the key: extra fields must not reach resolve_reference as arguments.
                valid.append(
                    (index, FederationAny({"__typename": rep["__typename"], "id": rep["id"]}))
                )
            else:
                results[index] = BadInput(f"representation {index}: {problem}")
        resolved = super().entities_resolver(info, [rep for _, rep in valid])
        for (index, _), result in zip(valid, resolved, strict=True):
            results[index] = result
        return results


def _representation_problem(representation: Any) -> str | None:
    if not isinstance(representation, dict):
        return "must be an object with __typename and id"
    typename = representation.get("__typename")
    if typename not in ENTITY_TYPES:
        return f"__typename must be one of {', '.join(sorted(ENTITY_TYPES))}"
    if not isinstance(representation.get("id"), str):
        return "id must be a string"
    return None


Extension = type[SchemaExtension] | Callable[[], SchemaExtension]


def build_schema(extensions: list[Extension] | None = None) -> Schema:
    return Schema(
        query=Query,
        mutation=Mutation,
        types=[Branch, Officer, Location, PartnerAgency, Mission],
        extensions=extensions or [],
        federation_version="2.11",
        config=StrawberryConfig(default_resolver=read_field, scalar_map={Date: DATE_SCALAR}),
    )
