"""Filter inputs (absent, or objects with the input's fields) to graph conditions, by the
model's filters (``graph.model``): equality on filterable properties, the name search,
and filters by another entity's id."""

from __future__ import annotations

from enum import Enum
from typing import Any

from graph import filters
from graph.compile import Condition
from graph.model import ENTITY_TYPES
from resolvers.queries import name_filter


def conditions(label: str, given: Any) -> list[Condition]:
    if not given:
        return []
    entity = ENTITY_TYPES[label]
    found = name_filter(given.name)
    for prop in entity.properties:
        if not prop.filterable:
            continue
        value = getattr(given, prop.name)
        if value is not None:
            found.append(
                filters.equals(label, prop.name, value.value if isinstance(value, Enum) else value)
            )
    for anchored in entity.filters:
        value = getattr(given, anchored.name)
        if value is not None:
            found.append(filters.anchored(label, anchored.name, str(value)))
    return found
