"""HTTP surface of the running service: GraphQL over POST and GET, health, readiness."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from starlette.testclient import TestClient

from tests.conftest import ROOT, gql

pytestmark = pytest.mark.integration

CITY = """
query City($id: ID!) {
  location(id: $id) { id name kind parent { id kind parent { id kind } } }
}
"""


def test_post_returns_data_read_from_the_graph(client: TestClient) -> None:
    body = gql(client, CITY, id="city-bogota")
    assert "errors" not in body, body
    city = body["data"]["location"]  # type: ignore[index]
    assert city["name"] == "Bogota"
    assert city["kind"] == "CITY"
    assert city["parent"]["id"] == "country-colombia"
    assert city["parent"]["kind"] == "COUNTRY"
    assert city["parent"]["parent"]["kind"] == "REGION"


def test_unknown_id_is_null_not_an_error(client: TestClient) -> None:
    body = gql(client, CITY, id="no-such-place")
    assert body == {"data": {"location": None}, "extensions": body.get("extensions")}


def test_get_serves_queries(client: TestClient) -> None:
    response = client.get(
        "/graphql",
        params={"query": CITY, "variables": json.dumps({"id": "city-bogota"})},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["data"]["location"]["name"] == "Bogota"


def test_development_mode_reports_cypher_statements(client: TestClient) -> None:
    body = gql(client, CITY, id="city-bogota")
    cypher = body["extensions"]["cypher"]  # type: ignore[index]
    assert cypher["statements"] >= 1
    assert cypher["dbTimeMs"] >= 0


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    ready = client.get("/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


def test_graphiql_page_is_served_without_any_cdn(client: TestClient) -> None:
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    html = page.text
    assert "/static/graphiql/graphiql.min.js" in html
    assert "http://" not in html and "https://" not in html
    for asset in ("graphiql.min.js", "graphiql.min.css", "react.production.min.js"):
        assert client.get(f"/static/graphiql/{asset}").status_code == 200


def test_explorer_page_loads_only_from_the_service(client: TestClient) -> None:
    page = client.get("/explorer")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe" not in policy
    html = page.text
    assert "http://" not in html and "https://" not in html
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    # Its own scripts and style sheets, and libraries vendored as VERSIONS.txt lists them.
    own = {
        f"/static/explorer/{name}"
        for name in ("explorer.js", "explorer.css", "map.js", "map.css", "live.js")
    }
    vendored = set(assets) - own
    assert own <= set(assets) and vendored
    listed = (ROOT / "web/static/explorer/vendor/VERSIONS.txt").read_text(encoding="utf-8")
    for asset in vendored:
        assert asset.startswith("/static/explorer/vendor/"), asset
        assert re.search(rf"^{re.escape(asset.rsplit('/', 1)[1])}\s", listed, re.MULTILINE)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    # Pages are served by their own routes only (with their headers), never as files.
    for page_file in ("explorer/index.html", "graphiql/index.html", "../pages/explorer.html"):
        assert client.get(f"/static/{page_file}").status_code == 404


@pytest.mark.parametrize("folder", ["graphiql", "explorer/vendor"])
def test_vendored_assets_are_the_npm_files_listed(folder: str) -> None:
    directory = ROOT / "web" / "static" / folder
    listed = re.findall(
        r"^(\S+)\s+<-\s+\S+@\S+ : .*\(sha256 ([0-9a-f]{64})\)$",
        (directory / "VERSIONS.txt").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert listed
    for name, digest in listed:
        assert hashlib.sha256((directory / name).read_bytes()).hexdigest() == digest, name
    # Nothing served from the folder escapes the list (licences and tooling aside).
    served = {
        path.name
        for path in directory.iterdir()
        if path.name not in ("VERSIONS.txt", "refresh.sh") and not path.name.startswith("LICENSE")
    }
    assert served == {name for name, _ in listed}


def test_syntax_error_is_clean(client: TestClient) -> None:
    body = gql(client, "{ location(id: ")
    error = body["errors"][0]  # type: ignore[index]
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert error["message"].startswith("Syntax Error")
    assert "Traceback" not in json.dumps(body)
