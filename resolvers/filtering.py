"""Filter inputs (absent, or objects with the input's fields) to graph conditions, by the
model's filters (``graph.model``): equality on filterable properties, the name search,
filters by another entity's id, ``AND`` / ``OR`` / ``NOT`` of filters, and filters over a
relation's targets (``partnersSome``, ``partnersNone``, ``partnersAll``).

A filter is a client's tree: its depth and size are bounded before anything is compiled.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from graph import filters
from graph.catalog import CATALOG, Catalog
from graph.compile import Condition, Scope
from resolvers.errors import BadInput
from resolvers.queries import name_filter

# How deep filters nest (AND, OR, NOT and relation filters each open a level), and how
# many conditions one filter may hold in all: enough for any question a person asks,
# small enough that no filter makes an expensive statement.
MAX_FILTER_DEPTH = 5
MAX_FILTER_CONDITIONS = 50

# A relation filter's field: the relation's name and one of these (``partnersSome``).
QUANTIFIERS: dict[str, filters.Quantifier] = {"Some": "some", "None": "none", "All": "all"}


@dataclass
class _Budget:
    left: int = MAX_FILTER_CONDITIONS

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise BadInput(
                f"`filter` holds more than {MAX_FILTER_CONDITIONS} conditions",
                argument="filter",
            )


def conditions(
    label: str, given: Any, catalog: Catalog = CATALOG, scope: Scope | None = None
) -> list[Condition]:
    """The conditions a list of ``label`` must meet (all of them) by the filter ``given``;
    with ``scope``, its routes are followed only along what is in it."""
    return _conditions(label, given, catalog, 1, _Budget(), scope)


def _conditions(
    label: str, given: Any, catalog: Catalog, depth: int, budget: _Budget, scope: Scope | None
) -> list[Condition]:
    if not given:
        return []
    if depth > MAX_FILTER_DEPTH:
        raise BadInput(
            f"`filter` nests more than {MAX_FILTER_DEPTH} levels deep", argument="filter"
        )
    entity = catalog.types[label]
    found: list[Condition] = []

    def add(condition: Condition) -> None:
        budget.spend()
        found.append(condition)

    def below(target: str, sub: Any) -> list[Condition]:
        return _conditions(target, sub, catalog, depth + 1, budget, scope)

    for condition in name_filter(given.name):
        add(condition)
    for prop in entity.properties:
        value = getattr(given, prop.name) if prop.filterable else None
        if value is not None:
            value = value.value if isinstance(value, Enum) else value
            add(filters.equals(label, prop.name, value, catalog=catalog))
    for anchored in entity.filters:
        value = getattr(given, anchored.name)
        if value is not None:
            add(filters.anchored(label, anchored.name, str(value), catalog=catalog, scope=scope))
    for sub in given.AND or ():
        found.extend(below(label, sub))
    if given.OR is not None:
        add(filters.any_of(filters.all_of(below(label, sub)) for sub in given.OR))
    if given.NOT is not None:
        add(filters.negate(filters.all_of(below(label, given.NOT))))
    for relation in entity.relations:
        if not relation.exposed or relation.target is None:
            continue
        for suffix, quantifier in QUANTIFIERS.items():
            sub = getattr(given, relation.name + suffix)
            if sub is not None:
                nested = below(relation.target, sub)
                related = filters.related(
                    label, relation.name, quantifier, nested, catalog=catalog, scope=scope
                )
                add(related)
    return found
