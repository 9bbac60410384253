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
MATCH (n1) WHERE (n1:Branch OR n1:Officer OR n1:Location OR n1:PartnerAgency OR n1:Mission) AND n1.searchText CONTAINS $p0
WITH n1 ORDER BY CASE WHEN n1.searchText STARTS WITH $p0 THEN 0 ELSE 1 END, n1.name, n1.id LIMIT $p1
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id} WHEN n1:Location THEN n1 {__typename: 'Location', .id, .kind} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id, .acronym} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id} END AS node
// 2 params
{
  "p0": "tck police",
  "p1": 20
}
