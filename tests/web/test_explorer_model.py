"""The explorer's type metadata (``web.explorer``) and its endpoint, ``/explorer/model.json``:
derived from the model once, naming what the API serves, behind the same gate as reads.
No database: the app is created but its lifespan never runs."""

from __future__ import annotations

import json
from typing import Any

import pytest
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLType
from pydantic import SecretStr
from starlette.testclient import TestClient

import web.explorer
from graph.model import ENTITIES, EntityType, Property, Relation, RelType, ValueKind, out
from graph.settings import Mode, Settings
from schema.schema import build_schema
from web.app import EXPLORER_CSP, create_app
from web.explorer import (
    QUESTIONS,
    SPARE_COLORS,
    SPARE_SHAPE,
    STYLES,
    explorer_model,
    explorer_queries,
    humanize,
)

MODEL = explorer_model()
TYPES = {info["name"]: info for info in MODEL["types"]}
READER_KEY = "explorer-model-reader-" + "q" * 24


def test_every_entity_type_is_listed_in_the_models_order() -> None:
    assert [info["name"] for info in MODEL["types"]] == [entity.label for entity in ENTITIES]
    for entity in ENTITIES:
        info = TYPES[entity.label]
        assert info["plural"] == entity.plural
        assert info["description"] == entity.description
        assert info["label"] == STYLES[entity.label].label
        style = STYLES[entity.label]
        assert info["style"] == {
            "color": style.color,
            "shape": style.shape,
            "detail": list(style.detail),
            "questions": [{"field": q, "label": QUESTIONS[q]} for q in style.questions],
            "ended": None
            if style.ended is None
            else {"field": style.ended[0], "value": style.ended[1]},
        }
        # What lists show beside a name is a property of the type; "ended" names one of
        # its properties and a value that property may take.
        properties = {p.name: p for p in entity.properties}
        assert set(style.detail) <= set(properties), entity.label
        if style.ended is not None:
            field, value = style.ended
            choices = properties[field].choices
            assert choices is not None and value in {c.value for c in choices}


def test_every_question_is_a_root_field_taking_one_entity_id() -> None:
    query = build_schema()._schema.query_type
    assert query is not None
    asked = {q for style in STYLES.values() for q in style.questions}
    assert asked and asked <= set(QUESTIONS)
    for question in asked:
        required = [a for a in query.fields[question].args.values() if str(a.type) == "ID!"]
        assert len(required) == 1, question


def test_every_property_with_its_kind() -> None:
    for entity in ENTITIES:
        served = TYPES[entity.label]["properties"]
        assert [p["name"] for p in served] == [p.name for p in entity.properties]
        for prop, info in zip(entity.properties, served, strict=True):
            assert info["kind"] == prop.kind.value
            assert info["list"] is (prop.kind is ValueKind.TEXTS)
            assert info["required"] is prop.required
            assert info["description"] == prop.description
            expected = [choice.value for choice in prop.choices] if prop.choices else None
            assert info["choices"] == expected
    grouping = next(p for p in TYPES["Location"]["properties"] if p["name"] == "grouping")
    assert grouping["kind"] == "choice" and "LO_REGION" in (grouping["choices"] or [])


def test_every_exposed_relation_and_count_and_no_other_relation() -> None:
    hidden = 0
    for entity in ENTITIES:
        info = TYPES[entity.label]
        exposed = [r for r in entity.relations if r.exposed]
        assert [r["name"] for r in info["relations"]] == [r.name for r in exposed]
        for relation, served in zip(exposed, info["relations"], strict=True):
            assert served == {
                "name": relation.name,
                "target": relation.target,
                "many": relation.many,
                "paged": relation.paged,
                "description": relation.description,
            }
        names = {r["name"] for r in info["relations"]}
        for relation in entity.relations:
            if not relation.exposed:
                hidden += 1
                assert relation.name not in names
        assert info["counts"] == [
            {"name": c.name, "relation": c.relation, "description": c.description}
            for c in entity.counts
        ]
    # The model has relations only filters use (a location's "inside"): they are left out.
    assert hidden > 0
    assert "inside" not in {r["name"] for r in TYPES["Location"]["relations"]}
    assert "agenciesBasedInside" not in {r["name"] for r in TYPES["Location"]["relations"]}


