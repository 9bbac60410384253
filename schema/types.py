"""GraphQL object types. The entity types (and the types that hold entities: figures,
paths, subgraphs) are built from the model (``graph.model``) by ``object_types``; the
rest are declared here.

Values are plain dicts straight from one Cypher result (see ``resolvers.selection``);
fields read them by key (``schema.schema.read_field``), so hot list fields stay cheap.
Only the relation fields that take arguments (connections, and those with ``direct``),
keyed by their alias, have resolvers.
"""

from __future__ import annotations

import itertools
import sys
import types
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Annotated, Any, Generic, NewType, TypeVar, Union

import strawberry
from graphql import GraphQLError, StringValueNode, ValueNode
from strawberry import UNSET

from graph.catalog import Catalog
from graph.model import (
    AGGREGATES,
    FIGURE_RELATIONS,
    NODE_SPAN,
    PROPERTIES,
    REL_PROPERTIES,
    REL_SPAN,
    ClaimRank,
    Direction,
    EntityType,
    Label,
    Property,
    Relation,
    ValueKind,
)
from resolvers import paging
from resolvers.context import Context
from resolvers.documents import FACT_CAP
from resolvers.queries import assemble_aggregate
from resolvers.selection import AGGREGATE_TYPES, connection_key
from schema.enums import ENUMS

# Dates keep the precision of their document ("2004", "2020-02", "2017-10-15"), so
# they are served as ISO 8601 text through a scalar of their own (see build_schema).
Date = NewType("Date", str)


def _date_text(value: object) -> str:
    """Dates come as text: a number (2010) is refused, not read as a year."""
    if not isinstance(value, str):
        raise GraphQLError("a Date is text: YYYY, YYYY-MM or YYYY-MM-DD, in quotes")
    return value


def _date_literal(node: ValueNode, variables: dict[str, Any] | None = None) -> str:
    return _date_text(node.value if isinstance(node, StringValueNode) else node)


DATE_SCALAR = strawberry.scalar(
    name="Date",
    description=(
        "An ISO 8601 calendar date, at the precision the source document gives: "
        "YYYY, YYYY-MM or YYYY-MM-DD."
    ),
    serialize=str,
    parse_value=_date_text,
    parse_literal=_date_literal,
)


def given(value: Any) -> Any:
    """An argument the client left out (UNSET, shown without a default in the SDL) is None."""
    return None if value is UNSET else value


def served(row: Any) -> Any:
    """Rows from the graph are served as the GraphQL types they were projected for."""
    return row


Info = strawberry.Info[Context, Any]
Row = dict[str, Any]


@strawberry.type(description="The evidence behind a fact: a verbatim quote from a source document.")
class Source:
    document: str = strawberry.field(description="File name of the source document.")
    quote: str = strawberry.field(description="The supporting sentence or table row, verbatim.")
    as_of: Date | None = strawberry.field(description="The date the document gives, if any.")
    inferred: bool = strawberry.field(description="True when deduced rather than stated.")
    reasoning: str | None = strawberry.field(description="Why an inferred fact was inferred.")


@strawberry.type(description="How far apart the values of disagreeing claims are.")
class Spread:
    low: float = strawberry.field(description="The least value claimed.")
    high: float = strawberry.field(description="The greatest value claimed.")
    difference: float = strawberry.field(description="The greatest value less the least.")


