// query($after: String) { partnerAgencies(first: 10, after: $after, orderBy: {field: MISSION_COUNT, direction: DESC}) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }
// variables: {"after": "WyJNSVNTSU9OX0NPVU5UIERFU0MiLDMsInRjay1sYXN0LXNlZW4iXQ"}
// 1 read
RETURN COLLECT { MATCH (n1:PartnerAgency) WITH DISTINCT n1 WITH n1, COUNT { MATCH (n1)<-[:WITH_PARTNER]-(b3:Mission) } AS k2 WHERE k2 < $p0 OR (k2 = $p0 AND n1.id > $p1) WITH n1, k2 ORDER BY k2 DESC, n1.id LIMIT $p2 RETURN n1 {__typename: 'PartnerAgency', .id, __key: k2} AS x4 } AS items, null AS total
// 1 params
{
  "p0": 3,
  "p1": "tck-last-seen",
  "p2": 11
}
