"""Schema migrations: constraints and indexes, each created idempotently (``IF NOT EXISTS``).

Run by ``ipgraph migrate`` and at startup before seeding: MERGE by id is only fast
(and only safe) with the unique constraint behind it.
"""

from __future__ import annotations

from typing import LiteralString

from graph.db import Database

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
    """Apply every migration; return how many statements ran (all are idempotent).

    Schema statements cannot share a transaction with each other on Neo4j, so
    each runs in its own.
    """
    for statement in MIGRATIONS:
        await db.write([(statement, {})])
    return len(MIGRATIONS)
