// query($first: Int, $after: String) { missions(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } nodes { status partnerCount } } }
// variables: {"after": "WyJOQU1FIEFTQyIsIlRjayBNaXNzaW9uIiwibWlzc2lvbi10Y2stbWFsaSJd", "first": 100}
// 1 read
RETURN COLLECT { MATCH (n1:Mission) WITH DISTINCT n1 WITH n1, n1.name AS k2 WHERE k2 > $p0 OR (k2 = $p0 AND n1.id > $p1) WITH n1, k2 ORDER BY k2, n1.id LIMIT $p2 RETURN n1 {__typename: 'Mission', .id, .name, .status, partnerCount: COUNT { MATCH (n1)-[:WITH_PARTNER]->(b4:PartnerAgency) }, __key: k2} AS x3 } AS items, size(COLLECT { MATCH (n1:Mission) WITH DISTINCT n1 RETURN n1.id AS x5 }) AS total
// 1 params
{
  "p0": "Tck Mission",
  "p1": "mission-tck-mali",
  "p2": 101
}
