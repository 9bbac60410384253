// query($after: String) { missions(first: 10, after: $after, orderBy: {field: AUTHORIZED_DEPLOYMENTS, direction: DESC}) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }
// variables: {"after": "WyJBVVRIT1JJWkVEX0RFUExPWU1FTlRTIERFU0MiLDQwLCJ0Y2stbGFzdC1zZWVuIl0"}
// 1 read
RETURN COLLECT { MATCH (n1:Mission) WITH DISTINCT n1 WITH n1, coalesce(n1.authorizedDeployments, -1) AS k2 WHERE k2 < $p0 OR (k2 = $p0 AND n1.id > $p1) WITH n1, k2 ORDER BY k2 DESC, n1.id LIMIT $p2 RETURN n1 {__typename: 'Mission', .id, __key: k2} AS x3 } AS items, null AS total
// 1 params
{
  "p0": 40,
  "p1": "tck-last-seen",
  "p2": 11
}
