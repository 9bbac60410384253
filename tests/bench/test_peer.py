"""The @neo4j/graphql peer on the type definitions rendered from the model: the
benchmark's operations validate against them (Node, no database), and on the seeded
graph the peer's answers to ``region_partners`` and ``nested`` are ipgraph's."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from bench import typedefs
from bench.run import OPERATIONS, PEER_DIR, ensure_peer_installed, peer_server
from graph.settings import Settings

pytestmark = pytest.mark.integration

PEER_OPERATIONS: dict[str, Any] = json.loads((PEER_DIR / "operations.json").read_text())


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    ensure_peer_installed()
    node = shutil.which("node")
    assert node is not None, "the peer needs Node.js"
    return subprocess.run(
        [node, str(PEER_DIR / "check-operations.mjs"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_operations_validate_against_the_rendered_typedefs(tmp_path: Path) -> None:
    done = _check("--typedefs", str(typedefs.write(tmp_path / "typedefs.graphql")))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [f"{op.name}: ok" for op in OPERATIONS if op.peer]
    # Without a file, it renders them itself (the repository's Python).
    done = _check()
    assert done.returncode == 0, done.stdout + done.stderr


def test_without_the_cypher_fields_the_operations_fail_the_check(tmp_path: Path) -> None:
    # Location.missions and Location.partners are several steps: without @cypher, the
    # peer's Location has neither, and the check says so.
    (tmp_path / "typedefs.graphql").write_text(typedefs.render(cypher=()))
    done = _check("--typedefs", str(tmp_path / "typedefs.graphql"))
    assert done.returncode == 1
    assert 'nested: invalid: Cannot query field "missions" on type "Location"' in done.stderr
    assert "region_partners: invalid" in done.stderr


def _ipgraph(client: TestClient, name: str, **variables: object) -> dict[str, Any]:
    op = next(o for o in OPERATIONS if o.name == name)
    response = client.post("/graphql", json={"query": op.query, "variables": variables})
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    return data


def _peer(url: str, query: str, **variables: object) -> dict[str, Any]:
    response = httpx.post(url, json={"query": query, "variables": variables}, timeout=60)
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    return data


def _ids(kind: str, url: str) -> list[str]:
    query = "query($kind: String!) { locations(where: { kind: { eq: $kind } }) { id } }"
    return sorted(row["id"] for row in _peer(url, query, kind=kind)["locations"])


def test_the_peer_answers_what_ipgraph_answers(live_settings: Settings, client: TestClient) -> None:
    with peer_server(live_settings.database_environment()) as url:
        regions, countries = _ids("REGION", url), _ids("COUNTRY", url)
        assert regions and countries
        compared = 0
        for region in regions:
            ours = _ipgraph(client, "region_partners", id=region)["partnersConnectedToRegion"]
            (theirs,) = _peer(url, PEER_OPERATIONS["region_partners"]["query"], id=region)[
                "locations"
            ]
            # The same agencies, in the same order (name, then id).
            assert [row["partner"] for row in ours] == theirs["partners"], region
            compared += len(ours)
        assert compared > 0
        compared = 0
        for country in countries:
            location = _ipgraph(client, "nested", id=country)["location"]
            (theirs,) = _peer(url, PEER_OPERATIONS["nested"]["query"], id=country)["locations"]
            ours = {
                m["id"]: (sorted(p["id"] for p in m["partners"]), m["officerCount"])
                for m in location["missions"]
            }
            peer = {
                m["id"]: (
                    sorted(p["id"] for p in m["partners"]),
                    m["officersConnection"]["aggregate"]["count"]["nodes"],
                )
                for m in theirs["missions"]
            }
            assert ours == peer, country
            compared += len(ours)
        assert compared > 0