def test_a_type_without_a_style_still_gets_one() -> None:
    def unstyled(label: str, plural: str) -> EntityType:
        return EntityType(
            label,
            plural,
            "Not in the style table.",
            (Property("name", required=True), Property("tonnage", ValueKind.INT)),
            (
                Relation("homePort", "Location", (out(RelType.BASED_IN, to="Location"),)),
                Relation("near", "Location", (out(RelType.COVERS, to="Location"),), exposed=False),
            ),
        )

    served = explorer_model([unstyled("Vessel", "patrolVessels"), unstyled("Aircraft", "aircraft")])
    vessel, aircraft = served["types"]
    assert vessel["label"] == "Patrol vessels" and aircraft["label"] == "Aircraft"
    assert vessel["style"] == {
        "color": SPARE_COLORS[0],
        "shape": SPARE_SHAPE,
        "detail": [],
        "questions": [],
        "ended": None,
    }
    assert aircraft["style"]["color"] == SPARE_COLORS[1]
    assert [p["name"] for p in vessel["properties"]] == ["name", "tonnage"]
    assert [r["name"] for r in vessel["relations"]] == ["homePort"]


def _unwrap_null(kind: GraphQLType) -> GraphQLType:
    return kind.of_type if isinstance(kind, GraphQLNonNull) else kind


def _unwrap(kind: GraphQLType) -> GraphQLType:
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        kind = kind.of_type
    return kind


def test_what_is_served_is_what_the_api_has() -> None:
    """Every property, count and relation listed is a field of the GraphQL type of that
    name, shaped as listed; and properties listed alike (the explorer's test for sharing
    one response key across types) have one GraphQL type."""
    schema = build_schema()._schema
    alike: dict[tuple[str, str], set[str]] = {}
    for info in MODEL["types"]:
        graphql_type = schema.get_type(info["name"])
        assert isinstance(graphql_type, GraphQLObjectType), info["name"]
        fields = graphql_type.fields
        for prop in info["properties"]:
            field_type = fields[prop["name"]].type
            assert isinstance(_unwrap_null(field_type), GraphQLList) is prop["list"], prop
            declared = json.dumps([prop["kind"], prop["list"], prop["required"], prop["choices"]])
            alike.setdefault((prop["name"], declared), set()).add(str(field_type))
        for count in info["counts"]:
            assert str(fields[count["name"]].type) == "Int!"
        for relation in info["relations"]:
            field_type = fields[relation["name"]].type
            if relation["paged"]:
                assert str(_unwrap(field_type)) == f"{relation['target']}RelatedConnection"
            else:
                assert str(_unwrap(field_type)) == (relation["target"] or "SearchResult")
                assert isinstance(_unwrap_null(field_type), GraphQLList) is relation["many"]
    assert {key: kinds for key, kinds in alike.items() if len(kinds) > 1} == {}


# -- the endpoint ------------------------------------------------------------------------


def _app(**settings: Any) -> TestClient:
    # No `with`: the lifespan (the database driver) never starts.
    return TestClient(
        create_app(Settings(_env_file=None, neo4j_uri="bolt://127.0.0.1:9", **settings))
    )