@strawberry.type(description="Paging state of a connection.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


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


@strawberry.type(description="The least, greatest and mean of a whole-number property.")
class IntAggregate:
    min: int | None
    max: int | None
    avg: float | None


@strawberry.type(description="The least, greatest and mean of a number property.")
class FloatAggregate:
    min: float | None
    max: float | None
    avg: float | None


@strawberry.type(description="The earliest and latest of a date property.")
class DateAggregate:
    min: Date | None
    max: Date | None


# -- built from the model ----------------------------------------------------------------

_SCALARS: dict[ValueKind, Any] = {
    ValueKind.TEXT: str,
    ValueKind.DATE: Date,
    ValueKind.INT: int,
    ValueKind.FLOAT: float,
    ValueKind.BOOL: bool,
}


def value_type(prop: Property) -> Any:
    """The GraphQL type of a property's value (not null-wrapped): a registered enum for
    choices the API names as an enum, else the scalar of its kind."""
    if prop.kind is ValueKind.TEXTS:
        return list[str]
    if prop.kind is ValueKind.CHOICE:
        assert prop.choices is not None
        return prop.choices if prop.choices in ENUMS else str
    return _SCALARS[prop.kind]


def choices_text(choices: type[StrEnum]) -> str:
    """``A, B or C.``: the allowed values, for a field typed as plain text."""
    *head, last = [choice.value for choice in choices]
    return f"{', '.join(head)} or {last}." if head else f"{last}."


def described(prop: Property) -> str | None:
    """What a client must know of a property: the model's text and, for choices typed as
    text, the allowed values."""
    parts = [prop.description] if prop.description else []
    if prop.kind is ValueKind.CHOICE and value_type(prop) is str:
        assert prop.choices is not None
        parts.append(choices_text(prop.choices))
    return " ".join(parts) or None


C = TypeVar("C", bound=type)


def with_relationship_properties(before: str) -> Callable[[C], C]:
    """Give a type that serves a relationship the relationship's own properties
    (``graph.model.REL_PROPERTIES``: role, since, until, note), placed before its field
    ``before``."""

    def add(cls: C) -> C:
        fields = dict(cls.__annotations__)
        at = list(fields).index(before)
        own = {prop.name: value_type(prop) | None for prop in REL_PROPERTIES}
        names = list(fields)
        cls.__annotations__ = {
            **{name: fields[name] for name in names[:at]},
            **own,
            **{name: fields[name] for name in names[at:]},
        }
        for prop in REL_PROPERTIES:
            setattr(cls, prop.name, strawberry.field(default=None, description=described(prop)))
        return cls

    return add


def _undated(start: str, end: str) -> Callable[[Row], bool]:
    """Whether a row gives neither side of its span: such a fact takes part at every date
    (``asOf``), and this says so."""

    def undated(root: strawberry.Parent[Row]) -> bool:
        return root[start] is None and root[end] is None

    return undated


UNDATED = (
    "True when it gives no date at all (neither start nor end): it takes part in a read "
    "as of any date."
)


@strawberry.type(description="One relationship of a path, with its own properties and evidence.")
@with_relationship_properties(before="sources")
class PathStep:
    type: str = strawberry.field(description="Relationship type, e.g. PART_OF, WITH_PARTNER.")
    from_: strawberry.ID = strawberry.field(name="from", description="Id of its start node.")
    to: strawberry.ID = strawberry.field(description="Id of its end node.")
    from_name: str | None = strawberry.field(
        description="Name of its start node (null where none is known: a relationship of a "
        "deleted entity in the history)."
    )
    to_name: str | None = strawberry.field(description="Name of its end node (as `fromName`).")
    undated: bool = strawberry.field(resolver=_undated(*REL_SPAN), description=UNDATED)
    sources: list[Source]


@strawberry.type(
    description="One item of a relation's page, with what ties it there: the tying "
    "relationship's own properties (of the first of `relationships`) and every tying "
    "relationship with its evidence."
)
@with_relationship_properties(before="relationships")
class RelatedEdge(Generic[T]):
    cursor: str
    node: T
    relationships: list[PathStep] = strawberry.field(
        description="The relationships that tie the item here, a stated one before a wholly "
        "inferred one (several when it is reached through more than one place inside)."
    )


@strawberry.type(
    description="A page of a relation: edges (with what ties each item) or plain nodes, "
    "paging state and total."
)
class RelatedConnection(Generic[T]):
    edges: list[RelatedEdge[T]]
    nodes: list[T]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Items in the whole list (counted if asked).")


@strawberry.type(
    description="Direct neighbours of an entity of one entity type, joined to it by one "
    "relationship type running one way, counted."
)
class NeighborGroup:
    type: str = strawberry.field(description="The neighbours' entity type, e.g. Officer.")
    relationship: str = strawberry.field(
        description="The relationship type joining them to the entity, e.g. POSTED_TO."
    )
    direction: Direction = strawberry.field(
        description="OUT: the entity is the relationships' start; IN: their end."
    )
    count: int = strawberry.field(description="How many distinct neighbours.")


@strawberry.enum(description="Whether a timeline event opens or closes its subject's span.")
class TimelineEventKind(StrEnum):
    STARTS = "STARTS"
    ENDS = "ENDS"


def words(name: str) -> str:
    """``PartnerAgency``, ``partnerAgencies`` → ``partner agency``, ``partner agencies``."""
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()


def _is(typename: str) -> Any:
    def is_type_of(cls: type, obj: Any, info: Any) -> bool:
        return isinstance(obj, dict) and obj.get("__typename") == typename

    return classmethod(is_type_of)


def _connection(root: Row, info: Info, first: int | None) -> Row:
    # Keyed by response key: the same field may be selected under several aliases.
    return paging.nested(root, str(info.path.key), first if isinstance(first, int) else None)


_modules = itertools.count()


class Namespace:
    """Where one schema's generated types live: a module of their own, so their string
    annotations (``list[Mission]``) resolve among themselves, whatever the model."""

    def __init__(self) -> None:
        self.module = types.ModuleType(f"schema._built_{next(_modules)}")
        sys.modules[self.module.__name__] = self.module
        self.module.__dict__.update(
            {
                "strawberry": strawberry,
                "Connection": Connection,
                "RelatedConnection": RelatedConnection,
                "Source": Source,
                "PathStep": PathStep,
                **{t.__name__: t for t in (IntAggregate, FloatAggregate, DateAggregate)},
                "Date": Date,
                "TimelineEventKind": TimelineEventKind,
                "NeighborGroup": NeighborGroup,
                "Info": Info,
                "Any": Any,
            }
        )

    def add(self, name: str, value: Any) -> Any:
        self.module.__dict__[name] = value
        return value

    def __getitem__(self, name: str) -> Any:
        return self.module.__dict__[name]

    def __contains__(self, name: str) -> bool:
        return name in self.module.__dict__

    def make(
        self,
        name: str,
        attributes: dict[str, Any],
        annotations: dict[str, Any],
        bases: tuple[type, ...] = (),
    ) -> type:
        """A plain class in this namespace, for Strawberry to decorate."""
        attributes = {
            **attributes,
            "__annotations__": annotations,
            "__module__": self.module.__name__,
        }
        return self.add(name, type(name, bases, attributes))

    def function(self, fn: Any, annotations: dict[str, Any]) -> Any:
        """A copy of ``fn`` typed by ``annotations``, which resolve in this namespace (a
        copy: the same code serves every schema built)."""
        copy = types.FunctionType(
            fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__, fn.__closure__
        )
        copy.__kwdefaults__ = fn.__kwdefaults__
        copy.__annotations__ = annotations
        copy.__module__ = self.module.__name__
        return copy


def _relation_type(relation: Relation) -> str:
    target = relation.target or "SearchResult"
    return f"list[{target}]" if relation.many else f"{target} | None"


def _fields(
    ns: Namespace, label: str, properties: Sequence[Property], relations: Sequence[Relation]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Attributes and annotations of a type's properties and plain relations."""
    annotations: dict[str, Any] = {"id": strawberry.ID}
    attributes: dict[str, Any] = {"is_type_of": _is(label)}
    for prop in properties:
        kind = value_type(prop)
        non_null = prop.required or prop.default is not None or prop.kind is ValueKind.TEXTS
        annotations[prop.name] = kind if non_null else kind | None
        if described(prop):
            attributes[prop.name] = strawberry.field(description=described(prop))
    for relation in relations:
        if not relation.exposed or relation.paged or relation.direct is not None:
            continue
        annotations[relation.name] = _relation_type(relation)
        if relation.description:
            attributes[relation.name] = strawberry.field(description=relation.description)
    return attributes, annotations


DIRECT = strawberry.argument(
    description="Only what is tied to this entity itself, not to the places inside it."
)


# ``includeDeprecated`` on every read of figures.
DEPRECATED_ARGUMENT = Annotated[
    bool,
    strawberry.argument(
        name="includeDeprecated",
        description="Also the claims editors ranked DEPRECATED (shown last).",
    ),
]


def _figures(ns: Namespace) -> Any:
    """An entity's figures: all are projected (preferred first, deprecated last, with
    their rank); deprecated ones are served when asked for."""

    def resolve(root: Any, info: Info, include_deprecated: bool = False) -> Any:
        found = served(root)["figures"]
        if include_deprecated:
            return found
        return [f for f in found if f["rank"] != ClaimRank.DEPRECATED.value]

    resolver = ns.function(
        resolve, {"info": Info, "include_deprecated": DEPRECATED_ARGUMENT, "return": "list[Figure]"}
    )
    return strawberry.field(
        resolver=resolver, description="Dated figures about it, preferred claims first."
    )


def _paged(ns: Namespace, relation: Relation) -> Any:
    def resolve(root: Any, info: Info, first: Any = UNSET, after: Any = UNSET) -> Any:
        return served(_connection(served(root), info, first))

    def resolve_direct(
        root: Any, info: Info, first: Any = UNSET, after: Any = UNSET, direct: bool = False
    ) -> Any:
        return served(_connection(served(root), info, first))

    annotations: dict[str, Any] = {"info": Info, "first": int | None, "after": str | None}
    if relation.direct is not None:
        annotations["direct"] = Annotated[bool, DIRECT]
    resolver = ns.function(
        resolve if relation.direct is None else resolve_direct,
        {**annotations, "return": f"RelatedConnection[{relation.target}]"},
    )
    return strawberry.field(resolver=resolver, description=relation.description)


def _narrowable(ns: Namespace, relation: Relation) -> Any:
    """A list relation taking ``direct``: its rows come under its response key."""

    def resolve(root: Any, info: Info, direct: bool = False) -> Any:
        return served(served(root)[connection_key(str(info.path.key))])

    resolver = ns.function(
        resolve,
        {"info": Info, "direct": Annotated[bool, DIRECT], "return": _relation_type(relation)},
    )
    return strawberry.field(resolver=resolver, description=relation.description)


def _reference(ns: Namespace, label: str) -> Any:
    async def resolve_reference(cls: type, info: Info, id: strawberry.ID) -> Any:
        return served(await info.context.reference(label, info, str(id)))

    ns.function(resolve_reference, {"info": Info, "id": strawberry.ID, "return": f"{label} | None"})
    return classmethod(resolve_reference)


def aggregate_type(ns: Namespace, entity: EntityType) -> type:
    """``{Label}Aggregate``: how many, and the aggregates of each property that has some
    (``graph.model.AGGREGATES``)."""
    annotations: dict[str, Any] = {"count": int}
    attributes: dict[str, Any] = {}
    for prop in entity.properties:
        if prop.kind in AGGREGATES:
            annotations[prop.name] = AGGREGATE_TYPES[prop.kind]
            attributes[prop.name] = strawberry.field(description=described(prop))
    cls = ns.make(f"{entity.label}Aggregate", attributes, annotations)
    described_as = f"Numbers over {words(entity.plural)}: how many, and per property the " + (
        "least, greatest and mean (dates: earliest and latest)."
    )
    return strawberry.type(description=described_as)(cls)


def _aggregate(ns: Namespace, relation: Relation, name: str) -> Any:
    def resolve(root: Any, info: Info) -> Any:
        return assemble_aggregate(served(root), f"{name}.")

    resolver = ns.function(resolve, {"info": Info, "return": f"{relation.target}Aggregate"})
    description = f"How many `{relation.name}` there are, and aggregates of their properties."
    return strawberry.field(resolver=resolver, description=description)


def entity_type(ns: Namespace, entity: EntityType) -> type:
    attributes, annotations = _fields(ns, entity.label, entity.properties, entity.relations)
    for count in entity.counts:
        annotations[count.name] = int
        if count.description:
            attributes[count.name] = strawberry.field(description=count.description)
    annotations["sources"] = list[Source]
    attributes["figures"] = _figures(ns)
    if set(NODE_SPAN) <= {prop.name for prop in entity.properties}:
        annotations["undated"] = bool
        attributes["undated"] = strawberry.field(resolver=_undated(*NODE_SPAN), description=UNDATED)
    for relation in entity.relations:
        if relation.exposed and relation.paged:
            attributes[relation.name] = _paged(ns, relation)
        elif relation.exposed and relation.direct is not None:
            attributes[relation.name] = _narrowable(ns, relation)
    for name, relation_name in Catalog((entity,)).aggregates[entity.label].items():
        attributes[name] = _aggregate(ns, entity.relation(relation_name), name)
    attributes["resolve_reference"] = _reference(ns, entity.label)
    cls = ns.make(entity.label, attributes, annotations, bases=(Node,))
    return strawberry.federation.type(keys=["id"], description=entity.description)(cls)


def _document_types(ns: Namespace) -> None:
    """``Document``, the facts one supports (``DocumentFacts``) and a quote found by
    ``searchEvidence`` (``EvidenceQuote``)."""
    cap = f"at most {FACT_CAP}, by id"
    # The facts a document or a quote supports: how many of each kind, and the first.
    facts: dict[str, Any] = {
        "entityCount": int,
        "relationshipCount": int,
        "figureCount": int,
        "entities": "list[SearchResult]",
        "relationships": list[PathStep],
        "figures": "list[Figure]",
    }
    strawberry.type(
        description="Facts of the graph that a document's quotes support, counted and listed "
        f"(each list {cap}; its count says how many in all)."
    )(
        ns.make(
            "DocumentFacts",
            {},
            {**facts},
        )
    )
    title, publisher = PROPERTIES[Label.DOCUMENT]
    strawberry.type(
        description="A source document, by the name its sources cite it by: its catalogue "
        "entry, if it has one, and the facts it supports."
    )(
        ns.make(
            "Document",
            {
                "id": strawberry.field(description="The name sources cite it by."),
                "title": strawberry.field(
                    description=f"{str(title.description)[:-1]} (null: not in the catalogue)."
                ),
                "publisher": strawberry.field(description=publisher.description),
                "catalogued": strawberry.field(
                    description="Whether the catalogue describes it (an editor may cite any "
                    "reference)."
                ),
                "date": strawberry.field(
                    description="The latest date the quotes of its entities and figures give."
                ),
                "supports": strawberry.field(description="Every fact one of its quotes supports."),
                "would_orphan": strawberry.field(
                    description="The facts no other document supports: what removing it would "
                    "leave without evidence."
                ),
            },
            {
                "id": strawberry.ID,
                "title": str | None,
                "publisher": str | None,
                "catalogued": bool,
                "date": Date | None,
                "supports": "DocumentFacts",
                "would_orphan": "DocumentFacts",
            },
        )
    )
    strawberry.type(
        description="A verbatim quote holding the text searched for, with its document and "
        f"the facts it supports (each list {cap}; its count says how many in all)."
    )(
        ns.make(
            "EvidenceQuote",
            {"title": strawberry.field(description="Its document's title, if catalogued.")},
            {
                "document": str,
                "title": str | None,
                "quote": str,
                **facts,
            },
        )
    )


@strawberry.interface(
    description=(
        "An object with an id unique across every type (Relay's global object "
        "identification): every entity. Fetch any of them again by `node(id:)`."
    )
)
class Node:
    id: strawberry.ID


def object_types(ns: Namespace, entities: Sequence[EntityType]) -> list[type]:
    """The entity types and every type that holds entities, added to ``ns``."""
    ns.add("Node", Node)
    for entity in entities:
        aggregate_type(ns, entity)
    built = [entity_type(ns, entity) for entity in entities]
    ns.add(
        "SearchResult",
        Annotated[
            Union[tuple(built)],  # noqa: UP007 - a union of types built at run time
            strawberry.union("SearchResult", description="Any entity."),
        ],
    )
    attributes, annotations = _fields(ns, Label.FIGURE, PROPERTIES[Label.FIGURE], FIGURE_RELATIONS)
    annotations["sources"] = list[Source]
    strawberry.type(description="A dated figure attached to what it describes.")(
        ns.make("Figure", attributes, annotations)
    )
    strawberry.type(
        description="Figures of one measure about one subject that differ in value or "
        "qualifier: each claim with its sources and rank, and how far apart they are."
    )(
        ns.make(
            "Disagreement",
            {
                "measure": strawberry.field(description="What the claims count."),
                "claims": strawberry.field(description="Preferred claims first, then by date."),
            },
            {
                "subject": "SearchResult",
                "measure": str,
                "claims": "list[Figure]",
                "spread": Spread,
            },
        )
    )
    _document_types(ns)
    strawberry.type(description="A chain of entities and the relationships between them.")(
        ns.make("Path", {}, {"nodes": "list[SearchResult]", "relationships": list[PathStep]})
    )
    partner = next((e.label for e in entities if e.label == Label.PARTNER_AGENCY), None)
    if partner is not None:
        strawberry.type(
            description="A partner agency tied to a region, and every path that ties it."
        )(ns.make("RegionPartner", {}, {"partner": partner, "paths": "list[Path]"}))
    strawberry.type(
        description="A date on which one of the entities asked for, or one of their "
        "relationships, starts or ends (`entity` or `relationship` says which)."
    )(
        ns.make(
            "TimelineEvent",
            {},
            {
                "date": Date,
                "kind": TimelineEventKind,
                "entity": "SearchResult | None",
                "relationship": PathStep | None,
            },
        )
    )
    strawberry.type(
        description="A page of an entity's direct neighbours, by name and id, and the "
        "relationships joining them to it."
    )(
        ns.make(
            "NeighborPage",
            {
                "nodes": strawberry.field(description="The neighbours, by name and id."),
                "edges": strawberry.field(
                    description="The relationships between the entity and these neighbours "
                    "(of the type and direction asked), neighbour by neighbour: one or more "
                    "each."
                ),
                "end_cursor": strawberry.field(
                    description="The cursor of the last neighbour: `after` takes it for the "
                    "next page (null: an empty page)."
                ),
                "has_next_page": strawberry.field(
                    description="Whether more neighbours follow this page."
                ),
                "total_count": strawberry.field(
                    description="How many neighbours there are in all (counted if asked)."
                ),
            },
            {
                "nodes": "list[SearchResult]",
                "edges": list[PathStep],
                "end_cursor": str | None,
                "has_next_page": bool,
                "total_count": int,
            },
        )
    )
    strawberry.type(description="Entities around one entity and the relationships among them.")(
        ns.make(
            "Subgraph",
            {
                "truncated": strawberry.field(
                    description="True when more than 500 paths were found and only the first "
                    "500 are drawn."
                )
            },
            {
                "center": "SearchResult",
                "nodes": "list[SearchResult]",
                "edges": list[PathStep],
                "truncated": bool,
            },
        )
    )
    return built
