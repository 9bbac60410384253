"""The explorer updates what it has drawn as editors change it (issue 19, part 1), in a
real browser: its subscription (live.js, npm's graphql-ws vendored) follows the drawn
ids, and an edit made through the API elsewhere renames a node, fades a closed mission,
removes and restores a relationship, and removes a deleted entity, with nothing loaded
from outside the service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from graph.settings import Settings
from tests.conftest import serving
from tests.cypherlint.client import CypherLinter
from tests.web.test_explorer_browser import opened
from web.app import create_app
from web.manifest import SHIPPED_MANIFEST

pytestmark = pytest.mark.integration

EDITOR = "e" * 40
MISSION = "mission-explorer-live"
CITY = "city-bogota"
EDGE = f"{MISSION}|LOCATED_IN|{CITY}"
UPSERT = "mutation($input: MissionInput!) { upsertMission(input: $input) { id } }"
LINK = "mutation($input: RelationshipInput!) { link(input: $input) { created } }"
UNLINK = "mutation($from: ID!, $to: ID!) { unlink(type: LOCATED_IN, fromId: $from, toId: $to) }"
DELETE = "mutation($id: ID!) { deleteMission(id: $id) { id } }"
SOURCE = [{"document": "explorer-live-test", "quote": "The mission sat in Bogota."}]


@pytest.fixture(params=["any operation", "trusted documents"])
def server(
    live_settings: Settings, linter: CypherLinter, request: pytest.FixtureRequest
) -> Iterator[str]:
    """The service, taking any operation or only the shipped manifest's (whose explorer
    operations include its subscription): the page works either way. The editor's
    mutations below are not in that manifest, so the trusted one is edited through the
    other."""
    settings = live_settings.model_copy(update={"api_keys": SecretStr(f"{EDITOR}:editor")})
    if request.param == "trusted documents":
        trusted = settings.model_copy(update={"trusted_documents": SHIPPED_MANIFEST})
        with (
            serving(create_app(settings, observer=linter.observe)) as editable,
            serving(create_app(trusted, observer=linter.observe)) as url,
        ):
            yield f"{url} {editable}"
        return
    with serving(create_app(settings, observer=linter.observe)) as url:
        yield f"{url} {url}"


def edit(url: str, query: str, **variables: Any) -> None:
    response = httpx.post(
        f"{url}/graphql",
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {EDITOR}"},
        timeout=30,
    )
    assert "errors" not in response.json(), response.text


def mission(name: str, status: str = "ACTIVE") -> dict[str, Any]:
    return {
        "id": MISSION,
        "name": name,
        "status": status,
        "category": "PEACE_OPERATION",
        "sources": SOURCE,
    }


def test_the_drawing_follows_edits_made_elsewhere(browser: Any, server: str) -> None:
    shown, server = server.split()
    edit(server, UPSERT, input=mission("Live mission"))
    link = {"type": "LOCATED_IN", "from": MISSION, "to": CITY, "sources": SOURCE}
    edit(server, LINK, input=link)
    try:
        with opened(browser, shown) as explorer:
            page = explorer.page
            page.evaluate(f"() => window.explorer.expand('{MISSION}')")
            page.wait_for_function(
                f"() => window.explorer.cy.getElementById('{EDGE}').nonempty()", timeout=20_000
            )
            page.wait_for_selector('#live[data-state="on"]', timeout=20_000)
            node = f"window.explorer.cy.getElementById('{MISSION}')"

            # Renamed elsewhere: the node's label follows.
            edit(server, UPSERT, input=mission("Renamed live mission"))
            page.wait_for_function(f"() => {node}.data('name') === 'Renamed live mission'")
            assert "updated" in page.inner_text("#status")
            assert page.evaluate(f"() => {node}.hasClass('changed')")
            assert MISSION in explorer.listed()
            listed = page.locator(f'#on-screen li[data-id="{MISSION}"]')
            assert "Renamed live mission" in listed.inner_text()

            # Closed: drawn as ended.
            edit(server, UPSERT, input=mission("Renamed live mission", "CLOSED"))
            page.wait_for_function(f"() => {node}.hasClass('ended')")

            # A relationship removed, then made again.
            edge = f"window.explorer.cy.getElementById('{EDGE}')"
            edit(server, UNLINK, **{"from": MISSION, "to": CITY})
            page.wait_for_function(f"() => {edge}.empty()")
            assert "removed" in page.inner_text("#status")
            edit(server, LINK, input=link)
            page.wait_for_function(f"() => {edge}.nonempty()")
            explorer.shot("explorer-live.png")

            # Deleted: the node goes.
            edit(server, DELETE, id=MISSION)
            page.wait_for_function(f"() => {node}.empty()")
            assert "deleted" in page.inner_text("#status")
            assert MISSION not in explorer.listed()
            assert page.evaluate(f"() => window.explorer.cy.getElementById('{CITY}').nonempty()")
            assert explorer.problems == [], explorer.problems
    finally:
        response = httpx.post(
            f"{server}/graphql",
            json={"query": DELETE, "variables": {"id": MISSION}},
            headers={"authorization": f"Bearer {EDITOR}"},
            timeout=30,
        )
        assert response.status_code == 200
