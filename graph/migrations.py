"""Schema migrations: constraints and indexes, each created idempotently (``IF NOT EXISTS``).

Run by ``ipgraph migrate`` and at startup before seeding: MERGE by id is only fast
(and only safe) with the unique constraint behind it.
"""

from __future__ import annotations

from typing import LiteralString

from graph.db import Database
from graph.model import ENTITY_LABELS

# Search on engines with full-text indexes (``graph.capabilities``). The whitespace
# analyzer splits ``searchText`` (already lower-cased and accent-free, ``graph.text``)
# only where a query's words are split, so every entity whose text contains the query
# is among the index's candidates; ``graph.compile.search`` keeps exactly those.
SEARCH_INDEX = "entity_search"
FULLTEXT_MIGRATIONS: tuple[LiteralString, ...] = (
    "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS "
    "FOR (n:" + "|".join(label.value for label in ENTITY_LABELS) + ") "
    "ON EACH [n.searchText] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
    # Population runs in the background: searches and seeding wait for it here, once.
    "CALL db.awaitIndex('entity_search', 300)",
)

MIGRATIONS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT branch_id IF NOT EXISTS FOR (n:Branch) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT officer_id IF NOT EXISTS FOR (n:Officer) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT location_id IF NOT EXISTS FOR (n:Location) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT partner_agency_id IF NOT EXISTS "
    "FOR (n:PartnerAgency) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT mission_id IF NOT EXISTS FOR (n:Mission) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT figure_id IF NOT EXISTS FOR (n:Figure) REQUIRE n.id IS UNIQUE",
    # Filters and sorts the API offers.
    "CREATE INDEX location_kind IF NOT EXISTS FOR (n:Location) ON (n.kind)",
    "CREATE INDEX mission_status IF NOT EXISTS FOR (n:Mission) ON (n.status)",
    "CREATE INDEX mission_language IF NOT EXISTS FOR (n:Mission) ON (n.language)",
    "CREATE INDEX branch_name IF NOT EXISTS FOR (n:Branch) ON (n.name)",
    "CREATE INDEX officer_name IF NOT EXISTS FOR (n:Officer) ON (n.name)",
    "CREATE INDEX location_name IF NOT EXISTS FOR (n:Location) ON (n.name)",
    "CREATE INDEX partner_agency_name IF NOT EXISTS FOR (n:PartnerAgency) ON (n.name)",
    "CREATE INDEX mission_name IF NOT EXISTS FOR (n:Mission) ON (n.name)",
)


async def migrate(db: Database) -> int:
    """Apply every migration the engine supports; return how many statements ran (all
    are idempotent).

    Schema statements cannot share a transaction with each other on Neo4j, so
    each runs in its own.
    """
    statements = MIGRATIONS
    if (await db.capabilities(known=True)).fulltext:
        statements += FULLTEXT_MIGRATIONS
    for statement in statements:
        await db.write([(statement, {})])
    return len(statements)
