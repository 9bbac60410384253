// { branch(id: "branch-tck-ops") { officers { nodes { id } } } }
// 1 read
MATCH (n1:Branch) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Branch', .id, `@officers`: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Branch)<-[:MEMBER_OF]-(b2:Officer) WITH DISTINCT b2 WITH b2 ORDER BY b2.name, b2.id LIMIT $p1 RETURN b2 {__typename: 'Officer', .id, __key: b2.name} AS x3 }, `@officers#total`: null} AS node
// 1 params
{
  "p0": [
    "branch-tck-ops"
  ],
  "p1": 21
}
