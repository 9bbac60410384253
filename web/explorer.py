"""The explorer's type metadata, served at ``/explorer/model.json``: what the page needs to
know about each entity type to draw it and to build its GraphQL queries (selection sets,
``... on Type { ... }`` fragments). It is derived from the model (``graph.model.ENTITIES``)
once, when the app is created, so a property, relation or count added there reaches the
explorer without touching its script.

Only presentation (a display label, a colour and a node shape) is declared here, in
``STYLES``; a type without a style gets a humanized plural and a colour of its own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

from starlette.requests import Request
from starlette.responses import Response

from graph.model import ENTITIES, Count, EntityType, Label, Property, Relation, ValueKind
from schema.errors import refusal
from schema.types import words
from web.auth import AuthFailed, Gate

# -- presentation (not model facts) ----------------------------------------------------


@dataclass(frozen=True)
class Style:
    label: str  # the plural the type filters show
    color: str
    shape: str  # a Cytoscape.js node shape (the page's swatches know these)
    # Properties shown beside a name in lists (search results), to tell alike names apart.
    detail: tuple[str, ...] = ()
    # Root fields the page may ask of one entity of the type, by its id (a side-panel
    # button each, named in QUESTIONS).
    questions: tuple[str, ...] = ()
    # A property and the value that mean the entity is over (drawn faded, as an entity
    # whose own dates have ended is): a closed mission gives no end date.
    ended: tuple[str, str] | None = None


# The questions the page knows how to ask and draw, with their buttons' names.
QUESTIONS: dict[str, str] = {"partnersConnectedToRegion": "Partners in this region"}


# Colour-blind-safe (Okabe-Ito) colours, a distinct shape each. No rounded triangle: the
# SVG export (cytoscape-svg) cannot draw one.
STYLES: dict[str, Style] = {
    Label.MISSION: Style(
        "Missions", "#D55E00", "diamond", detail=("status",), ended=("status", "CLOSED")
    ),
    Label.LOCATION: Style(
        "Locations",
        "#009E73",
        "triangle",
        detail=("kind", "grouping"),
        questions=("partnersConnectedToRegion",),
    ),
    Label.PARTNER_AGENCY: Style("Partner agencies", "#CC79A7", "hexagon", detail=("kind",)),
    Label.BRANCH: Style("RCMP branches", "#0072B2", "round-rectangle", detail=("kind",)),
    Label.OFFICER: Style("Officers and posts", "#E69F00", "ellipse", detail=("role",)),
}
# For a type the table above does not know, in the order such types come.
SPARE_COLORS: tuple[str, ...] = ("#56B4E9", "#999999", "#000000", "#882255", "#44AA99")
SPARE_SHAPE = "ellipse"


def humanize(name: str) -> str:
    """``partnerAgencies`` → ``Partner agencies``."""
    return words(name).capitalize()


# -- the document ------------------------------------------------------------------------


class PropertyInfo(TypedDict):
    name: str
    kind: str  # a graph.model.ValueKind value
    list: bool
    required: bool
    choices: list[str] | None
    description: str | None


class RelationInfo(TypedDict):
    name: str
    target: str | None  # None: any entity (the SearchResult union)
    many: bool
    paged: bool  # served as a connection (first/after, totalCount)
    description: str | None


class CountInfo(TypedDict):
    name: str
    relation: str
    description: str | None


class QuestionInfo(TypedDict):
    field: str  # a root field taking the entity's id
    label: str  # its button's name


class EndedInfo(TypedDict):
    field: str
    value: str


class StyleInfo(TypedDict):
    color: str
    shape: str
    detail: list[str]
    questions: list[QuestionInfo]
    ended: EndedInfo | None


class TypeInfo(TypedDict):
    name: str  # the label: also the GraphQL type name and __typename
    plural: str  # the root list field
    label: str  # the display plural
    description: str
    style: StyleInfo
    properties: list[PropertyInfo]
    relations: list[RelationInfo]
    counts: list[CountInfo]


class ExplorerModel(TypedDict):
    types: list[TypeInfo]


def property_info(prop: Property) -> PropertyInfo:
    return {
        "name": prop.name,
        "kind": prop.kind.value,
        "list": prop.kind is ValueKind.TEXTS,
        "required": prop.required,
        "choices": [choice.value for choice in prop.choices] if prop.choices else None,
        "description": prop.description,
    }


def relation_info(relation: Relation) -> RelationInfo:
    return {
        "name": relation.name,
        "target": relation.target,
        "many": relation.many,
        "paged": relation.paged,
        "description": relation.description,
    }


def count_info(count: Count) -> CountInfo:
    return {"name": count.name, "relation": count.relation, "description": count.description}


def explorer_model(entities: Sequence[EntityType] = ENTITIES) -> ExplorerModel:
    """Every entity type, in the model's order, with its properties, the relations the API
    serves (``exposed``; those only filters use are left out) and its counts."""
    spare = iter(SPARE_COLORS * (len(entities) // len(SPARE_COLORS) + 1))
    types: list[TypeInfo] = []
    for entity in entities:
        style = STYLES.get(entity.label) or Style(humanize(entity.plural), next(spare), SPARE_SHAPE)
        types.append(
            {
                "name": entity.label,
                "plural": entity.plural,
                "label": style.label,
                "description": entity.description,
                "style": {
                    "color": style.color,
                    "shape": style.shape,
                    "detail": list(style.detail),
                    "questions": [{"field": q, "label": QUESTIONS[q]} for q in style.questions],
                    "ended": (
                        None
                        if style.ended is None
                        else {"field": style.ended[0], "value": style.ended[1]}
                    ),
                },
                "properties": [property_info(prop) for prop in entity.properties],
                "relations": [relation_info(r) for r in entity.relations if r.exposed],
                "counts": [count_info(count) for count in entity.counts],
            }
        )
    return {"types": types}


class ModelEndpoint:
    """Serves ``GET /explorer/model.json``: the document, built once, to whoever may read
    the graph (the same gate and tokens as ``/graphql`` and ``/export``), whatever the
    introspection setting (see the README, "The explorer")."""

    def __init__(
        self, gate: Gate, headers: dict[str, str], entities: Sequence[EntityType] = ENTITIES
    ) -> None:
        self.gate = gate
        self.body = json.dumps(explorer_model(entities), ensure_ascii=False).encode()
        self.etag = f'"{hashlib.sha256(self.body).hexdigest()[:32]}"'
        self.headers = {
            **headers,
            "X-Content-Type-Options": "nosniff",
            # Revalidated on every load (cheaply: 304), so a restarted service with
            # another model is seen at once; never kept by shared caches.
            "Cache-Control": "private, no-cache",
            "Vary": "Authorization",
        }

    async def handle(self, request: Request) -> Response:
        try:
            self.gate.admit(request.headers.get("authorization"))
        except AuthFailed as exc:
            refused = refusal(str(exc), "UNAUTHENTICATED")
            refused.headers.update(self.headers)
            return refused
        headers = {**self.headers, "ETag": self.etag}
        known = {
            tag.strip().removeprefix("W/")
            for tag in request.headers.get("if-none-match", "").split(",")
        }
        if self.etag in known:
            return Response(status_code=304, headers=headers)
        return Response(self.body, media_type="application/json", headers=headers)
