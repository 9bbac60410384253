"""Turn a GraphQL selection into a graph read plan (``graph.plan``): the look-ahead that
lets one Cypher statement answer a whole root field.

Relation fields without arguments are keyed by field name (aliases of them share one
projection, merged); connection fields and fields taking ``direct`` have arguments, so
they are keyed by their response key (alias) and their resolvers read that key back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from graph.catalog import CATALOG, Catalog
from graph.model import NODE_SPAN, RANK, Label, ValueKind
from graph.plan import AggregatePlan, NodePlan, Page, RelationPlan, Shape
from resolvers.errors import BadInput
from resolvers.paging import TIE_PROPERTIES, page_from_arguments

# The abstract types of every entity type: its unions, and the Node interface.
UNIONS = frozenset({"SearchResult", "_Entity", "Node"})


def _included(selection: Selection) -> bool:
    directives = selection.directives or {}
    if "skip" in directives and directives["skip"].get("if"):
        return False
    return not ("include" in directives and not directives["include"].get("if"))


def fields_of(
    selections: Iterable[Selection], type_name: str, abstract: str | None = None
) -> list[SelectedField]:
    """Fields selected on ``type_name`` objects: fragments resolved, @skip/@include applied.

    A fragment on one of our unions applies to any entity type (GraphQL's validation
    lets it be spread only where an entity can be): ``partner { ...OnAnyEntity }`` selects
    the fragment's ``... on PartnerAgency`` fields."""
    found: list[SelectedField] = []
    for selection in selections:
        if not _included(selection):
            continue
        if isinstance(selection, SelectedField):
            found.append(selection)
        elif isinstance(selection, FragmentSpread | InlineFragment):
            condition = selection.type_condition
            if condition in (None, type_name, abstract) or condition in UNIONS:
                found.extend(fields_of(selection.selections, type_name, abstract))
    return found


def node_plan(
    selections: Iterable[Selection], type_name: str, catalog: Catalog = CATALOG
) -> NodePlan:
    """Plan for objects of ``type_name`` (an object type or one of our unions); type
    names are the labels."""
    selections = list(selections)
    if type_name in UNIONS:
        return NodePlan(
            {
                label: shape_of(fields_of(selections, label, type_name), label, catalog)
                for label in catalog.labels
            }
        )
    return NodePlan({type_name: shape_of(fields_of(selections, type_name), type_name, catalog)})


def shape_of(fields: list[SelectedField], label: str, catalog: Catalog = CATALOG) -> Shape:
    shape = Shape()
    relations = catalog.relations.get(label, {})
    properties = catalog.properties[label]
    for field in fields:
        name = field.name
        if name == "__typename":
            continue
        if name in properties:
            shape.props.add(name)
        elif name == "sources":
            shape.sources = True
        elif name == "undated":  # read from the span (``schema.types``)
            shape.props.update(NODE_SPAN)
        elif name == "figures":
            figure = shape_of(fields_of(field.selections, "Figure"), Label.FIGURE, catalog)
            # The field leaves deprecated claims out unless asked (``schema.types``).
            figure.props.add(RANK.name)
            shape.figures = merge(shape.figures, figure) if shape.figures else figure
        elif name in catalog.counts.get(label, {}):
            shape.counts[name] = catalog.counts[label][name]
        elif name in catalog.aggregates.get(label, {}):
            relation = relations[catalog.aggregates[label][name]]
            asked = aggregate_plan(field.selections, str(relation.target), relation.name, catalog)
            known = shape.aggregates.get(name)
            shape.aggregates[name] = known.merged(asked) if known else asked
        elif name in catalog.connections.get(label, frozenset()):
            target = relations[name].target
            assert target is not None
            key = connection_key(field.alias or name)
            connection = RelationPlan(
                name,
                NodePlan({target: connection_node_shape(field, target, catalog)}),
                page_from_arguments(field.arguments, wants_total=wants_total(field, target)),
                direct=wants_direct(field),
                ties=wants_ties(field, target),
            )
            # Selected again under this response key (GraphQL merges the selections).
            existing_connection = shape.relations.get(key)
            shape.relations[key] = (
                merge_relation(existing_connection, connection)
                if existing_connection is not None
                else connection
            )
        elif name in relations and relations[name].target is None:
            # A relation to any entity (a figure's subject): the SearchResult union.
            sub_plan = node_plan(field.selections, "SearchResult", catalog)
            existing_plan = shape.relations.get(name)
            if existing_plan is not None:
                for union_label, union_shape in existing_plan.node.shapes.items():
                    sub_plan.shapes[union_label] = merge(union_shape, sub_plan.shapes[union_label])
            shape.relations[name] = RelationPlan(name, sub_plan)
        elif name in relations:
            target = relations[name].target
            assert target is not None
            sub = shape_of(fields_of(field.selections, target), target, catalog)
            if name in catalog.narrowable.get(label, frozenset()):
                key = connection_key(field.alias or name)
                narrow = RelationPlan(name, NodePlan({target: sub}), direct=wants_direct(field))
                held = shape.relations.get(key)
                shape.relations[key] = merge_relation(held, narrow) if held else narrow
                continue
            existing = shape.relations.get(name)
            if existing is not None:
                sub = merge(existing.node.shapes[target], sub)
            shape.relations[name] = RelationPlan(name, NodePlan({target: sub}))
        # Anything else is computed by a resolver from the fields above.
    return shape


