"""Federation-specific exposure: `_service` SDL, introspection, and `_entities` input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph.settings import Mode, Settings
from tests.conftest import gql
from tests.cypherlint.client import CypherLinter
from web.app import create_app

pytestmark = pytest.mark.integration

INTROSPECT = "{ __schema { queryType { name } } }"
SDL = "{ _service { sdl } }"


@pytest.fixture()
def production(live_settings: Settings, linter: CypherLinter) -> Iterator[TestClient]:
    settings = live_settings.model_copy(update={"mode": Mode.PRODUCTION, "reads_need_token": False})
    with TestClient(create_app(settings, observer=linter.observe)) as test_client:
        yield test_client


@pytest.fixture()
def closed(live_settings: Settings, linter: CypherLinter) -> Iterator[TestClient]:
    settings = live_settings.model_copy(
        update={
            "mode": Mode.PRODUCTION,
            "reads_need_token": False,
            "expose_sdl": False,
            "introspection": False,
        }
    )
    with TestClient(create_app(settings, observer=linter.observe)) as test_client:
        yield test_client


def test_development_allows_introspection_and_sdl(client: TestClient) -> None:
    assert gql(client, INTROSPECT)["data"] == {"__schema": {"queryType": {"name": "Query"}}}
    assert (
        'type Mission implements Node @key(fields: "id")'
        in gql(client, SDL)["data"]["_service"]["sdl"]
    )  # type: ignore[index]


def test_production_turns_introspection_off_but_sdl_stays(production: TestClient) -> None:
    body = gql(production, INTROSPECT)
    assert body.get("data") is None
    assert "introspection" in body["errors"][0]["message"].lower()  # type: ignore[index]
    # Federation publishes the schema through _service even so (documented).
    assert "type Location" in gql(production, SDL)["data"]["_service"]["sdl"]  # type: ignore[index]


def test_sdl_can_be_withheld(closed: TestClient) -> None:
    body = gql(closed, SDL)
    assert body.get("data") is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"  # type: ignore[index]
    # Entities still resolve for a gateway fed a supergraph file.
    data = gql(
        closed,
        '{ _entities(representations: [{__typename: "Mission", id: "mission-minusma"}]) '
        "{ ... on Mission { id } } }",
    )["data"]
    assert data == {"_entities": [{"id": "mission-minusma"}]}


@pytest.mark.parametrize(
    ("representation", "message"),
    [
        ('{__typename: "Nope", id: "x"}', "__typename must be one of"),
        ('{__typename: "Mission"}', "id must be a string"),
        ('{__typename: "Mission", id: 7}', "id must be a string"),
        ('{id: "x"}', "__typename must be one of"),
    ],
)
def test_bad_representations_get_a_clean_error_and_null(
    client: TestClient, representation: str, message: str
) -> None:
    body = gql(
        client,
        "{ _entities(representations: ["
        + representation
        + ', {__typename: "Location", id: "city-bogota"}]) { ... on Location { id } } }',
    )
    assert body["data"] == {"_entities": [None, {"id": "city-bogota"}]}
    error = body["errors"][0]  # type: ignore[index]
    assert error["path"] == ["_entities", 0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert message in error["message"]
    assert "KeyError" not in error["message"] and "Traceback" not in str(body)


def test_field_suggestions_follow_the_mode(client: TestClient, closed: TestClient) -> None:
    typo = '{ mision(id: "x") { id } }'
    assert "Did you mean" in gql(client, typo)["errors"][0]["message"]  # type: ignore[index]
    hidden = gql(closed, typo)["errors"][0]["message"]  # type: ignore[index]
    assert (
        "mision" in hidden
        and "Did you mean" not in hidden
        and "mission" not in hidden.replace("mision", "")
    )
