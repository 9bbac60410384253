"""Abuse limits refuse a request before any database work."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.conftest import gql

pytestmark = pytest.mark.integration


def refused(client: TestClient, query: str) -> str:
    body = gql(client, query)
    assert body.get("data") is None, body
    # Refused in validation: no resolver ran, so no statement was sent.
    assert (
        "cypher" not in (body.get("extensions") or {})
        or body["extensions"]["cypher"][  # type: ignore[index]
            "statements"
        ]
        == 0
    )
    message: str = body["errors"][0]["message"]  # type: ignore[index]
    return message


def test_depth_is_limited(client: TestClient) -> None:
    deep = '{ location(id: "city-bogota") { ' + "parent { " * 10 + "id" + " }" * 10 + " } }"
    assert "exceeds maximum operation depth of 10" in refused(client, deep)
    fine = '{ location(id: "city-bogota") { ' + "parent { " * 5 + "id" + " }" * 5 + " } }"
    assert "errors" not in gql(client, fine)


def test_aliases_are_limited(client: TestClient) -> None:
    many = "{ " + " ".join(f'a{i}: location(id: "city-bogota") {{ id }}' for i in range(16)) + " }"
    assert "aliases" in refused(client, many).lower()


def test_tokens_are_limited(client: TestClient) -> None:
    fields = " ".join(["id name kind"] * 700)
    assert "token" in refused(client, f'{{ location(id: "x") {{ {fields} }} }}').lower()


def test_expanded_selections_are_limited(client: TestClient) -> None:
    # 20 fragments each spreading the next twice: 2^20 ids once spread, in 860 bytes.
    chain = " ".join(f"fragment F{i} on Location {{ ...F{i + 1} ...F{i + 1} }}" for i in range(20))
    query = (
        '{ location(id: "city-bogota") { ...F0 } } ' + chain + " fragment F20 on Location { id }"
    )
    message = refused(client, query)
    assert "expands to 3,145,730 selections" in message and "the limit is 10,000" in message
    body = gql(client, query)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_LARGE"  # type: ignore[index]


def test_estimated_nodes_are_limited(client: TestClient) -> None:
    huge = """{ missions(first: 100) { nodes { locations {
        officers(first: 100) { nodes { missions {
          officers(first: 100) { nodes { id } } } } } } } } }"""
    message = refused(client, huge)
    assert "101,101,100 nodes" in message and "500,000" in message
    body = gql(client, huge)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_LARGE"  # type: ignore[index]


def test_variables_count_as_the_largest_page(client: TestClient) -> None:
    query = """query($n: Int) { missions(first: $n) { nodes { locations {
        officers(first: $n) { nodes { missions {
          officers(first: $n) { nodes { id } } } } } } } } }"""
    assert "nodes; the limit is" in refused(client, query)


def test_large_bodies_are_refused_with_413(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        content=b'{"query": "{ __typename }", "pad": "' + b"x" * 1_100_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_entities_count_as_many_nodes_as_ids(client: TestClient) -> None:
    # A variable counts as the most ids allowed (500), each with two pages below it.
    query = """query($ids: [ID!]!) { entities(ids: $ids) { ... on Mission {
        officers(first: 100) { nodes { missions { officers(first: 10) { nodes { id } } } } }
    } } }"""
    assert "nodes; the limit is" in refused(client, query)
    listed = """{ entities(ids: ["mission-minusma"]) { ... on Mission {
        officers(first: 100) { nodes { missions { officers(first: 50) { nodes { id } } } } }
    } } }"""
    assert "errors" not in gql(client, listed)
