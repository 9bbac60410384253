"""Facts as they stand in the seeded graph (not in the YAML): what the loader wrote is what
the five documents say, with the provenance of every node and relationship.

Reads go through a plain driver of the test's own (these statements are not linted).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import neo4j
import pytest

from graph.model import ENTITY_LABELS, SOURCE_KEYS, Label
from graph.settings import Settings
from seed.loader import DATA_DIR, SeedData, load_files, source_properties
from seed.schema import DOCUMENTS, normalize_space

pytestmark = pytest.mark.integration

D000, D001, D002, D003, D004 = DOCUMENTS
DOCUMENTS_DIR = DATA_DIR.parent / "documents"
IPO = "branch-international-peace-operations"
# Nodes that are no facts: the id registry and the write lock (graph.writes).
# Facts are every node but the bookkeeping: the id registry, write locks and the history.
FACTS = " AND ".join(
    f"NOT x:{label}"
    for label in (
        Label.ENTITY_ID,
        Label.WRITE_LOCK,
        Label.CHANGE,
        Label.CHANGE_LOG,
        Label.DOCUMENT,
    )
)


@dataclass
class Graph:
    driver: neo4j.Driver
    database: str

    def rows(self, query: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(
            query,
            params,
            database_=self.database,
            routing_=neo4j.RoutingControl.READ,
        )
        return [record.data() for record in records]

    def one(self, query: str, **params: Any) -> dict[str, Any]:
        (row,) = self.rows(query, **params)
        return row


@pytest.fixture(scope="module")
def graph(live_settings: Settings) -> Iterator[Graph]:
    assert live_settings.neo4j_uri is not None
    driver = neo4j.GraphDatabase.driver(
        live_settings.neo4j_uri,
        auth=(live_settings.neo4j_user, live_settings.neo4j_password.get_secret_value()),
    )
    try:
        yield Graph(driver, live_settings.neo4j_database)
    finally:
        driver.close()


@pytest.fixture(scope="module")
def seed() -> SeedData:
    return load_files()


@cache
def document_text(name: str) -> str:
    return normalize_space((DOCUMENTS_DIR / name).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- counts


def test_node_counts_per_label_equal_the_seed_entries(graph: Graph, seed: SeedData) -> None:
    expected = Counter(label.value for label, _ in seed.entities.values())
    expected["Figure"] = len(seed.figures)
    found = {
        label.value: graph.one(f"MATCH (n:{label.value}) RETURN count(n) AS c")["c"]
        for label in (*ENTITY_LABELS, Label.FIGURE)
    }
    assert found == dict(expected)
    # The documents' catalogue: an entry each, with its title.
    catalogue = graph.rows("MATCH (d:Document) RETURN d.id AS id, d.title AS title ORDER BY id")
    assert catalogue == [d.model_dump(include={"id", "title"}) for d in seed.documents]
    assert [d.id for d in seed.documents] == list(DOCUMENTS)
    # Nothing else: every node carries exactly one of the model's labels...
    facts = graph.one(f"MATCH (x) WHERE {FACTS} RETURN count(x) AS c")["c"]
    assert facts == sum(expected.values())
    # ...and has its id registered, once, to its label (graph.writes: one id space).
    registered = graph.rows("MATCH (k:EntityId) RETURN k.id AS id, k.label AS label")
    assert sorted((row["id"], row["label"]) for row in registered) == sorted(
        [(entity_id, label) for entity_id, (label, _) in seed.entities.items()]
        + [(figure.id, "Figure") for figure in seed.figures]
        + [(document.id, "Document") for document in seed.documents]
    )
    assert graph.rows("MATCH (n) WHERE size(labels(n)) <> 1 RETURN n.id AS id") == []


def test_relationships_equal_the_seed_entries(graph: Graph, seed: SeedData) -> None:
    expected = Counter((r.type.value, r.from_, r.to) for r in seed.relationships)
    expected.update(("DESCRIBES", f.id, f.subject) for f in seed.figures if f.subject)
    found = Counter(
        (row["type"], row["from"], row["to"])
        for row in graph.rows("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to")
    )
    assert found == expected


# --------------------------------------------------------------------------- missions

CURRENT_OPERATIONS = [
    # id, location, language, armed, authorized deployments, status
    ("mission-op-drc", "country-democratic-republic-of-the-congo", "French", False, 15, "ACTIVE"),
    ("mission-op-haiti", "country-haiti", "French", True, 10, "ACTIVE"),
    ("mission-op-iraq", "country-iraq", "English", True, 20, "UNDER_REVIEW"),
    ("mission-op-mali", "country-mali", "French", True, 22, "ACTIVE"),
    ("mission-op-ukraine", "country-ukraine", "English", False, 45, "ACTIVE"),
    ("mission-op-west-bank", "territory-west-bank", "English", False, 7, "ACTIVE"),
]


def test_the_six_current_operations(graph: Graph) -> None:
    rows = graph.rows(
        "MATCH (m:Mission) WHERE m.authorizedDeployments IS NOT NULL "
        "MATCH (m)-[:LOCATED_IN]->(place:Location) "
        "MATCH (m)-[:MANAGED_BY]->(branch:Branch) "
        "RETURN m.id AS id, place.id AS place, m.language AS language, m.armed AS armed, "
        "m.authorizedDeployments AS deployments, m.status AS status, branch.id AS branch "
        "ORDER BY id"
    )
    assert [
        (r["id"], r["place"], r["language"], r["armed"], r["deployments"], r["status"])
        for r in rows
    ] == CURRENT_OPERATIONS
    assert {r["branch"] for r in rows} == {IPO}
    # Stored with their types: a boolean and an integer, not strings.
    assert all(type(r["armed"]) is bool and type(r["deployments"]) is int for r in rows)


def test_each_operation_has_its_authorized_deployments_figure(graph: Graph) -> None:
    rows = graph.rows(
        "MATCH (f:Figure)-[:DESCRIBES]->(m:Mission) WHERE m.authorizedDeployments IS NOT NULL "
        "RETURN m.id AS id, f.value AS value, f.qualifier AS qualifier ORDER BY id"
    )
    assert [(r["id"], r["value"], r["qualifier"]) for r in rows] == [
        (mission_id, deployments, "up to")
        for mission_id, _, _, _, deployments, _ in CURRENT_OPERATIONS
    ]


def test_minustah_and_minujusth_dates(graph: Graph) -> None:
    row = graph.one(
        "MATCH (a:Mission {id: 'mission-minustah'})-[:SUCCEEDED_BY]->(b:Mission) "
        "RETURN a.acronym AS a, a.startDate AS aStart, a.endDate AS aEnd, a.status AS aStatus, "
        "b.id AS b, b.acronym AS bAcronym, b.startDate AS bStart, b.endDate AS bEnd, "
        "b.status AS bStatus"
    )
    assert row == {
        "a": "MINUSTAH",
        "aStart": "2004",
        "aEnd": "2017-10-15",
        "aStatus": "CLOSED",
        "b": "mission-minujusth",
        "bAcronym": "MINUJUSTH",
        "bStart": "2017-10-16",
        "bEnd": "2019-10-16",
        "bStatus": "CLOSED",
    }
    parents = graph.rows(
        "MATCH (m:Mission)-[:PART_OF]->(op:Mission) "
        "WHERE m.id IN ['mission-minustah', 'mission-minujusth'] RETURN DISTINCT op.id AS op"
    )
    assert parents == [{"op": "mission-op-haiti"}]


# --------------------------------------------------------------------------- liaison officers


def test_26_lo_posts_posted_to_26_distinct_cities(graph: Graph) -> None:
    rows = graph.rows(
        "MATCH (o:Officer) WHERE o.id STARTS WITH 'lo-' "
        "OPTIONAL MATCH (o)-[:POSTED_TO]->(c:Location) "
        "RETURN o.id AS officer, o.name AS name, c.id AS city, c.kind AS kind, c.name AS cityName"
    )
    assert len(rows) == 26, "one row per post: each post is POSTED_TO exactly one place"
    assert len({r["officer"] for r in rows}) == 26
    assert len({r["city"] for r in rows}) == 26
    assert {r["kind"] for r in rows} == {"CITY"}
    assert all(r["name"] == f"RCMP Liaison Officer, {r['cityName']}" for r in rows)
    bogota = graph.one(
        "MATCH (:Officer {id: 'lo-bogota'})-[:POSTED_TO]->(c:Location)-[:PART_OF]->(k:Location) "
        "RETURN c.name AS city, c.aliases AS aliases, k.name AS country"
    )
    assert bogota["city"] == "Bogota" and "Bogotá" in bogota["aliases"]
    assert bogota["country"] == "Colombia"


# --------------------------------------------------------------------------- figures


FIGURE = (
    "MATCH (f:Figure {id: $id})-[:DESCRIBES]->(s) "
    "RETURN f.value AS value, f.qualifier AS qualifier, f.asOf AS asOf, "
    "f.sourceDocuments AS documents, f.sourceQuotes AS quotes, s.id AS subject"
)


def test_37_liaison_officers_and_forty_members_overseas_are_separate_figures(
    graph: Graph,
) -> None:
    thirty_seven = graph.one(FIGURE, id="fig-liaison-officers")
    forty = graph.one(FIGURE, id="fig-rcmp-members-overseas")
    assert (thirty_seven["value"], thirty_seven["qualifier"]) == (37, "exactly")
    assert (forty["value"], forty["qualifier"], forty["asOf"]) == (40, "exactly", "2020-02")
    assert sorted(thirty_seven["documents"]) == [D000, D001]
    assert forty["documents"] == [D003]
    assert any("37 LOs" in quote for quote in thirty_seven["quotes"])
    assert any(quote.startswith("Forty RCMP members") for quote in forty["quotes"])
    # Two figures in the graph, never merged into one.
    assert graph.rows(
        "MATCH (f:Figure) WHERE f.value IN [37, 40] RETURN f.id AS id ORDER BY id"
    ) == [{"id": "fig-liaison-officers"}, {"id": "fig-rcmp-members-overseas"}]


def test_2300_and_2500_deployed_officers_are_separate_figures(graph: Graph) -> None:
    doc_001 = graph.one(FIGURE, id="fig-police-deployed-2300")
    doc_004 = graph.one(FIGURE, id="fig-police-deployed-2500")
    assert (doc_001["value"], doc_001["qualifier"], doc_001["documents"]) == (
        2300,
        "exactly",
        [D001],
    )
    assert (doc_004["value"], doc_004["qualifier"], doc_004["documents"]) == (
        2500,
        "more than",
        [D004],
    )
    assert doc_001["subject"] == doc_004["subject"] == IPO
    assert "2,300 police officers" in doc_001["quotes"][0]
    assert "more than 2,500 police officers" in doc_004["quotes"][0]


# --------------------------------------------------------------------------- provenance

PROVENANCE = ", ".join(f"x.{key} AS {key}" for key in SOURCE_KEYS)


def _check_provenance(where: str, row: dict[str, Any]) -> list[str]:
    lists = [row[key] for key in SOURCE_KEYS]
    if any(not isinstance(values, list) for values in lists):
        return [f"{where}: provenance is not stored as lists: {lists}"]
    if len({len(values) for values in lists}) != 1 or not lists[0]:
        return [f"{where}: provenance lists of lengths {[len(v) for v in lists]}"]
    return [
        f"{where}: {document}: {quote!r}"
        for document, quote in zip(row["sourceDocuments"], row["sourceQuotes"], strict=True)
        if document not in DOCUMENTS or normalize_space(quote) not in document_text(document)
    ]


def test_every_node_carries_its_sources(graph: Graph, seed: SeedData) -> None:
    rows = graph.rows(f"MATCH (x) WHERE {FACTS} RETURN x.id AS id, {PROVENANCE}")
    assert rows
    assert [p for row in rows for p in _check_provenance(row["id"], row)] == []
    # The very sources of the seed files, in their order.
    expected = {entity_id: entity.sources for entity_id, (_, entity) in seed.entities.items()}
    expected.update({figure.id: figure.sources for figure in seed.figures})
    wrong = [
        row["id"]
        for row in rows
        if {key: row[key] for key in SOURCE_KEYS} != source_properties(expected[row["id"]])
    ]
    assert wrong == []


def test_every_relationship_carries_its_sources(graph: Graph, seed: SeedData) -> None:
    rows = graph.rows(
        f"MATCH (a)-[x]->(b) RETURN type(x) AS type, a.id AS from, b.id AS to, {PROVENANCE}"
    )
    assert rows
    problems = [
        p
        for row in rows
        for p in _check_provenance(f"{row['type']} {row['from']} -> {row['to']}", row)
    ]
    assert problems == []
    expected = {(r.type.value, r.from_, r.to): r.sources for r in seed.relationships}
    expected.update(
        {("DESCRIBES", f.id, f.subject): f.sources for f in seed.figures if f.subject is not None}
    )
    wrong = [
        (row["type"], row["from"], row["to"])
        for row in rows
        if {key: row[key] for key in SOURCE_KEYS}
        != source_properties(expected[(row["type"], row["from"], row["to"])])
    ]
    assert wrong == []


def test_inferred_facts_keep_their_reasoning(graph: Graph) -> None:
    row = graph.one(
        "MATCH (c:Location {id: 'country-colombia'}) "
        "RETURN c.aliases AS aliases, c.sourceQuotes AS quotes, "
        "c.sourceInferred AS inferred, c.sourceReasoning AS reasoning"
    )
    assert "Columbia" in row["aliases"]
    for quote, inferred, reasoning in zip(
        row["quotes"], row["inferred"], row["reasoning"], strict=True
    ):
        assert bool(reasoning) == inferred, quote
        if "Columbia" in quote:
            assert inferred, quote


# Relationships each document supports, as they stand in the graph.
RELATIONSHIPS_BY_DOCUMENT = [
    (D000, "POSTED_TO", "lo-bogota", "city-bogota"),
    (D000, "PART_OF", "city-bogota", "country-colombia"),
    (D001, "PART_OF", "branch-interpol-ottawa", "sector-international-policing"),
    (D001, "PART_OF", "branch-international-operations", "sector-international-policing"),
    (D002, "PART_OF", "country-mali", "region-ops-africa"),
    (D002, "LOCATED_IN", "mission-op-mali", "country-mali"),
    (D003, "MEMBER_OF", "officer-marie-josee-homsy", "org-rcmp"),
    (D003, "WORKS_WITH", IPO, "partner-municipal-provincial-police-services"),
    (D004, "MEMBER_OF", "org-rcmp", "partner-cpa"),
    (D004, "MEMBER_OF", "partner-dfait", "partner-cpa"),
]


@pytest.mark.parametrize(("document", "rel_type", "source", "target"), RELATIONSHIPS_BY_DOCUMENT)
def test_relationships_of_each_document_are_in_the_graph(
    graph: Graph, document: str, rel_type: str, source: str, target: str
) -> None:
    rows = graph.rows(
        "MATCH (a {id: $source})-[r]->(b {id: $target}) WHERE type(r) = $type "
        "RETURN r.sourceDocuments AS documents",
        source=source,
        target=target,
        type=rel_type,
    )
    assert len(rows) == 1, f"{rel_type} {source} -> {target}: {len(rows)} in the graph"
    assert document in rows[0]["documents"]


def test_every_document_supports_relationships_in_the_graph(graph: Graph) -> None:
    counts = {
        document: graph.one(
            "MATCH ()-[r]->() WHERE $document IN r.sourceDocuments RETURN count(r) AS c",
            document=document,
        )["c"]
        for document in DOCUMENTS
    }
    assert {doc: n >= 2 for doc, n in counts.items()} == dict.fromkeys(DOCUMENTS, True), counts
