"""Lookups derived from the model (``graph.model``): what can be read about each label.

Nothing here is declared: a ``Catalog`` computes its tables from a tuple of entity types
(the model's ``ENTITIES``; a test may build one with an extra type), so a property,
relation or count added to the model appears in every table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from graph import model
from graph.model import (
    ENTITIES,
    FIGURE_RELATIONS,
    HISTORY_KEYS,
    LOCK_KEYS,
    REL_PROPERTY_KEYS,
    SOURCE_KEYS,
    EntityType,
    Label,
    Property,
    Relation,
)


@dataclass(frozen=True)
class Catalog:
    entities: tuple[EntityType, ...]

    @cached_property
    def labels(self) -> tuple[str, ...]:
        """The entity labels, in model order."""
        return tuple(entity.label for entity in self.entities)

    @cached_property
    def types(self) -> dict[str, EntityType]:
        return {entity.label: entity for entity in self.entities}

    @cached_property
    def declared(self) -> dict[str, tuple[Property, ...]]:
        """Each label's properties (the figure's too) with their rules."""
        return {
            **{entity.label: entity.properties for entity in self.entities},
            Label.FIGURE: model.PROPERTIES[Label.FIGURE],
            Label.DOCUMENT: model.PROPERTIES[Label.DOCUMENT],
        }

    @cached_property
    def relations(self) -> dict[str, dict[str, Relation]]:
        """Every relation of each label by name, those only filters use included."""
        return {
            **{entity.label: {r.name: r for r in entity.relations} for entity in self.entities},
            Label.FIGURE: {r.name: r for r in FIGURE_RELATIONS},
        }

    @cached_property
    def counts(self) -> dict[str, dict[str, str]]:
        """Number fields: field name -> the relation it counts."""
        return {e.label: {c.name: c.relation for c in e.counts} for e in self.entities}

    @cached_property
    def aggregates(self) -> dict[str, dict[str, str]]:
        """Aggregate fields (``missionsAggregate``): field name -> the relation it sums up;
        one per served list relation."""
        return {
            e.label: {
                f"{r.name}Aggregate": r.name
                for r in e.relations
                if r.exposed and r.many and r.target is not None
            }
            for e in self.entities
        }

    @cached_property
    def connections(self) -> dict[str, frozenset[str]]:
        """Relation fields served as connections ({edges, nodes, pageInfo, totalCount})."""
        return {e.label: frozenset(r.name for r in e.relations if r.paged) for e in self.entities}

    @cached_property
    def narrowable(self) -> dict[str, frozenset[str]]:
        """Relation fields taking ``direct`` (``Location.missions(direct: true)``): like
        connections, they come back under their response key, since aliases may differ."""
        return {
            e.label: frozenset(r.name for r in e.relations if r.direct is not None)
            for e in self.entities
        }

    @cached_property
    def properties(self) -> dict[str, frozenset[str]]:
        """The property names readable per label: the model's, and the id."""
        return {
            label: frozenset({"id", *(prop.name for prop in declared)})
            for label, declared in self.declared.items()
        }

    @cached_property
    def property_keys(self) -> tuple[str, ...]:
        """Every property key Cypher may name (what Neo4j's front end is told exists)."""
        return tuple(
            sorted(
                set().union(*self.properties.values())
                | {"searchText"}
                | set(SOURCE_KEYS)
                | set(REL_PROPERTY_KEYS)
                | set(LOCK_KEYS)
                | set(HISTORY_KEYS)
            )
        )


CATALOG = Catalog(ENTITIES)
# The model's tables, for code that serves only the model.
RELATIONS = CATALOG.relations
COUNTS = CATALOG.counts
CONNECTIONS = CATALOG.connections
PROPERTIES = CATALOG.properties
PROPERTY_KEYS = CATALOG.property_keys
