// { officers(filter: {within: "country-tck-peru"}) { totalCount nodes { id } } }
// 1 read
RETURN COLLECT { MATCH (:Location {id: $p0})<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(n1:Officer) WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p1 RETURN n1 {__typename: 'Officer', .id, __key: k2} AS x3 } AS items, size(COLLECT { MATCH (:Location {id: $p0})<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(n1:Officer) WITH DISTINCT n1 RETURN n1.id AS x4 }) AS total
// 1 params
{
  "p0": "country-tck-peru",
  "p1": 21
}
