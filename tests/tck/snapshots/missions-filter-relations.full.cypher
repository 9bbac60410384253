// query($un: ID!, $kind: String) { missions(filter: {partnersSome: {kind: $kind}, locationsNone: {kind: REGION}, officersAll: {branch: $un}}) { nodes { id } totalCount } }
// variables: {"kind": "INTERNATIONAL_ORGANIZATION", "un": "branch-tck-ops"}
// 1 read
RETURN COLLECT { MATCH (n1:Mission) WHERE NOT EXISTS { MATCH (n1)-[:LOCATED_IN]->(t2:Location) WHERE t2.kind = $p0 } AND EXISTS { MATCH (n1)-[:WITH_PARTNER]->(t3:PartnerAgency) WHERE t3.kind = $p1 } AND NOT EXISTS { MATCH (n1)<-[:SERVES_ON]-(t4:Officer) WHERE NOT coalesce(EXISTS { MATCH (:Branch {id: $p2})<-[:PART_OF*0..5]-(:Branch)<-[:MEMBER_OF]-(t4:Officer) }, false) } WITH DISTINCT n1 WITH n1, n1.name AS k5 WITH n1, k5 ORDER BY k5, n1.id LIMIT $p3 RETURN n1 {__typename: 'Mission', .id, __key: k5} AS x6 } AS items, size(COLLECT { MATCH (n1:Mission) WHERE NOT EXISTS { MATCH (n1)-[:LOCATED_IN]->(t2:Location) WHERE t2.kind = $p0 } AND EXISTS { MATCH (n1)-[:WITH_PARTNER]->(t3:PartnerAgency) WHERE t3.kind = $p1 } AND NOT EXISTS { MATCH (n1)<-[:SERVES_ON]-(t4:Officer) WHERE NOT coalesce(EXISTS { MATCH (:Branch {id: $p2})<-[:PART_OF*0..5]-(:Branch)<-[:MEMBER_OF]-(t4:Officer) }, false) } WITH DISTINCT n1 RETURN n1.id AS x7 }) AS total
// 1 params
{
  "p0": "REGION",
  "p1": "INTERNATIONAL_ORGANIZATION",
  "p2": "branch-tck-ops",
  "p3": 21
}
