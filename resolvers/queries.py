"""Root query resolvers: arguments in, one compiled graph read out, plain rows back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.types.nodes import SelectedField

from graph import filters, reads, rules
from graph.catalog import Catalog
from graph.compile import Around, Condition, Evidence, Period, Scope, first_day, last_day
from graph.model import MEASURE, REL_ENDPOINTS, Direction, Property, RelType, ValueKind
from graph.plan import NodePlan, Page
from graph.text import search_key
from resolvers import paging
from resolvers.errors import BadInput
from resolvers.selection import (
    aggregate_plan,
    child,
    connection_node_shape,
    fields_of,
    merged_field,
    node_plan,
    wants_total,
)

Row = dict[str, Any]
MAX_SEARCH = 100
MAX_IDS = 500
# Relationships among `ids` (the result is a plain list: never silently cut).
MAX_RELATIONSHIPS = 10_000
MAX_HOPS = 10
MAX_DEPTH = 3
NEIGHBORHOOD_PATHS = 500


def root(info: Any) -> SelectedField:
    """The resolver's field with every selection made under its response key: a root field
    selected twice (directly, in fragments on Query) is one field, its selections merged."""
    key = str(info.path.key)
    fields = [
        field
        for field in info.selected_fields
        if isinstance(field, SelectedField) and (field.alias or field.name) == key
    ]
    return merged_field(fields)


# A date argument (``asOf``, a timeline's ``from`` and ``to``): as the documents give them.
DATE = Property("date", ValueKind.DATE)
# Events one timeline may hold (more is an error, never a silent cut).
MAX_EVENTS = 10_000


def _date(date: str | None, argument: str) -> str | None:
    """A date argument checked by the model's date rule."""
    if date is None:
        return None
    try:
        return str(rules.check(DATE, date))
    except rules.RuleError as exc:
        raise BadInput(f"`{argument}` {exc}", argument=argument) from None


# An evidence scope names at most this many documents, and asks for at most this many.
MAX_SCOPE_DOCUMENTS = 50
MAX_MIN_DOCUMENTS = 20


def read_scope(as_of: str | None, evidence: Any = None) -> Scope | None:
    """The part of the graph a read sees, from its ``asOf`` date and its ``evidence``
    scope (``documents``, ``exclude_inferred``, ``min_documents``); None: all of it."""
    date = _date(as_of, "asOf")
    period = None if date is None else Period.on(date)
    kept = None if evidence is None else _evidence(evidence)
    return None if period is None and kept is None else Scope(period, kept)


def _evidence(given: Any) -> Evidence:
    documents = given.documents
    if documents is not None:
        if not documents or len(documents) > MAX_SCOPE_DOCUMENTS:
            raise BadInput(
                f"`evidence.documents` names 1 to {MAX_SCOPE_DOCUMENTS} documents (leave it "
                "out for any)",
                argument="evidence",
            )
        if any(not d.strip() or len(d) > 200 for d in documents):
            raise BadInput(
                "`evidence.documents` holds document names of 1 to 200 characters",
                argument="evidence",
            )
    least = given.min_documents
    if not 1 <= least <= MAX_MIN_DOCUMENTS:
        raise BadInput(
            f"`evidence.minDocuments` must be between 1 and {MAX_MIN_DOCUMENTS}",
            argument="evidence",
        )
    return Evidence.of(documents, bool(given.exclude_inferred), least)


async def entity(
    info: Any, typename: str, entity_id: str, scope: Scope | None = None
) -> Row | None:
    label = typename
    plan = node_plan(root(info).selections, typename, info.context.catalog)
    found = await reads.by_ids(
        info.context.db, label, plan, [entity_id], catalog=info.context.catalog, scope=scope
    )
    return found.get(entity_id)


async def listing(
    info: Any,
    typename: str,
    arguments: dict[str, Any],
    conditions: list[Condition],
    order: tuple[str, bool],
    scope: Scope | None = None,
) -> Row:
    """A connection over one label, filtered and sorted, paged by keyset cursor; with
    ``scope``, of that part of the graph."""
    field = root(info)
    label = typename
    # A cursor names its order (field and direction): reusing it under another fails.
    order_name = f"{order[0]} {'DESC' if order[1] else 'ASC'}"
    page = paging.page_from_arguments(
        arguments, wants_total=wants_total(field, label), sort=order_name
    )
    plan = NodePlan({label: connection_node_shape(field, label, info.context.catalog)})
    sort = filters.sort(label, order[0], order[1], catalog=info.context.catalog, scope=scope)
    items, total = await reads.page(
        info.context.db, label, plan, page, conditions, sort, info.context.catalog, scope
    )
    return paging.connection(items, total, page.first, order_name)


