"""The graph as of a date (``asOf``) on the seeded graph, both engines: lists keep the
entities whose span takes in the date, and every relation, count and page follows only
what held then. Each answer is checked against the dates the same graph serves."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from resolvers import queries
from tests.conftest import gql

pytestmark = pytest.mark.integration

Row = dict[str, Any]

MISSIONS = """query($date: Date) { missions(first: 100, asOf: $date) {
  totalCount nodes { id startDate endDate } } }"""


def ok(client: TestClient, query: str, **variables: Any) -> Row:
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    return body["data"]  # type: ignore[return-value]


def _ids(rows: list[Row]) -> set[str]:
    return {row["id"] for row in rows}


def _holds(start: str | None, end: str | None, date: str) -> bool:
    """The rule, from the served dates: the span takes in some day of the date, each date
    at its own precision (a year is every day of it)."""
    first = date + "-01-01"[len(date) - 4 :]
    last = date + "-12-31"[len(date) - 4 :]
    starts = start is None or start + "-01-01"[len(start) - 4 :] <= last
    ends = end is None or end + "-12-31"[len(end) - 4 :] >= first
    return starts and ends


@pytest.mark.parametrize(
    ("date", "present", "absent"),
    [
        # The example: MINUSTAH (2004 to 2017-10-15) then MINUJUSTH (from 2017-10-16).
        ("2010-06-01", {"mission-minustah"}, {"mission-minujusth"}),
        ("2018-06-01", {"mission-minujusth"}, {"mission-minustah"}),
        # Precision on both sides: 2004 is every day of 2004; October 2017 saw both.
        ("2004", {"mission-minustah"}, {"mission-minujusth"}),
        ("2017-10", {"mission-minustah", "mission-minujusth"}, set()),
        ("2017-10-15", {"mission-minustah"}, {"mission-minujusth"}),
        ("2017-10-16", {"mission-minujusth"}, {"mission-minustah"}),
    ],
)
def test_missions_as_of_a_date(
    client: TestClient, date: str, present: set[str], absent: set[str]
) -> None:
    everything = ok(client, MISSIONS)["missions"]["nodes"]
    found = ok(client, MISSIONS, date=date)["missions"]
    ids = _ids(found["nodes"])
    assert present <= ids
    assert not absent & ids
    # Exactly the missions whose served dates take the date in; undated ones always.
    assert ids == {m["id"] for m in everything if _holds(m["startDate"], m["endDate"], date)}
    assert {m["id"] for m in everything if m["startDate"] is m["endDate"] is None} <= ids
    assert found["totalCount"] == len(ids)


EVERY = """{ mission(id: "mission-op-haiti") { components { id } }
  location(id: "country-haiti") { missions(direct: true) { id } } }"""

COMPONENTS = """query($date: Date, $ids: [ID!]!) {
  mission(id: "mission-op-haiti", asOf: $date) {
    id components { id } componentsAggregate { count } }
  location(id: "country-haiti", asOf: $date) {
    here: missions(direct: true) { id } missions { id } missionCount
    officers(first: 100) { totalCount nodes { id } } officerCount }
  relationships(ids: $ids) { type from to since until }
  entities(ids: $ids) { ... on Mission { id startDate endDate } }
}"""


@pytest.mark.parametrize("date", [None, "2004", "2010-06-01", "2017-10", "2018", "2030"])
def test_relations_follow_only_what_held_then(client: TestClient, date: str | None) -> None:
    every = ok(client, EVERY)
    ids = [
        "mission-op-haiti",
        "country-haiti",
        *_ids(every["mission"]["components"]),
        *_ids(every["location"]["missions"]),
    ]
    data = ok(client, COMPONENTS, date=date, ids=ids)
    spans = {
        (r["type"], r["from"], r["to"]): (r["since"], r["until"]) for r in data["relationships"]
    }

    # A mission's own span counts too: only what held then takes part.
    dates = {e["id"]: (e["startDate"], e["endDate"]) for e in data["entities"] if e}

    def held(type_: str, to: str) -> set[str]:
        return {
            start
            for (kind, start, end), (since, until) in spans.items()
            if kind == type_
            and end == to
            and (date is None or (_holds(since, until, date) and _holds(*dates[start], date)))
        }

    mission = data["mission"]
    # The entity asked for by id is served whatever the date; its relations as of it.
    assert mission["id"] == "mission-op-haiti"
    assert _ids(mission["components"]) == held("PART_OF", "mission-op-haiti")
    assert mission["componentsAggregate"]["count"] == len(mission["components"])
    haiti = data["location"]
    assert _ids(haiti["here"]) == held("LOCATED_IN", "country-haiti")
    # A page's total counts what its edges list: only what held then.
    officers = haiti["officers"]
    assert officers["totalCount"] == len(officers["nodes"]) == haiti["officerCount"]
    assert haiti["missionCount"] == len(haiti["missions"])
    parts = _ids(mission["components"])
    if date == "2010-06-01":
        assert "mission-minustah" in parts and "mission-minujusth" not in parts
    if date == "2018":
        assert "mission-minujusth" in parts and "mission-minustah" not in parts


@pytest.mark.parametrize(
    "date",
    # Full-width and Arabic-Indic digits are digits to \d and int(), not to date order.
    [
        "2010-13",
        "10-06-2010",
        "2010-02-30",
        "",
        "0000",
        "\uff12\uff10\uff10\uff14",
        "\u0662\u0660\u0661\u0660",
    ],
)
def test_a_date_that_is_not_one_is_refused(client: TestClient, date: str) -> None:
    body = gql(client, MISSIONS, date=date)
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert "asOf" in error["message"]


@pytest.mark.parametrize("literal", ["2010", "2010.5", "true", '["2010"]'])
def test_a_date_is_text_not_a_number(client: TestClient, literal: str) -> None:
    body = gql(client, f"{{ missions(first: 1, asOf: {literal}) {{ totalCount }} }}")
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] in ("BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"), error
    body = gql(client, MISSIONS, date=2010)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]


NODE = "__typename ... on Mission { id startDate endDate } ... on Location { id } " + " ".join(
    f"... on {kind} {{ id }}" for kind in ("Branch", "Officer", "PartnerAgency")
)
STEP = "type from to since until"
PATHS = f"""query($date: Date) {{
  partnersConnectedToRegion(regionId: "country-haiti", asOf: $date) {{
    partner {{ id }} paths {{ nodes {{ {NODE} }} relationships {{ {STEP} }} }} }}
  neighborhood(id: "mission-op-haiti", depth: 2, asOf: $date) {{
    nodes {{ {NODE} }} edges {{ {STEP} }} }}
  shortestPath(fromId: "mission-minustah", toId: "mission-minujusth", asOf: $date) {{
    nodes {{ {NODE} }} relationships {{ {STEP} }} }}
}}"""


def _all_held(nodes: list[Row], steps: list[Row], date: str) -> bool:
    return all(_holds(n.get("startDate"), n.get("endDate"), date) for n in nodes) and all(
        _holds(r["since"], r["until"], date) for r in steps
    )


@pytest.mark.parametrize("date", ["2004", "2010-06-01", "2017-10", "2018", "2030"])
def test_paths_go_only_through_what_held_then(client: TestClient, date: str) -> None:
    whole = ok(client, PATHS)
    found = ok(client, PATHS, date=date)
    partners = found["partnersConnectedToRegion"]
    for row in partners:
        assert row["paths"], row
        for path in row["paths"]:
            assert _all_held(path["nodes"], path["relationships"], date), path
    assert {r["partner"]["id"] for r in partners} <= {
        r["partner"]["id"] for r in whole["partnersConnectedToRegion"]
    }
    around = found["neighborhood"]
    assert _all_held(around["nodes"], around["edges"], date)
    assert _ids(around["nodes"]) <= _ids(whole["neighborhood"]["nodes"])
    path = found["shortestPath"]
    if path is not None:
        assert _all_held(path["nodes"], path["relationships"], date)
    # MINUSTAH and MINUJUSTH were both running only in October 2017.
    assert (path is not None) is (date == "2017-10")
    if date == "2010-06-01":
        assert "mission-minujusth" not in _ids(around["nodes"])
        assert "mission-minustah" in _ids(around["nodes"])


FILTERED = """query($date: Date) {
  locations(first: 100, asOf: $date, filter: { missionsSome: { name: "MINUJUSTH" } }) {
    nodes { id } }
  missions(first: 100, asOf: $date, filter: { within: "country-haiti" }) { nodes { id } }
}"""


def test_filters_follow_only_what_held_then(client: TestClient) -> None:
    whole = ok(client, FILTERED)
    assert "country-haiti" in _ids(whole["locations"]["nodes"])
    # In 2010 MINUJUSTH had not started: no place had it, whatever its name.
    assert "country-haiti" not in _ids(ok(client, FILTERED, date="2010")["locations"]["nodes"])
    assert "country-haiti" in _ids(ok(client, FILTERED, date="2018")["locations"]["nodes"])
    then = _ids(ok(client, FILTERED, date="2010")["missions"]["nodes"])
    assert "mission-minustah" in then and "mission-minujusth" not in then


TIMELINE = """query($ids: [ID!]!, $from: Date, $to: Date) {
  timeline(ids: $ids, from: $from, to: $to) {
    date kind entity { __typename ... on Mission { id startDate endDate } }
    relationship { type from to since until sources { document } } } }"""
HAITI = ["mission-minustah", "mission-minujusth", "mission-op-haiti", "country-haiti"]


@pytest.mark.parametrize(("start", "end"), [(None, None), ("2017", "2017-12"), ("2018", None)])
def test_a_timeline_gives_each_dated_start_and_end_in_time_order(
    client: TestClient, start: str | None, end: str | None
) -> None:
    events = ok(client, TIMELINE, ids=HAITI, **{"from": start, "to": end})["timeline"]
    everything = ok(client, TIMELINE, ids=HAITI)["timeline"]

    def inside(date: str) -> bool:
        # Some day of the date falls between the first day of `from` and the last of `to`.
        return _holds(start, end, date) if start or end else True

    assert events == [e for e in everything if inside(e["date"])]
    for event in everything:
        entity, step = event["entity"], event["relationship"]
        assert (entity is None) is not (step is None)
        if entity is not None:
            key = "startDate" if event["kind"] == "STARTS" else "endDate"
            assert entity[key] == event["date"] and entity["id"] in HAITI
        else:
            key = "since" if event["kind"] == "STARTS" else "until"
            assert step[key] == event["date"] and {step["from"], step["to"]} & set(HAITI)
            assert step["sources"]
    # In time order, dates of mixed precision by their first day; a relationship between
    # two of the entities once.
    days = [e["date"] + "-01-01"[len(e["date"]) - 4 :] for e in events]
    assert days == sorted(days)
    steps = [(s["type"], s["from"], s["to"], e["kind"]) for e in events if (s := e["relationship"])]
    assert len(steps) == len(set(steps))
    if start is None and end is None:
        assert {("STARTS", "2004"), ("ENDS", "2017-10-15"), ("STARTS", "2017-10-16")} <= {
            (e["kind"], e["date"]) for e in events
        }


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [({"from": "2019", "to": "2018"}, "from"), ({"from": "2019-14"}, "from"), ({"to": "x"}, "to")],
)
def test_a_timeline_refuses_a_stretch_that_is_not_one(
    client: TestClient, arguments: dict[str, str], argument: str
) -> None:
    body = gql(client, TIMELINE, ids=HAITI, **arguments)
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert f"`{argument}`" in error["message"]


def test_a_timeline_longer_than_its_cap_is_refused_not_cut(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = ok(client, TIMELINE, ids=HAITI)["timeline"]
    assert len(events) > 2
    monkeypatch.setattr(queries, "MAX_EVENTS", 2)
    body = gql(client, TIMELINE, ids=HAITI)
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert "more than 2 events" in error["message"]


def test_undated_facts_are_flagged(client: TestClient) -> None:
    found = ok(
        client,
        """{ missions(first: 100) { nodes { id startDate endDate undated } }
             neighborhood(id: "mission-minustah") { edges { since until undated } }
             flagOnly: missions(first: 100) { nodes { id undated } } }""",
    )
    missions = found["missions"]["nodes"]
    assert {m["undated"] for m in missions} == {True, False}  # the seed has both
    for mission in missions:
        assert mission["undated"] is (mission["startDate"] is None and mission["endDate"] is None)
    # Asked alone, the flag still reads the dates it comes from.
    assert {m["id"]: m["undated"] for m in found["flagOnly"]["nodes"]} == {
        m["id"]: m["undated"] for m in missions
    }
    edges = found["neighborhood"]["edges"]
    assert {e["undated"] for e in edges} == {True, False}
    for edge in edges:
        assert edge["undated"] is (edge["since"] is None and edge["until"] is None)
