// { location(id: "city-tck-bogota") { officers(first: 2) { nodes { name } } ...Officers } } fragment Officers on Location { officers(first: 2) { totalCount } }
// 1 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, `@officers`: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b2:Officer) WITH DISTINCT b2 WITH b2 ORDER BY b2.name, b2.id LIMIT $p1 RETURN b2 {__typename: 'Officer', .id, .name, __key: b2.name} AS x3 }, `@officers#total`: size(COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b4:Officer) RETURN DISTINCT b4.id AS x5 })} AS node
// 1 params
{
  "p0": [
    "city-tck-bogota"
  ],
  "p1": 3
}