async def aggregate(info: Any, typename: str, conditions: list[Condition]) -> Row:
    """Numbers over a filtered list: how many, and the least, greatest or mean of some
    properties (``missionsAggregate``)."""
    catalog = info.context.catalog
    asked = aggregate_plan(root(info).selections, typename, catalog=catalog)
    flat = await reads.aggregate(info.context.db, typename, asked, conditions, catalog=catalog)
    return assemble_aggregate(flat)


def assemble_aggregate(flat: Row, prefix: str = "") -> Row:
    """``{"count": 3, "p.min": 1}`` → ``{"count": 3, "p": {"min": 1}}``: aggregates come back
    under flat keys (one level of maps for every engine); the API serves them nested."""
    found: Row = {}
    for key, value in flat.items():
        if not key.startswith(prefix):
            continue
        parts = key[len(prefix) :].split(".")
        if parts == ["count"]:
            found["count"] = value
        elif len(parts) == 2:
            found.setdefault(parts[0], {})[parts[1]] = value
    return found


def name_filter(text: str | None) -> list[Condition]:
    if text is None:
        return []
    return [filters.name_contains(_search_text(text, "filter.name"))]


def _search_text(text: str, argument: str = "text") -> str:
    # Stripped after normalizing: a lone diaeresis (¨) decomposes to a space.
    normalized = search_key(text).strip()
    if not normalized:
        raise BadInput(f"`{argument}` must not be empty", argument=argument)
    if len(normalized) > 200:
        raise BadInput(f"`{argument}` is limited to 200 characters", argument=argument)
    return normalized


def _id_list(ids: list[str]) -> list[str]:
    if len(ids) > MAX_IDS:
        raise BadInput(f"`ids` is limited to {MAX_IDS} ids", argument="ids")
    return ids


async def entities(info: Any, ids: list[str], abstract: str = "SearchResult") -> list[Row | None]:
    """Entities of any type by id, in the order given, None where no entity has the id;
    ``abstract``: the type the field returns them as (``SearchResult``, ``Node``)."""
    _id_list(ids)
    plan = node_plan(root(info).selections, abstract, info.context.catalog)
    found = (
        await reads.any_by_ids(info.context.db, plan, ids, catalog=info.context.catalog)
        if ids
        else {}
    )
    return [found.get(i) for i in ids]


async def relationships(info: Any, ids: list[str]) -> list[Row]:
    unique = list(dict.fromkeys(_id_list(ids)))
    if not unique:
        return []
    # One more than allowed tells "too many" from "exactly the limit".
    steps = await reads.between(
        info.context.db, unique, MAX_RELATIONSHIPS + 1, catalog=info.context.catalog
    )
    if len(steps) > MAX_RELATIONSHIPS:
        raise BadInput(
            f"More than {MAX_RELATIONSHIPS:,} relationships join these entities; ask for "
            "fewer ids.",
            argument="ids",
        )
    return steps


async def search(info: Any, text: str, first: int | None) -> list[Row]:
    limit = paging.DEFAULT_PAGE if first is None else first
    if not 1 <= limit <= MAX_SEARCH:
        raise BadInput(f"`first` must be between 1 and {MAX_SEARCH}", argument="first")
    plan = node_plan(root(info).selections, "SearchResult", info.context.catalog)
    return await reads.search(
        info.context.db, plan, _search_text(text), limit, catalog=info.context.catalog
    )


async def figures(
    info: Any, subject_id: str | None, text: str | None = None, deprecated: bool = False
) -> list[Row]:
    # A figure's subject is one of its relations: the plan projects it with the rest.
    plan = node_plan(root(info).selections, "Figure", info.context.catalog)
    return await reads.figures(
        info.context.db,
        plan,
        subject_id,
        # Labels are matched lower-cased (not accent-folded: no figure index holds them so).
        text=None if text is None else _search_text(text).casefold(),
        deprecated=deprecated,
        catalog=info.context.catalog,
    )


# Groups one answer may hold (more is an error, never a silent cut).
MAX_DISAGREEMENTS = 1_000


