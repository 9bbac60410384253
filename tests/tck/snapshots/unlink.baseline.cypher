// mutation($from: ID!, $to: ID!) { unlink(type: WITH_PARTNER, fromId: $from, toId: $to) }
// variables: {"from": "mission-tck-mali", "to": "partner-tck-un"}
// 1 write
CALL () { MATCH (x:Branch {id: $id}) RETURN 'Branch' AS label UNION MATCH (x:Officer {id: $id}) RETURN 'Officer' AS label UNION MATCH (x:Location {id: $id}) RETURN 'Location' AS label UNION MATCH (x:PartnerAgency {id: $id}) RETURN 'PartnerAgency' AS label UNION MATCH (x:Mission {id: $id}) RETURN 'Mission' AS label }
RETURN label
// 1 params
{
  "id": "mission-tck-mali"
}
// 2 write
CALL () { MATCH (x:Branch {id: $id}) RETURN 'Branch' AS label UNION MATCH (x:Officer {id: $id}) RETURN 'Officer' AS label UNION MATCH (x:Location {id: $id}) RETURN 'Location' AS label UNION MATCH (x:PartnerAgency {id: $id}) RETURN 'PartnerAgency' AS label UNION MATCH (x:Mission {id: $id}) RETURN 'Mission' AS label }
RETURN label
// 2 params
{
  "id": "partner-tck-un"
}
// 3 write
MATCH (:Mission {id: $fromId})-[r:WITH_PARTNER]->(:PartnerAgency {id: $toId})
RETURN properties(r) AS props
// 3 params
{
  "fromId": "mission-tck-mali",
  "toId": "partner-tck-un"
}
// 4 write
MATCH (:Mission {id: $fromId})-[r:WITH_PARTNER]->(:PartnerAgency {id: $toId})
DELETE r
// 4 params
{
  "fromId": "mission-tck-mali",
  "toId": "partner-tck-un"
}
