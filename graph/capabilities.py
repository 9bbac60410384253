"""What the engine behind the driver can do, probed once, so one code path can pick the
statement that suits it.

Both engines speak Cypher 5 over Bolt. Where they differ, the difference is named here
and nowhere else:

- **Full-text indexes.** Neo4j has them (``CREATE FULLTEXT INDEX``,
  ``db.index.fulltext.queryNodes``, Lucene relevance); ArcadeDB has neither, so search
  scans the normalized ``searchText`` with ``CONTAINS`` there.
- **Maps that hold subqueries or comprehensions, inside projections and comprehensions.**
  Neo4j returns them as written; ArcadeDB returns null for them. On Neo4j a paged
  relation comes back as ``{items, total}`` and a path as ``{nodes, relationships}``;
  on ArcadeDB the statement returns the parts side by side, and ``graph.reads`` folds
  them into the same shape, so nothing above ``graph/`` sees the difference.

- **Shortest paths under a condition on the whole path.** Neo4j tests ``all(…)`` over
  a ``shortestPath``'s nodes and relationships during the search, so it finds the
  shortest path that meets it; ArcadeDB finds the shortest path first and then drops it
  when it fails, missing a longer one that holds. There a path as of a date is searched
  by length instead (``graph.compile.shortest_path``).

The probes ask for the feature itself rather than reading the server's agent string:
what matters is whether the feature answers, not whose name is on the box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

FULLTEXT_PROBE: LiteralString = (
    "SHOW PROCEDURES YIELD name WHERE name = 'db.index.fulltext.queryNodes' "
    "RETURN count(name) AS fulltext"
)


# ArcadeDB returns null for a map that holds a comprehension of map projections, inside a
# comprehension: the same family as a map of subqueries inside a node's projection, which
# cannot be probed without data. The integration tests run every statement on both.
NESTED_MAPS_PROBE: LiteralString = (
    "RETURN [x IN [{nodes: [{id: 1}]}] | {nodes: [y IN x.nodes | y {.id}]}] AS listed"
)
NESTED_MAPS_EXPECTED = {"listed": [{"nodes": [{"id": 1}]}]}


# Two routes from a to z: two hops through a relationship that fails the condition,
# three through ones that meet it. An engine that searches under the condition answers 3.
# It needs data of its own, so it runs in a transaction that is rolled back
# (``Database.capabilities``); ids no entity has, types the model already has.
FILTERED_SHORTEST_PROBE: LiteralString = (
    "CREATE (a:Location {id: 'capability-probe-a'})-[:PART_OF]->"
    "(:Location {id: 'capability-probe-b'})-[:PART_OF {until: '1000'}]->"
    "(z:Location {id: 'capability-probe-z'}), "
    "(a)-[:PART_OF]->(:Location {id: 'capability-probe-c'})-[:PART_OF]->"
    "(:Location {id: 'capability-probe-d'})-[:PART_OF]->(z) "
    "WITH a, z MATCH p = shortestPath((a)-[*..4]-(z)) "
    "WHERE all(r IN relationships(p) WHERE r.until IS NULL) "
    "RETURN length(p) AS hops"
)
FILTERED_SHORTEST_EXPECTED = {"hops": 3}


@dataclass(frozen=True)
class Capabilities:
    """The engine features statements may rely on."""

    fulltext: bool = False
    nested_maps: bool = False
    filtered_shortest_path: bool = False

    @classmethod
    def from_probes(
        cls,
        fulltext_rows: list[dict[str, object]],
        nested_rows: list[dict[str, object]],
        shortest_rows: list[dict[str, object]] | None = None,
    ) -> Capabilities:
        fulltext = bool(fulltext_rows) and int(str(fulltext_rows[0].get("fulltext", 0))) > 0
        nested_maps = bool(nested_rows) and dict(nested_rows[0]) == NESTED_MAPS_EXPECTED
        shortest = bool(shortest_rows) and dict((shortest_rows or [{}])[0]) == (
            FILTERED_SHORTEST_EXPECTED
        )
        return cls(fulltext=fulltext, nested_maps=nested_maps, filtered_shortest_path=shortest)


# What a statement may assume before the engine has answered the probe: the common subset.
BASELINE = Capabilities()
