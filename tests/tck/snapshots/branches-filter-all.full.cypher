// { branches(first: 5, filter: {parent: "branch-tck-parent", kind: "UNIT", name: "Tck Ops"}) { nodes { id name } } }
// 1 read
RETURN COLLECT { MATCH (:Branch {id: $p0})<-[:PART_OF]-(n1:Branch) WHERE n1.searchText CONTAINS $p1 AND n1.kind = $p2 WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p3 RETURN n1 {__typename: 'Branch', .id, .name, __key: k2} AS x3 } AS items, null AS total
// 1 params
{
  "p0": "branch-tck-parent",
  "p1": "tck ops",
  "p2": "UNIT",
  "p3": 6
}
