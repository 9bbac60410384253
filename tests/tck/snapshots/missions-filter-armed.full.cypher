// { missions(filter: {armed: true}) { totalCount nodes { id } } }
// 1 read
RETURN COLLECT { MATCH (n1:Mission) WHERE n1.armed = $p0 WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p1 RETURN n1 {__typename: 'Mission', .id, __key: k2} AS x3 } AS items, size(COLLECT { MATCH (n1:Mission) WHERE n1.armed = $p0 WITH DISTINCT n1 RETURN n1.id AS x4 }) AS total
// 1 params
{
  "p0": true,
  "p1": 21
}
