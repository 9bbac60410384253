"""List filters and sort keys, derived from the model (``graph.model``): conditions
(``graph.compile.Condition``) and sort keys that are expressions over ``SUBJECT``, the
listed node, which ``graph.compile`` names when it prints the statement.

Filters by another entity's id (``anchored``) anchor the match at that entity (an index
seek) and follow its relation, instead of testing every candidate row by row. Conditions
compose: ``all_of``, ``any_of``, ``negate``, and ``related`` (some, none or all of a
relation's targets meet conditions); ``aggregate`` compares a count, least, greatest or
mean value over a relation's targets.

A condition is two-valued: where Cypher's answer is null (a missing property), the
condition does not hold, so ``negate`` holds there (``NOT coalesce(condition, false)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from typing import Any, Literal

from graph.catalog import CATALOG, Catalog
from graph.compile import (
    BY_NAME,
    Aggregate,
    Anchor,
    Condition,
    Scope,
    Sort,
    aggregate_expression,
    follow,
)
from graph.compile import all_of as all_of  # re-exported: conditions are composed here
from graph.cypher import (
    SUBJECT,
    About,
    Binary,
    Call,
    Const,
    Exists,
    Expr,
    Node,
    Not,
    Param,
    Prop,
    Var,
    disjunction,
)
from graph.model import Count, EntityType, ValueKind


def equals(label: str, prop: str, value: object, *, catalog: Catalog = CATALOG) -> Condition:
    if prop not in catalog.properties[label]:
        raise ValueError(f"{label} has no property {prop!r}")
    return Condition(where=Binary("=", Prop(SUBJECT, prop), Param(value)))


def name_contains(normalized: str) -> Condition:
    return Condition(where=Binary("CONTAINS", Prop(SUBJECT, "searchText"), Param(normalized)))


def anchored(
    label: str,
    name: str,
    entity_id: str,
    *,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Condition:
    """Entities of ``label`` that the entity with this id reaches through the relation
    the model's filter ``name`` names (with ``scope``, along what is in it)."""
    declared = next(f for f in catalog.types[label].filters if f.name == name)
    relation = catalog.relations[declared.anchor][declared.relation]
    if relation.branches or relation.target != label:
        raise ValueError(f"{declared.anchor}.{declared.relation} cannot anchor a filter")
    start = Node(label=declared.anchor, props=(("id", Param(entity_id)),))
    return Condition(anchors=(Anchor(start, relation.route, scope),))


# -- composition -----------------------------------------------------------------------------

_FALSE = Const(False)


def _not(predicate: Expr) -> Expr:
    return Not(Call("coalesce", (predicate, _FALSE)))


def any_of(conditions: Iterable[Condition]) -> Condition:
    """At least one of the conditions (none given: nothing matches)."""
    predicates = [c.predicate for c in conditions]
    if None in predicates:  # a condition that asks nothing holds for every node
        return Condition()
    return Condition(where=disjunction(p for p in predicates if p is not None) or _FALSE)


def negate(condition: Condition) -> Condition:
    """Nodes the condition does not hold for."""
    predicate = condition.predicate
    return Condition(where=_FALSE if predicate is None else _not(predicate))


Quantifier = Literal["some", "none", "all"]


def related(
    label: str,
    relation_name: str,
    quantifier: Quantifier,
    conditions: Iterable[Condition] = (),
    *,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Condition:
    """Nodes of ``label`` for which some, none or all of the targets of their relation
    ``relation_name`` meet ``conditions`` (conditions on the target, built by these same
    functions for the target's label). ``all`` holds where there is no target. With
    ``scope``, only targets reached along what is in it count."""
    if relation_name not in catalog.relations[label]:
        raise ValueError(f"{label} has no relation {relation_name!r}")
    relation = catalog.relations[label][relation_name]
    target = Var("t")
    predicate = all_of(conditions).predicate
    test = None if predicate is None else About(target, predicate)
    if quantifier == "all":
        if test is None:
            return Condition()
        # No target the conditions do not hold for.
        missed = follow(relation, SUBJECT, target, where=_not(test), scope=scope)
        return Condition(where=Not(Exists(missed)))
    found = Exists(follow(relation, SUBJECT, target, where=test, scope=scope))
    return Condition(where=found if quantifier == "some" else Not(found))


Comparison = Literal["=", "<", ">", "<=", ">="]


def aggregate(
    label: str,
    relation_name: str,
    function: Aggregate,
    op: Comparison,
    value: Any,
    prop: str | None = None,
    *,
    catalog: Catalog = CATALOG,
) -> Condition:
    """Nodes whose ``function`` (``count``; ``min``, ``max``, ``avg`` of the number
    property ``prop``) over their relation's targets compares so with ``value``. With no
    target, only ``count`` has a value (0)."""
    if relation_name not in catalog.relations[label]:
        raise ValueError(f"{label} has no relation {relation_name!r}")
    found = aggregate_expression(SUBJECT, label, relation_name, function, prop, catalog=catalog)
    return Condition(where=Binary(op, found, Param(value)))


# -- sort keys -------------------------------------------------------------------------------

# What a missing value sorts as (first, ascending): below every value of its kind.
_FLOOR = {
    ValueKind.DATE: Const(""),
    ValueKind.TEXT: Const(""),
    ValueKind.INT: Const(-1),
    ValueKind.FLOAT: Const(-1),
}


def sort_key(name: str) -> str:
    """``startDate`` → ``START_DATE``: how the API names an order field."""
    return "".join(f"_{c}" if c.isupper() else c.upper() for c in name)


def sort_names(entity: EntityType) -> list[str]:
    """How the API names the orders of a list of ``entity`` (see ``sorts``)."""
    return [
        "NAME",
        *(sort_key(p.name) for p in entity.properties if p.sortable),
        *(sort_key(c.name) for c in entity.counts if c.sortable),
    ]


@cache
def sorts(entity: EntityType, catalog: Catalog = CATALOG) -> dict[str, Sort]:
    """The orders a list of ``entity`` offers: by name, by each sortable property (a
    missing value first), by each sortable count."""
    found = {"NAME": BY_NAME}
    for prop in entity.properties:
        if prop.sortable:
            key = Call("coalesce", (Prop(SUBJECT, prop.name), _FLOOR[prop.kind]))
            found[sort_key(prop.name)] = Sort(key)
    for count in entity.counts:
        if count.sortable:
            found[sort_key(count.name)] = Sort(_count_key(entity, count, catalog))
    return found


def _count_key(
    entity: EntityType, count: Count, catalog: Catalog, scope: Scope | None = None
) -> Expr:
    return aggregate_expression(SUBJECT, entity.label, count.relation, catalog=catalog, scope=scope)


def sort(
    label: str,
    field: str,
    descending: bool,
    *,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Sort:
    """The order ``field`` (``sorts``); with ``scope``, a count counts what held then."""
    entity = catalog.types[label]
    if scope is not None:
        # Not from the cached ``sorts``: a scope's parameters are its own.
        for count in entity.counts:
            if count.sortable and sort_key(count.name) == field:
                return Sort(_count_key(entity, count, catalog, scope), descending)
    return replace(sorts(entity, catalog)[field], descending=descending)
