// mutation($from: ID!, $to: ID!) { unlink(type: WITH_PARTNER, fromId: $from, toId: $to) }
// variables: {"from": "mission-tck-mali", "to": "partner-tck-un"}
// 1 write
MATCH (k:EntityId {id: $id})
SET k.version = coalesce(k.version, 0) + 1
RETURN k.label AS label
// 1 params
{
  "id": "mission-tck-mali"
}
// 2 write
MATCH (k:EntityId {id: $id})
SET k.version = coalesce(k.version, 0) + 1
RETURN k.label AS label
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
