// { missions(first: 2) { nodes { name } } ... on Query { missions(first: 2) { totalCount nodes { status } } } }
// 1 read
RETURN COLLECT { MATCH (n1:Mission) WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p0 RETURN n1 {__typename: 'Mission', .id, .name, .status, __key: k2} AS x3 } AS items, size(COLLECT { MATCH (n1:Mission) WITH DISTINCT n1 RETURN n1.id AS x4 }) AS total
// 1 params
{
  "p0": 3
}
