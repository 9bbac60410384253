"""/export: a read query's first list as CSV or JSON rows, with /graphql's limits."""

from __future__ import annotations

import csv
import io
import json

import pytest
from starlette.testclient import TestClient

from tests.conftest import gql
from web.export import file_name, first_list, flatten, renamed, table, to_csv

MISSIONS = """query($language: String) {
  missions(filter: { language: $language }, first: 50) {
    totalCount
    nodes { id name armed authorizedDeployments locations { id name } sources { document quote } }
  }
}"""


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "spreadsheets need the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


# ---- the table shape (no service needed) ---------------------------------------------


def test_first_list_is_found_in_field_order() -> None:
    data = {"a": {"count": 3, "page": {"items": [1, 2]}}, "b": [9]}
    assert first_list(data) == (("a", "page", "items"), [1, 2])
    assert first_list({"a": {"b": None}, "c": 1}) is None
    assert first_list({"none": None, "list": []}) == (("list",), [])


def test_rows_flatten_objects_to_dotted_columns_and_lists_item_by_item() -> None:
    item = {
        "id": "m1",
        "managedBy": {"id": "b1", "parent": {"name": "Sector"}},
        "aliases": ["A", "B"],
        "sources": [
            {"document": "d1", "quote": "q1", "asOf": None},
            {"document": "d2", "quote": "q2", "asOf": "2024"},
        ],
        "empty": [],
    }
    assert flatten(item) == {
        "id": "m1",
        "managedBy.id": "b1",
        "managedBy.parent.name": "Sector",
        "aliases": ["A", "B"],
        "sources.document": ["d1", "d2"],
        "sources.quote": ["q1", "q2"],
        # Item n stays at position n even where a value is missing.
        "sources.asOf": [None, "2024"],
        "empty": [],
    }
    assert flatten("plain") == {"value": "plain"}
    # Items of a union list with different fields keep their positions too.
    assert flatten({"nodes": [{"a": 1}, {"b": 2}]}) == {"nodes.a": [1, None], "nodes.b": [None, 2]}


def test_a_list_inside_a_list_item_keeps_to_its_item() -> None:
    figures = {
        "figures": [
            {"label": "a", "sources": [{"quote": "q1"}, {"quote": "q2"}]},
            {"label": "b", "sources": []},
            {"label": "c", "sources": [{"quote": "q3"}]},
        ]
    }
    row = table([figures])[0]
    assert row == {
        "figures.label": ["a", "b", "c"],
        "figures.sources.quote": [["q1", "q2"], None, ["q3"]],
    }
    cells = read_csv(to_csv([row]))[0]
    assert cells["figures.label"].split("\n") == ["a", "b", "c"]
    assert cells["figures.sources.quote"].split("\n") == ["q1; q2", "", "q3"]


def test_null_objects_add_no_column_beside_their_leaves() -> None:
    rows = table([{"id": "a", "parent": None}, {"id": "b", "parent": {"id": "p"}}, None])
    assert rows == [{"id": "a"}, {"id": "b", "parent.id": "p"}]
    # Alone, a null object is a column of its own (there are no leaves to show).
    assert table([{"id": "a", "parent": None}]) == [{"id": "a", "parent": None}]


def test_csv_columns_cells_and_formula_guard() -> None:
    rows = [
        {"id": "x", "n": 2300.0, "ok": True, "list": ["a", None, "c"]},
        {"id": "y", "extra": '=HYPERLINK("http://evil")', "n": -4, "ok": None},
    ]
    text = to_csv(rows)
    assert "\r\n" in text  # RFC 4180 line ends
    table = read_csv(text)
    assert list(table[0]) == ["id", "n", "ok", "list", "extra"]
    assert table[0] == {"id": "x", "n": "2300", "ok": "true", "list": "a\n\nc", "extra": ""}
    # Text a spreadsheet would run as a formula is quoted; numbers stay numbers.
    assert table[1]["extra"] == '\'=HYPERLINK("http://evil")'
    assert table[1]["n"] == "-4"
    assert to_csv([]) == "\ufeff"


def test_list_cells_stay_one_line_per_item_and_are_guarded() -> None:
    row = {"quotes": ["first line\nsecond line", "=SUM(A1)"], "notes": ["\tindented", "x"]}
    cells = read_csv(to_csv([row]))[0]
    # The break inside item 1 would push item 2 to line 3: it becomes a space.
    assert cells["quotes"] == "first line second line\n=SUM(A1)"
    # Only the start of a cell can make a formula; tabs and carriage returns count too.
    assert cells["notes"] == "'\tindented\nx"
    single = read_csv(to_csv([{"a": "\rx", "b": "+1", "c": "@x", "d": "multi\nline"}]))[0]
    assert single == {"a": "'\rx", "b": "'+1", "c": "'@x", "d": "multi\nline"}


