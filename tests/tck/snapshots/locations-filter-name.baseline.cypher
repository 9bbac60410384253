// { locations(filter: {name: "Tck Bogotá"}) { totalCount nodes { id } } }
// 1 read
RETURN COLLECT { MATCH (n1:Location) WHERE n1.searchText CONTAINS $p0 WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p1 RETURN n1 {__typename: 'Location', .id, __key: k2} AS x3 } AS items, size(COLLECT { MATCH (n1:Location) WHERE n1.searchText CONTAINS $p0 WITH DISTINCT n1 RETURN n1.id AS x4 }) AS total
// 1 params
{
  "p0": "tck bogota",
  "p1": 21
}
