// { partnerAgencies(first: 5, filter: {kind: "FOREIGN_POLICE", basedWithin: "region-tck-east", name: "Tck Police"}) { nodes { id name } } }
// 1 read
RETURN COLLECT { MATCH (:Location {id: $p0})<-[:PART_OF*0..5]-(:Location)<-[:BASED_IN]-(n1:PartnerAgency) WHERE n1.searchText CONTAINS $p1 AND n1.kind = $p2 WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p3 RETURN n1 {__typename: 'PartnerAgency', .id, .name, __key: k2} AS x3 } AS items, null AS total
// 1 params
{
  "p0": "region-tck-east",
  "p1": "tck police",
  "p2": "FOREIGN_POLICE",
  "p3": 6
}