def test_columns_are_renamed_and_those_given_one_name_merge() -> None:
    rows = [
        {"__typename": "Location", "id": "a", "locationKind": "CITY"},
        {"__typename": "Branch", "id": "b", "branchKind": "DIVISION"},
        {"__typename": "Mission", "id": "c"},
    ]
    columns = {"__typename": "type", "locationKind": "kind", "branchKind": "kind"}
    assert renamed(rows, columns) == [
        {"type": "Location", "id": "a", "kind": "CITY"},
        {"type": "Branch", "id": "b", "kind": "DIVISION"},
        {"type": "Mission", "id": "c"},
    ]
    # The first value that is not empty wins; nothing renamed, nothing changed.
    assert renamed([{"a": None, "b": "x"}], {"a": "c", "b": "c"}) == [{"c": "x"}]
    assert renamed(rows, {}) is rows


def test_file_names_follow_the_result_path() -> None:
    assert file_name(("missions", "nodes"), "csv") == "ipgraph-missions-nodes.csv"
    assert file_name(("a b/../c",), "json") == "ipgraph-abc.json"
    assert file_name((), "csv") == "ipgraph-export.csv"


# ---- the endpoint ----------------------------------------------------------------------


@pytest.mark.integration
def test_get_csv_matches_the_graphql_answer(client: TestClient) -> None:
    variables = {"language": "French"}
    response = client.get(
        "/export",
        params={"format": "csv", "query": MISSIONS, "variables": json.dumps(variables)},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="ipgraph-missions-nodes.csv"'
    )
    assert response.headers["cache-control"] == "no-store"
    table = read_csv(response.text)
    expected = gql(client, MISSIONS, **variables)["data"]["missions"]["nodes"]  # type: ignore[index]
    assert len(expected) > 1
    assert [row["id"] for row in table] == [m["id"] for m in expected]
    first = expected[0]
    assert table[0]["name"] == first["name"]
    assert table[0]["sources.quote"].split("\n") == [s["quote"] for s in first["sources"]]
    assert table[0]["locations.id"].split("\n") == [loc["id"] for loc in first["locations"]]
    assert set(table[0]) == {
        "id",
        "name",
        "armed",
        "authorizedDeployments",
        "locations.id",
        "locations.name",
        "sources.document",
        "sources.quote",
    }


@pytest.mark.integration
def test_relationships_export_with_their_own_properties(client: TestClient) -> None:
    query = (
        "query($ids: [ID!]!) { relationships(ids: $ids) "
        "{ type from to role since until note sources { document } } }"
    )
    variables = {"ids": ["mission-minustah", "mission-minujusth", "country-haiti"]}
    response = client.get(
        "/export", params={"format": "csv", "query": query, "variables": json.dumps(variables)}
    )
    assert response.status_code == 200, response.text
    rows = {(r["type"], r["from"], r["to"]): r for r in read_csv(response.text)}
    minustah = rows["LOCATED_IN", "mission-minustah", "country-haiti"]
    assert (minustah["since"], minustah["until"], minustah["note"]) == ("2004", "2017-10-15", "")
    assert rows["SUCCEEDED_BY", "mission-minustah", "mission-minujusth"]["since"] == "2017-10-16"
    assert minustah["sources.document"]


