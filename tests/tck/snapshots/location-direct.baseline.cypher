// query($direct: Boolean!) { location(id: "city-tck-bogota") { here: missions(direct: true) { id } missions { name } officers(first: 2, direct: $direct) { totalCount nodes { id } } } }
// variables: {"direct": true}
// 1 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, `@here`: COLLECT { MATCH (n1)<-[:LOCATED_IN]-(b2:Mission) WITH b2 ORDER BY b2.name, b2.id RETURN b2 {__typename: 'Mission', .id} AS x3 }, `@missions`: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(b4:Mission) WITH DISTINCT b4 ORDER BY b4.name, b4.id RETURN b4 {__typename: 'Mission', .id, .name} AS x5 }, `@officers`: COLLECT { MATCH (n1)<-[:POSTED_TO]-(b6:Officer) WITH DISTINCT b6 WITH b6 ORDER BY b6.name, b6.id LIMIT $p1 RETURN b6 {__typename: 'Officer', .id, __key: b6.name} AS x7 }, `@officers#total`: COUNT { MATCH (n1)<-[:POSTED_TO]-(b8:Officer) }} AS node
// 1 params
{
  "p0": [
    "city-tck-bogota"
  ],
  "p1": 3
}
