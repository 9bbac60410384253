"""Every root field on the seeded graph, with the number of Cypher statements it costs."""

from __future__ import annotations

import gc
import itertools
import sys
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.settings import Settings
from resolvers import queries
from resolvers.queries import MAX_IDS
from tests.conftest import gql
from tests.cypherlint.client import CypherLinter
from web.app import create_app
from web.examples import EXAMPLES

pytestmark = pytest.mark.integration


def ok(client: TestClient, query: str, **variables: Any) -> tuple[dict[str, Any], int]:
    """Data of a query that must succeed, and the statements it cost."""
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    return body["data"], body["extensions"]["cypher"]["statements"]  # type: ignore[index, return-value]


def error_code(client: TestClient, query: str, **variables: Any) -> str:
    body = gql(client, query, **variables)
    code: str = body["errors"][0]["extensions"]["code"]  # type: ignore[index]
    return code


ENTITY = """
query($id: ID!) {
  mission(id: $id) {
    id name acronym status language armed authorizedDeployments startDate endDate
    locations { id name kind parent { id } }
    partners { id name acronym kind basedIn { id } }
    managedBy { id name parent { id name } }
    parent { id name }
    predecessor { id } successor { id }
    officers(first: 5) { totalCount nodes { id } }
    officerCount partnerCount
    sources { document quote asOf inferred reasoning }
  }
}
"""


def test_entity_by_id_with_deep_selection_costs_one_statement(client: TestClient) -> None:
    data, statements = ok(client, ENTITY, id="mission-minujusth")
    mission = data["mission"]
    assert statements == 1
    assert mission["status"] == "CLOSED"
    assert mission["startDate"] == "2017-10-16"
    assert mission["endDate"] == "2019-10-16"
    assert mission["predecessor"] == {"id": "mission-minustah"}
    assert all(s["document"] and s["quote"] for s in mission["sources"])


def test_every_entity_root_field(client: TestClient) -> None:
    query = """{
      branch(id: "branch-international-operations") { name subBranches { id } parent { id } }
      officer(id: "lo-bogota") { name role postedTo { id } branch { id } }
      location(id: "country-colombia") { kind children { id } parents { id } }
      partnerAgency(id: "partner-un") { name acronym missions { id } }
      mission(id: "mission-op-mali") { language armed authorizedDeployments }
    }"""
    data, statements = ok(client, query)
    assert statements == 5  # one per root field
    assert data["officer"] == {
        "name": "RCMP Liaison Officer, Bogota",
        "role": "Liaison Officer",
        "postedTo": {"id": "city-bogota"},
        "branch": {"id": "branch-international-operations"},
    }
    assert {"id": "city-bogota"} in data["location"]["children"]
    assert data["mission"] == {"language": "French", "armed": True, "authorizedDeployments": 22}
    assert data["partnerAgency"]["acronym"] == "UN"
    assert {"id": "mission-minusma"} in data["partnerAgency"]["missions"]


def test_unknown_ids_are_null(client: TestClient) -> None:
    data, _ = ok(client, '{ mission(id: "nope") { id } officer(id: "x") { id } }')
    assert data == {"mission": None, "officer": None}