async def disagreements(
    info: Any, subject_id: str | None, measure: str | None, deprecated: bool = False
) -> list[Row]:
    """Figures of one measure about one subject that differ, grouped, with their spread."""
    catalog = info.context.catalog
    if measure is not None:
        try:
            measure = rules.check(MEASURE, measure)
        except rules.RuleError as exc:
            raise BadInput(f"`measure` {exc}", argument="measure") from None
    field = root(info)
    subjects = node_plan(child(field, "subject", "Disagreement"), "SearchResult", catalog)
    claims = node_plan(child(field, "claims", "Disagreement"), "Figure", catalog)
    rows = await reads.disagreements(
        info.context.db,
        subjects,
        claims,
        subject_id,
        measure,
        MAX_DISAGREEMENTS + 1,
        deprecated=deprecated,
        catalog=catalog,
    )
    if len(rows) > MAX_DISAGREEMENTS:
        raise BadInput(
            f"More than {MAX_DISAGREEMENTS:,} disagreements; ask about one subject or measure.",
            argument="subjectId",
        )
    return [{**row, "spread": _spread(row["low"], row["high"])} for row in rows]


def _spread(low: float, high: float) -> Row:
    return {"low": low, "high": high, "difference": high - low}


async def partners_of_region(info: Any, region_id: str, scope: Scope | None = None) -> list[Row]:
    field = root(info)
    partner = node_plan(
        child(field, "partner", "RegionPartner"), "PartnerAgency", info.context.catalog
    )
    paths = [
        selection
        for path in fields_of_name(field, "paths", "RegionPartner")
        for selection in child(path, "nodes", "Path")
    ]
    path_nodes = node_plan(paths, "SearchResult", info.context.catalog) if paths else None
    # Paths are only traced when asked for: there can be thousands per region.
    with_paths = bool(fields_of_name(field, "paths", "RegionPartner"))
    rows = await reads.partners_of_region(
        info.context.db,
        partner,
        path_nodes,
        region_id,
        with_paths=with_paths,
        catalog=info.context.catalog,
        scope=scope,
    )
    return [{"partner": row["partner"], "paths": row["paths"]} for row in rows]


def fields_of_name(field: SelectedField, name: str, type_name: str) -> list[SelectedField]:
    return [f for f in fields_of(field.selections, type_name) if f.name == name]


async def shortest_path(
    info: Any, from_id: str, to_id: str, max_hops: int | None, scope: Scope | None = None
) -> Row | None:
    hops = 6 if max_hops is None else max_hops
    if not 1 <= hops <= MAX_HOPS:
        raise BadInput(f"`maxHops` must be between 1 and {MAX_HOPS}", argument="maxHops")
    nodes = node_plan(child(root(info), "nodes", "Path"), "SearchResult", info.context.catalog)
    if from_id == to_id:
        # Neo4j's shortestPath refuses equal ends; the path from an entity to itself is
        # the entity alone.
        found = await reads.any_by_ids(
            info.context.db, nodes, [from_id], catalog=info.context.catalog
        )
        return {"nodes": [found[from_id]], "relationships": []} if found else None
    return await reads.shortest_path(
        info.context.db, nodes, from_id, to_id, hops, catalog=info.context.catalog, scope=scope
    )


async def neighborhood(
    info: Any, entity_id: str, depth: int | None, scope: Scope | None = None
) -> Row | None:
    hops = 1 if depth is None else depth
    if not 1 <= hops <= MAX_DEPTH:
        raise BadInput(f"`depth` must be between 1 and {MAX_DEPTH}", argument="depth")
    field = root(info)
    selections = [*child(field, "nodes", "Subgraph"), *child(field, "center", "Subgraph")]
    nodes = node_plan(selections, "SearchResult", info.context.catalog)
    row = await reads.neighborhood(
        info.context.db,
        nodes,
        entity_id,
        hops,
        NEIGHBORHOOD_PATHS,
        catalog=info.context.catalog,
        scope=scope,
    )
    if row is None:
        return None
    return {
        "center": row["center"],
        "nodes": row["nodes"],
        "edges": row["relationships"],
        "truncated": row["truncated"],
    }


async def neighbor_groups(info: Any, entity_id: str, scope: Scope | None = None) -> list[Row]:
    """The entity's direct neighbours counted by entity type, relationship type and
    direction, most first; empty for an unknown id (a list, as an unknown region's
    partners are)."""
    return await reads.neighbor_groups(
        info.context.db, entity_id, catalog=info.context.catalog, scope=scope
    )


# A page of neighbours: larger than a list's, since the explorer draws a hub's group whole.
DEFAULT_NEIGHBORS = 100
MAX_NEIGHBORS = 500
# The relationship types that join entities (a figure's DESCRIBES joins no neighbour).
NEIGHBOR_RELATIONSHIPS: tuple[str, ...] = tuple(t.value for t in REL_ENDPOINTS)


def _one_of(names: Sequence[str]) -> str:
    *head, last = names
    return f"{', '.join(head)} or {last}" if head else last


