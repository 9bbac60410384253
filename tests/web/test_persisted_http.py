"""APQ and trusted documents over HTTP, through the real ASGI app (``schema.persisted``):
what Apollo's persisted-query link and Codegen's documentId clients see, on POST and GET,
on the prepared path and Strawberry's, with both response media types; and ``/export``
under the same rule. Operations here read nothing (``__typename``), so the unit tier
serves them from an app whose database is never reached; ``test_persisted_live`` runs
real reads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.settings import Settings
from schema.persisted import ManifestError, sha256_hex
from tests.web.test_errors_http import offline_app
from web.app import GraphQLApp, create_app

TYPENAME = "{ __typename }"
NAMED = "query Named { __typename }"
OTHER = "query Other { __typename }"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def apq(text: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256_hex(text)}}


def offline_settings(**update: Any) -> Settings:
    return Settings(neo4j_uri="bolt://127.0.0.1:1").model_copy(update=update)


@pytest.fixture
def open_service() -> Iterator[TestClient]:
    # Function-scoped: each test starts with an empty APQ store.
    yield TestClient(offline_app(offline_settings()))


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("trusted") / "persisted-documents.json"
    path.write_text(json.dumps({sha256_hex(t): t for t in (TYPENAME, NAMED)}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trusted(manifest: Path) -> Iterator[TestClient]:
    yield TestClient(offline_app(offline_settings(trusted_documents=manifest)))


def data_of(response: Any) -> Any:
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def error_of(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    errors = response.json()["errors"]
    assert [e["extensions"]["code"] for e in errors] == [code]
    assert "data" not in response.json()
    message: str = errors[0]["message"]
    return message


# -- APQ (no manifest) -----------------------------------------------------------------


def test_apq_not_found_then_registered_then_run_by_hash(open_service: TestClient) -> None:
    miss = open_service.post("/graphql", json={"extensions": apq(NAMED)})
    # Apollo's protocol: 200, this message and code (the link then sends the text), and
    # no caching of the miss.
    assert error_of(miss, 200, "PERSISTED_QUERY_NOT_FOUND") == "PersistedQueryNotFound"
    assert miss.headers["cache-control"] == "private, no-cache, must-revalidate"
    registered = open_service.post("/graphql", json={"query": NAMED, "extensions": apq(NAMED)})
    assert data_of(registered) == {"__typename": "Query"}
    hit = open_service.post("/graphql", json={"extensions": apq(NAMED), "operationName": "Named"})
    assert data_of(hit) == {"__typename": "Query"}


def test_apq_over_get(open_service: TestClient) -> None:
    params = {"extensions": json.dumps(apq(OTHER))}
    miss = open_service.get("/graphql", params=params)
    assert error_of(miss, 200, "PERSISTED_QUERY_NOT_FOUND") == "PersistedQueryNotFound"
    registered = open_service.get("/graphql", params={**params, "query": OTHER})
    assert data_of(registered) == {"__typename": "Query"}
    # The hash alone, with a browser's Accept (*/*): run, not answered with GraphiQL.
    hit = open_service.get("/graphql", params=params, headers={"accept": "*/*"})
    assert data_of(hit) == {"__typename": "Query"}


def test_apq_refuses_a_text_that_is_not_its_hash(open_service: TestClient) -> None:
    for accept in ("application/json", GRAPHQL_RESPONSE):
        wrong = open_service.post(
            "/graphql",
            json={"query": OTHER, "extensions": apq(NAMED)},
            headers={"accept": accept},
        )
        message = error_of(wrong, 400, "PERSISTED_QUERY_HASH_MISMATCH")
        assert "sha256Hash" in message
        assert wrong.headers["content-type"].startswith(accept)
    # Nothing was registered under the hash.
    miss = open_service.post("/graphql", json={"extensions": apq(NAMED)})
    assert error_of(miss, 200, "PERSISTED_QUERY_NOT_FOUND")


def test_an_unsupported_apq_version_is_a_bad_request(open_service: TestClient) -> None:
    extensions = {"persistedQuery": {"version": 2, "sha256Hash": sha256_hex(TYPENAME)}}
    response = open_service.post("/graphql", json={"query": TYPENAME, "extensions": extensions})
    assert "version 2" in error_of(response, 400, "BAD_REQUEST")


def test_a_hash_only_request_takes_the_prepared_path(
    open_service: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Registered (and validated, so prepared) once; then Strawberry's path is closed.
    assert data_of(open_service.post("/graphql", json={"query": NAMED, "extensions": apq(NAMED)}))

    async def closed(*args: object, **kwargs: object) -> None:
        raise AssertionError("the general path was taken")

    monkeypatch.setattr(GraphQLApp, "run", closed)
    assert data_of(open_service.post("/graphql", json={"extensions": apq(NAMED)})) == {
        "__typename": "Query"
    }
    assert data_of(
        open_service.post("/graphql", json={"documentId": f"sha256:{sha256_hex(NAMED)}"})
    ) == {"__typename": "Query"}


# -- trusted documents -------------------------------------------------------------------


def test_registered_operations_run_by_id_hash_or_text(trusted: TestClient) -> None:
    digest = sha256_hex(NAMED)
    for body in (
        {"documentId": f"sha256:{digest}"},
        {"documentId": digest},
        {"extensions": apq(NAMED)},
        {"query": NAMED},
        {"query": NAMED, "extensions": apq(NAMED)},
    ):
        assert data_of(trusted.post("/graphql", json=body)) == {"__typename": "Query"}, body
    assert data_of(trusted.get("/graphql", params={"documentId": f"sha256:{digest}"})) == {
        "__typename": "Query"
    }
    assert data_of(trusted.get("/graphql", params={"query": TYPENAME})) == {"__typename": "Query"}


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [("application/json", "application/json"), (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE)],
)
def test_an_unregistered_operation_is_refused(
    trusted: TestClient, accept: str, media_type: str
) -> None:
    headers = {"accept": accept}
    for response in (
        trusted.post("/graphql", json={"query": OTHER}, headers=headers),
        trusted.get("/graphql", params={"query": OTHER}, headers=headers),
        # A registered text with one more space is another document.
        trusted.post("/graphql", json={"query": NAMED + " "}, headers=headers),
    ):
        message = error_of(response, 403, "PERSISTED_QUERY_NOT_ALLOWED")
        assert message.startswith("Only registered operations may run here: ")
        assert response.headers["content-type"].startswith(media_type)
    unknown = trusted.post(
        "/graphql", json={"documentId": f"sha256:{sha256_hex(OTHER)}"}, headers=headers
    )
    assert sha256_hex(OTHER) in error_of(unknown, 404, "PERSISTED_QUERY_NOT_IN_LIST")


def test_apq_cannot_register_in_trusted_mode(trusted: TestClient) -> None:
    miss = trusted.post("/graphql", json={"extensions": apq(OTHER)})
    assert error_of(miss, 200, "PERSISTED_QUERY_NOT_FOUND") == "PersistedQueryNotFound"
    register = trusted.post("/graphql", json={"query": OTHER, "extensions": apq(OTHER)})
    assert "cannot register" in error_of(register, 403, "PERSISTED_QUERY_NOT_ALLOWED")
    again = trusted.post("/graphql", json={"extensions": apq(OTHER)})
    assert error_of(again, 200, "PERSISTED_QUERY_NOT_FOUND")


def test_a_batch_cannot_carry_an_unregistered_operation(trusted: TestClient) -> None:
    # Strawberry refuses batches (batching is not configured): nothing of it runs.
    response = trusted.post("/graphql", json=[{"query": NAMED}, {"query": OTHER}])
    assert response.status_code == 400
    assert "data" not in response.json()


def test_export_runs_registered_operations_only(trusted: TestClient) -> None:
    refused = trusted.post("/export", json={"query": OTHER})
    assert error_of(refused, 403, "PERSISTED_QUERY_NOT_ALLOWED").startswith(
        "Only registered operations may run here"
    )
    refused_get = trusted.get("/export", params={"query": OTHER})
    assert error_of(refused_get, 403, "PERSISTED_QUERY_NOT_ALLOWED")
    # Registered: it runs (and holds no list, which /export then says).
    for ran in (
        trusted.post("/export", json={"documentId": f"sha256:{sha256_hex(NAMED)}"}),
        trusted.get("/export", params={"extensions": json.dumps(apq(NAMED))}),
        trusted.post("/export", json={"query": NAMED}),
    ):
        assert "no list to export" in error_of(ran, 400, "BAD_REQUEST")
    nothing = trusted.post("/export", json={})
    assert "`query`" in error_of(nothing, 400, "BAD_REQUEST")


def test_a_bad_manifest_stops_the_app_naming_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "persisted-documents.json"
    path.write_text(json.dumps({sha256_hex("{ nope }"): "{ nope }"}), encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        create_app(offline_settings(trusted_documents=path))
    assert sha256_hex("{ nope }") in str(caught.value)
    assert "nope" in str(caught.value)
