"""Honest errors over HTTP, through the real ASGI app: a client's mistake is a 4xx or a
``BAD_USER_INPUT`` naming the variable, never INTERNAL_SERVER_ERROR, never a traceback in
the log; nothing answers a plain-text 500; ``/graphql`` and ``/export`` agree; a client
asking for ``application/graphql-response+json`` gets GraphQL-over-HTTP's status codes.

Most of these fail before any resolver runs, so the unit tier serves them from an app
whose database is never reached (``NeverReached``); the last tests run on the seeded
engines (integration).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from graph.settings import Settings
from web import export
from web.app import GraphQLApp, create_app

GRAPHQL_RESPONSE = "application/graphql-response+json"
AS_GRAPHQL_RESPONSE = {"accept": GRAPHQL_RESPONSE}
JSON_BODY = {"content-type": "application/json"}

FILTER = "query($f: MissionFilter) { missions(filter: $f) { nodes { id } } }"
PAGE = 'query($n: Int) { search(text: "x", first: $n) { __typename } }'
TEXT = "query($t: String!) { search(text: $t) { __typename } }"
LOCATION = "query($id: ID!) { location(id: $id) { id } }"
CREATE = "mutation($m: MissionInput!) { createMission(input: $m) { id } }"
LINK = "mutation($i: RelationshipInput!) { link(input: $i) { __typename } }"
UNLINK = 'mutation($t: RelationshipType!) { unlink(type: $t, fromId: "a", toId: "b") }'

SOURCE = {"document": "d.md", "quote": "q"}
MISSION = {"id": "m-new", "name": "New", "status": "ACTIVE", "category": "UN_MISSION"}
LONE = "\ud800"  # a lone UTF-16 surrogate: JSON lets it through, it is not Unicode


def nested_filter(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {"status": "ACTIVE"}
    for _ in range(levels):
        value = {"AND": [value]}
    return value


# id, operation, variables, the variable named, a fragment of the message
QUERY_MISTAKES = [
    ("enum-in-filter", FILTER, {"f": {"status": "NOPE"}}, "f", "MissionStatus"),
    ("int-not-a-number", PAGE, {"n": "abc"}, "n", "Int cannot represent"),
    ("int-over-32-bits", PAGE, {"n": 2**31}, "n", "32-bit"),
    ("missing-required-id", LOCATION, {}, "id", "ID!"),
    ("bad-boolean", FILTER, {"f": {"armed": "yes"}}, "f", "Boolean"),
    ("lone-surrogate-in-string", TEXT, {"t": f"a{LONE}b"}, "t", "surrogate"),
    ("lone-surrogate-in-id", LOCATION, {"id": LONE}, "id", "surrogate"),
    ("lone-surrogate-in-filter", FILTER, {"f": {"name": LONE}}, "f", "at .name"),
    ("nested-too-deeply", FILTER, {"f": nested_filter(150)}, "f", "nested"),
]
MUTATION_MISTAKES = [
    (
        "enum-in-mutation-input",
        CREATE,
        {"m": {**MISSION, "status": "NOPE", "sources": [SOURCE]}},
        "m",
        "MissionStatus",
    ),
    (
        "link-type",
        LINK,
        {"i": {"type": "NOPE", "from": "a", "to": "b", "sources": [SOURCE]}},
        "i",
        "RelationshipType",
    ),
    ("unlink-type", UNLINK, {"t": "NOPE"}, "t", "RelationshipType"),
    (
        "lone-surrogate-in-mutation-input",
        CREATE,
        {"m": {**MISSION, "name": LONE, "sources": [SOURCE]}},
        "m",
        "surrogate",
    ),
]


class NeverReached:
    """The app's database: any use fails the test (these errors come before resolvers)."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the database was reached ({name})")


def offline_app(settings: Settings | None = None) -> Starlette:
    """The real app, its lifespan not run and its database never reached."""
    app = create_app(settings or Settings(NEO4J_URI="bolt://127.0.0.1:1", _env_file=None))
    app.state.db = NeverReached()
    return app


@pytest.fixture(scope="module")
def offline() -> Iterator[TestClient]:
    with_db_never_reached = offline_app()
    yield TestClient(with_db_never_reached)


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


def post(client: TestClient, path: str, payload: object, **headers: str) -> Any:
    """POST ``payload`` as JSON (ASCII: a lone surrogate goes as its ``\\ud800`` escape)."""
    return client.post(path, content=json.dumps(payload).encode(), headers={**JSON_BODY, **headers})


def assert_no_fault_logged(logs: pytest.LogCaptureFixture) -> None:
    assert "Traceback" not in logs.text
    assert not [r for r in logs.records if r.levelno >= logging.ERROR or r.exc_info], logs.text


