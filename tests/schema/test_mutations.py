"""Editors' mutations on the real engine: roles, provenance, validation, one transaction each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.db import Database, Tx, create_driver
from graph.settings import Settings
from tests.conftest import with_api_keys
from tests.cypherlint.client import CypherLinter
from tests.support import run_async

pytestmark = pytest.mark.integration

EDITOR = "e" * 40
READER = "r" * 40
SOURCE = '{document: "editor memo 2026-11", quote: "Confirmed by the desk."}'

INPUTS = {
    "Branch": 'kind: "UNIT"',
    "Officer": 'rank: "Sgt."',
    "Location": "kind: CITY",
    "PartnerAgency": 'kind: "PROGRAM"',
    "Mission": 'status: ACTIVE, category: "UN_MISSION", language: "English"',
}


@pytest.fixture(scope="module")
def editor(live_settings: Settings, linter: CypherLinter) -> Iterator[TestClient]:
    with with_api_keys(live_settings, linter, f"{EDITOR}:editor,{READER}:reader") as client:
        yield client


def run(client: TestClient, query: str, key: str | None = EDITOR) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {key}"} if key else {}
    response = client.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


def new_mission(client: TestClient, mission_id: str, name: str) -> None:
    """A mission of the tests' own (the seed's stay as they are)."""
    body = run(
        client,
        f'mutation {{ createMission(input: {{id: "{mission_id}", name: "{name}", '
        f'status: ACTIVE, category: "UN_MISSION", sources: [{SOURCE}]}}) {{ id }} }}',
    )
    assert body["data"] == {"createMission": {"id": mission_id}}, body


def link(client: TestClient, type_: str, from_id: str, to_id: str, extra: str = "") -> None:
    """A new relationship (``extra``: its own properties, ``since: "2004"``)."""
    body = run(
        client,
        f'mutation {{ link(input: {{type: {type_}, from: "{from_id}", to: "{to_id}", '
        f"{extra} sources: [{SOURCE}]}}) {{ created }} }}",
    )
    assert body["data"] == {"link": {"created": True}}, body


def lower(name: str) -> str:
    return name[0].lower() + name[1:]


@pytest.mark.parametrize("typename", list(INPUTS))
def test_create_update_upsert_delete_each_type(editor: TestClient, typename: str) -> None:
    entity_id = f"test-mut-{typename.lower()}"
    fields = INPUTS[typename]
    created = run(
        editor,
        f'mutation {{ create{typename}(input: {{id: "{entity_id}", name: "Tést {typename}", '
        f"{fields}, sources: [{SOURCE}]}}) {{ id name sources {{ document quote }} }} }}",
    )
    assert "errors" not in created, created
    node = created["data"][f"create{typename}"]
    assert node["sources"] == [
        {"document": "editor memo 2026-11", "quote": "Confirmed by the desk."}
    ]

    # Searchable at once, accent blind.
    found = run(
        editor, f'{{ search(text: "test {typename.lower()}") {{ ... on {typename} {{ id }} }} }}'
    )
    assert {"id": entity_id} in found["data"]["search"]

    again = run(
        editor,
        f'mutation {{ create{typename}(input: {{id: "{entity_id}", name: "x", {fields}, '
        f"sources: [{SOURCE}]}}) {{ id }} }}",
    )
    assert code(again) == "CONFLICT"

    updated = run(
        editor,
        f'mutation {{ update{typename}(id: "{entity_id}", input: {{name: "Renamed", '
        'sources: [{document: "memo 2", quote: "Renamed."}]}) { name sources { document } } }',
    )
    assert updated["data"][f"update{typename}"] == {
        "name": "Renamed",
        "sources": [{"document": "editor memo 2026-11"}, {"document": "memo 2"}],
    }

    upsert = (
        f'mutation {{ upsert{typename}(input: {{id: "{entity_id}", name: "Renamed", {fields}, '
        f"sources: [{SOURCE}]}}) {{ name sources {{ document }} }} }}"
    )
    first, second = run(editor, upsert), run(editor, upsert)
    assert first["data"] == second["data"]  # idempotent

    deleted = run(editor, f'mutation {{ delete{typename}(id: "{entity_id}") {{ id }} }}')
    assert deleted["data"] == {f"delete{typename}": {"id": entity_id}}
    gone = run(editor, f'{{ {lower(typename)}(id: "{entity_id}") {{ id }} }}')
    assert gone["data"] == {lower(typename): None}
    assert code(run(editor, f'mutation {{ delete{typename}(id: "{entity_id}") {{ id }} }}')) == (
        "NOT_FOUND"
    )


def test_writes_need_the_editor_role(editor: TestClient) -> None:
    mutation = (
        'mutation { createMission(input: {id: "test-mut-role", name: "x", status: ACTIVE, '
        f'category: "UN_MISSION", sources: [{SOURCE}]}}) {{ id }} }}'
    )
    assert code(run(editor, mutation, key=None)) == "UNAUTHENTICATED"
    refused = run(editor, mutation, key=READER)
    assert code(refused) == "FORBIDDEN"
    assert "editor role" in refused["errors"][0]["message"]
    assert run(editor, '{ mission(id: "test-mut-role") { id } }')["data"] == {"mission": None}


def test_mutations_are_refused_over_get(editor: TestClient) -> None:
    response = editor.get(
        "/graphql",
        params={"query": 'mutation { deleteMission(id: "mission-minusma") { id } }'},
        headers={"authorization": f"Bearer {EDITOR}", "accept": "application/json"},
    )
    # Strawberry refuses mutations over GET (400, "mutations are not allowed when using GET").
    assert response.status_code in (400, 405)
    assert "mutation" in response.text.lower()
    assert run(editor, '{ mission(id: "mission-minusma") { id } }')["data"]["mission"]


VALID = 'id: "test-mut-v", name: "x", status: ACTIVE, category: "UN_MISSION", sources: [SRC]'


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (('"test-mut-v"', '"Not A Slug"'), "input.id"),
        (('name: "x"', 'name: "  "'), "input.name"),
        (("[SRC]", "[]"), "input.sources"),
        (("ACTIVE,", 'ACTIVE, startDate: "2020-13",'), "input.startDate"),
        (("ACTIVE,", "ACTIVE, authorizedDeployments: -1,"), "input.authorizedDeployments"),
        (("ACTIVE,", 'ACTIVE, startDate: "2020", endDate: "2019",'), "input.endDate"),
        (("[SRC]", '[{document: "d", quote: ""}]'), "input.sources[0].quote"),
        (("[SRC]", '[{document: "d", quote: "q", inferred: true}]'), "input.sources[0].reasoning"),
        (('name: "x"', 'name: "nul\\u0000here"'), "input.name"),
        # The seed files' rules, not looser ones (graph.rules serves both).
        (("ACTIVE,", 'ACTIVE, startDate: "2023-02-31",'), "input.startDate"),
        (("ACTIVE,", 'ACTIVE, startDate: "0000",'), "input.startDate"),
        (('category: "UN_MISSION"', 'category: "PICNIC"'), "input.category"),
        (("ACTIVE,", 'ACTIVE, language: "German",'), "input.language"),
        (('"test-mut-v"', '"test-mut-v\\n"'), "input.id"),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(
    editor: TestClient, change: tuple[str, str], field: str
) -> None:
    input_ = VALID.replace(*change).replace("SRC", SOURCE)
    body = run(editor, f"mutation {{ createMission(input: {{{input_}}}) {{ id }} }}")
    assert code(body) == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == field
    assert run(editor, '{ mission(id: "test-mut-v") { id } }')["data"] == {"mission": None}


def test_a_mission_needs_its_category(editor: TestClient) -> None:
    # Required by the model, so by the schema too: refused before any resolver runs.
    input_ = VALID.replace('category: "UN_MISSION", ', "").replace("SRC", SOURCE)
    body = run(editor, f"mutation {{ createMission(input: {{{input_}}}) {{ id }} }}")
    assert code(body) == "GRAPHQL_VALIDATION_FAILED"
    assert "category" in body["errors"][0]["message"]
    assert run(editor, '{ mission(id: "test-mut-v") { id } }')["data"] == {"mission": None}


def test_link_and_unlink_with_provenance(editor: TestClient) -> None:
    link = (
        'mutation { link(input: {type: WITH_PARTNER, from: "mission-op-ukraine", '
        'to: "partner-un", role: "observer", sources: [SRC]}) { created } }'
    ).replace("SRC", SOURCE)
    assert run(editor, link)["data"] == {"link": {"created": True}}
    assert run(editor, link)["data"] == {"link": {"created": False}}  # idempotent
    partners = run(editor, '{ mission(id: "mission-op-ukraine") { partners { id } } }')
    assert {"id": "partner-un"} in partners["data"]["mission"]["partners"]

    wrong = link.replace("WITH_PARTNER", "POSTED_TO")
    assert code(run(editor, wrong)) == "CONFLICT"
    missing = link.replace('"partner-un"', '"partner-nobody"')
    assert code(run(editor, missing)) == "NOT_FOUND"

    unlink = (
        'mutation { unlink(type: WITH_PARTNER, fromId: "mission-op-ukraine", toId: "partner-un") }'
    )
    assert run(editor, unlink)["data"] == {"unlink": True}
    assert code(run(editor, unlink)) == "NOT_FOUND"
    partners = run(editor, '{ mission(id: "mission-op-ukraine") { partners { id } } }')
    assert {"id": "partner-un"} not in partners["data"]["mission"]["partners"]


def test_a_linked_role_and_span_are_read_back_on_the_edge(editor: TestClient) -> None:
    link(
        editor,
        "SERVES_ON",
        "lo-bogota",
        "mission-op-ukraine",
        'role: "Contingent commander", since: "2022-04", until: "2023", '
        'note: "Seconded for one rotation.",',
    )
    body = run(
        editor,
        '{ mission(id: "mission-op-ukraine") { officers(first: 100) { edges { role since '
        "until note relationships { type from to role sources { quote } } node { id } } } } }",
    )
    (edge,) = [
        e for e in body["data"]["mission"]["officers"]["edges"] if e["node"]["id"] == "lo-bogota"
    ]
    assert edge == {
        "role": "Contingent commander",
        "since": "2022-04",
        "until": "2023",
        "note": "Seconded for one rotation.",
        "relationships": [
            {
                "type": "SERVES_ON",
                "from": "lo-bogota",
                "to": "mission-op-ukraine",
                "role": "Contingent commander",
                "sources": [{"quote": "Confirmed by the desk."}],
            }
        ],
        "node": {"id": "lo-bogota"},
    }
    unlink = 'mutation { unlink(type: SERVES_ON, fromId: "lo-bogota", toId: "mission-op-ukraine") }'
    assert run(editor, unlink)["data"] == {"unlink": True}


def test_an_item_reached_through_two_parents_is_tied_once(editor: TestClient) -> None:
    # Mali is part of the Africa region twice over (directly, and through the Sahel group),
    # so a posting to Bamako is reached from Africa along two paths.
    link(editor, "POSTED_TO", "lo-bogota", "city-bamako")
    body = run(
        editor,
        '{ location(id: "region-ops-africa") { officers(first: 100) { totalCount edges { '
        "relationships { type from to } node { id } } } } }",
    )
    officers = body["data"]["location"]["officers"]
    (edge,) = [e for e in officers["edges"] if e["node"]["id"] == "lo-bogota"]
    assert edge["relationships"] == [
        {"type": "POSTED_TO", "from": "lo-bogota", "to": "city-bamako"}
    ]
    assert officers["totalCount"] == len(officers["edges"])
    unlink = 'mutation { unlink(type: POSTED_TO, fromId: "lo-bogota", toId: "city-bamako") }'
    assert run(editor, unlink)["data"] == {"unlink": True}


def test_a_page_as_of_a_date_counts_what_it_lists(editor: TestClient) -> None:
    new_mission(editor, "test-mut-asof", "Dated crews")
    link(editor, "SERVES_ON", "lo-bogota", "test-mut-asof", 'until: "2004-02-10"')
    link(editor, "SERVES_ON", "lo-miami", "test-mut-asof", 'since: "2004-02-12"')
    read = (
        'query($d: Date) { mission(id: "test-mut-asof", asOf: $d) { officerCount '
        "officers(first: 10) { totalCount nodes { id } } } }"
    )
    for date, expected in (
        ("2004-02-11", set()),
        ("2004-02", {"lo-bogota", "lo-miami"}),
        ("2004-02-10", {"lo-bogota"}),
        ("2005", {"lo-miami"}),
    ):
        body = editor.post("/graphql", json={"query": read, "variables": {"d": date}}).json()
        mission = body["data"]["mission"]
        assert {o["id"] for o in mission["officers"]["nodes"]} == expected, date
        assert mission["officers"]["totalCount"] == mission["officerCount"] == len(expected)
    run(editor, 'mutation { deleteMission(id: "test-mut-asof") { id } }')


def test_the_shortest_path_as_of_a_date_may_be_a_longer_one(editor: TestClient) -> None:
    # Two hops through Caracas, but one of them ended in 2000; three through Bogota and
    # Colombia, undated. As of 2010 the shortest path that held is the longer one, on
    # every engine (graph.capabilities: searched by length where the engine cannot).
    links = {
        "test-mut-path-a": [("city-caracas", 'until: "2000"'), ("city-bogota", "")],
        "test-mut-path-b": [("city-caracas", ""), ("country-colombia", "")],
    }
    for mission, places in links.items():
        new_mission(editor, mission, f"Path {mission[-1]}")
        for place, span in places:
            link(editor, "LOCATED_IN", mission, place, span)
    read = (
        'query($d: Date) { shortestPath(fromId: "test-mut-path-a", toId: "test-mut-path-b", '
        "asOf: $d) { nodes { ... on Location { id } ... on Mission { id } } } }"
    )

    def through(date: str | None) -> list[str] | None:
        body = editor.post("/graphql", json={"query": read, "variables": {"d": date}}).json()
        path = body["data"]["shortestPath"]
        return None if path is None else [n["id"] for n in path["nodes"]]

    assert through(None) == ["test-mut-path-a", "city-caracas", "test-mut-path-b"]
    assert through("1999") == ["test-mut-path-a", "city-caracas", "test-mut-path-b"]
    assert through("2010") == [
        "test-mut-path-a",
        "city-bogota",
        "country-colombia",
        "test-mut-path-b",
    ]
    for mission in links:
        run(editor, f'mutation {{ deleteMission(id: "{mission}") {{ id }} }}')


def test_delete_reports_the_relationships_that_went(editor: TestClient) -> None:
    run(
        editor,
        'mutation { createMission(input: {id: "test-mut-del", name: "To delete", '
        f'status: ACTIVE, category: "UN_MISSION", sources: [{SOURCE}]}}) {{ id }} }}',
    )
    run(
        editor,
        'mutation { link(input: {type: LOCATED_IN, from: "test-mut-del", to: "country-mali", '
        f'since: "2020", sources: [{SOURCE}]}}) {{ created }} }}',
    )
    body = run(
        editor,
        'mutation { deleteMission(id: "test-mut-del") '
        "{ id relationships { type from to since until sources { quote } } } }",
    )
    assert body["data"]["deleteMission"]["relationships"] == [
        {
            "type": "LOCATED_IN",
            "from": "test-mut-del",
            "to": "country-mali",
            "since": "2020",
            "until": None,
            "sources": [{"quote": "Confirmed by the desk."}],
        }
    ]
    mali = run(editor, '{ location(id: "country-mali") { missions { id } } }')
    assert {"id": "test-mut-del"} not in mali["data"]["location"]["missions"]


def test_a_failing_transaction_leaves_no_partial_change(live_settings: Settings) -> None:
    async def scenario() -> list[dict[str, Any]]:
        assert live_settings.neo4j_uri is not None
        driver = create_driver(
            live_settings.neo4j_uri,
            (live_settings.neo4j_user, live_settings.neo4j_password.get_secret_value()),
            retry_time=1,
        )
        db = Database(driver, live_settings.neo4j_database, timeout=10)

        async def half_then_fail(tx: Tx) -> None:
            await tx.run("CREATE (n:Mission {id: $id, name: 'half'})", {"id": "test-mut-half"})
            raise RuntimeError("interrupted")

        try:
            with pytest.raises(RuntimeError):
                await db.transaction(half_then_fail)
            return await db.read(
                "MATCH (n:Mission {id: $id}) RETURN n.id AS id", {"id": "test-mut-half"}
            )
        finally:
            await db.close()

    assert run_async(scenario()) == []


# -- one id space (issue 15, B7) -----------------------------------------------------------


@pytest.mark.parametrize("verb", ["create", "upsert"])
def test_an_id_names_one_entity_across_all_types(editor: TestClient, verb: str) -> None:
    taken = run(
        editor,
        f'mutation {{ {verb}Officer(input: {{id: "city-bogota", name: "Not a city", '
        f"sources: [{SOURCE}]}}) {{ id }} }}",
    )
    assert code(taken) == "CONFLICT"
    message = taken["errors"][0]["message"]
    assert "city-bogota" in message and "Location" in message and "Officer" in message
    assert run(editor, '{ officer(id: "city-bogota") { id } }')["data"] == {"officer": None}
    place = run(editor, '{ neighborhood(id: "city-bogota") { nodes { __typename } } }')
    assert "errors" not in place
    # The id is still the city's alone: an update or delete as another type finds nothing.
    for mutation in (
        f'updateOfficer(id: "city-bogota", input: {{name: "x", sources: [{SOURCE}]}}) {{ id }}',
        'deleteOfficer(id: "city-bogota") { id }',
    ):
        assert code(run(editor, f"mutation {{ {mutation} }}")) == "NOT_FOUND"
    assert run(editor, '{ location(id: "city-bogota") { name } }')["data"]["location"]


def test_a_deleted_entity_frees_its_id_for_any_type(editor: TestClient) -> None:
    create = (
        'mutation { createTYPE(input: {id: "test-mut-reuse", name: "Reuse", FIELDS, '
        f"sources: [{SOURCE}]}}) {{ id }} }}"
    )
    for typename in ("Mission", "Branch"):
        made = run(editor, create.replace("TYPE", typename).replace("FIELDS", INPUTS[typename]))
        assert "errors" not in made, made
        other = "Branch" if typename == "Mission" else "Mission"
        clash = run(editor, create.replace("TYPE", other).replace("FIELDS", INPUTS[other]))
        assert code(clash) == "CONFLICT"
        deleted = run(editor, f'mutation {{ delete{typename}(id: "test-mut-reuse") {{ id }} }}')
        assert "errors" not in deleted, deleted


# -- hierarchies and bounds (issue 15, B10) ------------------------------------------------


def _part_of(from_id: str, to_id: str) -> str:
    return (
        f'mutation {{ link(input: {{type: PART_OF, from: "{from_id}", to: "{to_id}", '
        f"sources: [{SOURCE}]}}) {{ created }} }}"
    )


def test_part_of_refuses_a_self_loop(editor: TestClient) -> None:
    body = run(editor, _part_of("city-bogota", "city-bogota"))
    assert code(body) == "CONFLICT"
    assert "city-bogota" in body["errors"][0]["message"]
    assert "itself" in body["errors"][0]["message"]


def test_part_of_refuses_a_cycle_naming_the_path(editor: TestClient) -> None:
    # Bogota is inside Colombia already: Colombia inside Bogota would close a cycle.
    body = run(editor, _part_of("country-colombia", "city-bogota"))
    assert code(body) == "CONFLICT"
    assert "city-bogota -> country-colombia" in body["errors"][0]["message"]
    # Longer: a region inside a city that is (through its country) inside the region.
    region = run(editor, '{ location(id: "country-colombia") { parents { id } } }')
    above = region["data"]["location"]["parents"][0]["id"]
    longer = run(editor, _part_of(above, "city-bogota"))
    assert code(longer) == "CONFLICT"
    assert f"city-bogota -> country-colombia -> {above}" in longer["errors"][0]["message"]
    inside = run(editor, '{ location(id: "city-bogota") { children { id } } }')
    assert inside["data"]["location"]["children"] == []


def test_part_of_still_builds_hierarchies(editor: TestClient) -> None:
    for typename in ("Mission", "Branch"):
        for suffix in ("a", "b"):
            made = run(
                editor,
                f'mutation {{ create{typename}(input: {{id: "test-mut-h{typename.lower()}-'
                f'{suffix}", name: "H", {INPUTS[typename]}, sources: [{SOURCE}]}}) {{ id }} }}',
            )
            assert "errors" not in made, made
        a, b = (f"test-mut-h{typename.lower()}-{s}" for s in "ab")
        try:
            assert run(editor, _part_of(a, b))["data"] == {"link": {"created": True}}
            assert run(editor, _part_of(a, b))["data"] == {"link": {"created": False}}
            assert code(run(editor, _part_of(b, a))) == "CONFLICT"
        finally:
            for entity_id in (a, b):
                run(editor, f'mutation {{ delete{typename}(id: "{entity_id}") {{ id }} }}')


def test_a_write_carries_at_most_fifty_sources(editor: TestClient) -> None:
    def write(operation: str, count: int) -> dict[str, Any]:
        # Variables: a document quoting 5,000 sources inline is past the query text cap.
        sources = [{"document": "d", "quote": f"q{i}"} for i in range(count)]
        response = editor.post(
            "/graphql",
            json={"query": operation, "variables": {"sources": sources}},
            headers={"authorization": f"Bearer {EDITOR}"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    upsert = (
        'mutation($sources: [SourceInput!]!) { upsertOfficer(input: {id: "test-mut-many", '
        'name: "x", sources: $sources}) { sources { quote } } }'
    )
    link = (
        "mutation($sources: [SourceInput!]!) { link(input: {type: POSTED_TO, "
        'from: "lo-bogota", to: "city-bogota", sources: $sources}) { created } }'
    )
    for operation in (upsert, link):
        body = write(operation, 5000)
        assert code(body) == "BAD_USER_INPUT"
        assert body["errors"][0]["extensions"]["field"] == "input.sources"
        assert "at most 50" in body["errors"][0]["message"]
    assert run(editor, '{ officer(id: "test-mut-many") { id } }')["data"] == {"officer": None}
    try:
        made = write(upsert, 50)
        assert len(made["data"]["upsertOfficer"]["sources"]) == 50
    finally:
        run(editor, 'mutation { deleteOfficer(id: "test-mut-many") { id } }')


def test_a_span_never_ends_before_it_starts(editor: TestClient) -> None:
    # A relationship's own span, checked at the edge.
    link = (
        'mutation { link(input: {type: SERVES_ON, from: "lo-bogota", to: "mission-minusma", '
        f'since: "2020", until: "2019-06", sources: [{SOURCE}]}}) {{ created }} }}'
    )
    body = run(editor, link)
    assert code(body) == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == "input.until"
    # An update's end against the start already stored, checked in the write's transaction.
    run(
        editor,
        'mutation { createMission(input: {id: "test-mut-span", name: "Span", status: ACTIVE, '
        f'category: "UN_MISSION", startDate: "2019-03", sources: [{SOURCE}]}}) {{ id }} }}',
    )
    try:
        body = run(
            editor,
            'mutation { updateMission(id: "test-mut-span", input: {endDate: "2018", '
            f"sources: [{SOURCE}]}}) {{ endDate }} }}",
        )
        assert code(body) == "BAD_USER_INPUT"
        assert body["errors"][0]["extensions"]["field"] == "input.endDate"
        kept = run(editor, '{ mission(id: "test-mut-span") { startDate endDate } }')
        assert kept["data"]["mission"] == {"startDate": "2019-03", "endDate": None}
    finally:
        run(editor, 'mutation { deleteMission(id: "test-mut-span") { id } }')
