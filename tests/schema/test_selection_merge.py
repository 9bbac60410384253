"""One field selected more than once under one response key (legal GraphQL: the selections
merge), on the seeded graph: every selection is answered, still by one statement."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import gql

pytestmark = pytest.mark.integration


def ok(client: TestClient, query: str, **variables: Any) -> tuple[dict[str, Any], int]:
    """Data of a query that must succeed, and the statements it cost."""
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    return body["data"], body["extensions"]["cypher"]["statements"]  # type: ignore[index, return-value]


MINUSMA = "United Nations multidimensional integrated stabilization mission in Mali"


@pytest.mark.parametrize(
    "query",
    [
        '{ mission(id: "mission-minusma") { name } ...Q } '
        'fragment Q on Query { mission(id: "mission-minusma") { status } }',
        '{ mission(id: "mission-minusma") { name } '
        '... on Query { mission(id: "mission-minusma") { status } } }',
        '{ mission(id: "mission-minusma") { name } mission(id: "mission-minusma") { status } }',
    ],
    ids=["fragment", "inline-fragment", "direct"],
)
def test_a_root_field_selected_twice_answers_both_selections(
    client: TestClient, query: str
) -> None:
    data, statements = ok(client, query)
    assert data == {"mission": {"name": MINUSMA, "status": "ACTIVE"}}
    assert statements == 1


def test_a_root_list_selected_twice_answers_both_selections(client: TestClient) -> None:
    once, _ = ok(client, "{ missions(first: 3) { totalCount nodes { id name status } } }")
    data, statements = ok(
        client,
        "{ missions(first: 3) { nodes { id name } } ...Q } "
        "fragment Q on Query { missions(first: 3) { totalCount nodes { status } } }",
    )
    assert data == once
    assert len(data["missions"]["nodes"]) == 3
    assert statements == 1


def test_a_union_root_selected_twice_answers_both_selections(client: TestClient) -> None:
    data, statements = ok(
        client,
        '{ entities(ids: ["mission-minusma", "city-bogota"]) { ... on Mission { name } } '
        '... on Query { entities(ids: ["mission-minusma", "city-bogota"]) '
        "{ __typename ... on Location { kind } } } }",
    )
    assert data == {
        "entities": [
            {"name": MINUSMA, "__typename": "Mission"},
            {"__typename": "Location", "kind": "CITY"},
        ]
    }
    assert statements == 1


def test_a_connection_selected_twice_under_one_key_answers_both(client: TestClient) -> None:
    once, _ = ok(
        client,
        '{ location(id: "region-western-hemisphere") '
        "{ officers(first: 2) { totalCount nodes { name } } } }",
    )
    data, statements = ok(
        client,
        '{ location(id: "region-western-hemisphere") { officers(first: 2) { nodes { name } } '
        "...Officers } } fragment Officers on Location { officers(first: 2) { totalCount } }",
    )
    officers = data["location"]["officers"]
    assert data == once
    assert officers["totalCount"] == 11
    assert len(officers["nodes"]) == 2 and all(n["name"] for n in officers["nodes"])
    assert statements == 1


def test_city_officers_selected_twice_under_one_key(client: TestClient) -> None:
    data, statements = ok(
        client,
        '{ location(id: "city-bogota") { officers(first: 2) { nodes { name } } ...Officers } } '
        "fragment Officers on Location { officers(first: 2) { totalCount } }",
    )
    assert data == {
        "location": {
            "officers": {"nodes": [{"name": "RCMP Liaison Officer, Bogota"}], "totalCount": 1}
        }
    }
    assert statements == 1


def test_figures_with_their_subject_under_two_aliases(client: TestClient) -> None:
    data, statements = ok(
        client,
        """{ branch(id: "branch-international-operations") {
             figures { id subject { ... on Branch { name } } }
             more: figures { id value subject { __typename ... on Branch { id } } } } }""",
    )
    branch = data["branch"]
    assert statements == 1
    assert branch["figures"]
    assert [f["id"] for f in branch["figures"]] == [f["id"] for f in branch["more"]]
    assert all(
        f["subject"] == {"name": "International Operations Branch"} for f in branch["figures"]
    )
    assert all(
        f["subject"] == {"__typename": "Branch", "id": "branch-international-operations"}
        for f in branch["more"]
    )
    assert 37.0 in {f["value"] for f in branch["more"]}


def test_a_connection_inside_aliases_of_its_relation_keeps_each_page(client: TestClient) -> None:
    # Both aliases of `parent` share one projection: one page of officers answers both.
    few = "officers(first: 1) { pageInfo { hasNextPage } nodes { name } }"
    more = "officers(first: 3) { totalCount pageInfo { hasNextPage } nodes { id rank } }"
    data, statements = ok(
        client,
        f'{{ location(id: "country-colombia") {{ up: parent {{ {few} }} parent {{ {more} }} }} }}',
    )
    alone_few, _ = ok(
        client, f'{{ location(id: "country-colombia") {{ up: parent {{ {few} }} }} }}'
    )
    alone_more, _ = ok(client, f'{{ location(id: "country-colombia") {{ parent {{ {more} }} }} }}')
    assert data == {"location": {**alone_few["location"], **alone_more["location"]}}
    assert len(data["location"]["up"]["officers"]["nodes"]) == 1
    assert statements == 1


def test_pages_after_different_cursors_in_aliases_of_one_relation_are_refused(
    client: TestClient,
) -> None:
    data, _ = ok(
        client,
        '{ location(id: "country-colombia") { parent { officers(first: 1) '
        "{ pageInfo { endCursor } } } } }",
    )
    cursor = data["location"]["parent"]["officers"]["pageInfo"]["endCursor"]
    body = gql(
        client,
        """query($after: String) { location(id: "country-colombia") {
             up: parent { officers(first: 1) { nodes { id } } }
             parent { officers(first: 1, after: $after) { nodes { id } } } } }""",
        after=cursor,
    )
    errors: Any = body["errors"]
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "different cursors" in errors[0]["message"]
