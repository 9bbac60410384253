"""GraphQL input types. Each entity type's filter, ordering, create input and patch are
built from the model (``graph.model``); the shared ones are declared here."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from strawberry import UNSET

from graph.filters import sort_names
from graph.model import EntityType
from resolvers.filtering import QUANTIFIERS
from schema.types import Date, Namespace, described, value_type, words


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.enum
class NameOrderField(Enum):
    NAME = "NAME"


@strawberry.input(description="Order by name; ties are broken by id.")
class NameOrder:
    field: NameOrderField = NameOrderField.NAME
    direction: SortDirection = SortDirection.ASC


@strawberry.input(description="Evidence for a write: a document (or reference) and a quote.")
class SourceInput:
    document: str = strawberry.field(description="A seed file name, or any other reference.")
    quote: str = strawberry.field(description="The supporting passage, verbatim.")
    as_of: Date | None = UNSET
    inferred: bool = False
    reasoning: str | None = strawberry.field(
        default=UNSET, description="Required when `inferred` is true."
    )


@strawberry.input(
    description="Which evidence counts: a fact (an entity, a relationship) takes part only "
    "when enough documents support it through sources that count. Facts outside are not "
    "listed, followed or counted, and no path passes through them."
)
class EvidenceScope:
    documents: list[str] | None = strawberry.field(
        default=None, description="Only sources from these documents count (1 to 50 names)."
    )
    exclude_inferred: bool = strawberry.field(
        default=False,
        description="Only stated sources count: inferred links (which region a city belongs "
        "to, a misspelt name read as a country) drop out.",
    )
    min_documents: int = strawberry.field(
        default=1, description="At least this many distinct documents (1 to 20)."
    )


NAME_FILTER_DOC = "Part of the name, alias or acronym (case and accent blind)."
_QUANTIFIER_DOC = {
    "some": "At least one of",
    "none": "None of",
    "all": "Every one of (true when there are none)",
}


def filter_input(ns: Namespace, entity: EntityType) -> type:
    name = f"{entity.label}Filter"
    annotations: dict[str, Any] = {
        "AND": f"list[{name}] | None",
        "OR": f"list[{name}] | None",
        "NOT": f"{name} | None",
        "name": str | None,
    }
    attributes: dict[str, Any] = {
        "AND": strawberry.field(default=None, description="Every filter of the list holds."),
        "OR": strawberry.field(
            default=None, description="At least one filter of the list holds (none: none does)."
        ),
        "NOT": strawberry.field(
            default=None, description="The filter does not hold (a missing value does not hold)."
        ),
        "name": strawberry.field(default=None, description=NAME_FILTER_DOC),
    }
    for prop in entity.properties:
        if prop.filterable:
            annotations[prop.name] = value_type(prop) | None
            attributes[prop.name] = strawberry.field(default=None, description=described(prop))
    for anchored in entity.filters:
        annotations[anchored.name] = strawberry.ID | None
        attributes[anchored.name] = strawberry.field(default=None, description=anchored.description)
    for relation in entity.relations:
        if not relation.exposed or relation.target is None:
            continue
        for suffix, quantifier in QUANTIFIERS.items():
            field = relation.name + suffix
            annotations[field] = f"{relation.target}Filter | None"
            attributes[field] = strawberry.field(
                default=None,
                description=f"{_QUANTIFIER_DOC[quantifier]} `{relation.name}` match the filter.",
            )
    cls = ns.make(name, attributes, annotations)
    return strawberry.input(description="Every given condition must hold.")(cls)


def order_input(ns: Namespace, entity: EntityType) -> type:
    """``{Label}Order`` over the model's sortable fields; ``NameOrder`` when only the name is."""
    fields = sort_names(entity)
    if fields == ["NAME"]:
        return NameOrder
    members: type[Enum] = Enum(f"{entity.label}OrderField", {f: f for f in fields})  # type: ignore[misc]
    field_enum = strawberry.enum(members)
    ns.add(field_enum.__name__, field_enum)
    cls = ns.make(
        f"{entity.label}Order",
        {"field": field_enum["NAME"], "direction": SortDirection.ASC},
        {"field": field_enum, "direction": SortDirection},
    )
    description = f"Order of {words(entity.plural)}; ties are broken by id."
    return strawberry.input(description=description)(cls)


def _write_input(ns: Namespace, entity: EntityType, *, patch: bool) -> type:
    annotations: dict[str, Any] = {} if patch else {"id": strawberry.ID}
    attributes: dict[str, Any] = {}
    # Required fields first (a create must give them), then the optional ones.
    ordered = sorted(entity.properties, key=lambda p: not p.required)
    for prop in ordered:
        kind = value_type(prop)
        required = prop.required and not patch
        annotations[prop.name] = kind if required else kind | None
        description = described(prop)
        if required:
            if description:
                attributes[prop.name] = strawberry.field(description=description)
        else:
            attributes[prop.name] = strawberry.field(default=UNSET, description=description)
    annotations["sources"] = list[SourceInput]
    name = f"{entity.label}{'Patch' if patch else 'Input'}"
    cls = ns.make(name, attributes, annotations)
    description = "Fields left out are kept; null removes an optional one." if patch else None
    return strawberry.input(description=description)(cls)


def entity_input(ns: Namespace, entity: EntityType) -> type:
    return _write_input(ns, entity, patch=False)


def entity_patch(ns: Namespace, entity: EntityType) -> type:
    return _write_input(ns, entity, patch=True)
