"""The federated schema (Apollo Federation 2): root fields and the schema object."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any

import strawberry
from strawberry import UNSET
from strawberry.extensions import SchemaExtension
from strawberry.federation.schema import FederationAny
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from graph.catalog import Catalog
from graph.model import ENTITIES, Direction, EntityType
from resolvers import documents, filtering, queries
from resolvers.errors import BadInput
from schema.cost_hints import annotate
from schema.execution import PlainFields
from schema.history import history_queries, history_subscriptions
from schema.inputs import EvidenceScope, SortDirection, filter_input, order_input
from schema.mutations import mutation_type
from schema.types import (
    DATE_SCALAR,
    DEPRECATED_ARGUMENT,
    Date,
    Info,
    Namespace,
    PathStep,
    given,
    object_types,
    served,
    words,
)


@functools.cache
def row_key(python_name: str) -> str:
    """A field's key in a row from Cypher: its GraphQL name (``read_field``)."""
    head, *rest = python_name.rstrip("_").split("_")
    return head + "".join(part.title() for part in rest)


def plain_executor() -> type[PlainFields]:
    """An executor of its own for each schema built (its tables are per object type)."""
    return type("PlainFields", (PlainFields,), {"key_of": staticmethod(row_key)})


def read_field(obj: Any, name: str) -> object:
    """Default resolver: results are dicts from Cypher, keyed by GraphQL field names
    (``officer_count`` → ``officerCount``, ``from_`` → ``from``); Strawberry's own
    objects (``_Service``) keep attributes."""
    if type(obj) is dict:
        # Indexing, not .get(): a field the plan forgot must fail loudly, not read null.
        return obj[row_key(name)]
    return getattr(obj, name)


def _order(order: Any) -> tuple[str, bool]:
    return order.field.value, order.direction is SortDirection.DESC


PAGE_DOC = "At most `first` items (default 20, at most 100) after the cursor `after`."
EVIDENCE_ARGUMENT = Annotated[
    EvidenceScope | None,
    strawberry.argument(description="Read only the facts this evidence supports."),
]
AS_OF_ARGUMENT = Annotated[
    Date | None,
    strawberry.argument(
        description="Read the graph as of this date (YYYY, YYYY-MM or YYYY-MM-DD): only "
        "entities and relationships whose dates take in some day of it take part; undated "
        "ones always do."
    ),
]


def _entity_queries(ns: Namespace, entity: EntityType) -> dict[str, Any]:
    """The root fields of one entity type: one by id, and a filtered, ordered page."""
    label = entity.label
    filter_type, order_type = filter_input(ns, entity), order_input(ns, entity)

    async def one(
        root: Any, info: Info, id: strawberry.ID, asOf: Any = UNSET, evidence: Any = UNSET
    ) -> Any:
        scope = queries.read_scope(given(asOf), given(evidence))
        return served(await queries.entity(info, label, str(id), scope))

    async def listing(
        root: Any,
        info: Info,
        first: Any = UNSET,
        after: Any = UNSET,
        filter: Any = UNSET,
        orderBy: Any = UNSET,
        asOf: Any = UNSET,
        evidence: Any = UNSET,
    ) -> Any:
        order = orderBy or order_type()
        scope = queries.read_scope(given(asOf), given(evidence))
        return served(
            await queries.listing(
                info,
                label,
                {"first": given(first), "after": given(after)},
                filtering.conditions(label, given(filter), info.context.catalog, scope),
                (order.field.value, order.direction is SortDirection.DESC),
                scope,
            )
        )

    async def aggregate(root: Any, info: Info, filter: Any = UNSET) -> Any:
        conditions = filtering.conditions(label, given(filter), info.context.catalog)
        return served(await queries.aggregate(info, label, conditions))

    one_annotations = {
        "info": Info,
        "id": strawberry.ID,
        "asOf": AS_OF_ARGUMENT,
        "evidence": EVIDENCE_ARGUMENT,
        "return": f"{label} | None",
    }
    list_annotations = {
        "info": Info,
        "first": int | None,
        "after": str | None,
        "filter": f"{filter_type.__name__} | None",
        "orderBy": order_type | None,
        "asOf": AS_OF_ARGUMENT,
        "evidence": EVIDENCE_ARGUMENT,
        "return": f"Connection[{label}]",
    }
    return {
        entity.singular: strawberry.field(
            resolver=ns.function(one, one_annotations), description=entity.one_description
        ),
        entity.plural: strawberry.field(
            resolver=ns.function(listing, list_annotations),
            description=f"{entity.list_description} {PAGE_DOC}",
        ),
        f"{entity.plural}Aggregate": strawberry.field(
            resolver=ns.function(
                aggregate,
                {
                    "info": Info,
                    "filter": f"{filter_type.__name__} | None",
                    "return": f"{label}Aggregate",
                },
            ),
            description=f"Numbers over the {words(entity.plural)} the filter keeps.",
        ),
    }


