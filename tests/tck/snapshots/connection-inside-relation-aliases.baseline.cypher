// { location(id: "city-tck-bogota") { up: parent { officers(first: 1) { nodes { name } } } parent { officers(first: 3) { totalCount nodes { rank } } } } }
// 1 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, parent: COLLECT { MATCH (n1)-[r2:PART_OF]->(b3:Location) WITH b3, r2 ORDER BY all(i4 IN coalesce(r2.sourceInferred, []) WHERE i4), b3.name, b3.id LIMIT 1 RETURN b3 {__typename: 'Location', .id, `@officers`: COLLECT { MATCH (b3)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b6:Officer) WITH DISTINCT b6 WITH b6 ORDER BY b6.name, b6.id LIMIT $p1 RETURN b6 {__typename: 'Officer', .id, .name, .rank, __key: b6.name} AS x7 }, `@officers#total`: size(COLLECT { MATCH (b3)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b8:Officer) RETURN DISTINCT b8.id AS x9 })} AS x5 }[0]} AS node
// 1 params
{
  "p0": [
    "city-tck-bogota"
  ],
  "p1": 4
}
