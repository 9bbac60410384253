// { officers(first: 5, filter: {branch: "branch-tck-ops", within: "country-tck-peru", name: "Tck Liaison"}) { nodes { id name } } }
// 1 read
RETURN COLLECT { MATCH (:Branch {id: $p0})<-[:PART_OF*0..5]-(:Branch)<-[:MEMBER_OF]-(n1:Officer) MATCH (:Location {id: $p1})<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(n1:Officer) WHERE n1.searchText CONTAINS $p2 WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p3 RETURN n1 {__typename: 'Officer', .id, .name, __key: k2} AS x3 } AS items, null AS total
// 1 params
{
  "p0": "branch-tck-ops",
  "p1": "country-tck-peru",
  "p2": "tck liaison",
  "p3": 6
}