async def _entities(root: Any, info: Info, ids: list[strawberry.ID]) -> Any:
    return served(await queries.entities(info, [str(i) for i in ids]))


async def _node(root: Any, info: Info, id: strawberry.ID) -> Any:
    return served((await queries.entities(info, [str(id)], "Node"))[0])


async def _nodes(root: Any, info: Info, ids: list[strawberry.ID]) -> Any:
    return served(await queries.entities(info, [str(i) for i in ids], "Node"))


async def _relationships(root: Any, info: Info, ids: list[strawberry.ID]) -> Any:
    return served(await queries.relationships(info, [str(i) for i in ids]))


async def _search(root: Any, info: Info, text: str, first: Any = UNSET) -> Any:
    return served(await queries.search(info, text, given(first)))


async def _figures(
    root: Any,
    info: Info,
    subjectId: Any = UNSET,
    text: Any = UNSET,
    include_deprecated: bool = False,
) -> Any:
    subject = str(subjectId) if given(subjectId) is not None else None
    return served(await queries.figures(info, subject, given(text), include_deprecated))


async def _disagreements(
    root: Any,
    info: Info,
    subjectId: Any = UNSET,
    measure: Any = UNSET,
    include_deprecated: bool = False,
) -> Any:
    subject = str(subjectId) if given(subjectId) is not None else None
    return served(await queries.disagreements(info, subject, given(measure), include_deprecated))


async def _documents(root: Any, info: Info, first: Any = UNSET, after: Any = UNSET) -> Any:
    after_name = str(after) if given(after) is not None else None
    return served(await documents.documents(info, given(first), after_name))


async def _document(root: Any, info: Info, id: strawberry.ID) -> Any:
    return served(await documents.document(info, str(id)))


async def _search_evidence(root: Any, info: Info, text: str, first: Any = UNSET) -> Any:
    return served(await documents.search_evidence(info, text, given(first)))


async def _partners_of_region(
    root: Any, info: Info, regionId: strawberry.ID, asOf: Any = UNSET, evidence: Any = UNSET
) -> Any:
    scope = queries.read_scope(given(asOf), given(evidence))
    return served(await queries.partners_of_region(info, str(regionId), scope))


async def _shortest_path(
    root: Any,
    info: Info,
    fromId: strawberry.ID,
    toId: strawberry.ID,
    maxHops: Any = UNSET,
    asOf: Any = UNSET,
    evidence: Any = UNSET,
) -> Any:
    scope = queries.read_scope(given(asOf), given(evidence))
    return served(await queries.shortest_path(info, str(fromId), str(toId), given(maxHops), scope))


async def _neighborhood(
    root: Any,
    info: Info,
    id: strawberry.ID,
    depth: Any = UNSET,
    asOf: Any = UNSET,
    evidence: Any = UNSET,
) -> Any:
    scope = queries.read_scope(given(asOf), given(evidence))
    return served(await queries.neighborhood(info, str(id), given(depth), scope))


