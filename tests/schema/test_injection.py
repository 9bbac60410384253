"""Hostile strings through every string and ID argument: nothing breaks, changes or leaks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.settings import Settings
from tests.conftest import with_api_keys
from tests.cypherlint.client import CypherLinter

pytestmark = pytest.mark.integration

EDITOR = "e" * 40
HOSTILE = [
    "x' OR 1=1 //",
    'x"}) DETACH DELETE n //',
    "`Mission`) MATCH (m) DETACH DELETE m //",
    "{id: 'city-bogota'}",
    "$id",
    "nul\x00byte",
    "\u202eevil\u202c rtl",
    "A" * 100_000,
]
LEAKS = ("Traceback", "Neo.", "MATCH (", "/work", "bolt://", "site-packages", "neo4j.exceptions")

READS = [
    ("query($v: ID!) { branch(id: $v) { id } }", "ID"),
    ("query($v: ID!) { officer(id: $v) { id } }", "ID"),
    ("query($v: ID!) { location(id: $v) { id officers { totalCount } } }", "ID"),
    ("query($v: ID!) { partnerAgency(id: $v) { id } }", "ID"),
    ("query($v: ID!) { mission(id: $v) { id } }", "ID"),
    ("query($v: String!) { search(text: $v) { __typename } }", "String"),
    ("query($v: ID) { figures(subjectId: $v) { value } }", "ID"),
    ("query($v: ID!) { partnersConnectedToRegion(regionId: $v) { partner { id } } }", "ID"),
    (
        'query($v: ID!) { shortestPath(fromId: $v, toId: "partner-un") { nodes { __typename } } }',
        "ID",
    ),
    ("query($v: ID!) { neighborhood(id: $v) { nodes { __typename } } }", "ID"),
    ("query($v: ID!) { neighborGroups(id: $v) { count } neighbors(id: $v) { totalCount } }", "ID"),
    ('query($v: String) { neighbors(id: "country-mali", type: $v) { totalCount } }', "String"),
    (
        'query($v: String) { neighbors(id: "country-mali", relationship: $v) { totalCount } }',
        "String",
    ),
    ('query($v: String) { neighbors(id: "country-mali", after: $v) { totalCount } }', "String"),
    (
        "query($v: String) { missions(filter: {language: $v, name: $v, category: $v}) "
        "{ totalCount } }",
        "String",
    ),
    ("query($v: ID) { missions(filter: {within: $v, partner: $v}) { totalCount } }", "ID"),
    ("query($v: ID) { officers(filter: {branch: $v, within: $v}) { totalCount } }", "ID"),
    ("query($v: ID) { locations(filter: {within: $v}) { totalCount } }", "ID"),
    (
        "query($v: String) { partnerAgencies(filter: {kind: $v, name: $v}) { totalCount } }",
        "String",
    ),
    ("query($v: String) { missions(after: $v) { totalCount } }", "String"),
    (
        'query($v: String!) { _entities(representations: [{__typename: "Mission", id: $v}]) '
        "{ __typename } }",
        "String",
    ),
]

COUNTS = (
    "{ branches { totalCount } officers { totalCount } locations { totalCount } "
    "partnerAgencies { totalCount } missions { totalCount } figures { id } }"
)


@pytest.fixture(scope="module")
def editor(live_settings: Settings, linter: CypherLinter) -> Iterator[TestClient]:
    with with_api_keys(live_settings, linter, f"{EDITOR}:editor") as client:
        yield client


def post(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    response = client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {EDITOR}"},
    )
    assert response.status_code < 500, response.text[:500]
    # What the client sent may come back (stored verbatim); anything else must not.
    text = response.text
    for value in variables.values():
        text = text.replace(json.dumps(value)[1:-1], "").replace(
            json.dumps(value.strip())[1:-1], ""
        )
    for leak in LEAKS:
        assert leak not in text, f"{leak!r} leaked"
    body: dict[str, Any] = response.json()
    for error in body.get("errors") or []:
        assert error["extensions"]["code"] != "INTERNAL_SERVER_ERROR", error
    return body


def counts(client: TestClient) -> dict[str, Any]:
    return post(client, COUNTS)["data"]


def test_hostile_strings_through_every_read_argument(editor: TestClient) -> None:
    before = counts(editor)
    for query, _ in READS:
        for value in HOSTILE:
            post(editor, query, v=value)
    assert counts(editor) == before


@pytest.mark.parametrize("value", HOSTILE[:-1], ids=range(len(HOSTILE) - 1))
def test_hostile_text_is_stored_verbatim_or_refused_cleanly(editor: TestClient, value: str) -> None:
    before = counts(editor)
    body = post(
        editor,
        """mutation($v: String!) { createMission(input: {id: "test-inj", name: $v,
             description: $v, status: ACTIVE, category: "UN_MISSION",
             sources: [{document: $v, quote: $v}]})
           { name description sources { document quote } } }""",
        v=value,
    )
    if "errors" in body:
        # Refused at the edge: control characters (NUL), nothing written.
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert counts(editor) == before
        return
    mission = body["data"]["createMission"]
    assert mission["name"] == mission["description"] == value.strip()
    assert mission["sources"] == [{"document": value.strip(), "quote": value.strip()}]
    deleted = post(editor, 'mutation { deleteMission(id: "test-inj") { id } }')
    assert deleted["data"] == {"deleteMission": {"id": "test-inj"}}
    assert counts(editor) == before


def test_hostile_ids_and_types_in_writes_are_refused(editor: TestClient) -> None:
    before = counts(editor)
    for value in HOSTILE:
        body = post(
            editor,
            """mutation($v: ID!) { link(input: {type: LOCATED_IN, from: $v, to: $v,
                 sources: [{document: "d", quote: "q"}]}) { created } }""",
            v=value,
        )
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        body = post(editor, "mutation($v: ID!) { deleteMission(id: $v) { id } }", v=value)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert counts(editor) == before
