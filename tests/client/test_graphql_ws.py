"""Subscriptions as front ends consume them: npm's ``graphql-ws`` client (``changes.mjs``,
over the graphql-transport-ws protocol) subscribes to ``changes`` of one entity, with its
token in ``connectionParams``, and receives the changes two mutations make, in order."""

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
EDITOR = "w" * 40
MISSION = "mission-graphql-ws"
UPSERT = "mutation($input: MissionInput!) { upsertMission(input: $input) { id } }"


def _graphql(url: str, query: str, **variables: object) -> None:
    response = httpx.post(
        url,
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {EDITOR}"},
        timeout=30,
    )
    assert "errors" not in response.json(), response.text


def test_graphql_ws_client_receives_changes(live_settings: Settings, linter: CypherLinter) -> None:
    settings = live_settings.model_copy(
        update={"api_keys": SecretStr(f"{EDITOR}:editor"), "reads_need_token": True}
    )
    with serving(create_app(settings, observer=linter.observe)) as base:
        url = f"{base}/graphql"
        node = subprocess.Popen(
            ["node", "changes.mjs", url.replace("http://", "ws://"), EDITOR, MISSION, "2"],
            cwd=HARNESS,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert node.stdout is not None
            ready = node.stdout.readline().strip()
            assert ready == "ready", node.stderr.read() if node.stderr else ready
            for status in ("ACTIVE", "CLOSED"):
                mission = {
                    "id": MISSION,
                    "name": "graphql-ws mission",
                    "status": status,
                    "category": "PEACE_OPERATION",
                    "sources": [{"document": "graphql-ws-test", "quote": "It was watched."}],
                }
                _graphql(url, UPSERT, input=mission)
            out, err = node.communicate(timeout=30)
            assert node.returncode == 0, err
        finally:
            node.kill()
            _graphql(url, "mutation($id: ID!) { deleteMission(id: $id) { id } }", id=MISSION)
    seen = json.loads(out)
    assert [edge["node"]["action"] for edge in seen] == ["CREATED", "UPDATED"]
    assert all(edge["node"]["entityId"] == MISSION for edge in seen)
    status = {p["name"]: p["after"] for p in seen[1]["node"]["properties"]}["status"]
    assert status == "CLOSED"
    assert seen[0]["cursor"] != seen[1]["cursor"]