def test_the_endpoint_serves_the_document_with_the_explorers_headers() -> None:
    response = _app().get("/explorer/model.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(json.dumps(MODEL))
    assert response.headers["content-security-policy"] == EXPLORER_CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "no-cache" in response.headers["cache-control"]
    # Revalidation is cheap: the same document, not sent again.
    again = _app().get("/explorer/model.json", headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_the_document_is_built_once_when_the_app_is_created(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []

    def counted(*args: Any) -> Any:
        calls.append(args)
        return explorer_model(*args)

    monkeypatch.setattr(web.explorer, "explorer_model", counted)
    client = _app()
    assert len(calls) == 1
    for _ in range(3):
        assert client.get("/explorer/model.json").status_code == 200
    assert len(calls) == 1


@pytest.mark.parametrize("mode", [Mode.DEVELOPMENT, Mode.PRODUCTION])
def test_it_needs_a_token_where_reads_do_whatever_introspection_says(mode: Mode) -> None:
    client = _app(mode=mode, reads_need_token=True, api_keys=SecretStr(f"{READER_KEY}:reader"))
    refused = client.get("/explorer/model.json")
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert refused.headers["content-security-policy"] == EXPLORER_CSP
    assert "types" not in refused.text
    wrong = client.get("/explorer/model.json", headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401
    admitted = client.get("/explorer/model.json", headers={"authorization": f"Bearer {READER_KEY}"})
    assert admitted.status_code == 200
    assert [t["name"] for t in admitted.json()["types"]] == [e.label for e in ENTITIES]
    # The page itself stays reachable without one (its requests carry the token).
    assert client.get("/explorer").status_code == 200


def test_the_humanized_plural() -> None:
    assert humanize("partnerAgencies") == "Partner agencies"
    assert humanize("missions") == "Missions"


def _operations(model: Any) -> list[str]:
    return [*model["operations"].values(), *model["questions"].values()]


def test_every_operation_the_page_sends_validates_against_the_schema() -> None:
    from graphql import parse, validate

    schema = build_schema()._schema
    texts = _operations(MODEL)
    assert len(texts) == len(set(texts)) == 13
    for text in texts:
        assert validate(schema, parse(text)) == [], text
    # One operation each, named as the browser tests and the logs know them.
    names = sorted(parse(t).definitions[0].name.value for t in texts)  # type: ignore[attr-defined]
    assert names == sorted(
        [
            "ExplorerSearch",
            "ExplorerTimeline",
            "ExplorerDisagreements",
            "ExplorerRegionPartners",
            "ExplorerNeighborGroups",
            "ExplorerNeighbors",
            "ExplorerNeighborhood",
            "ExplorerPath",
            "ExplorerDetails",
            "ExplorerScene",
            "ExplorerExportEntities",
            "ExplorerExportRelationships",
            "ExplorerChanges",
        ]
    )


def test_the_operations_follow_the_types_they_are_built_from() -> None:
    # Built from the served types alone: a type's property left out is not selected, and
    # a name two types declare differently gets a per-type alias in fields and texts.
    import copy

    types = copy.deepcopy(MODEL["types"])
    mission = next(t for t in types if t["name"] == "Mission")
    mission["properties"] = [p for p in mission["properties"] if p["name"] != "category"]
    rebuilt = explorer_queries(types)
    assert "category" in MODEL["operations"]["details"]
    assert "category" not in rebuilt["operations"]["details"]
    assert "category" not in [f["name"] for f in rebuilt["fields"]["Mission"]]
    kinds = {
        t: [f["key"] for f in fields if f["name"] == "kind"]
        for t, fields in MODEL["fields"].items()
    }
    assert kinds["Location"] == ["locationKind"]
    assert "locationKind: kind" in MODEL["operations"]["search"]
    assert MODEL["questions"].keys() == QUESTIONS.keys()


def test_model_json_serves_the_operations_verbatim() -> None:
    client = TestClient(create_app(Settings(NEO4J_URI="bolt://127.0.0.1:1", _env_file=None)))
    served = client.get("/explorer/model.json").json()
    assert served["operations"] == MODEL["operations"]
    assert served["questions"] == MODEL["questions"]
    assert served["fields"] == MODEL["fields"]