def around(
    catalog: Catalog, label: str | None, rel_type: str | None, direction: Direction | None
) -> Around:
    """Which neighbours ``neighbors`` takes, its ``type`` and ``relationship`` checked
    against the model: a client's text never reaches a statement."""
    if label is not None and label not in catalog.labels:
        raise BadInput(f"`type` must be an entity type: {_one_of(catalog.labels)}", argument="type")
    if rel_type is not None and rel_type not in NEIGHBOR_RELATIONSHIPS:
        raise BadInput(
            f"`relationship` must be a relationship type: {_one_of(NEIGHBOR_RELATIONSHIPS)}",
            argument="relationship",
        )
    return Around(label, None if rel_type is None else RelType(rel_type), direction)


async def neighbors(
    info: Any,
    entity_id: str,
    which: Around,
    first: int | None,
    after: str | None,
    scope: Scope | None = None,
) -> Row | None:
    """A page of the entity's direct neighbours that ``which`` keeps, by name and id, with
    the relationships joining each to it; None for an unknown id."""
    limit = DEFAULT_NEIGHBORS if first is None else first
    if not 0 <= limit <= MAX_NEIGHBORS:
        raise BadInput(f"`first` must be between 0 and {MAX_NEIGHBORS}", argument="first")
    cursor = None if after is None else paging.decode_cursor(after, paging.BY_NAME)
    if cursor is not None and not isinstance(cursor[0], str):
        # A name is text: any other key is no cursor this field issued.
        raise BadInput("`after` is not a cursor this API issued", argument="after")
    field = root(info)
    catalog = info.context.catalog
    nodes = node_plan(child(field, "nodes", "NeighborPage"), "SearchResult", catalog)
    total = any(f.name == "totalCount" for f in fields_of(field.selections, "NeighborPage"))
    found = await reads.neighbors(
        info.context.db,
        nodes,
        entity_id,
        which,
        Page(limit, cursor, total),
        catalog=catalog,
        scope=scope,
    )
    if found is None:
        return None
    items, count = found
    page = items[:limit]
    end = (
        None
        if not page
        else paging.encode_cursor(paging.BY_NAME, page[-1]["__key"], page[-1]["id"])
    )
    # Each neighbour's relationships to the entity, neighbour by neighbour, in page order.
    edges = [edge for item in page for edge in item.pop("__edges")]
    return {
        "nodes": page,
        "edges": edges,
        "endCursor": end,
        "hasNextPage": len(items) > limit,
        "totalCount": count,
    }


async def timeline(info: Any, ids: list[str], start: str | None, end: str | None) -> list[Row]:
    """The dated events of these entities from ``start`` to ``end`` (either open): their own
    spans' starts and ends, and their relationships' ``since`` and ``until``, in time
    order; a relationship between two of them once."""
    wanted = _id_list(ids)
    start, end = _date(start, "from"), _date(end, "to")
    if start is not None and end is not None and first_day(start) > last_day(end):
        raise BadInput("`from` is after `to`", argument="from")
    catalog = info.context.catalog
    plan = node_plan(child(root(info), "entity", "TimelineEvent"), "SearchResult", catalog)
    rows = await reads.timeline(
        info.context.db,
        plan,
        wanted,
        Period.between(start, end),
        MAX_EVENTS + 1,
        catalog=catalog,
    )
    events: list[Row] = []
    for row in rows:
        for kind, date in (("STARTS", row["starts"]), ("ENDS", row["ends"])):
            if date is not None:
                events.append(_event(date, kind, entity=row["node"]))
        for step in row["dated"]:
            starts, ends = step.pop("__starts"), step.pop("__ends")
            if starts:
                events.append(_event(step["since"], "STARTS", relationship=step))
            if ends:
                events.append(_event(step["until"], "ENDS", relationship=step))
    if len(events) > MAX_EVENTS:
        raise BadInput(
            f"more than {MAX_EVENTS:,} events: ask for fewer ids or a shorter stretch of time",
            argument="ids",
        )
    return sorted(events, key=_in_time)


def _event(
    date: str, kind: str, *, entity: Row | None = None, relationship: Row | None = None
) -> Row:
    return {"date": date, "kind": kind, "entity": entity, "relationship": relationship}


def _in_time(event: Row) -> tuple[str, str, bool, str, str, str]:
    """Dates of mixed precision by their first day ("2004" before "2004-03"), a start
    before an end on one date, then by subject."""
    subject = event["entity"] or {}
    step = event["relationship"] or {}
    return (
        first_day(event["date"]),
        event["date"],
        event["kind"] != "STARTS",
        subject.get("id") or step.get("from", ""),
        step.get("type", ""),
        step.get("to", ""),
    )