@pytest.mark.integration
def test_any_read_exports_its_facts_as_prov_jsonld(client: TestClient) -> None:
    query = """{ partnersConnectedToRegion(regionId: "country-mali") {
      partner { id name sources { document quote } }
      paths { relationships { type from to sources { document quote asOf inferred reasoning } } }
    } }"""
    response = client.post("/export", json={"query": query, "format": "prov-jsonld"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/ld+json"
    assert response.headers["content-disposition"] == (
        'attachment; filename="ipgraph-partnersConnectedToRegion.jsonld"'
    )
    cited = response.json()
    nodes = {node["@id"]: node for node in cited["@graph"]}
    body = gql(client, query)
    answer = body["data"]["partnersConnectedToRegion"]  # type: ignore[index]
    # Which state of the graph it quotes: the version a GraphQL read of it cites.
    version = body["extensions"]["citation"]["dataVersion"]  # type: ignore[index]
    assert response.headers["x-data-version"] == version
    assert (cited["@type"], cited["ipgraph:dataVersion"]) == ("prov:Bundle", version)
    for row in answer:
        partner = nodes[f"ipgraph:entity/{row['partner']['id']}"]
        assert {d["@id"] for d in partner["prov:wasDerivedFrom"]} == {
            f"ipgraph:document/{s['document']}" for s in row["partner"]["sources"]
        }
        for path in row["paths"]:
            for step in path["relationships"]:
                link = nodes[f"ipgraph:relationship/{step['from']}/{step['type']}/{step['to']}"]
                quotes = {d["prov:value"] for d in link["prov:qualifiedDerivation"]}
                assert quotes == {s["quote"] for s in step["sources"]}
    nothing = client.post(
        "/export", json={"query": "{ missions { nodes { id } } }", "format": "prov-jsonld"}
    )
    assert nothing.status_code == 400
    assert "sources" in nothing.json()["errors"][0]["message"]


@pytest.mark.integration
def test_post_json_rows_of_entities(client: TestClient) -> None:
    query = """query($ids: [ID!]!) { entities(ids: $ids) {
      __typename ... on Location { id name parent { id } } ... on Mission { id acronym } } }"""
    response = client.post(
        "/export",
        json={
            "query": query,
            "variables": {"ids": ["city-bogota", "nope", "mission-minusma"]},
            "format": "json",
        },
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert "ipgraph-entities.json" in response.headers["content-disposition"]
    # The unknown id (null) has no row.
    assert response.json() == [
        {
            "__typename": "Location",
            "id": "city-bogota",
            "name": "Bogota",
            "parent.id": "country-colombia",
        },
        {"__typename": "Mission", "id": "mission-minusma", "acronym": "MINUSMA"},
    ]


@pytest.mark.integration
def test_renamed_columns_give_one_kind_column_and_named_ends(client: TestClient) -> None:
    """What the explorer's exports ask for: one `kind` column over the per-type aliases of
    each type's own `kind`, and relationships with the names of their ends."""
    query = """query($ids: [ID!]!) { entities(ids: $ids) { __typename
      ... on Location { id name locationKind: kind } ... on Branch { id name branchKind: kind }
      ... on Mission { id name } } }"""
    ids = ["city-bogota", "branch-international-operations", "mission-minusma"]
    response = client.post(
        "/export",
        json={
            "query": query,
            "variables": {"ids": ids},
            "columns": {"__typename": "type", "locationKind": "kind", "branchKind": "kind"},
        },
    )
    assert response.status_code == 200, response.text
    rows = read_csv(response.text)
    assert list(rows[0]) == ["type", "id", "name", "kind"]
    kinds = gql(
        client,
        '{ location(id: "city-bogota") { kind } '
        'branch(id: "branch-international-operations") { kind } }',
    )["data"]
    assert [(r["id"], r["kind"]) for r in rows] == [
        ("city-bogota", kinds["location"]["kind"]),
        ("branch-international-operations", kinds["branch"]["kind"]),
        ("mission-minusma", ""),
    ]

    steps = (
        "query($ids: [ID!]!) { relationships(ids: $ids) { from fromName type to toName since } }"
    )
    response = client.get(
        "/export",
        params={
            "query": steps,
            "variables": json.dumps({"ids": ["mission-minusma", "country-mali"]}),
            "columns": json.dumps({"fromName": "from name", "toName": "to name"}),
        },
    )
    assert response.status_code == 200, response.text
    [row] = read_csv(response.text)
    names = gql(
        client,
        '{ mission(id: "mission-minusma") { name } location(id: "country-mali") { name } }',
    )["data"]
    assert (row["from"], row["from name"], row["to"], row["to name"]) == (
        "mission-minusma",
        names["mission"]["name"],
        "country-mali",
        names["location"]["name"],
    )


@pytest.mark.integration
def test_format_may_come_in_the_query_string_of_a_post(client: TestClient) -> None:
    response = client.post(
        "/export?format=json", json={"query": '{ search(text: "bogota") { __typename } }'}
    )
    assert response.status_code == 200
    assert response.json()[0] == {"__typename": "Location"}


@pytest.mark.integration
@pytest.mark.parametrize(
    ("request_kwargs", "message"),
    [
        ({"params": {"format": "xlsx", "query": '{ search(text: "x") { __typename } }'}}, "format"),
        ({"params": {"format": "csv"}}, "query"),
        ({"params": {"query": "{ x }", "variables": "{not json"}}, "variables"),
        ({"params": {"query": "{ x }", "variables": "[1]"}}, "variables"),
        ({"params": {"query": '{ location(id: "city-bogota") { name } }'}}, "no list"),
        ({"params": {"query": "{ x }", "columns": "{not json"}}, "columns"),
        ({"params": {"query": "{ x }", "columns": '{"a": ""}'}}, "columns"),
        ({"params": {"query": "{ x }", "columns": '{"a": 1}'}}, "columns"),
    ],
    ids=[
        "bad-format",
        "no-query",
        "bad-variables",
        "variables-not-object",
        "no-list",
        "columns-not-json",
        "empty-column-name",
        "column-name-not-text",
    ],
)
def test_bad_requests_get_a_clear_400(
    client: TestClient, request_kwargs: dict[str, object], message: str
) -> None:
    response = client.get("/export", **request_kwargs)  # type: ignore[arg-type]
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert message in error["message"]
    assert error["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.integration
def test_post_bodies_must_be_json_objects(client: TestClient) -> None:
    for body in (b"not json", b"[1, 2]", b"\xff\xfe"):
        response = client.post(
            "/export", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400
        assert "JSON object" in response.json()["errors"][0]["message"]


@pytest.mark.integration
def test_mutations_are_refused(client: TestClient) -> None:
    # (With an editor's token too: tests/web/test_auth.py.)
    mutation = """mutation { deleteLocation(id: "city-bogota") { id } }"""
    response = client.post("/export", json={"query": mutation})
    assert response.status_code == 400
    assert "queries only" in response.json()["errors"][0]["message"]
    still = gql(client, '{ location(id: "city-bogota") { id } }')
    assert still["data"] == {"location": {"id": "city-bogota"}}


@pytest.mark.integration
def test_graphql_errors_give_no_file(client: TestClient) -> None:
    syntax = client.get("/export", params={"query": "{ search(text: "})
    assert syntax.status_code == 400
    assert syntax.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    bad_input = client.get(
        "/export", params={"query": '{ search(text: "x", first: 500) { __typename } }'}
    )
    assert bad_input.status_code == 400
    assert bad_input.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "content-disposition" not in bad_input.headers


@pytest.mark.integration
def test_operation_name_picks_the_operation(client: TestClient) -> None:
    document = """query Places { search(text: "bogota") { __typename } }
      query Ids { entities(ids: ["mission-minusma"]) { ... on Mission { id } } }
      mutation Drop { deleteMission(id: "mission-minusma") { id } }"""
    chosen = client.post(
        "/export", json={"query": document, "operationName": "Ids", "format": "json"}
    )
    assert chosen.status_code == 200
    assert chosen.json() == [{"id": "mission-minusma"}]
    unknown = client.post("/export", json={"query": document, "operationName": "Nope"})
    assert unknown.status_code == 400
    assert "operationName" in unknown.json()["errors"][0]["message"]
    mutation = client.post("/export", json={"query": document, "operationName": "Drop"})
    assert mutation.status_code == 400
    assert gql(client, '{ mission(id: "mission-minusma") { id } }')["data"] == {
        "mission": {"id": "mission-minusma"}
    }


@pytest.mark.integration
def test_the_limits_of_graphql_apply(client: TestClient) -> None:
    huge = """{ missions(first: 100) { nodes { locations {
        officers(first: 100) { nodes { missions {
          officers(first: 100) { nodes { id } } } } } } } } }"""
    response = client.get("/export", params={"query": huge})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_LARGE"
    deep = (
        '{ search(text: "x") { ... on Location { ' + "parent { " * 10 + "id" + " }" * 10 + " } } }"
    )
    too_deep = client.get("/export", params={"query": deep})
    assert too_deep.status_code == 400
    assert "depth" in too_deep.json()["errors"][0]["message"]
    big = client.post(
        "/export", json={"query": '{ search(text: "x") { __typename } }', "pad": "x" * (1 << 20)}
    )
    assert big.status_code == 413


@pytest.mark.integration
def test_a_bad_variable_is_the_error_graphql_gives(client: TestClient) -> None:
    payload = {"query": MISSIONS, "variables": {"language": ["French"]}}
    exported = client.post("/export", json=payload)
    assert exported.status_code == 400
    assert "content-disposition" not in exported.headers
    (error,) = exported.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "variable": "language"}
    # /graphql: the same error (200 under application/json, 400 as a GraphQL response).
    legacy = client.post("/graphql", json=payload)
    assert legacy.status_code == 200 and legacy.json()["errors"] == [error]
    spec = client.post(
        "/graphql", json=payload, headers={"accept": "application/graphql-response+json"}
    )
    assert spec.status_code == 400 and spec.json()["errors"] == [error]
    # A body nested past what JSON parsing takes is a 400 too, never a plain-text 500.
    deep = b'{"query": "{ __typename }", "variables": {"v": ' + b"[" * 5000 + b"]" * 5000 + b"}}"
    for path in ("/export", "/graphql"):
        refused = client.post(path, content=deep, headers={"content-type": "application/json"})
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
