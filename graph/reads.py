"""Read queries: run a compiled plan (``graph.compile``) and hand back plain rows.

Rows come back in one shape whatever the engine: a paged relation as ``{items, total}``,
a path as ``{nodes, relationships}``. Where the engine cannot return those maps
(``graph.capabilities``), the statement returns their parts side by side and they are
folded here, the one place that knows about it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from graph import compile as cypher
from graph.capabilities import Capabilities
from graph.catalog import CATALOG, Catalog
from graph.compile import TOTAL_SUFFIX, Around, Condition, Period, Scope, Sort
from graph.db import Database
from graph.model import Label
from graph.plan import AggregatePlan, NodePlan, Page, Shape

Row = dict[str, Any]


async def by_ids(
    db: Database,
    label: str,
    plan: NodePlan,
    ids: Sequence[str],
    *,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> dict[str, Row]:
    """Nodes keyed by id; unknown ids are absent."""
    caps = await db.capabilities()
    statement = cypher.by_ids(label, plan, list(ids), caps=caps, catalog=catalog, scope=scope)
    rows = await db.read(*statement)
    fold = _folder(plan, caps)
    return {row["node"]["id"]: fold(row["node"]) for row in rows}


async def any_by_ids(
    db: Database, plan: NodePlan, ids: Sequence[str], *, catalog: Catalog = CATALOG
) -> dict[str, Row]:
    """Entities of any label keyed by id; unknown ids are absent."""
    caps = await db.capabilities()
    rows = await db.read(*cypher.any_by_ids(plan, list(ids), caps=caps, catalog=catalog))
    fold = _folder(plan, caps)
    return {row["node"]["id"]: fold(row["node"]) for row in rows}


async def timeline(
    db: Database,
    plan: NodePlan,
    ids: Sequence[str],
    period: Period,
    limit: int,
    *,
    catalog: Catalog = CATALOG,
) -> list[Row]:
    """Per entity found: ``node``, ``starts`` and ``ends`` (its own span's dates in the
    period, or null); and a row whose ``dated`` holds their relationships with a date in
    it, flagged (see ``graph.compile.timeline``)."""
    caps = await db.capabilities()
    statement = cypher.timeline(plan, list(ids), period, limit, caps=caps, catalog=catalog)
    rows = await db.read(*statement)
    fold = _folder(plan, caps)
    return [{**row, "node": fold(row["node"])} for row in rows]


async def between(
    db: Database, ids: Sequence[str], limit: int, *, catalog: Catalog = CATALOG
) -> list[Row]:
    """Relationships among these entities (at most ``limit``), ordered by start id, type
    and end id."""
    rows = await db.read(*cypher.between(list(ids), limit, catalog=catalog))
    return [row["step"] for row in rows]


async def page(
    db: Database,
    label: str,
    plan: NodePlan,
    page: Page,
    conditions: list[Condition],
    sort: Sort = cypher.BY_NAME,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> tuple[list[Row], int | None]:
    """One page (``page.first + 1`` items, to tell whether more follow) and the total."""
    caps = await db.capabilities()
    rows = await db.read(
        *cypher.connection(
            label, plan, page, conditions, sort, caps=caps, catalog=catalog, scope=scope
        )
    )
    fold = _folder(plan, caps)
    return [fold(item) for item in rows[0]["items"]], rows[0]["total"]


async def aggregate(
    db: Database,
    label: str,
    asked: AggregatePlan,
    conditions: list[Condition],
    *,
    catalog: Catalog = CATALOG,
) -> Row:
    """Numbers over the ``label`` nodes the conditions keep (flat keys, see compile)."""
    rows = await db.read(*cypher.aggregate(label, asked, conditions, catalog=catalog))
    if rows:
        return rows[0]
    # Aggregating without a grouping key always answers one row; be whole regardless.
    return {"count": 0, **{f"{prop}.{function}": None for prop, function in asked.values}}


async def search(
    db: Database, plan: NodePlan, text: str, first: int, *, catalog: Catalog = CATALOG
) -> list[Row]:
    caps = await db.capabilities()
    rows = await db.read(*cypher.search(plan, text, first, caps=caps, catalog=catalog))
    fold = _folder(plan, caps)
    return [fold(row["node"]) for row in rows]


async def figures(
    db: Database,
    plan: NodePlan,
    subject_id: str | None,
    *,
    text: str | None = None,
    deprecated: bool = False,
    catalog: Catalog = CATALOG,
) -> list[Row]:
    """Figures, all or those describing one entity, or whose label holds ``text`` (by
    label, preferred first, then date and id); deprecated ones only when asked."""
    caps = await db.capabilities()
    statement = cypher.figures(
        plan, subject_id, text=text, deprecated=deprecated, caps=caps, catalog=catalog
    )
    rows = await db.read(*statement)
    fold = _folder(plan, caps)
    return [fold(row["node"]) for row in rows]


async def disagreements(
    db: Database,
    subjects: NodePlan,
    claims: NodePlan,
    subject_id: str | None,
    measure: str | None,
    limit: int,
    *,
    deprecated: bool = False,
    catalog: Catalog = CATALOG,
) -> list[Row]:
    """Groups of differing figures of one measure about one subject (see
    ``graph.compile.disagreements``)."""
    caps = await db.capabilities()
    statement = cypher.disagreements(
        subjects,
        claims,
        subject_id,
        measure,
        limit,
        deprecated=deprecated,
        caps=caps,
        catalog=catalog,
    )
    rows = await db.read(*statement)
    fold_subject, fold_claim = _folder(subjects, caps), _folder(claims, caps)
    return [
        {
            **row,
            "subject": fold_subject(row["subject"]),
            "claims": [fold_claim(claim) for claim in row["claims"]],
        }
        for row in rows
    ]


async def partners_of_region(
    db: Database,
    partner: NodePlan,
    path_nodes: NodePlan | None,
    region_id: str,
    *,
    with_paths: bool = True,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> list[Row]:
    """Rows of ``partner`` and its ``paths`` (each ``{nodes, relationships}``)."""
    caps = await db.capabilities()
    statement = cypher.partners_of_region(
        partner,
        path_nodes,
        region_id,
        with_paths=with_paths,
        caps=caps,
        catalog=catalog,
        scope=scope,
    )
    rows = await db.read(*statement)
    if not with_paths:
        # One row holding every agency (``cypher.partners_of_region``); none: no region.
        rows = [{"partner": found, "paths": []} for found in (rows[0]["partners"] if rows else [])]
    fold_partner = _folder(partner, caps)
    fold_node = _folder(path_nodes, caps) if path_nodes is not None else None
    for row in rows:
        fold_partner(row["partner"])
        if "paths" not in row:
            row["paths"] = [
                {"nodes": nodes, "relationships": steps}
                for nodes, steps in zip(
                    row.pop("pathNodes"), row.pop("pathRelationships"), strict=True
                )
            ]
        if fold_node is not None:
            for path in row["paths"]:
                path["nodes"] = [fold_node(node) for node in path["nodes"]]
    return rows


async def shortest_path(
    db: Database,
    nodes: NodePlan,
    from_id: str,
    to_id: str,
    max_hops: int,
    *,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Row | None:
    caps = await db.capabilities()
    rows = await db.read(
        *cypher.shortest_path(
            nodes, from_id, to_id, max_hops, caps=caps, catalog=catalog, scope=scope
        )
    )
    if not rows:
        return None
    row = rows[0]
    fold = _folder(nodes, caps)
    row["nodes"] = [fold(node) for node in row["nodes"]]
    return row


async def neighborhood(
    db: Database,
    nodes: NodePlan,
    entity_id: str,
    depth: int,
    limit: int,
    *,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Row | None:
    caps = await db.capabilities()
    rows = await db.read(
        *cypher.neighborhood(
            nodes, entity_id, depth, limit, caps=caps, catalog=catalog, scope=scope
        )
    )
    if not rows:
        return None
    row = rows[0]
    fold = _folder(nodes, caps)
    row["center"] = fold(row["center"])
    row["nodes"] = [fold(node) for node in row["nodes"]]
    return row


async def neighbor_groups(
    db: Database, entity_id: str, *, catalog: Catalog = CATALOG, scope: Scope | None = None
) -> list[Row]:
    """The entity's direct neighbours counted by type, relationship and direction (see
    ``graph.compile.neighbor_groups``)."""
    caps = await db.capabilities()
    return await db.read(
        *cypher.neighbor_groups(entity_id, caps=caps, catalog=catalog, scope=scope)
    )


async def neighbors(
    db: Database,
    nodes: NodePlan,
    entity_id: str,
    around: Around,
    page: Page,
    *,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> tuple[list[Row], int | None] | None:
    """A page of the entity's direct neighbours (``page.first + 1`` of them, each with its
    ``__key`` and ``__edges``) and how many there are in all (when asked); None for an
    unknown id."""
    caps = await db.capabilities()
    statement = cypher.neighbors(
        nodes, entity_id, around, page, caps=caps, catalog=catalog, scope=scope
    )
    rows = await db.read(*statement)
    if not rows:
        return None
    fold = _folder(nodes, caps)
    return [fold(item) for item in rows[0]["items"]], rows[0]["total"]


def _folder(plan: NodePlan, caps: Capabilities) -> Callable[[Any], Any]:
    """What makes a node of ``plan`` hold every paged relation as ``{items, total}``:
    nothing where the engine returned it so (``caps.nested_maps``) or the plan has no
    page; otherwise ``_fold``, which moves the total beside the items into that map."""
    if caps.nested_maps or not _has_pages(plan):
        return _as_is
    return lambda node: _fold(node, plan)


def _as_is(node: Any) -> Any:
    return node


def _fold(node: Any, plan: NodePlan) -> Any:
    if node is None:
        return node
    shape = _shape_of(node, plan)
    if shape is None:
        return node
    if shape.figures is not None:
        figure_plan = NodePlan({Label.FIGURE: shape.figures})
        node["figures"] = [_fold(f, figure_plan) for f in node.get("figures") or []]
    for key, relation in shape.relations.items():
        value = node.get(key)
        if relation.page is not None:
            items = [_fold(item, relation.node) for item in value or []]
            node[key] = {"items": items, "total": node.pop(key + TOTAL_SUFFIX, None)}
        elif isinstance(value, list):
            node[key] = [_fold(item, relation.node) for item in value]
        else:
            node[key] = _fold(value, relation.node)
    return node


def _shape_of(node: Row, plan: NodePlan) -> Shape | None:
    if len(plan.shapes) == 1:
        return next(iter(plan.shapes.values()))
    return plan.shapes.get(Label(node["__typename"]))


def _has_pages(plan: NodePlan) -> bool:
    """Whether any projection under ``plan`` holds a paged relation."""
    for shape in plan.shapes.values():
        if shape.figures is not None and _has_pages(NodePlan({Label.FIGURE: shape.figures})):
            return True
        for relation in shape.relations.values():
            if relation.page is not None or _has_pages(relation.node):
                return True
    return False


async def documents(
    db: Database,
    names: Sequence[str],
    supports: cypher.Facts,
    orphans: cypher.Facts,
    *,
    dated: bool = False,
    catalog: Catalog = CATALOG,
) -> list[Row]:
    """These documents, a row each by name, with flat keys for the facts asked (see
    ``graph.compile.documents``)."""
    caps = await db.capabilities()
    statement = cypher.documents(
        list(names),
        supports,
        orphans,
        dated=dated,
        caps=caps,
        catalog=catalog,
    )
    rows = await db.read(*statement)
    for facts, prefix in ((supports, "supports."), (orphans, "orphans.")):
        for plan, key in ((facts.entities, "entities"), (facts.figures, "figures")):
            if plan is not None:
                fold = _folder(plan, caps)
                for row in rows:
                    row[prefix + key] = [fold(item) for item in row[prefix + key]]
    return rows


async def evidence_search(
    db: Database,
    text: str,
    first: int,
    entities: NodePlan,
    figures: NodePlan,
    *,
    catalog: Catalog = CATALOG,
) -> list[Row]:
    """Quotes holding ``text`` (lower-case), with the facts each supports."""
    caps = await db.capabilities()
    statement = cypher.evidence_search(text, first, entities, figures, caps=caps, catalog=catalog)
    rows = await db.read(*statement)
    fold_entity, fold_figure = _folder(entities, caps), _folder(figures, caps)
    for row in rows:
        row["entities"] = [fold_entity(item) for item in row["entities"]]
        row["figures"] = [fold_figure(item) for item in row["figures"]]
    return rows


async def document_list(
    db: Database,
    after: str | None,
    first: int,
    *,
    counts: bool = False,
    orphans: bool = False,
    dated: bool = False,
    catalog: Catalog = CATALOG,
) -> Row:
    """A page of document names with their catalogue entries and, as asked, how many facts
    cite each and the latest dates their quotes give (see ``graph.compile.document_list``)."""
    statement = cypher.document_list(
        after, first, counts=counts, orphans=orphans, dated=dated, catalog=catalog
    )
    rows = await db.read(*statement)
    return rows[0] if rows else {"page": [], "catalogue": []}
