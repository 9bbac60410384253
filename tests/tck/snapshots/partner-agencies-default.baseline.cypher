// { partnerAgencies { nodes { id name } } }
// 1 read
RETURN COLLECT { MATCH (n1:PartnerAgency) WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p0 RETURN n1 {__typename: 'PartnerAgency', .id, .name, __key: k2} AS x3 } AS items, null AS total
// 1 params
{
  "p0": 21
}
