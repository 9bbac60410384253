"""An entity's direct neighbours for the explorer's hubs, on the seeded graph, both engines:
``neighborGroups`` counts them by entity type, relationship type and direction, and
``neighbors`` pages through them, all or one group; both agree with ``neighborhood``."""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.settings import Settings
from tests.conftest import gql, with_api_keys
from tests.cypherlint.client import CypherLinter

pytestmark = pytest.mark.integration

Row = dict[str, Any]
# Hubs of the seed (the two branches with the most neighbours), places at each level, a
# mission, an agency and an officer.
ENTITIES = (
    "branch-international-operations",
    "branch-international-peace-operations",
    "region-western-hemisphere",
    "country-mali",
    "city-bogota",
    "mission-minusma",
    "partner-un",
    "lo-bogota",
)
ANY = " ".join(
    f"... on {kind} {{ id name }}"
    for kind in ("Branch", "Officer", "Location", "PartnerAgency", "Mission")
)
STEP = "type from to role since until note undated sources { document quote inferred }"
HOOD = f"""query($id: ID!, $date: Date, $scope: EvidenceScope) {{
  neighborhood(id: $id, asOf: $date, evidence: $scope) {{
    truncated nodes {{ __typename {ANY} }} edges {{ {STEP} }} }}
  neighborGroups(id: $id, asOf: $date, evidence: $scope) {{
    type relationship direction count }}
}}"""
PAGE = f"""query($id: ID!, $type: String, $rel: String, $way: Direction, $first: Int,
                 $after: String, $date: Date, $scope: EvidenceScope) {{
  neighbors(id: $id, type: $type, relationship: $rel, direction: $way, first: $first,
            after: $after, asOf: $date, evidence: $scope) {{
    totalCount hasNextPage endCursor nodes {{ __typename {ANY} }} edges {{ {STEP} }} }}
}}"""

# (type, relationship, direction) -> the neighbours' ids
Groups = dict[tuple[str, str, str], set[str]]


def ok(client: TestClient, query: str, **variables: Any) -> Row:
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    data: Row = body["data"]  # type: ignore[assignment]
    # One statement per root field, however many neighbours.
    assert body["extensions"]["cypher"]["statements"] == len(data)  # type: ignore[index]
    return data


def refused(client: TestClient, query: str, **variables: Any) -> Row:
    body = gql(client, query, **variables)
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    return error  # type: ignore[no-any-return]


def from_neighborhood(entity_id: str, hood: Row) -> tuple[Groups, list[Row]]:
    """The groups a one-hop neighbourhood holds, and its relationships."""
    assert hood["truncated"] is False
    types = {node["id"]: node["__typename"] for node in hood["nodes"]}
    groups: Groups = defaultdict(set)
    for edge in hood["edges"]:
        out = edge["from"] == entity_id
        other = edge["to"] if out else edge["from"]
        groups[types[other], edge["type"], "OUT" if out else "IN"].add(other)
    return dict(groups), hood["edges"]


def as_groups(rows: list[Row]) -> dict[tuple[str, str, str], int]:
    return {(g["type"], g["relationship"], g["direction"]): g["count"] for g in rows}


def every_page(client: TestClient, first: int, **variables: Any) -> tuple[list[Row], list[Row]]:
    """Every neighbour and edge, ``first`` at a time, checking each page on the way."""
    nodes: list[Row] = []
    edges: list[Row] = []
    after = None
    while True:
        page = ok(client, PAGE, first=first, after=after, **variables)["neighbors"]
        assert len(page["nodes"]) <= first
        nodes += page["nodes"]
        edges += page["edges"]
        if not page["hasNextPage"]:
            assert page["totalCount"] == len(nodes)
            return nodes, edges
        assert len(page["nodes"]) == first
        after = page["endCursor"]


def key(edge: Row) -> tuple[str, str, str]:
    return edge["type"], edge["from"], edge["to"]


@pytest.mark.parametrize("entity_id", ENTITIES)
def test_groups_count_what_the_neighbourhood_holds(client: TestClient, entity_id: str) -> None:
    data = ok(client, HOOD, id=entity_id)
    groups, _ = from_neighborhood(entity_id, data["neighborhood"])
    assert as_groups(data["neighborGroups"]) == {g: len(ids) for g, ids in groups.items()}
    # Most first, then by type, relationship and direction.
    order = [
        (-g["count"], g["type"], g["relationship"], g["direction"]) for g in data["neighborGroups"]
    ]
    assert order == sorted(order)


