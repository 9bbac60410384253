// { missions(first: 5, filter: {language: "French", armed: true, status: CLOSED, category: "UN_MISSION", within: "country-tck-mali", partner: "partner-tck-un", name: "Tck Minusma"}) { nodes { id name } } }
// 1 read
RETURN COLLECT { MATCH (:Location {id: $p0})<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(n1:Mission) MATCH (:PartnerAgency {id: $p1})<-[:WITH_PARTNER]-(n1:Mission) WHERE n1.searchText CONTAINS $p2 AND n1.status = $p3 AND n1.category = $p4 AND n1.language = $p5 AND n1.armed = $p6 WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p7 RETURN n1 {__typename: 'Mission', .id, .name, __key: k2} AS x3 } AS items, null AS total
// 1 params
{
  "p0": "country-tck-mali",
  "p1": "partner-tck-un",
  "p2": "tck minusma",
  "p3": "CLOSED",
  "p4": "UN_MISSION",
  "p5": "French",
  "p6": true,
  "p7": 6
}