def connection_node_shape(field: SelectedField, target: str, catalog: Catalog = CATALOG) -> Shape:
    """Merged shape of ``edges { node {…} }`` and ``nodes {…}`` in a connection selection
    (a list's ``{target}Connection`` or a relation's ``{target}RelatedConnection``)."""
    shape = Shape()
    for part in _connection_fields(field, target):
        if part.name == "nodes":
            shape = merge(shape, shape_of(fields_of(part.selections, target), target, catalog))
        elif part.name == "edges":
            for edge_field in _edge_fields(part, target):
                if edge_field.name == "node":
                    node_fields = fields_of(edge_field.selections, target)
                    shape = merge(shape, shape_of(node_fields, target, catalog))
    return shape


def _connection_fields(field: SelectedField, target: str) -> list[SelectedField]:
    return fields_of(field.selections, f"{target}Connection", f"{target}RelatedConnection")


def _edge_fields(edges: SelectedField, target: str) -> list[SelectedField]:
    return fields_of(edges.selections, f"{target}Edge", f"{target}RelatedEdge")


def wants_total(field: SelectedField, target: str) -> bool:
    """Whether ``totalCount`` is selected (also in fragments): it is only counted when asked."""
    return any(f.name == "totalCount" for f in _connection_fields(field, target))


# The fields of a relation's edge that read the tying relationships.
TIE_FIELDS = frozenset({*TIE_PROPERTIES, "relationships"})


def wants_ties(field: SelectedField, target: str) -> bool:
    """Whether a relation's edges are asked what ties their items (``role``,
    ``relationships``…): those relationships are only projected then."""
    return any(
        edge_field.name in TIE_FIELDS
        for part in _connection_fields(field, target)
        if part.name == "edges"
        for edge_field in _edge_fields(part, target)
    )


def wants_direct(field: SelectedField) -> bool:
    """``direct: true`` given (a literal or a variable; null and absent mean false)."""
    return field.arguments.get("direct") is True


def connection_key(response_key: str) -> str:
    """Where a connection's rows come back: by response key, since aliases of one
    connection carry their own arguments; "@" keeps it apart from field names
    (read back by ``resolvers.paging.nested``)."""
    return "@" + response_key


