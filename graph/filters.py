"""List filters and sort keys, derived from the model (``graph.model``): Cypher fragments
over ``{n}`` (the listed node) and ``{value}`` (the filter's parameter) that
``graph.compile`` fills in.

Filters by another entity's id (``Anchored``) anchor the match at that entity (an index
seek) and follow its relation, instead of testing every candidate row by row.
"""

from __future__ import annotations

from graph.catalog import COUNTS, PROPERTIES, RELATIONS
from graph.compile import BY_NAME, Condition, Sort, path
from graph.model import ENTITY_TYPES, ValueKind


def equals(label: str, prop: str, value: object) -> Condition:
    if prop not in PROPERTIES[label]:
        raise ValueError(f"{label} has no property {prop!r}")
    return Condition(where=f"{{n}}.{prop} = {{value}}", value=value)


def name_contains(normalized: str) -> Condition:
    return Condition(where="{n}.searchText CONTAINS {value}", value=normalized)


def anchored(label: str, name: str, entity_id: str) -> Condition:
    """Entities of ``label`` that the entity with this id reaches through the relation
    the model's filter ``name`` names."""
    declared = next(f for f in ENTITY_TYPES[label].filters if f.name == name)
    relation = RELATIONS[declared.anchor][declared.relation]
    if relation.branches or relation.target != label:
        raise ValueError(f"{declared.anchor}.{declared.relation} cannot anchor a filter")
    pattern = path(f":{declared.anchor} {{id: {{value}}}}", relation.route, "{n}")
    return Condition(match=pattern, value=entity_id)


# What a missing value sorts as (first, ascending): below every value of its kind.
_FLOOR = {ValueKind.DATE: "''", ValueKind.TEXT: "''", ValueKind.INT: "-1", ValueKind.FLOAT: "-1"}


def sort_key(name: str) -> str:
    """``startDate`` → ``START_DATE``: how the API names an order field."""
    return "".join(f"_{c}" if c.isupper() else c.upper() for c in name)


def _count(label: str, relation_name: str) -> str:
    relation = RELATIONS[label][relation_name]
    if relation.one_hop:
        return f"COUNT {{ {path('{n}', relation.route, '')} }}"
    # Distinct targets, as the count field counts them (paths would count twice).
    return f"size(COLLECT {{ MATCH {path('{n}', relation.route, 'o')} RETURN DISTINCT o.id AS x }})"


def _sorts(label: str) -> dict[str, Sort]:
    entity = ENTITY_TYPES[label]
    found = {"NAME": BY_NAME}
    for prop in entity.properties:
        if prop.sortable:
            found[sort_key(prop.name)] = Sort(f"coalesce({{n}}.{prop.name}, {_FLOOR[prop.kind]})")
    for count in entity.counts:
        if count.sortable:
            found[sort_key(count.name)] = Sort(_count(label, COUNTS[label][count.name]))
    return found


SORTS: dict[str, dict[str, Sort]] = {label: _sorts(label) for label in ENTITY_TYPES}


def sort(label: str, field: str, descending: bool) -> Sort:
    base = SORTS[label][field]
    return Sort(base.expression, descending)
