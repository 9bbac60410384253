"""PROV-O export (``web.provenance``): the facts of a result, each derived from the
documents its sources quote; read back by a real JSON-LD processor (pyld), offline."""

from __future__ import annotations

from typing import Any

from pyld import jsonld

from web.provenance import document

PROV = "http://www.w3.org/ns/prov#"
STATED = {"document": "a.txt", "quote": "Bogotá hosts a post.", "asOf": "2020", "inferred": False}
INFERRED = {
    "document": "b.txt",
    "quote": "Columbia",
    "asOf": None,
    "inferred": True,
    "reasoning": "Columbia is read as Colombia.",
}
PLACE = {"__typename": "Location", "id": "city-bogota", "name": "Bogotá", "sources": [STATED]}
RESULT: dict[str, Any] = {
    "partnersConnectedToRegion": [
        {
            "partner": {"__typename": "PartnerAgency", "id": "p1", "name": "P", "sources": []},
            "paths": [
                {
                    "nodes": [PLACE, {"__typename": "Location", "id": "country-colombia"}],
                    "relationships": [
                        {
                            "type": "PART_OF",
                            "from": "city-bogota",
                            "to": "country-colombia",
                            "sources": [INFERRED, STATED],
                        }
                    ],
                },
                {"nodes": [PLACE], "relationships": []},
            ],
        }
    ]
}


def _expanded() -> dict[str, dict[str, Any]]:
    cited = document(RESULT)
    assert cited is not None
    return {node["@id"]: node for node in jsonld.expand(cited)}


def test_each_fact_is_derived_from_the_documents_it_quotes_once() -> None:
    nodes = _expanded()
    place = nodes["urn:ipgraph:entity/city-bogota"]  # on two paths, described once
    assert place[PROV + "wasDerivedFrom"] == [{"@id": "urn:ipgraph:document/a.txt"}]
    (derivation,) = place[PROV + "qualifiedDerivation"]
    assert derivation[PROV + "value"] == [{"@value": "Bogotá hosts a post."}]
    link = nodes["urn:ipgraph:relationship/city-bogota/PART_OF/country-colombia"]
    assert {d["@id"] for d in link[PROV + "wasDerivedFrom"]} == {
        "urn:ipgraph:document/a.txt",
        "urn:ipgraph:document/b.txt",
    }
    # A fact with no sources derives from nothing; one without `sources` selected is not
    # described at all; each document is.
    assert "urn:ipgraph:entity/p1" in nodes and not nodes["urn:ipgraph:entity/p1"].get(
        PROV + "wasDerivedFrom"
    )
    assert "urn:ipgraph:entity/country-colombia" not in nodes
    assert {"urn:ipgraph:document/a.txt", "urn:ipgraph:document/b.txt"} <= nodes.keys()


def test_an_inferred_source_names_its_reasoning_as_the_activity() -> None:
    link = _expanded()["urn:ipgraph:relationship/city-bogota/PART_OF/country-colombia"]
    inferred = [d for d in link[PROV + "qualifiedDerivation"] if PROV + "hadActivity" in d]
    (activity,) = inferred[0][PROV + "hadActivity"]
    comment = activity["http://www.w3.org/2000/01/rdf-schema#comment"]
    assert comment == [{"@value": "Columbia is read as Colombia."}]


def test_a_result_without_evidence_has_nothing_to_cite() -> None:
    assert document({"missions": {"nodes": [{"id": "m1", "name": "M"}]}}) is None


def test_with_the_graphs_version_the_facts_are_a_bundle_named_for_it() -> None:
    cited = document(RESULT, "WyJDSEFOR0UiLDQyLCI0MiJd")
    assert cited is not None
    (bundle,) = jsonld.expand(cited)
    assert bundle["@id"] == "urn:ipgraph:graph/WyJDSEFOR0UiLDQyLCI0MiJd"
    assert bundle["@type"] == [PROV + "Bundle"]
    assert bundle["urn:ipgraph:dataVersion"] == [{"@value": "WyJDSEFOR0UiLDQyLCI0MiJd"}]
    # The same facts, now inside the named graph.
    inside = {node["@id"] for node in bundle["@graph"]}
    assert inside == set(_expanded())


def test_names_are_escaped_into_iris_and_a_figure_is_named_as_any_fact() -> None:
    cited = document(
        {
            "figures": [
                {
                    "id": "fig-a",
                    "__typename": "Figure",
                    "sources": [{"document": "Annual Report 2020.pdf", "quote": "q"}],
                },
                {"id": "fig-a", "sources": [{"document": "=cmd|' /C calc'!A0", "quote": "r"}]},
            ]
        }
    )
    assert cited is not None
    nodes = {node["@id"]: node for node in jsonld.expand(cited)}
    # Selected with and without its __typename, the figure is one fact.
    assert "urn:ipgraph:entity/fig-a" in nodes
    assert not any("figure/" in iri for iri in nodes)
    # Every document is kept, under an IRI a processor accepts.
    assert {
        "urn:ipgraph:document/Annual%20Report%202020.pdf",
        "urn:ipgraph:document/%3Dcmd%7C%27%20%2FC%20calc%27%21A0",
    } <= nodes.keys()
    quads = jsonld.to_rdf(cited, {"format": "application/n-quads"})
    assert "Annual%20Report%202020.pdf" in quads and "%3Dcmd" in quads
