"""Relay global objects as a front end's cache sees them: Apollo Client's in-memory cache
(npm, ``cache.mjs``) normalizes ipgraph's answers by ``__typename`` and ``id``, so a
query, the same entity through ``node(id:)``, and a mutation's answer land on one cache
entry, and the mutation updates what the query reads from the cache."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from graph.settings import Settings
from tests.conftest import serving
from tests.cypherlint.client import CypherLinter
from web.app import create_app

pytestmark = pytest.mark.integration

HARNESS = Path(__file__).parent
EDITOR = "a" * 40
MISSION = "mission-apollo-cache"
CREATE = """mutation($input: MissionInput!) { upsertMission(input: $input) { id } }"""


def _graphql(url: str, query: str, **variables: object) -> dict[str, object]:
    response = httpx.post(
        url,
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {EDITOR}"},
        timeout=30,
    )
    body: dict[str, object] = response.json()
    assert "errors" not in body, body
    return body


def test_apollo_client_cache_follows_queries_node_and_mutations(
    live_settings: Settings, linter: CypherLinter
) -> None:
    settings = live_settings.model_copy(update={"api_keys": SecretStr(f"{EDITOR}:editor")})
    with serving(create_app(settings, observer=linter.observe)) as base:
        url = f"{base}/graphql"
        mission = {
            "id": MISSION,
            "name": "Apollo cache mission",
            "status": "ACTIVE",
            "category": "PEACE_OPERATION",
            "sources": [{"document": "apollo-cache-test", "quote": "The mission began."}],
        }
        _graphql(url, CREATE, input=mission)
        try:
            done = subprocess.run(
                ["node", "cache.mjs", url, EDITOR, MISSION],
                cwd=HARNESS,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert done.returncode == 0, done.stderr
            seen = json.loads(done.stdout)
        finally:
            _graphql(url, "mutation($id: ID!) { deleteMission(id: $id) { id } }", id=MISSION)
    entry = f"Mission:{MISSION}"
    assert seen["first"]["mission"]["status"] == "ACTIVE"
    assert seen["viaNode"]["node"] == {
        "__typename": "Mission",
        "id": MISSION,
        "name": "Apollo cache mission",
        "status": "ACTIVE",
    }
    # One entry for the mission, whichever field fetched it.
    assert seen["entriesBefore"] == [entry]
    assert seen["entriesAfter"] == [entry]
    # The mutation's answer updated the entry both queries read from the cache.
    assert seen["cached"]["mission"]["status"] == "CLOSED"
    assert seen["cachedNode"]["node"]["status"] == "CLOSED"
    assert seen["cached"]["mission"]["name"] == "Apollo cache mission"