async def _neighbor_groups(
    root: Any, info: Info, id: strawberry.ID, asOf: Any = UNSET, evidence: Any = UNSET
) -> Any:
    scope = queries.read_scope(given(asOf), given(evidence))
    return served(await queries.neighbor_groups(info, str(id), scope))


async def _neighbors(
    root: Any,
    info: Info,
    id: strawberry.ID,
    type: Any = UNSET,
    relationship: Any = UNSET,
    direction: Any = UNSET,
    first: Any = UNSET,
    after: Any = UNSET,
    asOf: Any = UNSET,
    evidence: Any = UNSET,
) -> Any:
    which = queries.around(info.context.catalog, given(type), given(relationship), given(direction))
    scope = queries.read_scope(given(asOf), given(evidence))
    found = await queries.neighbors(info, str(id), which, given(first), given(after), scope)
    return served(found)


async def _timeline(
    root: Any,
    info: Info,
    ids: list[strawberry.ID],
    from_: Any = UNSET,
    to: Any = UNSET,
) -> Any:
    return served(await queries.timeline(info, [str(i) for i in ids], given(from_), given(to)))


ID_LIST = list[strawberry.ID]

# Root fields over the whole graph: resolver, its types (the return type a generated
# one, named), description.
GRAPH_QUERIES: dict[str, tuple[Any, dict[str, Any], str]] = {
    "entities": (
        _entities,
        {"ids": ID_LIST, "return": "list[SearchResult | None]"},
        f"Entities of any type by id (at most {queries.MAX_IDS}), in the order given; null "
        "where no entity has the id.",
    ),
    "node": (
        _node,
        {"id": strawberry.ID, "return": "Node | None"},
        "The entity with this id, whatever its type; null if none has it (Relay's "
        "`node`: clients and their caches fetch any object again by its id).",
    ),
    "nodes": (
        _nodes,
        {"ids": ID_LIST, "return": "list[Node | None]"},
        f"Entities by id, whatever their types (at most {queries.MAX_IDS}), in the order "
        "given; null where none has the id.",
    ),
    "relationships": (
        _relationships,
        {"ids": ID_LIST, "return": list[PathStep]},
        f"The relationships between these entities (at most {queries.MAX_IDS} ids): those "
        "whose two ends are both in the list, with their evidence. More than "
        f"{queries.MAX_RELATIONSHIPS:,} is an error.",
    ),
    "search": (
        _search,
        {"text": str, "first": int | None, "return": "list[SearchResult]"},
        "Entities whose name, alias or acronym contains the text (case and accent blind), "
        "those starting with it first.",
    ),
    "figures": (
        _figures,
        {
            "subjectId": strawberry.ID | None,
            "text": Annotated[
                str | None,
                strawberry.argument(
                    description="Only those whose label holds this text (case blind; at "
                    "most 200 characters)."
                ),
            ],
            "include_deprecated": DEPRECATED_ARGUMENT,
            "return": "list[Figure]",
        },
        "Dated figures, all or those describing one entity or whose label holds a text, by "
        "label (preferred claims first).",
    ),
    "disagreements": (
        _disagreements,
        {
            "subjectId": Annotated[
                strawberry.ID | None, strawberry.argument(description="About this entity only.")
            ],
            "measure": Annotated[
                str | None, strawberry.argument(description="Of this measure only.")
            ],
            "include_deprecated": DEPRECATED_ARGUMENT,
            "return": "list[Disagreement]",
        },
        "Figures of the same measure and subject that differ, grouped by subject and measure "
        "(preferred claims first, each with its sources), with the spread of their values. "
        f"More than {queries.MAX_DISAGREEMENTS:,} groups is an error.",
    ),
    "documents": (
        _documents,
        {
            "first": Annotated[
                int | None,
                strawberry.argument(
                    description=f"At most this many (default and most: {documents.MAX_DOCUMENTS})."
                ),
            ],
            "after": Annotated[
                strawberry.ID | None,
                strawberry.argument(description="After this name: the last one of a page."),
            ],
            "return": "list[Document]",
        },
        "The source documents, catalogued or cited by a source, by name, a page at a time; "
        "each with how many facts it supports (its lists of facts are `document(id)`'s). "
        "Counting reads every fact's sources once a page.",
    ),
    "document": (
        _document,
        {
            "id": Annotated[
                strawberry.ID, strawberry.argument(description="The name sources cite it by.")
            ],
            "return": "Document | None",
        },
        "One source document by the name its sources cite it by, or null when it is neither "
        "catalogued nor cited.",
    ),
    "searchEvidence": (
        _search_evidence,
        {
            "text": Annotated[
                str,
                strawberry.argument(
                    description="What the quote holds (case blind; 2 to 200 characters)."
                ),
            ],
            "first": Annotated[
                int | None,
                strawberry.argument(
                    description=f"At most this many quotes (default "
                    f"{documents.DEFAULT_EVIDENCE}, at most {documents.MAX_EVIDENCE})."
                ),
            ],
            "return": "list[EvidenceQuote]",
        },
        "The verbatim quotes that hold the text, by document and quote, each with its document "
        "and the facts it supports.",
    ),
    "partnersConnectedToRegion": (
        _partners_of_region,
        {
            "regionId": strawberry.ID,
            "asOf": AS_OF_ARGUMENT,
            "evidence": EVIDENCE_ARGUMENT,
            "return": "list[RegionPartner]",
        },
        "Every partner agency tied to a place inside the region (or country): agencies "
        "based there, partners of missions located there, agencies of officers posted "
        "there; each with the paths that tie it.",
    ),
    "shortestPath": (
        _shortest_path,
        {
            "fromId": strawberry.ID,
            "toId": strawberry.ID,
            "maxHops": int | None,
            "asOf": AS_OF_ARGUMENT,
            "evidence": EVIDENCE_ARGUMENT,
            "return": "Path | None",
        },
        "The shortest path between two entities (default 6 hops, max 10).",
    ),
    "timeline": (
        _timeline,
        {
            "ids": ID_LIST,
            "from_": Annotated[
                Date | None,
                strawberry.argument(name="from", description="From this date (open: since ever)."),
            ],
            "to": Annotated[
                Date | None, strawberry.argument(description="To this date (open: until now).")
            ],
            "return": "list[TimelineEvent]",
        },
        f"The dated events of these entities (at most {queries.MAX_IDS} ids), for a time "
        "slider: when each one's own span and each of its relationships starts and ends, in "
        "time order (dates of mixed precision by their first day). More than "
        f"{queries.MAX_EVENTS:,} events is an error.",
    ),
    "neighborhood": (
        _neighborhood,
        {
            "id": strawberry.ID,
            "depth": int | None,
            "asOf": AS_OF_ARGUMENT,
            "evidence": EVIDENCE_ARGUMENT,
            "return": "Subgraph | None",
        },
        "Entities within `depth` hops (default 1, max 3), for drawing.",
    ),
    "neighborGroups": (
        _neighbor_groups,
        {
            "id": strawberry.ID,
            "asOf": AS_OF_ARGUMENT,
            "evidence": EVIDENCE_ARGUMENT,
            "return": "list[NeighborGroup]",
        },
        "The direct neighbours of an entity (one hop, figures aside) counted by entity "
        "type, relationship type and direction, most first, then by type and relationship: "
        "what a hub holds, however many. Empty for an unknown id.",
    ),
    "neighbors": (
        _neighbors,
        {
            "id": strawberry.ID,
            "type": Annotated[
                str | None,
                strawberry.argument(description="Only neighbours of this entity type (Officer)."),
            ],
            "relationship": Annotated[
                str | None,
                strawberry.argument(
                    description="Only neighbours joined by this relationship type (POSTED_TO)."
                ),
            ],
            "direction": Annotated[
                Direction | None,
                strawberry.argument(
                    description="Only relationships running this way from the entity."
                ),
            ],
            "first": Annotated[
                int | None,
                strawberry.argument(
                    description=f"At most this many neighbours (default "
                    f"{queries.DEFAULT_NEIGHBORS}, at most {queries.MAX_NEIGHBORS})."
                ),
            ],
            "after": Annotated[
                str | None,
                strawberry.argument(description="After this cursor (a page's `endCursor`)."),
            ],
            "asOf": AS_OF_ARGUMENT,
            "evidence": EVIDENCE_ARGUMENT,
            "return": "NeighborPage | None",
        },
        "The direct neighbours of an entity (figures aside), all or one group of them, a "
        "page at a time by name and id, with the relationships joining each to it. Null "
        "for an unknown id.",
    ),
}


