"""What the engine behind the driver can do, probed once, so one code path can pick the
statement that suits it.

Both engines speak Cypher 5 over Bolt. Where they differ, the difference is named here
and nowhere else:

- **Full-text indexes.** Neo4j has them (``CREATE FULLTEXT INDEX``,
  ``db.index.fulltext.queryNodes``, Lucene relevance); ArcadeDB has neither, so search
  scans the normalized ``searchText`` with ``CONTAINS`` there.

The probe asks for the procedure itself rather than reading the server's agent string:
what matters is whether the feature answers, not whose name is on the box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

FULLTEXT_PROBE: LiteralString = (
    "SHOW PROCEDURES YIELD name WHERE name = 'db.index.fulltext.queryNodes' "
    "RETURN count(name) AS fulltext"
)


@dataclass(frozen=True)
class Capabilities:
    """The engine features statements may rely on."""

    fulltext: bool = False

    @classmethod
    def from_probe(cls, rows: list[dict[str, object]]) -> Capabilities:
        fulltext = bool(rows) and int(str(rows[0].get("fulltext", 0))) > 0
        return cls(fulltext=fulltext)


# What a statement may assume before the engine has answered the probe: the common subset.
BASELINE = Capabilities()
