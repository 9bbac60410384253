"""Provenance: the sources behind every node and relationship, and how they are stored.

Neither Neo4j nor the embedded engine stores maps (or lists of maps) as property
values, so sources are parallel lists (``graph.model.SOURCE_KEYS``); "" stands for
"none", since lists cannot hold null. The seed loader and editors' writes both go
through here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.model import REL_PROPERTIES, SOURCE_KEYS

Props = dict[str, Any]


@dataclass(frozen=True)
class Source:
    document: str
    quote: str
    as_of: str | None = None
    inferred: bool = False
    reasoning: str | None = None


def read_sources(props: Mapping[str, Any]) -> list[Source]:
    """The sources stored on a node or relationship."""
    documents = props.get("sourceDocuments") or []
    columns = [props.get(key) or [""] * len(documents) for key in SOURCE_KEYS]
    return [
        Source(doc, quote, as_of or None, bool(inferred), reasoning or None)
        for doc, quote, as_of, inferred, reasoning in zip(*columns, strict=False)
    ]


def source_properties(sources: Sequence[Source]) -> Props:
    """Sources as the parallel lists stored on nodes and relationships."""
    return {
        "sourceDocuments": [s.document for s in sources],
        "sourceQuotes": [s.quote for s in sources],
        "sourceAsOf": [s.as_of or "" for s in sources],
        "sourceInferred": [s.inferred for s in sources],
        "sourceReasoning": [s.reasoning or "" for s in sources],
    }


def merge_sources(existing: list[Source], new: list[Source]) -> list[Source]:
    """Existing sources, then new ones not already there (by document and quote)."""
    seen = {(s.document, s.quote) for s in existing}
    merged = list(existing)
    for source in new:
        if (source.document, source.quote) not in seen:
            merged.append(source)
            seen.add((source.document, source.quote))
    return merged


def source_row(source: Source) -> Props:
    """A source as the API serves it."""
    return {
        "document": source.document,
        "quote": source.quote,
        "asOf": source.as_of,
        "inferred": source.inferred,
        "reasoning": source.reasoning,
    }


def step_row(
    type_: str,
    from_id: str,
    to_id: str,
    props: Mapping[str, Any],
    names: tuple[str | None, str | None] = (None, None),
) -> Props:
    """A relationship as the API serves it (``PathStep``) from its stored properties: the
    shape ``graph.compile`` projects in Cypher, for relationships read back in Python
    (``names``: of its two ends, where known)."""
    return {
        "type": type_,
        "from": from_id,
        "to": to_id,
        "fromName": names[0],
        "toName": names[1],
        **{prop.name: props.get(prop.name) for prop in REL_PROPERTIES},
        "sources": [source_row(s) for s in read_sources(props)],
    }