def only_error(body: dict[str, Any]) -> dict[str, Any]:
    assert set(body) <= {"data", "errors", "extensions"}
    (error,) = body["errors"]
    assert isinstance(error["message"], str) and error["message"]
    return dict(error)


def assert_names_the_variable(error: dict[str, Any], name: str, fragment: str) -> None:
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["variable"] == name
    assert f"'${name}'" in error["message"]
    assert fragment in error["message"]


# ---- B8: invalid variable values -----------------------------------------------------


@pytest.mark.parametrize(
    ("query", "variables", "name", "fragment"),
    [case[1:] for case in QUERY_MISTAKES + MUTATION_MISTAKES],
    ids=[case[0] for case in QUERY_MISTAKES + MUTATION_MISTAKES],
)
def test_bad_variables_are_bad_user_input_on_graphql(
    offline: TestClient,
    logs: pytest.LogCaptureFixture,
    query: str,
    variables: dict[str, Any],
    name: str,
    fragment: str,
) -> None:
    # application/json: GraphQL's convention, 200 with the error and no data.
    legacy = post(offline, "/graphql", {"query": query, "variables": variables})
    assert legacy.status_code == 200
    assert legacy.headers["content-type"] == "application/json"
    body = legacy.json()
    assert body["data"] is None
    assert_names_the_variable(only_error(body), name, fragment)
    # application/graphql-response+json: a request error, 400 and no data entry.
    spec = post(
        offline, "/graphql", {"query": query, "variables": variables}, **AS_GRAPHQL_RESPONSE
    )
    assert spec.status_code == 400
    assert spec.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" not in spec.json()
    assert_names_the_variable(only_error(spec.json()), name, fragment)
    assert_no_fault_logged(logs)


@pytest.mark.parametrize(
    ("query", "variables", "name", "fragment"),
    [case[1:] for case in QUERY_MISTAKES],
    ids=[case[0] for case in QUERY_MISTAKES],
)
def test_bad_variables_are_bad_user_input_on_export_too(
    offline: TestClient,
    logs: pytest.LogCaptureFixture,
    query: str,
    variables: dict[str, Any],
    name: str,
    fragment: str,
) -> None:
    response = post(offline, "/export", {"query": query, "variables": variables})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert "content-disposition" not in response.headers
    error = only_error(response.json())
    assert_names_the_variable(error, name, fragment)
    # The very error /graphql answers with.
    graphql = post(offline, "/graphql", {"query": query, "variables": variables}).json()
    assert error == graphql["errors"][0]
    assert_no_fault_logged(logs)


def test_variables_in_the_query_string_too(
    offline: TestClient, logs: pytest.LogCaptureFixture
) -> None:
    params = {"query": PAGE, "variables": json.dumps({"n": "abc"})}
    for path in ("/graphql", "/export"):
        response = offline.get(path, params=params, headers=AS_GRAPHQL_RESPONSE)
        assert response.status_code == 400, path
        assert_names_the_variable(only_error(response.json()), "n", "Int")
    assert_no_fault_logged(logs)


@pytest.mark.parametrize(
    "query",
    [
        'mutation { unlink(type: NOPE, fromId: "a", toId: "b") }',
        'mutation { link(input: {type: NOPE, from: "a", to: "b", sources: []}) { __typename } }',
        "{ missions(filter: {status: NOPE}) { nodes { id } } }",
        '{ search(text: "x", first: 2147483648) { __typename } }',
    ],
    ids=["unlink-literal", "link-literal", "filter-literal", "int-literal"],
)
def test_bad_literals_are_validation_errors(
    offline: TestClient, logs: pytest.LogCaptureFixture, query: str
) -> None:
    spec = post(offline, "/graphql", {"query": query}, **AS_GRAPHQL_RESPONSE)
    assert spec.status_code == 400
    assert "data" not in spec.json()
    legacy = post(offline, "/graphql", {"query": query})
    assert legacy.status_code == 200
    for body in (spec.json(), legacy.json()):
        # (A page of 2^31 is also over the node limit: QUERY_TOO_LARGE beside it.)
        codes = [error["extensions"]["code"] for error in body["errors"]]
        assert "GRAPHQL_VALIDATION_FAILED" in codes
        assert set(codes) <= {"GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_LARGE"}
    assert_no_fault_logged(logs)


# ---- B9: bodies the server could not read --------------------------------------------

