"""Schema migrations: constraints and indexes, each created idempotently (``IF NOT EXISTS``),
then the id registry filled in for nodes written before it existed.

Run by ``ipgraph migrate`` and at startup before seeding: MERGE by id is only fast
(and only safe) with the unique constraint behind it.
"""

from __future__ import annotations

from typing import LiteralString

from graph.db import Database
from graph.errors import ConflictError
from graph.model import ENTITIES, ENTITY_LABELS, Label, RelType

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
    # The verbatim quotes of every fact (``searchEvidence``): the standard analyzer
    # lower-cases them and splits them into words, so each run of letters and digits of
    # a searched text is inside one word of every quote that holds the text
    # (``graph.compile.evidence_search`` keeps exactly those).
    "CREATE FULLTEXT INDEX evidence_quotes IF NOT EXISTS "
    "FOR (n:" + "|".join((*ENTITY_LABELS, Label.FIGURE)) + ") "
    "ON EACH [n.sourceQuotes] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    "CREATE FULLTEXT INDEX evidence_quotes_between IF NOT EXISTS "
    "FOR ()-[r:" + "|".join(t.value for t in RelType if t is not RelType.DESCRIBES) + "]-() "
    "ON EACH [r.sourceQuotes] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    "CALL db.awaitIndex('evidence_quotes', 300)",
    "CALL db.awaitIndex('evidence_quotes_between', 300)",
)
QUOTE_INDEXES = ("evidence_quotes", "evidence_quotes_between")

# The labels whose ids share one space (``graph.writes``): every entity type, figures and
# the documents' catalogue (its ids are the documents' file names).
ID_LABELS: tuple[str, ...] = (*ENTITY_LABELS, Label.FIGURE, Label.DOCUMENT)

# A unique id per entity type and figures (MERGE by id relies on it), one across them all
# (the registry, ``EntityId``), one per write lock and for the history's counter, the
# history's own, and an index for every list order and
# equality filter the API offers: the name, filterable properties.
MIGRATIONS: tuple[LiteralString, ...] = (
    *(
        f"CREATE CONSTRAINT {name}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for name, label in [(e.snake, e.label) for e in ENTITIES]
        + [
            ("figure", Label.FIGURE),
            ("document", Label.DOCUMENT),
            ("entity_id", Label.ENTITY_ID),
            ("write_lock", Label.WRITE_LOCK),
            ("change_log", Label.CHANGE_LOG),
        ]
    ),
    # The history (``graph.history``): changes by number (their cursor), by entity and by
    # either end of a relationship (an entity's history). Numbers are unique by the
    # counter that hands them out, not by a constraint: on the embedded engine a unique
    # index refuses the second of two racing writers (not retried) before the counter's
    # conflict would send it round again (retried, with the next number).
    *(
        f"CREATE INDEX change_{key} IF NOT EXISTS FOR (c:{Label.CHANGE}) ON (c.{key})"
        for key in ("seq", "entity", "fromId", "toId")
    ),
    *(
        f"CREATE INDEX {entity.snake}_{key} IF NOT EXISTS FOR (n:{entity.label}) ON (n.{key})"
        for entity in ENTITIES
        for key in ["name", *(p.name for p in entity.properties if p.filterable)]
    ),
)

# Registered ids against nodes that hold one: equal counts mean nothing to fill in (the
# writes and the loader keep both in step), so a restart over a large graph costs one
# count per label.
REGISTRY_COUNTS: LiteralString = (
    f"RETURN COUNT {{ (:{Label.ENTITY_ID}) }} AS registered, "
    + " + ".join(f"COUNT {{ (:{label}) }}" for label in ID_LABELS)
    + " AS held"
)

# Ids held by nodes of more than one label (possible before the registry): the registry
# cannot be filled in until an editor deletes or renames all but one.
SHARED_IDS: LiteralString = (
    "CALL () { "
    + " UNION ALL ".join(
        f"MATCH (n:{label}) RETURN n.id AS id, '{label}' AS label" for label in ID_LABELS
    )
    + " } WITH id, collect(label) AS labels WHERE size(labels) > 1 "
    "RETURN id, labels ORDER BY id LIMIT 20"
)


def register(label: str) -> LiteralString:
    """Register every ``label`` node's id (idempotent: MERGE on the id and the label)."""
    return f"MATCH (n:{label}) MERGE (:{Label.ENTITY_ID} {{id: n.id, label: '{label}'}})"


def unregister_stale(label: str) -> LiteralString:
    """Drop registrations for ``label`` whose node is gone (deleted by hand, say)."""
    return (
        f"MATCH (k:{Label.ENTITY_ID} {{label: '{label}'}}) "
        f"WHERE NOT EXISTS {{ MATCH (n:{label} {{id: k.id}}) }} DELETE k"
    )


async def fill_registry(db: Database) -> int:
    """Register the ids of nodes written before the registry (or by hand); return how
    many statements ran. ``ConflictError`` names ids that several labels hold."""
    counts = (await db.read(REGISTRY_COUNTS))[0]
    if counts["registered"] == counts["held"]:
        return 1
    shared = await db.read(SHARED_IDS)
    if shared:
        listed = ", ".join(f"{row['id']} ({' and '.join(row['labels'])})" for row in shared)
        raise ConflictError(
            f"ids held by more than one type: {listed}; delete or rename all but one of each "
            "before migrating (one id names one entity)"
        )
    # Stale registrations go first: one may hold an id a node of another label now has.
    statements = [unregister_stale(label) for label in ID_LABELS]
    statements += [register(label) for label in ID_LABELS]
    await db.write([(statement, {}) for statement in statements])
    return 2 + len(statements)


# Figures written before measures and ranks: each is a measure of its own (so no other
# figure is compared with it) and ranked normal.
FIGURE_DEFAULTS: LiteralString = (
    f"MATCH (f:{Label.FIGURE}) WHERE f.measure IS NULL OR f.rank IS NULL "
    "SET f.measure = coalesce(f.measure, f.id), f.rank = coalesce(f.rank, 'NORMAL')"
)


async def migrate(db: Database) -> int:
    """Apply every migration the engine supports, then fill in the id registry; return
    how many schema statements (constraints and indexes) ran. All are idempotent.

    Schema statements cannot share a transaction with each other on Neo4j, so
    each runs in its own.
    """
    statements = MIGRATIONS
    if (await db.capabilities(known=True)).fulltext:
        statements += FULLTEXT_MIGRATIONS
    for statement in statements:
        await db.write([(statement, {})])
    await fill_registry(db)
    await db.write([(FIGURE_DEFAULTS, {})])
    return len(statements)
