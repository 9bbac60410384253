// { mission(id: "mission-tck-mali") { ... on Mission { name } ... { acronym } locations { ... on Location { kind } } } entities(ids: ["mission-tck-mali"]) { ... on Mission { status } ... on Location { grouping } } }
// 1 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, .acronym, .name, locations: COLLECT { MATCH (n1)-[:LOCATED_IN]->(b2:Location) WITH b2 ORDER BY b2.name, b2.id RETURN b2 {__typename: 'Location', .id, .kind} AS x3 }} AS node
// 1 params
{
  "p0": [
    "mission-tck-mali"
  ]
}
// 2 read
CALL () { MATCH (n1:Branch) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Officer) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Location) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:PartnerAgency) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Mission) WHERE n1.id IN $p0 RETURN n1 }
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id} WHEN n1:Location THEN n1 {__typename: 'Location', .id, .grouping} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id, .status} END AS node
// 2 params
{
  "p0": [
    "mission-tck-mali"
  ]
}
