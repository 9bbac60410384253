// { locations(first: 5, filter: {kind: CITY, within: "region-tck-west", name: "Tck Bogotá"}) { nodes { id name } } }
// 1 read
RETURN COLLECT { MATCH (:Location {id: $p0})<-[:PART_OF*1..5]-(n1:Location) WHERE n1.searchText CONTAINS $p1 AND n1.kind = $p2 WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p3 RETURN n1 {__typename: 'Location', .id, .name, __key: k2} AS x3 } AS items, null AS total
// 1 params
{
  "p0": "region-tck-west",
  "p1": "tck bogota",
  "p2": "CITY",
  "p3": 6
}
