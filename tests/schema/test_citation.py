"""``extensions.citation.dataVersion`` on both engines: the cursor of the graph's last
change, on every response that read or wrote the graph; it moves with each change and
only then, and ``changes(after:)`` takes it to list what changed since."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.settings import Settings
from tests.conftest import gql, with_api_keys
from tests.cypherlint.client import CypherLinter
from tests.schema.test_mutations import EDITOR, READER, new_mission, run

pytestmark = pytest.mark.integration

Row = dict[str, Any]
CHANGES = """query($after: String) {
  changes(after: $after, first: 10) { nodes { id entityId } pageInfo { endCursor } }
}"""


@pytest.fixture(scope="module")
def editor(live_settings: Settings, linter: CypherLinter) -> Iterator[TestClient]:
    with with_api_keys(live_settings, linter, f"{EDITOR}:editor,{READER}:reader") as client:
        yield client


def version(body: Row) -> str:
    citation: str = body["extensions"]["citation"]["dataVersion"]
    return citation


def read(client: TestClient) -> Row:
    body = run(client, '{ mission(id: "mission-op-mali") { name } }')
    assert "errors" not in body, body
    return body


def test_a_read_cites_the_graphs_last_change(editor: TestClient) -> None:
    cited = version(read(editor))
    # Nothing came after it...
    after = gql(editor, CHANGES, after=cited)
    assert after["data"]["changes"]["nodes"] == [], after  # type: ignore[index]
    # ...and it is the cursor changes ends on: the seed's load is in the history.
    assert version(read(editor)) == cited


def test_a_change_moves_the_version_and_a_refused_one_does_not(editor: TestClient) -> None:
    before = version(read(editor))
    refused = run(
        editor,
        'mutation { rankFigure(id: "fig-liaison-officers", rank: PREFERRED, reason: "") { id } }',
    )
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    # Refused at the edge: it touched no graph, so it cites none.
    assert "citation" not in (refused.get("extensions") or {})
    assert version(read(editor)) == before

    new_mission(editor, "mission-citation-a", "Citation Mission A")
    moved = version(read(editor))
    assert moved != before
    # What changed since the cited version: exactly the mutation's change, ending on it.
    since = gql(editor, CHANGES, after=before)["data"]["changes"]  # type: ignore[index]
    assert [n["entityId"] for n in since["nodes"]] == ["mission-citation-a"]
    assert since["pageInfo"]["endCursor"] == moved

    # A mutation's own response cites the state it left.
    deleted = run(editor, 'mutation { deleteMission(id: "mission-citation-a") { id } }')
    assert "errors" not in deleted, deleted
    assert version(deleted) == version(read(editor)) != moved


def test_operations_that_read_no_graph_cite_nothing(client: TestClient) -> None:
    for query in (
        "{ __typename }",
        "{ __schema { queryType { name } } }",
        "{ missions(first: 1000) { totalCount } }",  # refused before any read
    ):
        body = gql(client, query)
        assert "citation" not in (body.get("extensions") or {}), body  # type: ignore[operator]


def test_the_version_read_is_not_counted_among_a_reads_statements(client: TestClient) -> None:
    body = gql(client, '{ mission(id: "mission-op-mali") { name } }')
    extensions: Row = body["extensions"]  # type: ignore[assignment]
    assert extensions["cypher"]["statements"] == 1
    assert extensions["citation"]["dataVersion"]
