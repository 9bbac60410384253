"""Read plans: what a request wants from the graph, independent of GraphQL.

The resolvers turn a GraphQL selection into these; ``graph.compile`` turns them
into one Cypher statement. Keys are the names results come back under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """A slice of a list, ordered by (name, id) or an explicit sort, after a keyset cursor."""

    first: int
    after: tuple[Any, str] | None = None
    total: bool = False


@dataclass(frozen=True)
class AggregatePlan:
    """Numbers over a relation's distinct targets: how many (``count``), and the least,
    greatest or mean of some of their properties (``values``: property, function)."""

    relation: str
    count: bool = False
    values: frozenset[tuple[str, str]] = frozenset()

    def merged(self, other: AggregatePlan) -> AggregatePlan:
        return AggregatePlan(self.relation, self.count or other.count, self.values | other.values)


@dataclass
class Shape:
    """The fields to project for nodes of one label."""

    props: set[str] = field(default_factory=set)
    sources: bool = False
    figures: Shape | None = None
    counts: dict[str, str] = field(default_factory=dict)  # key -> relation name
    relations: dict[str, RelationPlan] = field(default_factory=dict)  # key -> plan
    aggregates: dict[str, AggregatePlan] = field(default_factory=dict)  # field -> plan


@dataclass
class NodePlan:
    """A projection of nodes that may carry any of ``shapes``' labels (one for plain types)."""

    shapes: dict[str, Shape]

    @classmethod
    def of(cls, label: str) -> NodePlan:
        return cls({label: Shape()})


@dataclass
class RelationPlan:
    relation: str
    node: NodePlan
    page: Page | None = None
    # Follow the relation's narrow route (``Relation.direct``).
    direct: bool = False
    # Project, with each target, the relationships that tie it (a page's edges).
    ties: bool = False
