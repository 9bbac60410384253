// query($after: String) { missions(first: 10, after: $after, orderBy: {field: OFFICER_COUNT, direction: ASC}) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }
// variables: {"after": "WyJPRkZJQ0VSX0NPVU5UIEFTQyIsMTIsInRjay1sYXN0LXNlZW4iXQ"}
// 1 read
RETURN COLLECT { MATCH (n1:Mission) WITH DISTINCT n1 WITH n1, COUNT { MATCH (n1)<-[:SERVES_ON]-(b3:Officer) } AS k2 WHERE k2 > $p0 OR (k2 = $p0 AND n1.id > $p1) WITH n1, k2 ORDER BY k2, n1.id LIMIT $p2 RETURN n1 {__typename: 'Mission', .id, __key: k2} AS x4 } AS items, null AS total
// 1 params
{
  "p0": 12,
  "p1": "tck-last-seen",
  "p2": 11
}
