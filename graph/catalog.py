"""Lookups derived from the model (``graph.model``): what can be read about each label.

Nothing here is declared: each table is computed from ``graph.model.ENTITIES`` (and the
figure's relations), so a property, relation or count added there appears here.
"""

from __future__ import annotations

from graph.model import (
    ENTITIES,
    FIGURE_RELATIONS,
    REL_PROPERTY_KEYS,
    SOURCE_KEYS,
    Label,
    Relation,
)
from graph.model import PROPERTIES as DECLARED_PROPERTIES

# Every relation of each label by name, those only filters use included.
RELATIONS: dict[str, dict[str, Relation]] = {
    **{entity.label: {r.name: r for r in entity.relations} for entity in ENTITIES},
    Label.FIGURE: {r.name: r for r in FIGURE_RELATIONS},
}

# Number fields: field name -> the relation it counts.
COUNTS: dict[str, dict[str, str]] = {
    entity.label: {count.name: count.relation for count in entity.counts} for entity in ENTITIES
}

# Relation fields served as connections ({edges, nodes, pageInfo, totalCount}).
CONNECTIONS: dict[str, frozenset[str]] = {
    entity.label: frozenset(r.name for r in entity.relations if r.paged) for entity in ENTITIES
}

# The property names readable per label: the model's, and the id.
PROPERTIES: dict[str, frozenset[str]] = {
    label: frozenset({"id", *(prop.name for prop in declared)})
    for label, declared in DECLARED_PROPERTIES.items()
}

# Every property key Cypher may name (what Neo4j's front end is told exists).
PROPERTY_KEYS: tuple[str, ...] = tuple(
    sorted(
        set().union(*PROPERTIES.values())
        | {"searchText"}
        | set(SOURCE_KEYS)
        | set(REL_PROPERTY_KEYS)
    )
)
