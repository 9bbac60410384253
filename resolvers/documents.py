"""The source documents as the API serves them: each with its catalogue entry, the facts
it supports and those only it supports; and the search of the verbatim quotes."""

from __future__ import annotations

from typing import Any

from strawberry.types.nodes import SelectedField

from graph import reads
from graph.catalog import Catalog
from graph.compile import FACT_CAP, Facts
from resolvers.errors import BadInput
from resolvers.queries import root
from resolvers.selection import child, fields_of, merged_field, node_plan

Row = dict[str, Any]

# The kinds of fact a document supports, each a list and a count (``DocumentFacts``).
_COUNTS = ("entityCount", "figureCount", "relationshipCount")
_LISTS = ("entities", "figures", "relationships")
MAX_EVIDENCE = 100
DEFAULT_EVIDENCE = 20
# Characters a quote search holds: at least two (one letter is in every quote).
QUOTE_TEXT = (2, 200)


def _asked(field: SelectedField, name: str, catalog: Catalog) -> Facts:
    """What the selection asks of a document's ``name`` field (``supports``,
    ``wouldOrphan``)."""
    parts = [f for f in fields_of(field.selections, "Document") if f.name == name]
    if not parts:
        return Facts()
    facts = merged_field(parts)
    names = {f.name for f in fields_of(facts.selections, "DocumentFacts")}
    entities = child(facts, "entities", "DocumentFacts")
    figures = child(facts, "figures", "DocumentFacts")
    return Facts(
        entities=node_plan(entities, "SearchResult", catalog) if "entities" in names else None,
        figures=node_plan(figures, "Figure", catalog) if "figures" in names else None,
        relationships="relationships" in names,
        counts=bool(names.intersection(_COUNTS)),
    )


def _facts(row: Row, prefix: str, asked: Facts) -> Row | None:
    if not asked.asked:
        return None
    found: Row = {key: row.get(prefix + key, []) for key in _LISTS}
    found.update({key: row.get(prefix + key, 0) for key in _COUNTS})
    return found


def _selected(info: Any) -> tuple[Facts, Facts, bool]:
    """What a read of documents asks: of ``supports``, of ``wouldOrphan``, and whether
    their ``date``."""
    catalog = info.context.catalog
    field = root(info)
    dated = any(f.name == "date" for f in fields_of(field.selections, "Document"))
    return _asked(field, "supports", catalog), _asked(field, "wouldOrphan", catalog), dated


async def _read(info: Any, names: list[str]) -> list[Row]:
    catalog = info.context.catalog
    supports, orphans, dated = _selected(info)
    rows = await reads.documents(
        info.context.db, names, supports, orphans, dated=dated, catalog=catalog
    )
    return [
        {
            "id": row["id"],
            "title": row["title"],
            "publisher": row["publisher"],
            "catalogued": row["title"] is not None,
            "date": _latest(row).get(row["id"]),
            "supports": _facts(row, "supports.", supports),
            "wouldOrphan": _facts(row, "orphans.", orphans),
        }
        for row in rows
        if row["title"] is not None or row["cited"]
    ]


# Documents one page of ``documents`` holds, at most (and by default).
MAX_DOCUMENTS = 100


async def documents(info: Any, first: int | None, after: str | None) -> list[Row]:
    """A page of the documents catalogued or cited, by name, after ``after``: each with
    how many facts it supports and only it supports, counted in one pass over the facts
    for the whole page (the facts themselves are ``document(id)``'s)."""
    limit = MAX_DOCUMENTS if first is None else first
    if not 1 <= limit <= MAX_DOCUMENTS:
        raise BadInput(f"`first` must be between 1 and {MAX_DOCUMENTS}", argument="first")
    if after is not None:
        _check_name(after, "after")
    catalog = info.context.catalog
    supports, orphans, dated = _selected(info)
    for asked in (supports, orphans):
        if asked.entities is not None or asked.figures is not None or asked.relationships:
            raise BadInput(
                "`documents` counts the facts each document supports; ask "
                "`document(id:)` for the facts themselves",
                argument="first",
            )
    found = await reads.document_list(
        info.context.db,
        after,
        limit,
        counts=supports.counts,
        orphans=orphans.counts,
        dated=dated,
        catalog=catalog,
    )
    catalogue = {entry["id"]: entry for entry in found["catalogue"]}
    counted: dict[tuple[str, str, bool], int] = {}
    for row in found.get("nodeCounts", []):
        kind = "figureCount" if row["figure"] else "entityCount"
        _tally(counted, row, kind)
    for row in found.get("betweenCounts", []):
        _tally(counted, row, "relationshipCount")
    latest = _latest(found)

    def facts(name: str, sole: bool) -> Row:
        return {
            **{key: [] for key in _LISTS},
            **{key: counted.get((name, key, sole), 0) for key in _COUNTS},
        }

    return [
        {
            "id": name,
            "title": catalogue.get(name, {}).get("title"),
            "publisher": catalogue.get(name, {}).get("publisher"),
            "catalogued": name in catalogue,
            "date": latest.get(name),
            "supports": facts(name, False),
            "wouldOrphan": facts(name, True),
        }
        for name in found["page"]
    ]


def _latest(found: Row) -> dict[str, str]:
    """Each document's latest date, the later of its facts' and its relationships'."""
    latest: dict[str, str] = {}
    for row in [*found.get("nodeDates", []), *found.get("betweenDates", [])]:
        latest[row["document"]] = max(latest.get(row["document"], ""), row["date"])
    return latest


def _tally(counted: dict[tuple[str, str, bool], int], row: Row, kind: str) -> None:
    """Add a count row's facts to its document's count of ``kind`` (all of them under
    ``supports``, those only it supports also under ``wouldOrphan``)."""
    name, facts = row["document"], int(row["facts"])
    counted[name, kind, False] = counted.get((name, kind, False), 0) + facts
    if row["sole"]:
        counted[name, kind, True] = counted.get((name, kind, True), 0) + facts


def _check_name(name: str, argument: str) -> None:
    if not name.strip() or len(name) > 300:
        raise BadInput(f"`{argument}` is a document's name: 1 to 300 characters", argument=argument)


async def document(info: Any, name: str) -> Row | None:
    """One document by the name its sources cite it by; None when it is neither
    catalogued nor cited."""
    _check_name(name, "id")
    found = await _read(info, [name])
    return found[0] if found else None


async def search_evidence(info: Any, text: str, first: int | None) -> list[Row]:
    """The quotes holding ``text`` (case blind), by document and quote, each with the
    facts it supports."""
    limit = DEFAULT_EVIDENCE if first is None else first
    if not 1 <= limit <= MAX_EVIDENCE:
        raise BadInput(f"`first` must be between 1 and {MAX_EVIDENCE}", argument="first")
    wanted = " ".join(text.split()).lower()
    shortest, longest = QUOTE_TEXT
    if not shortest <= len(wanted) <= longest:
        raise BadInput(
            f"`text` must hold {shortest} to {longest} characters besides spaces",
            argument="text",
        )
    catalog = info.context.catalog
    field = root(info)
    entities = node_plan(child(field, "entities", "EvidenceQuote"), "SearchResult", catalog)
    figures = node_plan(child(field, "figures", "EvidenceQuote"), "Figure", catalog)
    return await reads.evidence_search(
        info.context.db, wanted, limit, entities, figures, catalog=catalog
    )


__all__ = ["FACT_CAP", "document", "documents", "search_evidence"]
