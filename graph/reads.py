"""Read queries: run a compiled plan (``graph.compile``) and hand back plain rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph import compile as cypher
from graph.compile import Condition, Sort
from graph.db import Database
from graph.model import Label
from graph.plan import NodePlan, Page

Row = dict[str, Any]


async def by_ids(db: Database, label: Label, plan: NodePlan, ids: Sequence[str]) -> dict[str, Row]:
    """Nodes keyed by id; unknown ids are absent."""
    rows = await db.read(*cypher.by_ids(label, plan, list(ids)))
    return {row["node"]["id"]: row["node"] for row in rows}


async def any_by_ids(db: Database, plan: NodePlan, ids: Sequence[str]) -> dict[str, Row]:
    """Entities of any label keyed by id; unknown ids are absent."""
    rows = await db.read(*cypher.any_by_ids(plan, list(ids)))
    return {row["node"]["id"]: row["node"] for row in rows}


async def between(db: Database, ids: Sequence[str], limit: int) -> list[Row]:
    """Relationships among these entities (at most ``limit``), ordered by start id, type
    and end id."""
    rows = await db.read(*cypher.between(list(ids), limit))
    return list(rows[0]["steps"]) if rows else []


async def page(
    db: Database,
    label: Label,
    plan: NodePlan,
    page: Page,
    conditions: list[Condition],
    sort: Sort = cypher.BY_NAME,
) -> tuple[list[Row], int | None]:
    """One page (``page.first + 1`` items, to tell whether more follow) and the total."""
    rows = await db.read(*cypher.connection(label, plan, page, conditions, sort))
    return rows[0]["items"], rows[0]["total"]


async def search(db: Database, plan: NodePlan, text: str, first: int) -> list[Row]:
    fulltext = (await db.capabilities()).fulltext
    rows = await db.read(*cypher.search(plan, text, first, fulltext=fulltext))
    return [row["node"] for row in rows]


async def figures(
    db: Database, plan: NodePlan, subject: NodePlan | None, subject_id: str | None
) -> list[Row]:
    rows = await db.read(*cypher.figures(plan, subject, subject_id))
    return [row["node"] for row in rows]


async def partners_of_region(
    db: Database,
    partner: NodePlan,
    path_nodes: NodePlan | None,
    region_id: str,
    *,
    with_paths: bool = True,
) -> list[Row]:
    """Rows of ``partner``, ``pathNodes`` and ``pathRelationships`` (parallel lists)."""
    statement = cypher.partners_of_region(partner, path_nodes, region_id, with_paths=with_paths)
    return await db.read(*statement)


async def shortest_path(
    db: Database, nodes: NodePlan, from_id: str, to_id: str, max_hops: int
) -> Row | None:
    rows = await db.read(*cypher.shortest_path(nodes, from_id, to_id, max_hops))
    return rows[0] if rows else None


async def neighborhood(
    db: Database, nodes: NodePlan, entity_id: str, depth: int, limit: int
) -> Row | None:
    rows = await db.read(*cypher.neighborhood(nodes, entity_id, depth, limit))
    return rows[0] if rows else None
