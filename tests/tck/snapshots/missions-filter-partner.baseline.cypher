// { missions(filter: {partner: "partner-tck-un"}) { totalCount nodes { id } } }
// 1 read
RETURN COLLECT { MATCH (:PartnerAgency {id: $p0})<-[:WITH_PARTNER]-(n1:Mission) WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p1 RETURN n1 {__typename: 'Mission', .id, __key: k2} AS x3 } AS items, size(COLLECT { MATCH (:PartnerAgency {id: $p0})<-[:WITH_PARTNER]-(n1:Mission) WITH DISTINCT n1 RETURN n1.id AS x4 }) AS total
// 1 params
{
  "p0": "partner-tck-un",
  "p1": 21
}
