"""Hand-written Cypher for the benchmark's floor: the same data each benchmark operation
returns, fetched directly with the driver, as a developer would write it by hand."""

from __future__ import annotations

from typing import LiteralString

ID_LOOKUP: LiteralString = (
    "MATCH (m:Mission {id: $id}) "
    "RETURN m {.id, .name, .status, .language, .armed, .authorizedDeployments} AS mission"
)

NESTED: LiteralString = (
    "MATCH (:Location {id: $id})<-[:LOCATED_IN]-(m:Mission) "
    "RETURN m {.id, .name, "
    "partners: [(m)-[:WITH_PARTNER]->(p:PartnerAgency) | p {.id, .name}], "
    "officerCount: COUNT { (m)<-[:SERVES_ON]-(:Officer) }} AS mission"
)

# The three routes from the region down, each whole (a subquery per place inside repeats
# its setup for each of about 600 places: 1.3 to 1.5 times slower, BENCHMARKS.md run I).
REGION_PARTNERS: LiteralString = (
    "MATCH (region:Location {id: $id}) "
    "CALL (region) { "
    "MATCH (region)<-[:PART_OF*0..5]-(:Location)<-[:BASED_IN]-(a:PartnerAgency) RETURN a "
    "UNION MATCH (region)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(:Mission)"
    "-[:WITH_PARTNER]->(a:PartnerAgency) RETURN a "
    "UNION MATCH (region)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(:Officer)"
    "-[:MEMBER_OF]->(a:PartnerAgency) RETURN a } "
    "RETURN DISTINCT a {.id, .name} AS partner"
)

SEARCH: LiteralString = (
    "MATCH (n) WHERE (n:Branch OR n:Officer OR n:Location OR n:PartnerAgency OR n:Mission) "
    "AND n.searchText CONTAINS $text "
    "RETURN n {.id, .name} AS node LIMIT 20"
)

# The same search where the engine has a full-text index (graph.capabilities): candidates
# from the index by relevance, kept if their text contains the words ($query is the
# index query graph.compile.lucene_query builds from $text).
SEARCH_FULLTEXT: LiteralString = (
    "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node AS n, score "
    "WHERE n.searchText CONTAINS $text "
    "RETURN n {.id, .name} AS node ORDER BY score DESC LIMIT 20"
)

BIG_LIST: LiteralString = (
    "MATCH (:Branch {id: $id})<-[:MANAGED_BY]-(m:Mission) RETURN m {.id, .name, .status} AS mission"
)

GENERATED: LiteralString = "RETURN EXISTS { MATCH (:Branch {id: 'gen-branch-3'}) } AS present"

# How many of each generated entity the benchmark may ask for (the scale varies).
GENERATED_SIZES: LiteralString = (
    "RETURN COUNT { MATCH (r:Location) WHERE r.id STARTS WITH 'gen-region-' } AS regions, "
    "COUNT { MATCH (c:Location) WHERE c.id STARTS WITH 'gen-country-' } AS countries, "
    "COUNT { MATCH (m:Mission) WHERE m.id STARTS WITH 'gen-mission-' } AS missions"
)

# An editor's write as a developer would write it by hand: one statement appending a
# source to the parallel lists (``graph.provenance``), no lock, no history.
WRITE: LiteralString = (
    "MATCH (m:Mission {id: $id}) "
    "SET m.sourceDocuments = m.sourceDocuments + 'ipgraph bench', "
    "m.sourceQuotes = m.sourceQuotes + $quote, m.sourceAsOf = m.sourceAsOf + '', "
    "m.sourceInferred = m.sourceInferred + false, m.sourceReasoning = m.sourceReasoning + '' "
    "RETURN m.id AS id"
)

# A mission's latest changes: the history's own read (``graph.history``), without the
# relationship ends (the floor reads the entity's own changes).
HISTORY: LiteralString = (
    "MATCH (c:Change) WHERE c.entity = $id "
    "RETURN properties(c) AS change ORDER BY c.seq DESC LIMIT 21"
)
