// query($after: String) { locations(first: 10, after: $after, orderBy: {field: OFFICER_COUNT, direction: DESC}) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }
// variables: {"after": "WyJPRkZJQ0VSX0NPVU5UIERFU0MiLDcsInRjay1sYXN0LXNlZW4iXQ"}
// 1 read
RETURN COLLECT { MATCH (n1:Location) WITH DISTINCT n1 WITH n1, size(COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b3:Officer) RETURN DISTINCT b3.id AS x4 }) AS k2 WHERE k2 < $p0 OR (k2 = $p0 AND n1.id > $p1) WITH n1, k2 ORDER BY k2 DESC, n1.id LIMIT $p2 RETURN n1 {__typename: 'Location', .id, __key: k2} AS x5 } AS items, null AS total
// 1 params
{
  "p0": 7,
  "p1": "tck-last-seen",
  "p2": 11
}
