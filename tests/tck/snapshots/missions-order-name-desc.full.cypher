// query($after: String) { missions(first: 10, after: $after, orderBy: {field: NAME, direction: DESC}) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }
// variables: {"after": "WyJOQU1FIERFU0MiLCJUY2sgTWlzc2lvbiIsInRjay1sYXN0LXNlZW4iXQ"}
// 1 read
RETURN COLLECT { MATCH (n1:Mission) WITH DISTINCT n1 WITH n1, n1.name AS k2 WHERE k2 < $p0 OR (k2 = $p0 AND n1.id > $p1) WITH n1, k2 ORDER BY k2 DESC, n1.id LIMIT $p2 RETURN n1 {__typename: 'Mission', .id, __key: k2} AS x3 } AS items, null AS total
// 1 params
{
  "p0": "Tck Mission",
  "p1": "tck-last-seen",
  "p2": 11
}
