// query($name: String) { locations(filter: {partnersSome: {missionsSome: {name: $name}}}) { nodes { id } } }
// variables: {"name": "Tck Minusma"}
// 1 read
RETURN COLLECT { MATCH (n1:Location) WHERE EXISTS { MATCH (n1)<-[:PART_OF*0..5]-(m2:Location) CALL (m2) { MATCH (m2)<-[:BASED_IN]-(t3:PartnerAgency) WHERE EXISTS { MATCH (t3)<-[:WITH_PARTNER]-(t4:Mission) WHERE t4.searchText CONTAINS $p0 } RETURN t3 UNION MATCH (m2)<-[:LOCATED_IN]-(:Mission)-[:WITH_PARTNER]->(t3:PartnerAgency) WHERE EXISTS { MATCH (t3)<-[:WITH_PARTNER]-(t4:Mission) WHERE t4.searchText CONTAINS $p0 } RETURN t3 UNION MATCH (m2)<-[:POSTED_TO]-(:Officer)-[:MEMBER_OF]->(t3:PartnerAgency) WHERE EXISTS { MATCH (t3)<-[:WITH_PARTNER]-(t4:Mission) WHERE t4.searchText CONTAINS $p0 } RETURN t3 } } WITH DISTINCT n1 WITH n1, n1.name AS k5 WITH n1, k5 ORDER BY k5, n1.id LIMIT $p1 RETURN n1 {__typename: 'Location', .id, __key: k5} AS x6 } AS items, null AS total
// 1 params
{
  "p0": "tck minusma",
  "p1": 21
}
