// { branch(id: "branch-tck-ops") { officers(first: 4, after: "WyJOQU1FIiwiVGNrIExpdGVyYWwiLCJsby10Y2stbGltYSJd") { totalCount } } }
// 1 read
MATCH (n1:Branch) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Branch', .id, `@officers`: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Branch)<-[:MEMBER_OF]-(b2:Officer) WITH DISTINCT b2 WHERE b2.name > $p1 OR (b2.name = $p1 AND b2.id > $p2) WITH b2 ORDER BY b2.name, b2.id LIMIT $p3 RETURN b2 {__typename: 'Officer', .id, __key: b2.name} AS x3 }, `@officers#total`: size(COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Branch)<-[:MEMBER_OF]-(b4:Officer) RETURN DISTINCT b4.id AS x5 })} AS node
// 1 params
{
  "p0": [
    "branch-tck-ops"
  ],
  "p1": "Tck Literal",
  "p2": "lo-tck-lima",
  "p3": 5
}
