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


@dataclass(frozen=True)
class Capabilities:
    """The engine features statements may rely on."""

    fulltext: bool = False
    nested_maps: bool = False

    @classmethod
    def from_probes(
        cls, fulltext_rows: list[dict[str, object]], nested_rows: list[dict[str, object]]
    ) -> Capabilities:
        fulltext = bool(fulltext_rows) and int(str(fulltext_rows[0].get("fulltext", 0))) > 0
        nested_maps = bool(nested_rows) and dict(nested_rows[0]) == NESTED_MAPS_EXPECTED
        return cls(fulltext=fulltext, nested_maps=nested_maps)


# What a statement may assume before the engine has answered the probe: the common subset.
BASELINE = Capabilities()
