"""The edit history on both engines (issue 15, deliverable 5): every write records who,
when, what (before and after) and the sources given, in its own transaction; an entity's
history newest first, all changes by a monotonic cursor, reverts (themselves recorded),
tombstones for deleted entities, and who may do what."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.settings import Settings
from resolvers.paging import encode_cursor
from tests.conftest import with_api_keys
from tests.cypherlint.client import CypherLinter

pytestmark = pytest.mark.integration

EDITOR = "h" * 40
READER = "k" * 40
# The subject an API key's principal has (``web.auth``): keys are numbered in order.
EDITOR_SUBJECT = "api-key-1"
CHANGE = (
    "id at by action entityId entityType relationship { type from to } "
    "properties { name before after } sources { document quote } "
    "sourcesBefore { quote } relationships { type from to } revertOf"
)


@pytest.fixture(scope="module")
def api(live_settings: Settings, linter: CypherLinter) -> Iterator[TestClient]:
    with with_api_keys(live_settings, linter, f"{EDITOR}:editor,{READER}:reader") as client:
        yield client


def run(client: TestClient, query: str, key: str | None = EDITOR, **variables: Any) -> Any:
    headers = {"authorization": f"Bearer {key}"} if key else {}
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body = response.json()
    assert response.status_code in (200, 400, 401, 403), response.text
    return body


def data(client: TestClient, query: str, **variables: Any) -> Any:
    body = run(client, query, **variables)
    assert "errors" not in body, body
    return body["data"]


def code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


def history(client: TestClient, entity_id: str, first: int = 50) -> list[dict[str, Any]]:
    found = data(
        client,
        f"query($id: ID!) {{ history(id: $id, first: {first}) {{ nodes {{ {CHANGE} }} }} }}",
        id=entity_id,
    )
    nodes: list[dict[str, Any]] = found["history"]["nodes"]
    return nodes


def cursor_now(client: TestClient) -> str | None:
    """The cursor after the newest change (paging ``changes`` to its end)."""
    cursor = None
    while True:
        page = data(
            client,
            "query($after: String) { changes(after: $after, first: 100) "
            "{ pageInfo { hasNextPage endCursor } } }",
            after=cursor,
        )["changes"]["pageInfo"]
        cursor = page["endCursor"] or cursor
        if not page["hasNextPage"]:
            return cursor


def since(client: TestClient, cursor: str | None) -> list[dict[str, Any]]:
    found = data(
        client,
        "query($after: String) { changes(after: $after, first: 100) "
        f"{{ nodes {{ {CHANGE} }} }} }}",
        after=cursor,
    )
    nodes: list[dict[str, Any]] = found["changes"]["nodes"]
    return nodes


def props(change: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {p["name"]: (p["before"], p["after"]) for p in change["properties"]}


@pytest.fixture
def officer(api: TestClient) -> Iterator[str]:
    """A fresh officer id, deleted afterwards if it still exists."""
    entity_id = "officer-history-0"
    run(api, f'mutation {{ deleteOfficer(id: "{entity_id}") {{ id }} }}')
    yield entity_id
    run(api, f'mutation {{ deleteOfficer(id: "{entity_id}") {{ id }} }}')


def create_officer(api: TestClient, entity_id: str, name: str = "Cst. Historia") -> None:
    data(
        api,
        f'mutation {{ createOfficer(input: {{id: "{entity_id}", name: "{name}", rank: "Cst.", '
        'sources: [{document: "memo-1", quote: "Posted in May."}]}) { id } }',
    )


def rename(api: TestClient, entity_id: str, name: str, quote: str) -> None:
    data(
        api,
        f'mutation {{ updateOfficer(id: "{entity_id}", input: {{name: "{name}", '
        f'sources: [{{document: "memo-2", quote: "{quote}"}}]}}) {{ id }} }}',
    )


def test_seed_files_are_recorded_as_seed_with_their_sources(api: TestClient) -> None:
    changes = history(api, "city-bogota")
    created = [c for c in changes if c["entityId"] == "city-bogota" and c["action"] == "CREATED"]
    assert created, changes
    first = created[-1]
    assert first["by"] == "seed"
    assert props(first)["name"] == (None, "Bogota")
    assert first["sources"] and all(s["quote"] for s in first["sources"])
    # Its relationships' changes are part of its history.
    assert any(
        c["relationship"] and "city-bogota" in (c["relationship"]["from"], c["relationship"]["to"])
        for c in changes
    )


def test_each_write_records_who_when_what_and_sources_newest_first(
    api: TestClient, officer: str
) -> None:
    start = cursor_now(api)
    create_officer(api, officer)
    rename(api, officer, "Cpl. Historia", "Promoted in June.")
    data(
        api,
        f'mutation {{ link(input: {{type: POSTED_TO, from: "{officer}", to: "city-bogota", '
        'role: "Liaison", sources: [{document: "memo-3", quote: "Posted to Bogota."}]}) '
        "{ created } }",
    )
    changes = history(api, officer)
    assert [c["action"] for c in changes[:3]] == ["CREATED", "UPDATED", "CREATED"]
    linked, renamed, created = changes[:3]
    assert int(linked["id"]) > int(renamed["id"]) > int(created["id"])
    assert {c["by"] for c in changes[:3]} == {EDITOR_SUBJECT}
    assert all(c["at"].endswith("Z") and c["at"][:2] == "20" for c in changes[:3])

    assert created["entityId"] == officer and created["entityType"] == "Officer"
    assert props(created)["name"] == (None, "Cst. Historia")
    assert created["sources"] == [{"document": "memo-1", "quote": "Posted in May."}]

    # Only what changed: the name, and the sources (kept apart from the properties).
    assert props(renamed) == {"name": ("Cst. Historia", "Cpl. Historia")}
    assert renamed["sources"] == [{"document": "memo-2", "quote": "Promoted in June."}]
    assert renamed["sourcesBefore"] == [{"quote": "Posted in May."}]

    assert linked["relationship"] == {"type": "POSTED_TO", "from": officer, "to": "city-bogota"}
    assert linked["entityId"] is None
    assert props(linked)["role"] == (None, "Liaison")

    # The same three, oldest first, after the cursor taken before them.
    assert [c["id"] for c in since(api, start)] == [c["id"] for c in reversed(changes[:3])]


def test_history_pages_newest_first_by_cursor(api: TestClient, officer: str) -> None:
    create_officer(api, officer)
    for k in range(4):
        rename(api, officer, f"Cst. Page {k}", f"Renamed {k}.")
    seen: list[str] = []
    cursor = None
    while True:
        page = data(
            api,
            "query($id: ID!, $after: String) { history(id: $id, first: 2, after: $after) "
            "{ edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
            id=officer,
            after=cursor,
        )["history"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        cursor = page["pageInfo"]["endCursor"]
    assert len(seen) >= 5
    assert seen == sorted(seen, key=int, reverse=True)
    assert len(set(seen)) == len(seen)


def test_changes_cursor_only_grows_and_sees_nothing_twice(api: TestClient, officer: str) -> None:
    start = cursor_now(api)
    assert since(api, start) == []  # the end of the feed
    create_officer(api, officer)
    first = since(api, start)
    assert [c["entityId"] for c in first] == [officer]
    after_first = cursor_now(api)
    rename(api, officer, "Cst. Feed", "Renamed for the feed.")
    second = since(api, after_first)
    assert [c["action"] for c in second] == ["UPDATED"]
    assert int(second[0]["id"]) > int(first[0]["id"])


def test_refused_and_idle_writes_record_nothing(api: TestClient, officer: str) -> None:
    create_officer(api, officer)
    start = cursor_now(api)
    # A conflict (the id is taken), a bad date, a cycle: nothing written, nothing recorded.
    refused = [
        run(
            api,
            f'mutation {{ createLocation(input: {{id: "{officer}", name: "X", kind: CITY, '
            'sources: [{document: "d", quote: "q"}]}) { id } }',
        ),
        run(
            api,
            'mutation { updateMission(id: "mission-op-mali", input: {startDate: "2023-02-31", '
            'sources: [{document: "d", quote: "q"}]}) { id } }',
        ),
        run(
            api,
            'mutation { link(input: {type: PART_OF, from: "country-colombia", '
            'to: "city-bogota", sources: [{document: "d", quote: "q"}]}) { created } }',
        ),
    ]
    assert [code(body) for body in refused] == ["CONFLICT", "BAD_USER_INPUT", "CONFLICT"]
    # A write that changes nothing (same values, a source already there) is no change.
    data(
        api,
        f'mutation {{ updateOfficer(id: "{officer}", input: {{name: "Cst. Historia", '
        'sources: [{document: "memo-1", quote: "Posted in May."}]}) { id } }',
    )
    assert since(api, start) == []


def test_revert_an_update_puts_it_back_and_is_recorded(api: TestClient, officer: str) -> None:
    create_officer(api, officer)
    rename(api, officer, "Cpl. Wrong", "Misread memo.")
    renamed = history(api, officer)[0]
    reverted = data(api, f'mutation {{ revert(changeId: "{renamed["id"]}") {{ {CHANGE} }} }}')[
        "revert"
    ]
    assert reverted["revertOf"] == renamed["id"]
    assert reverted["by"] == EDITOR_SUBJECT
    assert props(reverted) == {"name": ("Cpl. Wrong", "Cst. Historia")}
    back = data(api, f'{{ officer(id: "{officer}") {{ name sources {{ quote }} }} }}')["officer"]
    assert back == {"name": "Cst. Historia", "sources": [{"quote": "Posted in May."}]}
    # The revert is a change like any other: reverting it re-applies the update.
    again = data(api, f'mutation {{ revert(changeId: "{reverted["id"]}") {{ revertOf }} }}')
    assert again["revert"]["revertOf"] == reverted["id"]
    name = data(api, f'{{ officer(id: "{officer}") {{ name }} }}')["officer"]["name"]
    assert name == "Cpl. Wrong"


def test_revert_refuses_when_changed_since_and_changes_nothing(
    api: TestClient, officer: str
) -> None:
    create_officer(api, officer)
    rename(api, officer, "Cpl. One", "First rename.")
    first = history(api, officer)[0]["id"]
    rename(api, officer, "Cpl. Two", "Second rename.")
    start = cursor_now(api)
    body = run(api, f'mutation {{ revert(changeId: "{first}") {{ id }} }}')
    assert code(body) == "CONFLICT"
    assert "name" in body["errors"][0]["message"]
    assert since(api, start) == []
    assert data(api, f'{{ officer(id: "{officer}") {{ name }} }}')["officer"]["name"] == "Cpl. Two"


def test_deleted_entity_keeps_its_history_and_revert_restores_it(
    api: TestClient, officer: str
) -> None:
    create_officer(api, officer)
    data(
        api,
        f'mutation {{ link(input: {{type: POSTED_TO, from: "{officer}", to: "city-bogota", '
        'since: "2021", sources: [{document: "memo-3", quote: "Posted to Bogota."}]}) '
        "{ created } }",
    )
    data(api, f'mutation {{ deleteOfficer(id: "{officer}") {{ id }} }}')
    assert data(api, f'{{ officer(id: "{officer}") {{ id }} }}')["officer"] is None

    tombstone = history(api, officer)[0]
    assert tombstone["action"] == "DELETED"
    assert props(tombstone)["name"] == ("Cst. Historia", None)
    assert tombstone["sourcesBefore"] == [{"quote": "Posted in May."}]
    assert tombstone["relationships"] == [
        {"type": "POSTED_TO", "from": officer, "to": "city-bogota"}
    ]

    restored = data(
        api,
        f'mutation {{ revert(changeId: "{tombstone["id"]}") {{ action relationships {{ to }} }} }}',
    )["revert"]
    assert restored == {"action": "CREATED", "relationships": [{"to": "city-bogota"}]}
    back = data(
        api,
        f'{{ officer(id: "{officer}") {{ name sources {{ quote }} postedTo {{ id }} }} }}',
    )["officer"]
    assert back["name"] == "Cst. Historia"
    assert back["sources"] == [{"quote": "Posted in May."}]
    assert back["postedTo"] == {"id": "city-bogota"}


def test_revert_a_create_removes_it_and_a_link_unlinks(api: TestClient, officer: str) -> None:
    create_officer(api, officer)
    data(
        api,
        f'mutation {{ link(input: {{type: POSTED_TO, from: "{officer}", to: "city-bogota", '
        'sources: [{document: "memo-3", quote: "Posted to Bogota."}]}) { created } }',
    )
    linked, created = history(api, officer)[:2]
    data(api, f'mutation {{ revert(changeId: "{linked["id"]}") {{ id }} }}')
    posted = data(api, f'{{ officer(id: "{officer}") {{ postedTo {{ id }} }} }}')
    assert posted["officer"]["postedTo"] is None
    gone = data(api, f'mutation {{ revert(changeId: "{created["id"]}") {{ action }} }}')
    assert gone["revert"]["action"] == "DELETED"
    assert data(api, f'{{ officer(id: "{officer}") {{ id }} }}')["officer"] is None


def test_readers_read_history_only_editors_revert(api: TestClient, officer: str) -> None:
    create_officer(api, officer)
    change = history(api, officer)[0]["id"]
    as_reader = run(api, f'{{ history(id: "{officer}") {{ nodes {{ id }} }} }}', key=READER)
    assert as_reader["data"]["history"]["nodes"][0]["id"] == change
    refused = run(api, f'mutation {{ revert(changeId: "{change}") {{ id }} }}', key=READER)
    assert code(refused) == "FORBIDDEN"
    anonymous = run(api, f'mutation {{ revert(changeId: "{change}") {{ id }} }}', key=None)
    assert code(anonymous) == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ('revert(changeId: "999999999") { id }', "NOT_FOUND"),
        ('revert(changeId: "12abc") { id }', "BAD_USER_INPUT"),
        ('revert(changeId: "99999999999999999999999") { id }', "BAD_USER_INPUT"),
    ],
)
def test_revert_of_no_change_is_a_clear_error(
    api: TestClient, argument: str, expected: str
) -> None:
    assert code(run(api, f"mutation {{ {argument} }}")) == expected


@pytest.mark.parametrize(
    "query",
    [
        '{ changes(after: "not-a-cursor") { nodes { id } } }',
        "{ changes(first: 101) { nodes { id } } }",
        '{ history(id: "city-bogota\\n") { nodes { id } } }',
    ],
)
def test_bad_history_arguments_are_bad_user_input(api: TestClient, query: str) -> None:
    assert code(run(api, query)) == "BAD_USER_INPUT"


def link(api: TestClient, rel: str, from_id: str, to_id: str, extra: str = "") -> None:
    data(
        api,
        f'mutation {{ link(input: {{type: {rel}, from: "{from_id}", to: "{to_id}", {extra} '
        'sources: [{document: "memo-4", quote: "Linked."}]}) { created } }',
    )


def test_the_other_end_sees_relationships_go_and_come_back(api: TestClient, officer: str) -> None:
    create_officer(api, officer)
    link(api, "POSTED_TO", officer, "city-bogota")
    data(api, f'mutation {{ deleteOfficer(id: "{officer}") {{ id }} }}')
    tombstone = history(api, officer)[0]  # the entity's change is the newest of the delete
    assert tombstone["entityId"] == officer
    gone = history(api, "city-bogota")[0]
    assert gone["action"] == "DELETED"
    assert gone["relationship"] == {"type": "POSTED_TO", "from": officer, "to": "city-bogota"}
    assert int(tombstone["id"]) == int(gone["id"]) + 1  # recorded with the entity's
    data(api, f'mutation {{ revert(changeId: "{tombstone["id"]}") {{ id }} }}')
    back = history(api, "city-bogota")[0]
    assert (back["action"], back["relationship"]["from"]) == ("CREATED", officer)


def test_revert_refuses_an_id_now_held_by_another_type(api: TestClient, officer: str) -> None:
    branch = "branch-history-0"
    data(
        api,
        f'mutation {{ upsertBranch(input: {{id: "{branch}", name: "History Unit", kind: "UNIT", '
        'sources: [{document: "d", quote: "q"}]}) { id } }',
    )
    create_officer(api, officer)
    link(api, "MEMBER_OF", officer, branch)
    data(api, f'mutation {{ unlink(type: MEMBER_OF, fromId: "{officer}", toId: "{branch}") }}')
    unlinked = history(api, officer)[0]["id"]
    data(api, f'mutation {{ deleteBranch(id: "{branch}") {{ id }} }}')
    # The id now names a partner agency: an officer may be MEMBER_OF one too, but this
    # relationship joined a branch.
    data(
        api,
        f'mutation {{ createPartnerAgency(input: {{id: "{branch}", name: "Other", kind: "PROGRAM", '
        'sources: [{document: "d", quote: "q"}]}) { id } }',
    )
    try:
        body = run(api, f'mutation {{ revert(changeId: "{unlinked}") {{ id }} }}')
        assert code(body) == "CONFLICT"
        assert "Branch" in body["errors"][0]["message"]
        members = data(api, f'{{ officer(id: "{officer}") {{ agencies {{ id }} }} }}')
        assert members["officer"]["agencies"] == []
    finally:
        run(api, f'mutation {{ deletePartnerAgency(id: "{branch}") {{ id }} }}')


def test_revert_of_a_relationship_update_keeps_its_span_whole(
    api: TestClient, officer: str
) -> None:
    create_officer(api, officer)
    link(api, "POSTED_TO", officer, "city-bogota", 'since: "2020", until: "2025",')
    link(api, "POSTED_TO", officer, "city-bogota", 'since: "2010", until: "2025",')
    earlier = history(api, officer)[0]["id"]
    link(api, "POSTED_TO", officer, "city-bogota", 'since: "2010", until: "2015",')
    body = run(api, f'mutation {{ revert(changeId: "{earlier}") {{ id }} }}')
    assert code(body) == "CONFLICT"
    assert "until" in body["errors"][0]["message"]


def test_an_empty_page_keeps_the_cursor(api: TestClient) -> None:
    end = cursor_now(api)
    page = data(
        api,
        "query($after: String) { changes(after: $after) { nodes { id } "
        "pageInfo { hasNextPage endCursor } } }",
        after=end,
    )["changes"]
    assert page == {"nodes": [], "pageInfo": {"hasNextPage": False, "endCursor": end}}


def test_a_forged_cursor_past_every_number_is_bad_input(api: TestClient) -> None:
    forged = encode_cursor("CHANGE", 10**20, "1")
    body = run(api, "query($a: String) { changes(after: $a) { nodes { id } } }", a=forged)
    assert code(body) == "BAD_USER_INPUT"