@pytest.mark.parametrize("entity_id", ENTITIES)
def test_pages_hold_every_neighbour_once(client: TestClient, entity_id: str) -> None:
    hood = ok(client, HOOD, id=entity_id)
    groups, hood_edges = from_neighborhood(entity_id, hood["neighborhood"])
    whole = ok(client, PAGE, id=entity_id, first=500)["neighbors"]
    nodes, edges = every_page(client, 4, id=entity_id)
    ids = [node["id"] for node in nodes]
    assert len(ids) == len(set(ids))
    assert set(ids) == set().union(*groups.values())
    # Pages follow one order (by name, then id): together they are the whole list.
    assert nodes == whole["nodes"]
    assert [(n["name"], n["id"]) for n in nodes] == sorted((n["name"], n["id"]) for n in nodes)
    # Every relationship between the entity and its neighbours, each once, as the
    # neighbourhood serves it.
    assert sorted(edges, key=key) == sorted(hood_edges, key=key)
    assert edges == whole["edges"]


@pytest.mark.parametrize("entity_id", ENTITIES[1:4])
def test_each_group_pages_its_own_neighbours(client: TestClient, entity_id: str) -> None:
    groups, _ = from_neighborhood(entity_id, ok(client, HOOD, id=entity_id)["neighborhood"])
    for (kind, rel, way), ids in groups.items():
        nodes, edges = every_page(client, 5, id=entity_id, type=kind, rel=rel, way=way)
        assert {n["id"] for n in nodes} == ids
        assert all(n["__typename"] == kind for n in nodes)
        for edge in edges:
            assert edge["type"] == rel
            assert edge["from" if way == "OUT" else "to"] == entity_id
    # One filter at a time: the union of the groups it keeps.
    for kind in {kind for kind, _, _ in groups}:
        nodes, _ = every_page(client, 500, id=entity_id, type=kind)
        wanted = set().union(*(ids for (k, _, _), ids in groups.items() if k == kind))
        assert {n["id"] for n in nodes} == wanted
    for way in ("OUT", "IN"):
        nodes, edges = every_page(client, 500, id=entity_id, way=way)
        wanted = set().union(set(), *(ids for (_, _, w), ids in groups.items() if w == way))
        assert {n["id"] for n in nodes} == wanted
        assert all(e["from" if way == "OUT" else "to"] == entity_id for e in edges)


SCOPES: list[Row] = [
    {"date": "2010"},
    {"date": "2018-06-01"},
    {"scope": {"excludeInferred": True}},
    {"scope": {"minDocuments": 2}},
]


@pytest.mark.parametrize("entity_id", ["mission-op-haiti", "region-western-hemisphere"])
@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: json.dumps(s, sort_keys=True))
def test_a_scope_keeps_what_the_neighbourhood_keeps(
    client: TestClient, entity_id: str, scope: Row
) -> None:
    data = ok(client, HOOD, id=entity_id, **scope)
    groups, hood_edges = from_neighborhood(entity_id, data["neighborhood"])
    assert as_groups(data["neighborGroups"]) == {g: len(ids) for g, ids in groups.items()}
    nodes, edges = every_page(client, 4, id=entity_id, **scope)
    assert {n["id"] for n in nodes} == set().union(set(), *groups.values())
    assert sorted(edges, key=key) == sorted(hood_edges, key=key)


def test_a_scope_narrows_the_groups(client: TestClient) -> None:
    whole = as_groups(ok(client, HOOD, id="region-western-hemisphere")["neighborGroups"])
    stated = ok(client, HOOD, id="region-western-hemisphere", scope={"excludeInferred": True})
    # A city's liaison region is inferred: on stated evidence those links drop out.
    assert sum(as_groups(stated["neighborGroups"]).values()) < sum(whole.values())
    # An entity asked for outside its own span (MINUSTAH ended in 2017) has no neighbours,
    # as its neighbourhood has none.
    later = ok(client, HOOD, id="mission-minustah", date="2019")
    assert later["neighborGroups"] == [] and len(later["neighborhood"]["nodes"]) == 1
    page = ok(client, PAGE, id="mission-minustah", date="2019")["neighbors"]
    assert page["totalCount"] == 0 and page["nodes"] == [] and page["edges"] == []


def test_an_unknown_id_has_no_groups_and_no_page(client: TestClient) -> None:
    data = ok(
        client, '{ neighborGroups(id: "nobody") { count } neighbors(id: "nobody") { totalCount } }'
    )
    assert data == {"neighborGroups": [], "neighbors": None}


def test_a_page_without_total_or_past_the_end(client: TestClient) -> None:
    first = ok(client, PAGE.replace("totalCount ", ""), id="partner-un", first=0)["neighbors"]
    assert first["nodes"] == [] and first["edges"] == []
    assert first["hasNextPage"] is True and first["endCursor"] is None
    whole = ok(client, PAGE, id="partner-un")["neighbors"]
    assert whole["hasNextPage"] is False and whole["totalCount"] == len(whole["nodes"])
    past = ok(client, PAGE, id="partner-un", after=whole["endCursor"])["neighbors"]
    assert past["nodes"] == [] and past["hasNextPage"] is False and past["endCursor"] is None
    # A group the entity does not have: empty, not an error.
    none = ok(client, PAGE, id="partner-un", type="Officer", rel="SUCCEEDED_BY")["neighbors"]
    assert none == {
        "totalCount": 0,
        "hasNextPage": False,
        "endCursor": None,
        "nodes": [],
        "edges": [],
    }


