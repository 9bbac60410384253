"""Documents as the API serves them, and the search of the verbatim quotes, on the seeded
graph, both engines: every answer is checked against the sources the same graph serves
for each entity, relationship and figure."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.model import ENTITIES
from graph.settings import Settings
from tests.conftest import gql, with_api_keys
from tests.cypherlint.client import CypherLinter
from tests.schema.test_mutations import EDITOR, run

pytestmark = pytest.mark.integration

Row = dict[str, Any]
Fact = tuple[str, str]  # (kind, key)
SOURCES = "sources { document quote }"
FACTS = """{ entityCount relationshipCount figureCount
  entities { __typename ... on Mission { id } ... on Location { id } ... on Branch { id }
             ... on Officer { id } ... on PartnerAgency { id } }
  relationships { type from to }
  figures { id } }"""
CAP = 100


def ok(client: TestClient, query: str, **variables: Any) -> Row:
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    return body["data"]  # type: ignore[return-value]


def _key(step: Row) -> str:
    return f"{step['from']}/{step['type']}/{step['to']}"


def _every_fact(client: TestClient) -> dict[Fact, list[Row]]:
    """Every entity, relationship between entities and figure, with its sources."""
    found: dict[Fact, list[Row]] = {}
    for entity in ENTITIES:
        after = None
        while True:
            page = ok(
                client,
                f"query($after: String) {{ {entity.plural}(first: 100, after: $after) "
                f"{{ nodes {{ id {SOURCES} }} pageInfo {{ hasNextPage endCursor }} }} }}",
                after=after,
            )[entity.plural]
            for node in page["nodes"]:
                found["entity", node["id"]] = node["sources"]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    ids = [key for kind, key in found if kind == "entity"]
    assert len(ids) <= 500
    steps = ok(
        client,
        f"query($ids: [ID!]!) {{ relationships(ids: $ids) {{ type from to {SOURCES} }} }}",
        ids=ids,
    )
    for step in steps["relationships"]:
        found["relationship", _key(step)] = step["sources"]
    figures = ok(client, f"{{ figures(includeDeprecated: true) {{ id {SOURCES} }} }}")
    for figure in figures["figures"]:
        found["figure", figure["id"]] = figure["sources"]
    return found


def _listed(facts: Row) -> dict[str, list[str]]:
    return {
        "entity": [e["id"] for e in facts["entities"]],
        "relationship": [_key(r) for r in facts["relationships"]],
        "figure": [f["id"] for f in facts["figures"]],
    }


COUNTS = {"entity": "entityCount", "relationship": "relationshipCount", "figure": "figureCount"}


def _check(facts: Row, expected: dict[str, list[str]]) -> None:
    listed = _listed(facts)
    for kind, keys in expected.items():
        assert facts[COUNTS[kind]] == len(keys), kind
        if kind == "relationship":
            assert sorted(listed[kind]) == sorted(keys)[:CAP] or len(keys) > CAP, kind
        else:
            assert listed[kind] == sorted(keys)[:CAP], kind


def test_each_seed_document_supports_the_facts_that_quote_it(client: TestClient) -> None:
    every = _every_fact(client)
    supports: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    only: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (kind, key), sources in every.items():
        cited = {s["document"] for s in sources}
        for name in cited:
            supports[name][kind].append(key)
        if len(cited) == 1:
            only[next(iter(cited))][kind].append(key)
    listing = ok(client, "{ documents { id title publisher catalogued } }")["documents"]
    catalogued = [d for d in listing if d["catalogued"]]
    assert [d["id"] for d in catalogued] == sorted(
        name for name in supports if name[:3].isdigit() and name.endswith(".txt")
    )
    assert {d["publisher"] for d in catalogued} == {"Royal Canadian Mounted Police"}
    # Every name listed is catalogued or cited (editors' references too), each once.
    assert {d["id"] for d in listing} == {d["id"] for d in catalogued} | set(supports)
    assert len(listing) == len({d["id"] for d in listing})

    # The listing counts the whole page in one pass: the same numbers, page by page.
    counted = """query($after: ID) { documents(first: 2, after: $after) { id
      supports { entityCount relationshipCount figureCount }
      wouldOrphan { entityCount relationshipCount figureCount } } }"""
    pages: list[Row] = []
    after = None
    while True:
        page = ok(client, counted, after=after)["documents"]
        if not page:
            break
        assert len(page) <= 2
        pages += page
        after = page[-1]["id"]
    assert [d["id"] for d in pages] == [d["id"] for d in listing]
    for doc in pages:
        for field, rule in (("supports", supports), ("wouldOrphan", only)):
            for kind, count in COUNTS.items():
                assert doc[field][count] == len(rule[doc["id"]].get(kind, [])), (doc, kind)

    for name in ("002_a54a776e922b1522.txt", "003_7960ef6d858bb83d.txt"):
        doc = ok(
            client,
            f"query($id: ID!) {{ document(id: $id) {{ id title date supports {FACTS} "
            f"wouldOrphan {FACTS} }} }}",
            id=name,
        )["document"]
        expected = {kind: supports[name].get(kind, []) for kind in COUNTS}
        _check(doc["supports"], expected)
        _check(doc["wouldOrphan"], {kind: only[name].get(kind, []) for kind in COUNTS})
    dated = ok(client, '{ document(id: "003_7960ef6d858bb83d.txt") { date } }')
    assert dated["document"]["date"] == "2020-02"


def test_the_listing_counts_and_leaves_the_facts_to_one_document(client: TestClient) -> None:
    body = gql(client, "{ documents { id supports { entities { __typename } } } }")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]
    assert "document(id:)" in body["errors"][0]["message"]  # type: ignore[index]
    for first in (0, 101):
        body = gql(client, "query($n: Int) { documents(first: $n) { id } }", n=first)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]


def test_an_unknown_document_is_null(client: TestClient) -> None:
    assert ok(client, '{ document(id: "no-such-document.txt") { id } }') == {"document": None}
    body = gql(client, '{ document(id: "  ") { id } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]


EVIDENCE = """query($text: String!, $first: Int) {
  searchEvidence(text: $text, first: $first) {
    document title quote
    entities { __typename ... on Mission { id } ... on Location { id } ... on Branch { id }
               ... on Officer { id } ... on PartnerAgency { id } }
    relationships { type from to }
    figures { id }
  }
}"""


@pytest.mark.parametrize("text", ["37 Liaison Officers", "peace", "COLUMBIA", "up to 22"])
def test_search_finds_every_quote_holding_the_text_with_what_it_supports(
    client: TestClient, text: str
) -> None:
    hits = ok(client, EVIDENCE, text=text, first=100)["searchEvidence"]
    every = _every_fact(client)
    expected: dict[tuple[str, str], set[Fact]] = defaultdict(set)
    for fact, sources in every.items():
        for source in sources:
            if text.lower() in source["quote"].lower():
                expected[source["document"], source["quote"]].add(fact)
    assert [(h["document"], h["quote"]) for h in hits] == sorted(expected)[:100]
    for hit in hits:
        found = {("entity", e["id"]) for e in hit["entities"]}
        found |= {
            ("relationship", f"{r['from']}/{r['type']}/{r['to']}") for r in hit["relationships"]
        }
        found |= {("figure", f["id"]) for f in hit["figures"]}
        assert found == expected[hit["document"], hit["quote"]]
        catalogued = hit["document"][:3].isdigit()
        assert (hit["title"] is not None) == catalogued


def test_the_seed_figure_is_found_by_its_quote(client: TestClient) -> None:
    (hit,) = ok(client, EVIDENCE, text="37 liaison officers in 26")["searchEvidence"]
    assert hit["document"] == "001_38ca9e2b3568fcb8.txt"
    assert hit["title"] == "International Policing"
    assert {f["id"] for f in hit["figures"]} == {
        "fig-liaison-officers",
        "fig-liaison-officer-locations",
    }


@pytest.mark.parametrize(
    ("text", "first"), [("a", None), ("   ", None), ("x" * 201, None), ("peace", 0), ("peace", 101)]
)
def test_a_bad_search_is_refused(client: TestClient, text: str, first: int | None) -> None:
    body = gql(client, EVIDENCE, text=text, first=first)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]


def test_an_editors_quote_is_found_as_it_reads_however_it_was_wrapped(
    live_settings: Settings, linter: CypherLinter
) -> None:
    with with_api_keys(live_settings, linter, f"{EDITOR}:editor") as editor:
        body = run(
            editor,
            'mutation { createMission(input: {id: "mission-wrapped-quote", name: "Wrapped", '
            'status: ACTIVE, category: "UN_MISSION", sources: [{document: "desk memo", '
            'quote: "Interpol liaison\\n  officers\\tabroad"}]}) { sources { quote } } }',
        )
        assert body["data"]["createMission"]["sources"] == [
            {"quote": "Interpol liaison officers abroad"}
        ]
        try:
            (hit,) = ok(editor, EVIDENCE, text="liaison   officers abroad")["searchEvidence"]
            assert (hit["document"], hit["title"]) == ("desk memo", None)
            assert [e["id"] for e in hit["entities"]] == ["mission-wrapped-quote"]
        finally:
            run(editor, 'mutation { deleteMission(id: "mission-wrapped-quote") { id } }')
