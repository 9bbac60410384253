// query($name: String) { locations(filter: {partnersSome: {missionsSome: {name: $name}}}) { nodes { id } } }
// variables: {"name": "Tck Minusma"}
// 1 read
RETURN COLLECT { MATCH (n1:Location) WHERE EXISTS { CALL (n1) { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:BASED_IN]-(t2:PartnerAgency) WHERE EXISTS { MATCH (t2)<-[:WITH_PARTNER]-(t3:Mission) WHERE t3.searchText CONTAINS $p0 } RETURN t2 UNION MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(:Mission)-[:WITH_PARTNER]->(t2:PartnerAgency) WHERE EXISTS { MATCH (t2)<-[:WITH_PARTNER]-(t3:Mission) WHERE t3.searchText CONTAINS $p0 } RETURN t2 UNION MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(:Officer)-[:MEMBER_OF]->(t2:PartnerAgency) WHERE EXISTS { MATCH (t2)<-[:WITH_PARTNER]-(t3:Mission) WHERE t3.searchText CONTAINS $p0 } RETURN t2 } } WITH DISTINCT n1 WITH n1, n1.name AS k4 WITH n1, k4 ORDER BY k4, n1.id LIMIT $p1 RETURN n1 {__typename: 'Location', .id, __key: k4} AS x5 } AS items, null AS total
// 1 params
{
  "p0": "tck minusma",
  "p1": 21
}