def _cursor(*parts: Any) -> str:
    raw = json.dumps(list(parts)).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"type": "Figure"}, "type"),
        ({"type": "officer"}, "type"),
        ({"type": "Officer) MATCH (n) DETACH DELETE n //"}, "type"),
        ({"rel": "DESCRIBES"}, "relationship"),
        ({"rel": "posted_to"}, "relationship"),
        ({"rel": "POSTED_TO]-() DETACH DELETE n //"}, "relationship"),
        ({"first": -1}, "first"),
        ({"first": 501}, "first"),
        ({"after": "not a cursor"}, "after"),
        ({"after": _cursor("NAME", 5, "city-bogota")}, "after"),
        ({"after": _cursor("NAME ASC", "Bogota", "city-bogota")}, "after"),
        ({"date": "2010-02-30"}, "asOf"),
        ({"scope": {"minDocuments": 0}}, "evidence"),
    ],
)
def test_bad_input_is_refused_clearly(client: TestClient, variables: Row, argument: str) -> None:
    error = refused(client, PAGE, id="country-mali", **variables)
    assert f"`{argument}" in error["message"], error
    assert error["extensions"]["argument"] == argument


def test_a_direction_is_out_or_in(client: TestClient) -> None:
    body = gql(client, PAGE, id="country-mali", way="UP")
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert "Direction" in error["message"]


def test_refused_arguments_name_what_is_allowed(client: TestClient) -> None:
    error = refused(client, PAGE, id="country-mali", type="Figure")
    assert error["message"] == (
        "`type` must be an entity type: Branch, Officer, Location, PartnerAgency or Mission"
    )
    error = refused(client, PAGE, id="country-mali", rel="DESCRIBES")
    assert "POSTED_TO" in error["message"] and "DESCRIBES" not in error["message"]


EDITOR = "n" * 40
SOURCE = '{document: "editor memo 2026-12", quote: "Two ties for the neighbours test."}'


@pytest.fixture
def twice_tied(live_settings: Settings, linter: CypherLinter) -> Iterator[TestClient]:
    """A branch of the test's own that both covers and is located in a place of its own:
    one neighbour, two relationships. Deleted afterwards."""
    with with_api_keys(live_settings, linter, f"{EDITOR}:editor") as editor:
        headers = {"authorization": f"Bearer {EDITOR}"}

        def run(query: str) -> None:
            response = editor.post("/graphql", json={"query": query}, headers=headers)
            assert "errors" not in response.json(), response.json()

        run(
            'mutation { createBranch(input: {id: "test-nb-branch", name: "Test Nb Branch", '
            f'kind: "UNIT", sources: [{SOURCE}]}}) {{ id }} '
            'createLocation(input: {id: "test-nb-place", name: "Test Nb Place", kind: CITY, '
            f"sources: [{SOURCE}]}}) {{ id }} }}"
        )
        try:
            for rel in ("COVERS", "LOCATED_IN"):
                run(
                    f'mutation {{ link(input: {{type: {rel}, from: "test-nb-branch", '
                    f'to: "test-nb-place", sources: [{SOURCE}]}}) {{ created }} }}'
                )
            yield editor
        finally:
            run('mutation { deleteBranch(id: "test-nb-branch") { id } }')
            run('mutation { deleteLocation(id: "test-nb-place") { id } }')


def test_a_neighbour_tied_twice_is_one_node_with_both_edges(twice_tied: TestClient) -> None:
    data = ok(twice_tied, HOOD, id="test-nb-branch")
    assert as_groups(data["neighborGroups"]) == {
        ("Location", "COVERS", "OUT"): 1,
        ("Location", "LOCATED_IN", "OUT"): 1,
    }
    page = ok(twice_tied, PAGE, id="test-nb-branch")["neighbors"]
    assert page["totalCount"] == 1
    assert [n["id"] for n in page["nodes"]] == ["test-nb-place"]
    assert [(e["type"], e["from"], e["to"]) for e in page["edges"]] == [
        ("COVERS", "test-nb-branch", "test-nb-place"),
        ("LOCATED_IN", "test-nb-branch", "test-nb-place"),
    ]
    place = ok(twice_tied, PAGE, id="test-nb-place", rel="LOCATED_IN", way="IN")["neighbors"]
    assert [n["id"] for n in place["nodes"]] == ["test-nb-branch"]
    assert [e["type"] for e in place["edges"]] == ["LOCATED_IN"]