def merge(a: Shape, b: Shape) -> Shape:
    """One shape answering both selections (same field selected twice, e.g. under aliases)."""
    relations = dict(a.relations)
    for key, plan in b.relations.items():
        relations[key] = merge_relation(relations[key], plan) if key in relations else plan
    figures = a.figures
    if b.figures is not None:
        figures = merge(figures, b.figures) if figures is not None else b.figures
    return Shape(
        props=a.props | b.props,
        sources=a.sources or b.sources,
        figures=figures,
        counts={**a.counts, **b.counts},
        relations=relations,
        aggregates={
            key: a.aggregates[key].merged(plan) if key in a.aggregates else plan
            for key, plan in b.aggregates.items()
        }
        | {key: plan for key, plan in a.aggregates.items() if key not in b.aggregates},
    )


def merge_relation(a: RelationPlan, b: RelationPlan) -> RelationPlan:
    """One plan answering both selections of a relation under one key: shape by shape per
    label (a relation to any entity has one per entity label) and, for a connection, one
    page answering both."""
    if a.relation != b.relation:
        raise BadInput(
            f"`{a.relation}` and `{b.relation}` are selected under one response key in "
            "aliases of one field; give them different aliases"
        )
    if a.direct != b.direct:
        raise BadInput(
            f"`{a.relation}` is selected under one response key with and without `direct` in "
            "aliases of one field; give them different aliases",
            argument="direct",
        )
    shapes = dict(a.node.shapes)
    for label, shape in b.node.shapes.items():
        shapes[label] = merge(shapes[label], shape) if label in shapes else shape
    return RelationPlan(
        b.relation,
        NodePlan(shapes),
        merge_page(a.relation, a.page, b.page),
        a.direct,
        a.ties or b.ties,
    )


def merge_page(relation: str, a: Page | None, b: Page | None) -> Page | None:
    """One page answering two selections of a connection under one key (twice under one
    response key, or under aliases of the field holding it). Rows come ordered and fetched
    ``first + 1`` after the cursor, so the longer page answers the shorter one too (its
    resolver cuts at its own ``first``); pages after different cursors cannot share rows."""
    if a is None or b is None:
        assert a is b, f"{relation}: a paged and an unpaged selection under one key"
        return None
    if a.after != b.after:
        raise BadInput(
            f"`{relation}` is selected under one response key after different cursors in "
            "aliases of one field; give them different aliases",
            argument="after",
        )
    return Page(max(a.first, b.first), a.after, a.total or b.total)


def merged_field(fields: Sequence[SelectedField]) -> SelectedField:
    """One field for every selection of a field under one response key: GraphQL merges
    them (same name and arguments, by validation), and Strawberry hands over one
    ``SelectedField`` per occurrence (directly, in fragments, in inline fragments)."""
    first = fields[0]
    selections = [selection for field in fields for selection in field.selections]
    return SelectedField(first.name, first.directives, first.arguments, selections, first.alias)


def child(field: SelectedField, name: str, type_name: str = "") -> list[Selection]:
    """Selections under every sub-field ``name`` of ``field`` (aliases merged)."""
    found: list[Selection] = []
    for sub in fields_of(field.selections, type_name):
        if sub.name == name:
            found.extend(sub.selections)
    return found


# The GraphQL type of one property's aggregate, by the property's kind.
AGGREGATE_TYPES: dict[ValueKind, str] = {
    ValueKind.INT: "IntAggregate",
    ValueKind.FLOAT: "FloatAggregate",
    ValueKind.DATE: "DateAggregate",
}


def aggregate_plan(
    selections: Iterable[Selection], target: str, relation: str = "", catalog: Catalog = CATALOG
) -> AggregatePlan:
    """What an aggregate field's selection (``{ count authorizedDeployments { min avg } }``,
    on ``{target}Aggregate``) asks for, over ``relation``'s targets (a list: no relation)."""
    kinds = {prop.name: prop.kind for prop in catalog.declared[target]}
    count, values = False, set()
    for part in fields_of(selections, f"{target}Aggregate"):
        if part.name == "count":
            count = True
        elif part.name in kinds:
            for f in fields_of(part.selections, AGGREGATE_TYPES[kinds[part.name]]):
                if f.name != "__typename":
                    values.add((part.name, f.name))
    return AggregatePlan(relation, count, frozenset(values))
