"""APQ and trusted documents on the engines, with real reads: the APQ round trip over
POST and GET; GraphiQL's examples running, in the browser and over HTTP, on a service
with the shipped manifest as IPGRAPH_TRUSTED_DOCUMENTS; ``/export`` there running the
explorer's export operation and refusing anything unregistered. (The explorer's own
scenarios against that service are in ``test_explorer_browser``.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from graph.settings import Settings
from schema.persisted import sha256_hex
from tests.conftest import serving
from tests.cypherlint.client import CypherLinter
from tests.web.test_graphiql_browser import run_first_example
from web.app import create_app
from web.examples import EXAMPLES
from web.explorer import explorer_model
from web.manifest import SHIPPED_MANIFEST

pytestmark = pytest.mark.integration

MISSION = "query LiveMission($id: ID!) { mission(id: $id) { id name status } }"


def apq(text: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256_hex(text)}}


@pytest.fixture(scope="module")
def open_server(live_settings: Settings, linter: CypherLinter) -> Iterator[str]:
    with serving(create_app(live_settings, observer=linter.observe)) as url:
        yield url


@pytest.fixture(scope="module")
def trusted_server(live_settings: Settings, linter: CypherLinter) -> Iterator[str]:
    settings = live_settings.model_copy(update={"trusted_documents": SHIPPED_MANIFEST})
    with serving(create_app(settings, observer=linter.observe)) as url:
        yield url


def test_apq_round_trip_on_a_real_read(open_server: str) -> None:
    url = f"{open_server}/graphql"
    variables = {"id": "mission-minusma"}
    miss = httpx.post(url, json={"extensions": apq(MISSION), "variables": variables})
    assert miss.status_code == 200
    assert miss.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    wrong = httpx.post(
        url, json={"query": MISSION + " ", "extensions": apq(MISSION), "variables": variables}
    )
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    ran = httpx.post(
        url, json={"query": MISSION, "extensions": apq(MISSION), "variables": variables}
    )
    expected = ran.json()
    assert expected["data"]["mission"]["status"] == "ACTIVE", expected
    for _ in range(2):  # the second time, prepared
        hit = httpx.post(url, json={"extensions": apq(MISSION), "variables": variables})
        assert hit.json()["data"] == expected["data"]
    got = httpx.get(
        url,
        params={"extensions": json.dumps(apq(MISSION)), "variables": json.dumps(variables)},
        headers={"accept": "application/graphql-response+json"},
    )
    assert got.status_code == 200
    assert got.json()["data"] == expected["data"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["name"] for e in EXAMPLES])
def test_graphiqls_examples_run_with_the_shipped_manifest(
    trusted_server: str, example: dict[str, str]
) -> None:
    url = f"{trusted_server}/graphql"
    for body in (
        {"query": example["query"]},
        {"documentId": f"sha256:{sha256_hex(example['query'])}"},
    ):
        response = httpx.post(url, json=body, timeout=30)
        assert response.status_code == 200, response.text
        answer = response.json()
        assert "errors" not in answer, answer
        assert answer["data"], answer


def test_export_with_the_shipped_manifest(trusted_server: str) -> None:
    model = explorer_model()
    ids = ["mission-minusma", "country-mali"]
    exported = httpx.post(
        f"{trusted_server}/export",
        json={
            "query": model["operations"]["entities"],
            "variables": {"ids": ids},
            "format": "json",
        },
        timeout=30,
    )
    assert exported.status_code == 200, exported.text
    assert sorted(row["id"] for row in exported.json()) == sorted(ids)
    refused = httpx.post(
        f"{trusted_server}/export",
        json={"query": "{ missions { nodes { id name } } }", "format": "csv"},
    )
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"
    # And /graphql refuses the same text.
    graphql = httpx.post(
        f"{trusted_server}/graphql", json={"query": "{ missions { nodes { id name } } }"}
    )
    assert graphql.status_code == 403


def test_graphiql_runs_its_example_with_the_shipped_manifest(
    browser: Any, trusted_server: str
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    refused: list[str] = []

    def record(response: Any) -> None:
        if response.url.startswith(f"{trusted_server}/graphql") and response.status != 200:
            refused.append(json.loads(response.request.post_data or "{}").get("query", ""))

    page.on("response", record)
    run_first_example(page, trusted_server, "graphiql-trusted.png")
    # Only GraphiQL's own schema introspection is refused (not in the manifest; production
    # turns introspection off anyway): the example ran as sent.
    assert all("__schema" in query for query in refused), refused
    context.close()