NESTED_1000 = (
    b'{"query": "{ __typename }", "variables": {"f": '
    + b'{"AND": [' * 1000
    + b"{}"
    + b"]}" * 1000
    + b"}}"
)
BODIES = [
    ("json-string", b'"{__typename}"', "JSON object"),
    ("json-null", b"null", "JSON object"),
    ("json-number", b"7", "JSON object"),
    ("byte-0xff", b'{"query": "{ __typename }"}\xff', ""),
    ("only-0xff", b"\xff", ""),
    ("not-json", b"{query", ""),
    ("nested-1000-levels", NESTED_1000, "nested too deeply"),
]


@pytest.mark.parametrize("path", ["/graphql", "/export"])
@pytest.mark.parametrize(("body", "fragment"), [b[1:] for b in BODIES], ids=[b[0] for b in BODIES])
def test_unreadable_bodies_are_400_in_the_graphql_shape(
    offline: TestClient, logs: pytest.LogCaptureFixture, path: str, body: bytes, fragment: str
) -> None:
    response = offline.post(path, content=body, headers=JSON_BODY)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    error = only_error(response.json())
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert fragment in error["message"]
    # Asked for it, the same refusal comes as application/graphql-response+json.
    spec = offline.post(path, content=body, headers={**JSON_BODY, **AS_GRAPHQL_RESPONSE})
    assert spec.status_code == 400
    assert spec.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert only_error(spec.json()) == error
    assert_no_fault_logged(logs)


GET_MUTATION = 'mutation { unlink(type: PART_OF, fromId: "a", toId: "b") }'
TYPENAME = "{ __typename }"


@pytest.mark.parametrize(
    ("request_kwargs", "status", "code"),
    [
        pytest.param({"json": [{"query": TYPENAME}]}, 400, "BAD_REQUEST", id="batch"),
        pytest.param({"json": {}}, 400, "BAD_REQUEST", id="no-query"),
        pytest.param(
            {"content": b"{}", "headers": {"content-type": "text/plain"}},
            400,
            "BAD_REQUEST",
            id="content-type",
        ),
        pytest.param(
            {"json": {"query": TYPENAME, "operationName": "Nope"}},
            400,
            "BAD_REQUEST",
            id="unknown-operation",
        ),
        pytest.param(
            {"method": "GET", "params": {"query": TYPENAME, "variables": "{"}},
            400,
            "BAD_REQUEST",
            id="bad-get-variables",
        ),
        pytest.param(
            {"method": "GET", "params": {"query": GET_MUTATION}},
            405,
            "METHOD_NOT_ALLOWED",
            id="mutation-over-get",
        ),
        pytest.param(
            {"method": "PUT", "json": {"query": TYPENAME}}, 405, "METHOD_NOT_ALLOWED", id="put"
        ),
    ],
)
def test_strawberrys_refusals_are_json_too(
    offline: TestClient,
    logs: pytest.LogCaptureFixture,
    request_kwargs: dict[str, Any],
    status: int,
    code: str,
) -> None:
    response = offline.request(**{"method": "POST", "url": "/graphql", **request_kwargs})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert only_error(response.json())["extensions"]["code"] == code
    if status == 405:
        assert "POST" in response.headers["allow"]
    assert_no_fault_logged(logs)


def test_unknown_paths_answer_in_the_graphql_shape(offline: TestClient) -> None:
    for path in ("/nope", "/static/nope.js"):
        response = offline.get(path)
        assert response.status_code == 404
        assert only_error(response.json())["extensions"]["code"] == "NOT_FOUND"


def test_an_operation_name_that_is_not_unicode_is_a_clean_400(offline: TestClient) -> None:
    # The refusal quotes the name: ASCII JSON (\ud800), never an encoding failure.
    response = post(offline, "/graphql", {"query": "query A { __typename }", "operationName": LONE})
    assert response.status_code == 400
    assert only_error(response.json())["message"] == f'Unknown operation named "{LONE}".'