@pytest.mark.parametrize(
    ("field", "node"),
    [
        ("branches", "id"),
        ("officers", "id"),
        ("locations", "id"),
        ("partnerAgencies", "id"),
        ("missions", "id"),
    ],
)
def test_paging_returns_each_item_exactly_once(client: TestClient, field: str, node: str) -> None:
    query = f"""query($after: String) {{
      {field}(first: 7, after: $after) {{
        totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {node} }} }}
      }}
    }}"""
    seen: list[str] = []
    after = None
    total = None
    for _ in range(100):
        data, statements = ok(client, query, after=after)
        assert statements == 1
        conn = data[field]
        total = conn["totalCount"]
        seen += [edge["node"]["id"] for edge in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
        assert after == conn["edges"][-1]["cursor"]
    assert len(seen) == len(set(seen)) == total


def test_nested_connection_pages_too(client: TestClient) -> None:
    query = """query($after: String) {
      location(id: "region-western-hemisphere") {
        officers(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor }
          nodes { id postedTo { id } } }
      }
    }"""
    seen: list[str] = []
    after = None
    while True:
        data, statements = ok(client, query, after=after)
        assert statements == 1
        officers = data["location"]["officers"]
        seen += [n["id"] for n in officers["nodes"]]
        if not officers["pageInfo"]["hasNextPage"]:
            break
        after = officers["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == officers["totalCount"] == 11
    assert "lo-bogota" in seen and "lo-paris" not in seen


def test_aliases_of_one_connection_keep_their_own_arguments(client: TestClient) -> None:
    query = """{ location(id: "region-western-hemisphere") {
      a: officers(first: 1) { nodes { id } }
      b: officers(first: 3) { nodes { id } totalCount }
    } }"""
    data, statements = ok(client, query)
    assert statements == 1
    assert len(data["location"]["a"]["nodes"]) == 1
    assert len(data["location"]["b"]["nodes"]) == 3
    assert data["location"]["b"]["nodes"][0] == data["location"]["a"]["nodes"][0]


def test_first_has_a_maximum_and_bad_cursors_are_refused(client: TestClient) -> None:
    assert error_code(client, "{ missions(first: 101) { totalCount } }") == "BAD_USER_INPUT"
    assert error_code(client, "{ missions(first: -1) { totalCount } }") == "BAD_USER_INPUT"
    nested = '{ location(id: "city-bogota") { officers(first: 500) { totalCount } } }'
    assert error_code(client, nested) == "BAD_USER_INPUT"
    bad_cursor = '{ missions(after: "not-a-cursor") { totalCount } }'
    assert error_code(client, bad_cursor) == "BAD_USER_INPUT"


def test_mission_filters(client: TestClient) -> None:
    query = """query($filter: MissionFilter) {
      missions(first: 100, filter: $filter) { totalCount nodes { id language armed } } }"""
    french_armed, _ = ok(client, query, filter={"language": "French", "armed": True})
    ids = {m["id"] for m in french_armed["missions"]["nodes"]}
    assert {"mission-op-mali", "mission-op-haiti"} <= ids
    assert "mission-op-drc" not in ids  # French but unarmed
    assert all(m["language"] == "French" and m["armed"] for m in french_armed["missions"]["nodes"])

    in_africa, _ = ok(client, query, filter={"within": "country-mali"})
    ids = {m["id"] for m in in_africa["missions"]["nodes"]}
    assert {"mission-minusma", "mission-op-mali", "mission-emp-abb"} <= ids

    with_un, _ = ok(client, query, filter={"partner": "partner-un"})
    assert "mission-minusma" in {m["id"] for m in with_un["missions"]["nodes"]}

    closed, _ = ok(client, query, filter={"status": "CLOSED"})
    assert {"mission-minustah", "mission-minujusth"} <= {
        m["id"] for m in closed["missions"]["nodes"]
    }


def test_location_and_officer_filters(client: TestClient) -> None:
    cities, _ = ok(
        client,
        """{ locations(first: 100, filter: {kind: CITY, within: "region-western-hemisphere"})
             { totalCount nodes { id kind } } }""",
    )
    assert cities["locations"]["totalCount"] == 11
    assert all(n["kind"] == "CITY" for n in cities["locations"]["nodes"])
    officers, _ = ok(
        client,
        """{ officers(first: 100, filter: {branch: "branch-international-operations",
             within: "country-united-states"}) { nodes { id } } }""",
    )
    assert {n["id"] for n in officers["officers"]["nodes"]} == {
        "lo-miami",
        "lo-new-york",
        "lo-seattle",
        "lo-washington-dc",
    }


def test_missions_sorted_by_an_aggregate(client: TestClient) -> None:
    data, statements = ok(
        client,
        """{ missions(first: 5, orderBy: {field: PARTNER_COUNT, direction: DESC})
             { nodes { id partnerCount } } }""",
    )
    counts = [m["partnerCount"] for m in data["missions"]["nodes"]]
    assert statements == 1
    assert counts == sorted(counts, reverse=True)
    assert counts[0] > counts[-1]


def test_search_is_case_and_accent_blind(client: TestClient) -> None:
    query = """query($t: String!) { search(text: $t) {
      __typename ... on Location { id } ... on Officer { id } ... on Mission { id }
      ... on PartnerAgency { id } } }"""
    for text in ("bogotá", "BOGOTA", "Bogota"):
        data, statements = ok(client, query, t=text)
        assert statements == 1
        assert {"__typename": "Location", "id": "city-bogota"} in data["search"]
    acronym, _ = ok(client, query, t="minusma")
    assert {"__typename": "Mission", "id": "mission-minusma"} in acronym["search"]
    assert error_code(client, query, t="   ") == "BAD_USER_INPUT"


def test_figures_keep_disagreeing_sources_apart(client: TestClient) -> None:
    data, statements = ok(
        client,
        """{ figures { id label value qualifier asOf unit
             subject { __typename ... on Branch { id } ... on Officer { id } }
             sources { document quote } } }""",
    )
    assert statements == 1
    deployed = [f for f in data["figures"] if f["value"] in (2300.0, 2500.0)]
    assert {f["qualifier"] for f in deployed} == {"exactly", "more than"}
    assert len({f["sources"][0]["document"] for f in deployed}) == 2
    homsy = [f for f in data["figures"] if f["value"] == 16.0]
    assert homsy and homsy[0]["asOf"] == "2020-02"


def test_figures_of_one_subject(client: TestClient) -> None:
    data, _ = ok(
        client,
        '{ figures(subjectId: "branch-international-operations") { value subject { '
        "... on Branch { id } } } }",
    )
    assert data["figures"]
    assert all(f["subject"] == {"id": "branch-international-operations"} for f in data["figures"])
    assert 37.0 in {f["value"] for f in data["figures"]}


def test_partners_connected_to_a_region_with_their_paths(client: TestClient) -> None:
    query = """{ partnersConnectedToRegion(regionId: "region-western-hemisphere") {
      partner { id name }
      paths { nodes { __typename ... on Location { id } ... on Mission { id }
                      ... on PartnerAgency { id } ... on Officer { id } }
              relationships { type from to sources { quote } } }
    } }"""
    data, statements = ok(client, query)
    assert statements == 1
    rows = data["partnersConnectedToRegion"]
    partners = {row["partner"]["id"] for row in rows}
    assert "partner-un" in partners
    for row in rows:
        assert row["paths"], row
        for path in row["paths"]:
            ids = [n["id"] for n in path["nodes"]]
            # Every path starts at the region and ends at the partner...
            assert ids[0] == "region-western-hemisphere"
            assert ids[-1] == row["partner"]["id"]
            # ...and each step joins consecutive nodes, with its evidence.
            assert len(path["relationships"]) == len(ids) - 1
            for step, (a, b) in zip(path["relationships"], itertools.pairwise(ids), strict=True):
                assert {step["from"], step["to"]} == {a, b}
                assert step["sources"]


def test_shortest_path_between_two_entities(client: TestClient) -> None:
    query = """query($a: ID!, $b: ID!, $hops: Int) {
      shortestPath(fromId: $a, toId: $b, maxHops: $hops) {
      nodes { __typename ... on Location { id } ... on PartnerAgency { id } ... on Mission { id }
              ... on Officer { id } ... on Branch { id } }
      relationships { type from to } } }"""
    data, statements = ok(client, query, a="city-bogota", b="partner-un", hops=8)
    path = data["shortestPath"]
    assert statements == 1
    assert path["nodes"][0]["id"] == "city-bogota"
    assert path["nodes"][-1]["id"] == "partner-un"
    assert len(path["relationships"]) == len(path["nodes"]) - 1
    none, _ = ok(client, query, a="city-bogota", b="nope", hops=3)
    assert none["shortestPath"] is None
    assert error_code(client, query, a="city-bogota", b="partner-un", hops=50) == "BAD_USER_INPUT"


def test_neighborhood_for_drawing(client: TestClient) -> None:
    data, statements = ok(
        client,
        """{ neighborhood(id: "mission-minusma", depth: 1) {
             center { ... on Mission { id } }
             nodes { __typename ... on Location { id } ... on PartnerAgency { id }
                     ... on Mission { id } }
             edges { type from to } } }""",
    )
    graph = data["neighborhood"]
    assert statements == 1
    assert graph["center"] == {"id": "mission-minusma"}
    ids = {n["id"] for n in graph["nodes"]}
    assert {"mission-minusma", "partner-un", "country-mali"} <= ids
    for edge in graph["edges"]:
        assert edge["from"] in ids and edge["to"] in ids
    assert error_code(client, '{ neighborhood(id: "x", depth: 9) { nodes { __typename } } }') == (
        "BAD_USER_INPUT"
    )


def test_entities_cost_one_statement_per_type(client: TestClient) -> None:
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
      __typename ... on Mission { id name } ... on Location { id name } } }"""
    reps = [
        {"__typename": "Mission", "id": "mission-minusma"},
        {"__typename": "Mission", "id": "mission-op-mali"},
        {"__typename": "Location", "id": "city-bogota"},
        {"__typename": "Location", "id": "city-paris"},
        {"__typename": "Mission", "id": "nope"},
    ]
    data, statements = ok(client, query, r=reps)
    assert statements == 2
    assert [e and e["id"] for e in data["_entities"]] == [
        "mission-minusma",
        "mission-op-mali",
        "city-bogota",
        "city-paris",
        None,
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_graphiql_examples_answer_without_errors(
    client: TestClient, example: dict[str, str]
) -> None:
    data, statements = ok(client, example["query"])
    assert statements == 1
    (value,) = data.values()
    assert value, f"{example['name']} returned nothing"


def test_an_alias_cannot_take_another_fields_place(client: TestClient) -> None:
    data, statements = ok(
        client,
        """{ location(id: "region-western-hemisphere") {
             parent: officers(first: 1) { nodes { id } }
             p: parent { id }
             id: officers(first: 2) { totalCount }
             name
        } }""",
    )
    location = data["location"]
    assert statements == 1
    assert len(location["parent"]["nodes"]) == 1
    assert location["p"] is None or "id" in location["p"]
    assert location["id"]["totalCount"] == 11
    assert location["name"] == "Western Hemisphere"


def test_total_count_inside_a_fragment_is_counted(client: TestClient) -> None:
    data, _ = ok(
        client,
        """{ missions(first: 1) { ...Total }
             location(id: "country-colombia") {
               officers { ... on OfficerRelatedConnection { totalCount } } } }
           fragment Total on MissionConnection { totalCount }""",
    )
    assert data["missions"]["totalCount"] >= 28
    assert data["location"]["officers"]["totalCount"] == 1


def test_figures_of_an_entity_name_their_subject(client: TestClient) -> None:
    data, statements = ok(
        client,
        """{ branch(id: "branch-international-operations") {
             figures { value subject { __typename ... on Branch { id } } } } }""",
    )
    assert statements == 1
    figures = data["branch"]["figures"]
    assert figures
    assert all(
        f["subject"] == {"__typename": "Branch", "id": "branch-international-operations"}
        for f in figures
    )


def test_a_cursor_is_refused_under_another_order(client: TestClient) -> None:
    first, _ = ok(client, "{ missions(first: 2) { pageInfo { endCursor } } }")
    cursor = first["missions"]["pageInfo"]["endCursor"]
    query = """query($after: String) { missions(first: 2, after: $after,
      orderBy: {field: AUTHORIZED_DEPLOYMENTS, direction: DESC}) { totalCount } }"""
    assert error_code(client, query, after=cursor) == "BAD_USER_INPUT"


def test_paging_by_a_descending_aggregate_returns_each_item_once(client: TestClient) -> None:
    query = """query($after: String) { missions(first: 4, after: $after,
      orderBy: {field: PARTNER_COUNT, direction: DESC}) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id partnerCount } } }"""
    seen: list[str] = []
    counts: list[int] = []
    after = None
    while True:
        data, _ = ok(client, query, after=after)
        missions = data["missions"]
        seen += [m["id"] for m in missions["nodes"]]
        counts += [m["partnerCount"] for m in missions["nodes"]]
        if not missions["pageInfo"]["hasNextPage"]:
            break
        after = missions["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == missions["totalCount"]
    assert counts == sorted(counts, reverse=True)


def test_path_from_an_entity_to_itself_is_the_entity(client: TestClient) -> None:
    data, _ = ok(
        client,
        '{ shortestPath(fromId: "city-paris", toId: "city-paris") '
        "{ nodes { ... on Location { id } } relationships { type } } }",
    )
    assert data["shortestPath"] == {"nodes": [{"id": "city-paris"}], "relationships": []}


def test_unknown_region_has_no_partners(client: TestClient) -> None:
    data, _ = ok(client, '{ partnersConnectedToRegion(regionId: "nope") { partner { id } } }')
    assert data["partnersConnectedToRegion"] == []


def test_location_partners_agree_with_partners_connected_to_region(client: TestClient) -> None:
    for place in ("region-western-hemisphere", "country-canada", "country-mali"):
        data, statements = ok(
            client,
            """query($id: ID!) {
              location(id: $id) { partners { id } partnerCount }
              partnersConnectedToRegion(regionId: $id) { partner { id } } }""",
            id=place,
        )
        assert statements == 2
        # The same agencies in the same order (by name, then id), the routed ones read
        # as one collected row.
        direct = [p["id"] for p in data["location"]["partners"]]
        routed = [row["partner"]["id"] for row in data["partnersConnectedToRegion"]]
        assert direct == routed, place
        assert data["location"]["partnerCount"] == len(set(direct)) == len(direct)


DIRECT = """query($id: ID!, $direct: Boolean!) {
  location(id: $id) {
    here: missions(direct: $direct) { id }
    missions { id }
    officers(first: 100, direct: $direct) { totalCount nodes { id } }
    wide: officers(first: 100) { totalCount }
  }
  locations(first: 100, filter: { within: $id }) {
    nodes { missions(direct: true) { id } officers(first: 100, direct: true) { nodes { id } } }
  }
}"""


def _ids(rows: list[dict[str, Any]]) -> set[str]:
    return {row["id"] for row in rows}


def _widened(inside: list[dict[str, Any]], relation: str) -> set[str]:
    """What ``relation(direct: true)`` gives for every place inside one."""
    return set().union(
        *(_ids(p[relation]["nodes"] if relation == "officers" else p[relation]) for p in inside)
    )


@pytest.mark.parametrize(
    ("place", "own", "inside"),
    [
        # Missions located in Mali itself; the one at a site in Bamako is inside it.
        ("country-mali", {"missions": {"mission-minusma", "mission-op-mali"}}, {"mission-emp-abb"}),
        # No post is in Colombia itself; Bogotá's is inside it.
        ("country-colombia", {"officers": set()}, {"lo-bogota"}),
    ],
)
def test_direct_keeps_to_the_place_itself(
    client: TestClient, place: str, own: dict[str, set[str]], inside: set[str]
) -> None:
    data, statements = ok(client, DIRECT, id=place, direct=True)
    found, places = data["location"], data["locations"]["nodes"]
    assert statements == 2
    missions, officers = _ids(found["here"]), _ids(found["officers"]["nodes"])
    assert missions >= own.get("missions", set())
    if "officers" in own:
        assert officers == own["officers"]
    assert found["officers"]["totalCount"] == len(officers)
    # Widened is the place's own and those of every place inside it, each once.
    assert _ids(found["missions"]) == missions | _widened(places, "missions")
    assert found["wide"]["totalCount"] == len(officers | _widened(places, "officers"))
    assert inside <= (_ids(found["missions"]) | _widened(places, "officers")) - missions - officers
    # Not asked (or false): widened, as before.
    data, _ = ok(client, DIRECT, id=place, direct=False)
    assert _ids(data["location"]["here"]) == _ids(found["missions"])
    assert data["location"]["officers"]["totalCount"] == found["wide"]["totalCount"]


def test_an_alias_cannot_take_a_page_totals_place(client: TestClient) -> None:
    # On an engine without nested maps a page's total comes back beside it, under a key
    # no alias can spell.
    data, _ = ok(
        client,
        """{ location(id: "country-colombia") { a: officers(first: 1) { totalCount }
             a__total: missions(direct: true) { id } aTotal: officerCount } }""",
    )
    location = data["location"]
    assert location["a"]["totalCount"] == location["aTotal"] >= 1
    assert isinstance(location["a__total"], list)


def test_direct_with_and_without_under_one_key_is_refused(client: TestClient) -> None:
    body = gql(
        client,
        '{ location(id: "country-mali") { a: parent { missions(direct: true) { id } } '
        "b: parent { missions { id } } } }",
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]
    assert "direct" in body["errors"][0]["message"]  # type: ignore[index]


def test_relationships_serve_their_own_properties_wherever_they_are_served(
    client: TestClient,
) -> None:
    step = "type from to role since until note sources { document quote }"
    data, _ = ok(
        client,
        f"""query($ids: [ID!]!) {{
          relationships(ids: $ids) {{ {step} }}
          shortestPath(fromId: "mission-minustah", toId: "mission-op-haiti") {{
            relationships {{ {step} }} }}
          neighborhood(id: "mission-minujusth") {{ edges {{ {step} }} }}
        }}""",
        ids=["mission-minustah", "country-haiti", "mission-op-haiti"],
    )
    located = {(r["type"], r["from"], r["to"]): r for r in data["relationships"]}
    minustah = located["LOCATED_IN", "mission-minustah", "country-haiti"]
    assert (minustah["since"], minustah["until"]) == ("2004", "2017-10-15")
    assert minustah["sources"], "every relationship carries its evidence"
    (part,) = data["shortestPath"]["relationships"]
    assert (part["type"], part["since"], part["until"]) == ("PART_OF", "2004", "2017-10-15")
    minujusth = next(
        e
        for e in data["neighborhood"]["edges"]
        if e["type"] == "PART_OF" and e["from"] == "mission-minujusth"
    )
    assert (minujusth["since"], minujusth["until"]) == ("2017-10-16", "2019-10-16")
    data, _ = ok(
        client,
        """{ partnersConnectedToRegion(regionId: "region-ops-middle-east") {
          paths { relationships { type from note } } } }""",
    )
    notes = {
        r["note"]
        for row in data["partnersConnectedToRegion"]
        for path in row["paths"]
        for r in path["relationships"]
        if r["from"] == "city-jerusalem"
    }
    assert any(note and "contested" in note for note in notes), notes


EDGE_TIES = """query($id: ID!) { location(id: $id) { officers(first: 100) {
  edges { role since until relationships { type from to sources { document } } node { id } }
  nodes { id } } } }"""


@pytest.mark.parametrize("place", ["city-bogota", "region-western-hemisphere"])
def test_a_relation_page_edge_serves_what_ties_its_item(client: TestClient, place: str) -> None:
    data, statements = ok(client, EDGE_TIES, id=place)
    edges = data["location"]["officers"]["edges"]
    assert statements == 1
    assert edges and [e["node"]["id"] for e in edges] == [
        n["id"] for n in data["location"]["officers"]["nodes"]
    ]
    for edge in edges:
        (tie, *_) = edge["relationships"]
        # The route's last step: the officer's posting, to the place or one inside it.
        assert (tie["type"], tie["from"]) == ("POSTED_TO", edge["node"]["id"])
        assert tie["sources"], edge
        assert (edge["role"], edge["since"], edge["until"]) == (None, None, None)
    if place == "city-bogota":
        assert {tie["to"] for e in edges for tie in e["relationships"]} == {"city-bogota"}


def test_neighborhood_says_whether_it_was_cut(client: TestClient) -> None:
    data, _ = ok(client, '{ neighborhood(id: "city-paris") { truncated nodes { __typename } } }')
    assert data["neighborhood"]["truncated"] is False


def test_entities_of_any_type_by_id_in_one_statement(client: TestClient) -> None:
    query = """query($ids: [ID!]!) { entities(ids: $ids) {
      __typename ... on Mission { id name } ... on Location { id kind }
      ... on PartnerAgency { id acronym } } }"""
    ids = ["partner-un", "nope", "mission-minusma", "city-bogota", "partner-un"]
    data, statements = ok(client, query, ids=ids)
    assert statements == 1
    found = data["entities"]
    # In the order given, null for an unknown id, a repeated id answered twice.
    assert [e and e["__typename"] for e in found] == [
        "PartnerAgency",
        None,
        "Mission",
        "Location",
        "PartnerAgency",
    ]
    assert found[1] is None
    assert found[0] == found[4]
    assert found[3] == {"__typename": "Location", "id": "city-bogota", "kind": "CITY"}
    empty, statements = ok(client, query, ids=[])
    assert empty["entities"] == [] and statements == 0
    too_many = [f"id-{i}" for i in range(MAX_IDS + 1)]
    assert error_code(client, query, ids=too_many) == "BAD_USER_INPUT"


def test_relationships_between_entities_with_their_evidence(client: TestClient) -> None:
    query = """query($ids: [ID!]!) { relationships(ids: $ids) {
      type from to sources { document quote } } }"""
    ids = ["mission-minusma", "partner-un", "country-mali", "nope", "mission-minusma"]
    data, statements = ok(client, query, ids=ids)
    assert statements == 1
    steps = data["relationships"]
    found = {(s["from"], s["type"], s["to"]) for s in steps}
    assert ("mission-minusma", "WITH_PARTNER", "partner-un") in found
    assert ("mission-minusma", "LOCATED_IN", "country-mali") in found
    # Both ends are always in the list; each relationship once, in a stable order.
    assert all(s["from"] in ids and s["to"] in ids for s in steps)
    assert len(found) == len(steps)
    assert steps == sorted(steps, key=lambda s: (s["from"], s["type"], s["to"]))
    assert all(s["sources"] and s["sources"][0]["quote"] for s in steps)
    # The same as the neighbourhood's edges among those entities.
    hood, _ = ok(
        client,
        '{ neighborhood(id: "mission-minusma") { edges { type from to } } }',
    )
    among = {
        (e["from"], e["type"], e["to"])
        for e in hood["neighborhood"]["edges"]
        if e["from"] in ids and e["to"] in ids
    }
    assert among <= found
    alone, statements = ok(client, query, ids=["mission-minusma"])
    assert alone["relationships"] == []
    empty, statements = ok(client, query, ids=[])
    assert empty["relationships"] == [] and statements == 0
    assert error_code(client, query, ids=[f"id-{i}" for i in range(MAX_IDS + 1)]) == (
        "BAD_USER_INPUT"
    )


def test_too_many_relationships_is_an_error_not_a_cut(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = "query($ids: [ID!]!) { relationships(ids: $ids) { type } }"
    ids = ["mission-minusma", "partner-un", "country-mali"]
    data, _ = ok(client, query, ids=ids)
    joined = len(data["relationships"])
    assert joined >= 2
    monkeypatch.setattr(queries, "MAX_RELATIONSHIPS", joined)
    exactly, _ = ok(client, query, ids=ids)
    assert len(exactly["relationships"]) == joined
    monkeypatch.setattr(queries, "MAX_RELATIONSHIPS", joined - 1)
    assert error_code(client, query, ids=ids) == "BAD_USER_INPUT"


def test_a_field_that_fails_leaves_no_connection_behind(
    live_settings: Settings, linter: CypherLinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bad argument in one root field decides the response (data: null) while its
    # siblings are still opening connections: GraphQL cancels them. The driver must not
    # be cancelled mid-connection: it would leave sockets unclosed, which the garbage
    # collector reports as a ResourceWarning. A fresh service each time: its connection
    # pool is empty, so every sibling opens one.
    unclosed: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda report: unclosed.append(str(report)))
    query = """{ a: entities(ids: ["city-bogota"]) { __typename }
      b: relationships(ids: ["city-bogota", "country-colombia"]) { type }
      c: search(text: " ") { __typename } }"""
    for _ in range(3):
        with TestClient(create_app(live_settings, observer=linter.observe)) as fresh:
            for _ in range(5):
                assert error_code(fresh, query) == "BAD_USER_INPUT"
            data, _ = ok(fresh, '{ location(id: "city-bogota") { id } }')
            assert data == {"location": {"id": "city-bogota"}}
    gc.collect()
    assert unclosed == []
