// query { mission(id: "mission-tck-mali") { ...MissionParts partners { ...Agency } } search(text: "Tck Police") { ...Agency ...Place } } fragment MissionParts on Mission { name ...Dates components { ...Dates } } fragment Dates on Mission { startDate endDate } fragment Agency on PartnerAgency { id acronym } fragment Place on Location { id kind }
// 1 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, .endDate, .name, .startDate, components: COLLECT { MATCH (n1)<-[:PART_OF]-(b2:Mission) WITH b2 ORDER BY b2.name, b2.id RETURN b2 {__typename: 'Mission', .id, .endDate, .startDate} AS x3 }, partners: COLLECT { MATCH (n1)-[:WITH_PARTNER]->(b4:PartnerAgency) WITH b4 ORDER BY b4.name, b4.id RETURN b4 {__typename: 'PartnerAgency', .id, .acronym} AS x5 }} AS node
// 1 params
{
  "p0": [
    "mission-tck-mali"
  ]
}
// 2 read
CALL db.index.fulltext.queryNodes('entity_search', $p0) YIELD node AS n1, score AS score2 WHERE (n1:Branch OR n1:Officer OR n1:Location OR n1:PartnerAgency OR n1:Mission) AND n1.searchText CONTAINS $p1
WITH n1, score2 ORDER BY score2 DESC, n1.name, n1.id LIMIT $p2
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id} WHEN n1:Location THEN n1 {__typename: 'Location', .id, .kind} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id, .acronym} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id} END AS node
// 2 params
{
  "p0": "(tck^4 OR tck*^2 OR *tck*) AND (police^4 OR police*^2 OR *police*)",
  "p1": "tck police",
  "p2": 20
}
