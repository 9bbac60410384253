"""Evidence scopes (``evidence``) on the seeded graph, both engines: only facts that
enough documents support through sources that count take part. Each answer is checked
against the sources the same graph serves."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import gql

pytestmark = pytest.mark.integration

Row = dict[str, Any]
SOURCES = "sources { document inferred }"


def ok(client: TestClient, query: str, **variables: Any) -> Row:
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    return body["data"]  # type: ignore[return-value]


def _supported(
    sources: list[Row], documents: list[str] | None, exclude_inferred: bool, least: int
) -> bool:
    """The rule, from the served sources: enough distinct documents among those that count."""
    counted = {
        s["document"]
        for s in sources
        if (documents is None or s["document"] in documents)
        and not (exclude_inferred and s["inferred"])
    }
    return len(counted) >= least


SCOPES = [
    {"excludeInferred": True},
    {"minDocuments": 2},
    {"documents": ["002_a54a776e922b1522.txt"]},
    {"documents": ["000_9bd1905563500039.txt", "001_38ca9e2b3568fcb8.txt"], "minDocuments": 2},
]
LISTS = f"""query($scope: EvidenceScope) {{
  missions(first: 100, evidence: $scope) {{ totalCount nodes {{ id }} }}
  locations(first: 100, evidence: $scope) {{ nodes {{ id }} }}
  every: locations(first: 100) {{ nodes {{ id {SOURCES} }} }}
  all: missions(first: 100) {{ nodes {{ id {SOURCES} }} }}
}}"""


def _rule(scope: Row) -> tuple[list[str] | None, bool, int]:
    return scope.get("documents"), scope.get("excludeInferred", False), scope.get("minDocuments", 1)


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: ",".join(s))
def test_lists_keep_the_facts_the_evidence_supports(client: TestClient, scope: Row) -> None:
    data = ok(client, LISTS, scope=scope)
    rule = _rule(scope)
    for listed, every in (("missions", "all"), ("locations", "every")):
        expected = {e["id"] for e in data[every]["nodes"] if _supported(e["sources"], *rule)}
        assert {e["id"] for e in data[listed]["nodes"]} == expected, listed
    assert data["missions"]["totalCount"] == len(data["missions"]["nodes"])


NODE = " ".join(
    f"... on {kind} {{ id {SOURCES} }}"
    for kind in ("Location", "Officer", "Mission", "PartnerAgency", "Branch")
)
PATHS = f"""query($scope: EvidenceScope) {{
  partnersConnectedToRegion(regionId: "region-western-hemisphere", evidence: $scope) {{
    partner {{ id }} paths {{ relationships {{ {SOURCES} }} }} }}
  neighborhood(id: "region-western-hemisphere", depth: 2, evidence: $scope) {{
    nodes {{ {NODE} }} edges {{ type from to {SOURCES} }} }}
}}"""


@pytest.mark.parametrize("scope", SCOPES[:2], ids=lambda s: ",".join(s))
def test_paths_cross_only_supported_facts(client: TestClient, scope: Row) -> None:
    rule = _rule(scope)
    whole = ok(client, PATHS)
    found = ok(client, PATHS, scope=scope)
    for row in found["partnersConnectedToRegion"]:
        assert row["paths"]
        for path in row["paths"]:
            for step in path["relationships"]:
                assert _supported(step["sources"], *rule), step
    partners = {row["partner"]["id"] for row in found["partnersConnectedToRegion"]}
    assert partners <= {row["partner"]["id"] for row in whole["partnersConnectedToRegion"]}
    around = found["neighborhood"]
    # The entity asked for is served whatever its evidence; what is around it is not.
    others = [n for n in around["nodes"] if n["id"] != "region-western-hemisphere"]
    for fact in (*others, *around["edges"]):
        assert _supported(fact["sources"], *rule), fact
    edges = {(e["type"], e["from"], e["to"]) for e in around["edges"]}
    assert edges <= {(e["type"], e["from"], e["to"]) for e in whole["neighborhood"]["edges"]}
    if scope == {"excludeInferred": True}:
        # The inferred links (a city's liaison region) drop out, and paths with them.
        assert len(edges) < len(whole["neighborhood"]["edges"])


@pytest.mark.parametrize(
    "scope",
    [{"documents": []}, {"minDocuments": 0}, {"minDocuments": 21}, {"documents": [" "]}],
)
def test_a_scope_that_cannot_hold_is_refused(client: TestClient, scope: Row) -> None:
    body = gql(client, LISTS, scope=scope)
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert "evidence" in error["message"]