def query_type(ns: Namespace, entities: Sequence[EntityType]) -> type:
    attributes: dict[str, Any] = {}
    for entity in entities:
        attributes.update(_entity_queries(ns, entity))
    for name, (resolver, types, description) in GRAPH_QUERIES.items():
        if name == "partnersConnectedToRegion" and "RegionPartner" not in ns:
            continue  # a model without partner agencies
        typed = ns.function(resolver, {"info": Info, **types})
        attributes[name] = strawberry.field(resolver=typed, description=description)
    attributes.update(history_queries())
    return strawberry.type(ns.make("Query", attributes, {}))


class Schema(strawberry.federation.Schema):
    # The entity types a representation may name (set by build_schema).
    entity_names: frozenset[str] = frozenset()

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        """Run one operation for one answer: never a subscription, which only streams
        (``stream``, over a WebSocket); asked here (an HTTP POST), it is refused with
        ``InvalidOperationTypeError`` before anything runs."""
        allowed = set(allowed_operation_types or DEFAULT_ALLOWED_OPERATION_TYPES)
        allowed.discard(OperationType.SUBSCRIPTION)
        return await super().execute(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            allowed,
            operation_extensions,
        )

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
            problem = _representation_problem(representation, self.entity_names)
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


def _representation_problem(representation: Any, names: frozenset[str]) -> str | None:
    if not isinstance(representation, dict):
        return "must be an object with __typename and id"
    typename = representation.get("__typename")
    if typename not in names:
        return f"__typename must be one of {', '.join(sorted(names))}"
    if not isinstance(representation.get("id"), str):
        return "id must be a string"
    return None


