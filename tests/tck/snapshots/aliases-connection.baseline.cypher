// { location(id: "city-tck-bogota") { few: officers(first: 1) { nodes { id } } many: officers(first: 50) { totalCount nodes { name } } } }
// 1 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, `@few`: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b2:Officer) WITH DISTINCT b2 WITH b2 ORDER BY b2.name, b2.id LIMIT $p1 RETURN b2 {__typename: 'Officer', .id, __key: b2.name} AS x3 }, `@few#total`: null, `@many`: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b4:Officer) WITH DISTINCT b4 WITH b4 ORDER BY b4.name, b4.id LIMIT $p2 RETURN b4 {__typename: 'Officer', .id, .name, __key: b4.name} AS x5 }, `@many#total`: size(COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b6:Officer) RETURN DISTINCT b6.id AS x7 })} AS node
// 1 params
{
  "p0": [
    "city-tck-bogota"
  ],
  "p1": 2,
  "p2": 51
}
