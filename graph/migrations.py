"""Schema migrations: constraints and indexes, each created idempotently (``IF NOT EXISTS``).

Run by ``ipgraph migrate`` and at startup before seeding: MERGE by id is only fast
(and only safe) with the unique constraint behind it.
"""

from __future__ import annotations

from typing import LiteralString

from graph.db import Database
from graph.model import ENTITIES, ENTITY_LABELS, Label

# Search on engines with full-text indexes (``graph.capabilities``). The whitespace
# analyzer splits ``searchText`` (already lower-cased and accent-free, ``graph.text``)
# only where a query's words are split, so every entity whose text contains the query
# is among the index's candidates; ``graph.compile.search`` keeps exactly those.
SEARCH_INDEX = "entity_search"
FULLTEXT_MIGRATIONS: tuple[LiteralString, ...] = (
    "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS "
    "FOR (n:" + "|".join(label for label in ENTITY_LABELS) + ") "
    "ON EACH [n.searchText] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
    # Population runs in the background: searches and seeding wait for it here, once.
    "CALL db.awaitIndex('entity_search', 300)",
)

# A unique id per entity type and figures (MERGE by id relies on it), and an index for
# every list order and equality filter the API offers: the name, filterable properties.
MIGRATIONS: tuple[LiteralString, ...] = (
    *(
        f"CREATE CONSTRAINT {name}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for name, label in [(e.snake, e.label) for e in ENTITIES] + [("figure", Label.FIGURE)]
    ),
    *(
        f"CREATE INDEX {entity.snake}_{key} IF NOT EXISTS FOR (n:{entity.label}) ON (n.{key})"
        for entity in ENTITIES
        for key in ["name", *(p.name for p in entity.properties if p.filterable)]
    ),
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