Extension = type[SchemaExtension] | Callable[[], SchemaExtension]


def build_schema(
    extensions: list[Extension] | None = None,
    entities: Sequence[EntityType] = ENTITIES,
    *,
    plain_fields: bool = True,
) -> Schema:
    """The federated schema of the model's entity types (another model's, in tests);
    ``plain_fields=False`` leaves every field to graphql-core (``schema.execution``)."""
    ns = Namespace()
    built = object_types(ns, entities)
    query, mutation = query_type(ns, entities), mutation_type(ns, entities)
    subscription = strawberry.type(ns.make("Subscription", history_subscriptions(), {}))

    def made() -> Schema:
        return Schema(
            execution_context_class=plain_executor() if plain_fields else None,
            query=query,
            mutation=mutation,
            subscription=subscription,
            types=built,
            extensions=extensions or [],
            federation_version="2.11",
            config=StrawberryConfig(default_resolver=read_field, scalar_map={Date: DATE_SCALAR}),
        )

    schema = made()
    # The routers' cost hints come from the built GraphQL types (schema.cost_hints) and
    # go on the Strawberry fields, which federation's @link imports are taken from when
    # a schema is built: so it is built again (0.15 s) to publish them.
    if annotate(schema._schema, Catalog(tuple(entities))):
        schema = made()
    schema.entity_names = frozenset(entity.label for entity in entities)
    return schema
