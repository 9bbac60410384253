// { location(id: "city-tck-bogota") { few: officers(first: 1) { nodes { id } } many: officers(first: 50) { totalCount nodes { name } } } }
// 1 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, `@few`: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[r3:POSTED_TO]-(b2:Officer) WITH DISTINCT b2 WITH b2 ORDER BY b2.name, b2.id LIMIT $p1 RETURN b2 {__typename: 'Officer', .id, __key: b2.name} AS x4 }, `@few__total`: null, `@many`: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[r6:POSTED_TO]-(b5:Officer) WITH DISTINCT b5 WITH b5 ORDER BY b5.name, b5.id LIMIT $p2 RETURN b5 {__typename: 'Officer', .id, .name, __key: b5.name} AS x7 }, `@many__total`: size(COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[r9:POSTED_TO]-(b8:Officer) RETURN DISTINCT b8.id AS x10 })} AS node
// 1 params
{
  "p0": [
    "city-tck-bogota"
  ],
  "p1": 2,
  "p2": 51
}
