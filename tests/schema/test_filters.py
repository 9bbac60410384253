"""Composed filters on the seeded graph, both engines: AND / OR / NOT and relation filters
(some, none, all) answer exactly what the same question computed in Python from a plain
read answers; bounds on a filter's depth and size are client errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from resolvers.filtering import MAX_FILTER_CONDITIONS, MAX_FILTER_DEPTH
from tests.conftest import gql

pytestmark = pytest.mark.integration

Row = dict[str, Any]

ALL_MISSIONS = """{ missions(first: 100) { totalCount nodes {
  id status language armed
  partners { id kind } locations { id kind } officers(first: 100) { nodes { id } }
} } }"""


@pytest.fixture(scope="module")
def missions(client: TestClient) -> list[Row]:
    body = gql(client, ALL_MISSIONS)
    assert "errors" not in body, body
    connection = body["data"]["missions"]  # type: ignore[index]
    assert connection["totalCount"] == len(connection["nodes"]) > 20
    nodes: list[Row] = connection["nodes"]
    return nodes


def ids(client: TestClient, mission_filter: Row) -> list[str]:
    body = gql(
        client,
        "query($f: MissionFilter) { missions(first: 100, filter: $f) { totalCount nodes { id } } }",
        f=mission_filter,
    )
    assert "errors" not in body, body
    connection = body["data"]["missions"]  # type: ignore[index]
    found = [node["id"] for node in connection["nodes"]]
    assert connection["totalCount"] == len(found)
    return sorted(found)


def expected(missions: list[Row], test: Callable[[Row], bool]) -> list[str]:
    return sorted(m["id"] for m in missions if test(m))


CASES: list[tuple[str, Row, Callable[[Row], bool]]] = [
    (
        "or",
        {"OR": [{"language": "French"}, {"armed": True}]},
        lambda m: m["language"] == "French" or m["armed"] is True,
    ),
    # A missing value does not hold, so NOT holds there.
    ("not", {"NOT": {"language": "English"}}, lambda m: m["language"] != "English"),
    (
        "and-not",
        {"AND": [{"status": "ACTIVE"}, {"NOT": {"armed": True}}]},
        lambda m: m["status"] == "ACTIVE" and m["armed"] is not True,
    ),
    ("empty-or", {"OR": []}, lambda m: False),
    (
        "partners-some",
        {"partnersSome": {"kind": "INTERNATIONAL_ORGANIZATION"}},
        lambda m: any(p["kind"] == "INTERNATIONAL_ORGANIZATION" for p in m["partners"]),
    ),
    (
        "partners-none",
        {"partnersNone": {"kind": "INTERNATIONAL_ORGANIZATION"}},
        lambda m: all(p["kind"] != "INTERNATIONAL_ORGANIZATION" for p in m["partners"]),
    ),
    (
        "locations-all",
        {"locationsAll": {"kind": "COUNTRY"}},
        lambda m: all(loc["kind"] == "COUNTRY" for loc in m["locations"]),
    ),
    ("officers-some-any", {"officersSome": {}}, lambda m: bool(m["officers"]["nodes"])),
    (
        "nested-or-of-relations",
        {"OR": [{"partnersSome": {"kind": "FOREIGN_POLICE"}}, {"locationsNone": {}}]},
        lambda m: any(p["kind"] == "FOREIGN_POLICE" for p in m["partners"]) or not m["locations"],
    ),
]


@pytest.mark.parametrize(("name", "mission_filter", "test"), CASES, ids=[c[0] for c in CASES])
def test_composed_filters_answer_what_python_computes(
    client: TestClient,
    missions: list[Row],
    name: str,
    mission_filter: Row,
    test: Callable[[Row], bool],
) -> None:
    assert ids(client, mission_filter) == expected(missions, test)


def test_a_relation_filter_nests_across_types(client: TestClient, missions: list[Row]) -> None:
    # Countries where some mission (there or inside) works with a foreign police service.
    with_police = {
        m["id"] for m in missions if any(p["kind"] == "FOREIGN_POLICE" for p in m["partners"])
    }
    query = "{ locations(first: 100, filter: %s) { nodes { id missions { id } } } }"
    body = gql(client, query % "{kind: COUNTRY}")
    assert "errors" not in body, body
    countries = body["data"]["locations"]["nodes"]  # type: ignore[index]
    want = sorted(c["id"] for c in countries if {m["id"] for m in c["missions"]} & with_police)
    assert want  # the seed has some: the test would prove nothing otherwise
    nested = '{kind: COUNTRY, missionsSome: {partnersSome: {kind: "FOREIGN_POLICE"}}}'
    body = gql(client, query % nested)
    assert "errors" not in body, body
    assert sorted(n["id"] for n in body["data"]["locations"]["nodes"]) == want  # type: ignore[index]


def _nested(depth: int) -> Row:
    inner: Row = {"armed": True}
    for _ in range(depth):
        inner = {"NOT": inner}
    return inner


def test_a_filter_too_deep_or_too_large_is_a_client_error(client: TestClient) -> None:
    assert ids(client, _nested(MAX_FILTER_DEPTH - 1)) is not None
    for too_much in (
        _nested(MAX_FILTER_DEPTH),
        {"OR": [{"armed": True}] * (MAX_FILTER_CONDITIONS + 1)},
    ):
        body = gql(
            client,
            "query($f: MissionFilter) { missions(filter: $f) { nodes { id } } }",
            f=too_much,
        )
        (error,) = body["errors"]  # type: ignore[misc]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "filter" in error["message"]


AGGREGATES = """query($id: ID!) {
  all: missionsAggregate { count authorizedDeployments { min max avg } startDate { min max } }
  armed: missionsAggregate(filter: {armed: true}) { count authorizedDeployments { max } }
  location(id: $id) {
    missions { id authorizedDeployments startDate }
    missionsAggregate { count authorizedDeployments { min max avg } startDate { min max } }
    partnersAggregate { count }
    partnerCount
  }
}"""


def _summary(items: list[Row]) -> Row:
    numbers = [m["authorizedDeployments"] for m in items if m["authorizedDeployments"] is not None]
    dates = [m["startDate"] for m in items if m["startDate"] is not None]
    return {
        "count": len(items),
        "authorizedDeployments": {
            "min": min(numbers, default=None),
            "max": max(numbers, default=None),
            "avg": sum(numbers) / len(numbers) if numbers else None,
        },
        "startDate": {"min": min(dates, default=None), "max": max(dates, default=None)},
    }


@pytest.mark.parametrize("place", ["region-africa-middle-east", "country-mali", "city-bogota"])
def test_aggregates_answer_what_python_computes(client: TestClient, place: str) -> None:
    body = gql(client, AGGREGATES, id=place)
    assert "errors" not in body, body
    data: Any = body["data"]
    assert body["extensions"]["cypher"]["statements"] == 3  # type: ignore[index]
    everything = gql(
        client,
        "{ missions(first: 100) { nodes { authorizedDeployments startDate armed } } }",
    )["data"]["missions"]["nodes"]  # type: ignore[index]
    want = _summary(everything)
    assert data["all"]["count"] == want["count"]
    assert data["all"]["authorizedDeployments"]["min"] == want["authorizedDeployments"]["min"]
    assert data["all"]["authorizedDeployments"]["max"] == want["authorizedDeployments"]["max"]
    assert data["all"]["authorizedDeployments"]["avg"] == pytest.approx(
        want["authorizedDeployments"]["avg"]
    )
    assert data["all"]["startDate"] == want["startDate"]
    armed = [m for m in everything if m["armed"] is True]
    assert data["armed"]["count"] == len(armed) > 0
    location = data["location"]
    here = _summary(location["missions"])
    got = location["missionsAggregate"]
    assert got["count"] == here["count"]
    assert got["startDate"] == here["startDate"]
    for function in ("min", "max"):
        assert got["authorizedDeployments"][function] == here["authorizedDeployments"][function]
    assert got["authorizedDeployments"]["avg"] == pytest.approx(
        here["authorizedDeployments"]["avg"]
    )
    assert location["partnersAggregate"]["count"] == location["partnerCount"]
