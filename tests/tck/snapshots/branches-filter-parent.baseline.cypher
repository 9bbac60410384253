// { branches(filter: {parent: "branch-tck-parent"}) { totalCount nodes { id } } }
// 1 read
RETURN COLLECT { MATCH (:Branch {id: $p0})<-[:PART_OF]-(n1:Branch) WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p1 RETURN n1 {__typename: 'Branch', .id, __key: k2} AS x3 } AS items, size(COLLECT { MATCH (:Branch {id: $p0})<-[:PART_OF]-(n1:Branch) WITH DISTINCT n1 RETURN n1.id AS x4 }) AS total
// 1 params
{
  "p0": "branch-tck-parent",
  "p1": 21
}
