// query($after: String) { mission(id: "mission-tck-mali") { officers(first: 2, after: $after) { edges { cursor node { name } } } } }
// variables: {"after": "WyJOQU1FIiwiVGNrIE9mZmljZXIiLCJsby10Y2stYm9nb3RhIl0"}
// 1 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, `@officers`: COLLECT { MATCH (n1)<-[:SERVES_ON]-(b2:Officer) WITH DISTINCT b2 WHERE b2.name > $p1 OR (b2.name = $p1 AND b2.id > $p2) WITH b2 ORDER BY b2.name, b2.id LIMIT $p3 RETURN b2 {__typename: 'Officer', .id, .name, __key: b2.name} AS x3 }, `@officers#total`: null} AS node
// 1 params
{
  "p0": [
    "mission-tck-mali"
  ],
  "p1": "Tck Officer",
  "p2": "lo-tck-bogota",
  "p3": 3
}
