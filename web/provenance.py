"""``/export?format=prov-jsonld``: the facts of a read query's result as W3C PROV-O, in
JSON-LD, so an answer can be cited with its evidence.

Every object of the result that carries its ``sources`` is a fact: an entity or a figure
(it has an ``id``) or a relationship (``type``, ``from``, ``to``). Each becomes a
``prov:Entity`` derived from the documents its sources quote (``prov:wasDerivedFrom``),
with one ``prov:Derivation`` per source holding the quote, its date and, for an
inferred source, the reasoning as the activity that produced it. Facts met more than
once (a place on many paths) are described once. The context is inline: nothing is
fetched to read the file. With the graph's version, the facts are one named graph: a
``prov:Bundle`` named for the state of the graph they were read from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

Row = dict[str, Any]

# The vocabularies, by their published IRIs (names only: nothing is fetched).
CONTEXT: Row = {
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "ipgraph": "urn:ipgraph:",
}


def facts(data: Any) -> Iterator[Row]:
    """Every object of the result that carries its sources, in the order met."""
    if isinstance(data, list):
        for item in data:
            yield from facts(item)
    elif isinstance(data, dict):
        if isinstance(data.get("sources"), list) and _iri(data) is not None:
            yield data
        for value in data.values():
            yield from facts(value)


def _part(text: Any) -> str:
    """One segment of an IRI: a document may be named anything ("Annual Report 2020.pdf"),
    so everything but unreserved characters is percent-encoded."""
    return quote(str(text), safe="")


def _iri(fact: Row) -> str | None:
    """A fact's name: its id (entities and figures: one id space, so one form whatever the
    selection), or its type and ends (relationships)."""
    if {"type", "from", "to"} <= fact.keys():
        return f"ipgraph:relationship/{_part(fact['from'])}/{fact['type']}/{_part(fact['to'])}"
    if "id" in fact:
        return f"ipgraph:entity/{_part(fact['id'])}"
    return None


def document(data: Any, version: str | None = None) -> Row | None:
    """The PROV-O document of a result, or None when no fact in it carries its sources.
    With the graph's ``version`` (``extensions.citation.dataVersion``), the facts are a
    named graph, a ``prov:Bundle`` for that state of the graph."""
    described: dict[str, Row] = {}
    documents: dict[str, Row] = {}
    for fact in facts(data):
        iri = _iri(fact)
        assert iri is not None
        node = described.setdefault(iri, _entity(iri, fact))
        for source in fact["sources"]:
            name = source.get("document")
            if not name:
                continue
            doc = f"ipgraph:document/{_part(name)}"
            documents.setdefault(doc, {"@id": doc, "@type": "prov:Entity", "rdfs:label": name})
            derived = node["prov:wasDerivedFrom"]
            if {"@id": doc} not in derived:
                derived.append({"@id": doc})
            derivation = _derivation(doc, source)
            if derivation not in node["prov:qualifiedDerivation"]:
                node["prov:qualifiedDerivation"].append(derivation)
    if not described:
        return None
    found: Row = {"@context": CONTEXT}
    if version is not None:
        found.update(
            {
                "@id": f"ipgraph:graph/{_part(version)}",
                "@type": "prov:Bundle",
                "ipgraph:dataVersion": version,
            }
        )
    found["@graph"] = [*described.values(), *documents.values()]
    return found


def _entity(iri: str, fact: Row) -> Row:
    node: Row = {"@id": iri, "@type": "prov:Entity"}
    label = fact.get("name") or fact.get("label")
    if label:
        node["rdfs:label"] = label
    if fact.get("__typename"):
        node["ipgraph:type"] = fact["__typename"]
    elif "type" in fact:
        node["ipgraph:type"] = fact["type"]
    node["prov:wasDerivedFrom"] = []
    node["prov:qualifiedDerivation"] = []
    return node


def _derivation(doc: str, source: Row) -> Row:
    """One source: the document, the verbatim quote, its date, and for an inferred one
    the reasoning, as the activity that drew the fact from the quote."""
    derivation: Row = {"@type": "prov:Derivation", "prov:entity": {"@id": doc}}
    if source.get("quote") is not None:
        derivation["prov:value"] = source["quote"]
    if source.get("asOf"):
        derivation["ipgraph:asOf"] = source["asOf"]
    if source.get("inferred"):
        derivation["prov:hadActivity"] = {
            "@type": "prov:Activity",
            "rdfs:label": "inference",
            "rdfs:comment": source.get("reasoning") or "",
        }
    return derivation
