"""The explorer's type metadata, served at ``/explorer/model.json``: what the page needs to
know about each entity type to draw it, and the text of every GraphQL operation it sends
(``explorer_queries``: selection sets, ``... on Type { ... }`` fragments). It is derived
from the model (``graph.model.ENTITIES``) once, when the app is created, so a property,
relation or count added there reaches the explorer without touching its script.

The operation texts are built here, not in the page, so that they are known before any
page runs: the shipped trusted-documents manifest (``web.manifest``) lists exactly these
texts, and the page sends them verbatim.

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


class FieldInfo(TypedDict):
    key: str  # the response key: the name, or a per-type alias where types differ
    name: str
    description: str | None


class ExplorerModel(TypedDict):
    types: list[TypeInfo]
    # What the page reads of each type (its side panel, its export columns), by type.
    fields: dict[str, list[FieldInfo]]
    # The page's operations by its name for each (search, details, path, ...).
    operations: dict[str, str]
    # The operation of each question button (Style.questions), by root field.
    questions: dict[str, str]


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
    return {"types": types, **explorer_queries(types)}


# -- the operations ----------------------------------------------------------------------

# What the API gives every entity, whatever its type: evidence, with its dates and reasons.
SOURCES = "sources { document quote asOf inferred reasoning }"
# A relationship as the panel shows it: its own properties, whether it gives any date,
# and its evidence.
STEP = f"type from to role since until note undated {SOURCES}"
REF = "{ id name }"
# A node is labelled with this property where its type has one, else with its name.
SHORT_LABEL = "acronym"
# The properties the map (map.js, coordinateFields) places a node by, when a type has
# both as single floats.
COORDINATES = ("latitude", "longitude")

# The question buttons' operations, by root field (QUESTIONS); {label} is the fragment.
QUESTION_OPERATIONS: dict[str, str] = {
    "partnersConnectedToRegion": f"""query ExplorerRegionPartners($id: ID!) {{
  partnersConnectedToRegion(regionId: $id) {{
    partner {{ ...Label }}
    paths {{ nodes {{ ...Label }} relationships {{ {STEP} }} }}
  }}
}}""",
}


class ExplorerQueries(TypedDict):
    fields: dict[str, list[FieldInfo]]
    operations: dict[str, str]
    questions: dict[str, str]


@dataclass(frozen=True)
class _Field:
    info: FieldInfo
    select: str  # its selection: `key: name { sub }`


def _fields(types: Sequence[TypeInfo]) -> dict[str, list[_Field]]:
    """The fields the page reads of each type. GraphQL refuses two fragments of a union
    selecting one response key with different types (each type's own ``kind`` enum,
    say): a name that types declare differently is aliased per type
    (``locationKind: kind``)."""
    declared: dict[str, set[str]] = {}

    def note(name: str, declaration: list[object]) -> None:
        declared.setdefault(name, set()).add(json.dumps(declaration))

    for type_ in types:
        for p in type_["properties"]:
            note(p["name"], ["property", p["kind"], p["list"], p["required"], p["choices"]])
        for c in type_["counts"]:
            note(c["name"], ["count"])
        for r in type_["relations"]:
            note(r["name"], ["relation", r["many"], r["paged"]])

    def field(type_: TypeInfo, name: str, description: str | None, sub: str = "") -> _Field:
        key = name
        if len(declared[name]) > 1:
            key = type_["name"][:1].lower() + type_["name"][1:] + name[:1].upper() + name[1:]
        alias = "" if key == name else f"{key}: "
        return _Field({"key": key, "name": name, "description": description}, alias + name + sub)

    fields: dict[str, list[_Field]] = {}
    for type_ in types:
        fields[type_["name"]] = [
            _Field({"key": "id", "name": "id", "description": None}, "id"),
            *(field(type_, p["name"], p["description"]) for p in type_["properties"]),
            *(field(type_, c["name"], c["description"]) for c in type_["counts"]),
            # Single linked entities (a parent, a managing branch) are shown as links;
            # lists of them are what expanding the neighbourhood draws.
            *(
                field(type_, r["name"], r["description"], f" {REF}")
                for r in type_["relations"]
                if not r["many"] and not r["paged"]
            ),
        ]
    return fields


def coordinate_fields(type_: TypeInfo) -> tuple[str, ...]:
    """The names of a type's coordinate properties (map.js's ``coordinateFields``)."""
    floats = {p["name"] for p in type_["properties"] if p["kind"] == "float" and not p["list"]}
    return COORDINATES if all(name in floats for name in COORDINATES) else ()


def explorer_queries(types: Sequence[TypeInfo]) -> ExplorerQueries:
    """Every operation the page sends, and the fields it reads, for these types."""
    fields = _fields(types)

    def label_fields(type_: TypeInfo) -> list[_Field]:
        # What a node or a list item needs: id, name, the short label, what the type's
        # style shows beside a name (a location's kind and grouping, say), what says it
        # has ended, and where the map places it.
        style = type_["style"]
        ended = [style["ended"]["field"]] if style["ended"] else []
        wanted = {"id", "name", SHORT_LABEL, *style["detail"], *ended, *coordinate_fields(type_)}
        return [f for f in fields[type_["name"]] if f.info["name"] in wanted]

    def selections(chosen: list[_Field]) -> str:
        return " ".join(f.select for f in chosen)

    label_lines = "".join(
        f"  ... on {t['name']} {{ {selections(label_fields(t))} }}\n" for t in types
    )
    label = f"fragment Label on SearchResult {{\n  __typename\n{label_lines}}}"

    def on_each_type(extra: str) -> str:
        return "".join(
            f"    ... on {t['name']} {{ {selections(fields[t['name']])} {extra} }}\n" for t in types
        )

    def labelled(text: str) -> str:
        return f"{text}\n\n{label}"

    details = on_each_type(f"{SOURCES} figures {{ label value unit qualifier asOf {SOURCES} }}")
    exported = on_each_type("sources { document quote asOf inferred }")
    operations = {
        "search": labelled("""query ExplorerSearch($text: String!) {
  search(text: $text, first: 30) { ...Label }
  figures(text: $text) { id label value unit qualifier asOf subject { ...Label } }
}"""),
        "timeline": labelled("""query ExplorerTimeline($ids: [ID!]!) {
  timeline(ids: $ids) { date kind entity { ...Label } relationship { from type to } }
}"""),
        "disagreements": labelled("""query ExplorerDisagreements($id: ID) {
  disagreements(subjectId: $id) {
    subject { ...Label }
    measure
    spread { low high difference }
    claims {
      id label value unit qualifier asOf rank rankReason
      sources { document quote asOf inferred }
    }
  }
}"""),
        "groups": labelled("""query ExplorerNeighborGroups($id: ID!) {
  entities(ids: [$id]) { ...Label }
  neighborGroups(id: $id) { type relationship direction count }
}"""),
        "neighbors": labelled(f"""query ExplorerNeighbors($id: ID!, $type: String,
    $relationship: String, $direction: Direction, $after: String, $first: Int) {{
  neighbors(id: $id, type: $type, relationship: $relationship, direction: $direction,
      first: $first, after: $after) {{
    nodes {{ ...Label }}
    edges {{ {STEP} }}
    endCursor hasNextPage totalCount
  }}
}}"""),
        "neighborhood": labelled(f"""query ExplorerNeighborhood($id: ID!) {{
  neighborhood(id: $id, depth: 1) {{
    center {{ ...Label }}
    nodes {{ ...Label }}
    edges {{ {STEP} }}
    truncated
  }}
}}"""),
        "path": labelled(f"""query ExplorerPath($from: ID!, $to: ID!, $hops: Int) {{
  shortestPath(fromId: $from, toId: $to, maxHops: $hops) {{
    nodes {{ ...Label }}
    relationships {{ {STEP} }}
  }}
}}"""),
        "details": f"""query ExplorerDetails($id: ID!) {{
  entities(ids: [$id]) {{
    __typename
{details}  }}
}}""",
        "scene": labelled(f"""query ExplorerScene($ids: [ID!]!) {{
  entities(ids: $ids) {{ ...Label }}
  relationships(ids: $ids) {{ {STEP} }}
}}"""),
        # What /export writes of the entities and relationships on screen.
        "entities": f"""query ExplorerExportEntities($ids: [ID!]!) {{
  entities(ids: $ids) {{
    __typename
{exported}  }}
}}""",
        "relationships": """query ExplorerExportRelationships($ids: [ID!]!) {
  relationships(ids: $ids) {
    from fromName type to toName role since until note
    sources { document quote asOf inferred }
  }
}""",
        # The changes of what is drawn, as they commit (live.js): what a change touched,
        # which the page then reads again with `scene`.
        "changes": """subscription ExplorerChanges($ids: [ID!], $after: String) {
  changes(ids: $ids, after: $after) {
    cursor
    node { id at by action entityId entityType relationship { type from to } }
  }
}""",
    }
    asked = dict.fromkeys(q["field"] for t in types for q in t["style"]["questions"])
    return {
        "fields": {name: [f.info for f in chosen] for name, chosen in fields.items()},
        "operations": operations,
        "questions": {q: labelled(QUESTION_OPERATIONS[q]) for q in asked},
    }


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