def test_lone_surrogates_in_the_query_text_are_syntax_errors(offline: TestClient) -> None:
    for query in (f'{{ search(text: "{LONE}") {{ __typename }} }}', f"# {LONE}\n{{ __typename }}"):
        response = post(offline, "/graphql", {"query": query}, **AS_GRAPHQL_RESPONSE)
        assert response.status_code == 400
        assert only_error(response.json())["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


# ---- GraphQL over HTTP: media types and status codes -----------------------------------


def test_an_executed_operation_is_200_whatever_its_field_errors(offline: TestClient) -> None:
    ok = post(offline, "/graphql", {"query": "{ __typename }"}, **AS_GRAPHQL_RESPONSE)
    assert ok.status_code == 200
    assert ok.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert ok.json()["data"] == {"__typename": "Query"}
    # A resolver's error (a page too large, refused before the database): data is there.
    query = '{ search(text: "x", first: 500) { __typename } }'
    partial = post(offline, "/graphql", {"query": query}, **AS_GRAPHQL_RESPONSE)
    assert partial.status_code == 200
    assert partial.json()["data"] is None
    error = only_error(partial.json())
    assert error["path"] == ["search"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "first"}


@pytest.mark.parametrize(
    ("accept", "media_type", "status"),
    [
        (None, "application/json", 200),
        ("application/json", "application/json", 200),
        ("*/*", "application/json", 200),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE, 400),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE, 400),
        (f"application/json, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE, 400),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json", 200),
    ],
)
def test_syntax_errors_follow_the_accepted_media_type(
    offline: TestClient, accept: str | None, media_type: str, status: int
) -> None:
    headers = {"accept": accept} if accept else {}
    response = post(offline, "/graphql", {"query": "{ location(id: "}, **headers)
    assert response.status_code == status
    assert response.headers["content-type"].startswith(media_type)
    body = response.json()
    assert ("data" in body) is (media_type == "application/json")
    assert only_error(body)["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


# ---- the safety net: faults of ours --------------------------------------------------

SECRET = "MATCH (n:Secret) RETURN n /srv/ipgraph/graph/db.py"


def assert_clean_500(response: Any, logs: pytest.LogCaptureFixture) -> None:
    assert response.status_code == 500
    assert response.headers["content-type"].startswith(("application/json", GRAPHQL_RESPONSE))
    error = only_error(response.json())
    correlation = error["extensions"]["correlationId"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error["message"] == f"Internal server error (correlation id {correlation})."
    for leak in ("MATCH", "/srv", "Traceback", "RuntimeError"):
        assert leak not in response.text
    # Logged once: one line naming the id, with the traceback.
    faults = [r for r in logs.records if r.levelno >= logging.ERROR]
    assert len(faults) == 1, logs.text
    assert correlation in faults[0].getMessage() and faults[0].exc_info is not None
    assert SECRET in logs.text


def test_an_unhandled_exception_on_graphql_is_a_json_500(
    offline: TestClient, logs: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: object, **__: object) -> None:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(GraphQLApp, "get_context", broken)
    assert_clean_500(post(offline, "/graphql", {"query": "{ __typename }"}), logs)
    logs.clear()
    spec = post(offline, "/graphql", {"query": "{ __typename }"}, **AS_GRAPHQL_RESPONSE)
    assert spec.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert_clean_500(spec, logs)


def test_an_unhandled_exception_on_export_is_a_json_500(
    offline: TestClient, logs: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(export, "first_list", broken)
    assert_clean_500(offline.get("/export", params={"query": "{ __typename }"}), logs)


# ---- the same on the seeded engines ----------------------------------------------------


@pytest.mark.integration
@pytest.mark.parametrize(
    ("query", "variables", "name", "fragment"),
    [
        (TEXT, {"t": LONE}, "t", "surrogate"),
        (FILTER, {"f": {"status": "NOPE"}}, "f", "MissionStatus"),
        (PAGE, {"n": 2**31}, "n", "32-bit"),
        (CREATE, {"m": {**MISSION, "name": LONE, "sources": [SOURCE]}}, "m", "surrogate"),
        (UNLINK, {"t": "NOPE"}, "t", "RelationshipType"),
    ],
    ids=["surrogate", "enum", "int-32", "surrogate-in-mutation", "unlink-enum"],
)
def test_on_the_live_service(
    client: TestClient,
    logs: pytest.LogCaptureFixture,
    query: str,
    variables: dict[str, Any],
    name: str,
    fragment: str,
) -> None:
    legacy = post(client, "/graphql", {"query": query, "variables": variables})
    assert legacy.status_code == 200
    assert_names_the_variable(only_error(legacy.json()), name, fragment)
    spec = post(client, "/graphql", {"query": query, "variables": variables}, **AS_GRAPHQL_RESPONSE)
    assert spec.status_code == 400
    assert "data" not in spec.json()
    if query.startswith("query"):
        exported = post(client, "/export", {"query": query, "variables": variables})
        assert exported.status_code == 400
        assert only_error(exported.json()) == only_error(legacy.json())
    assert_no_fault_logged(logs)


def test_an_operation_that_reads_nothing_is_answered_again(offline: TestClient) -> None:
    # Once validated, `{ __typename }` is prepared: no root field reads anything, and
    # the prepared path answered it with a 500 (asyncio.wait of no task).
    for _ in range(3):
        response = offline.post("/graphql", json={"query": "{ __typename }"})
        assert response.status_code == 200, response.text
        assert response.json()["data"] == {"__typename": "Query"}
