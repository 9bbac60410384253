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
// 5 write
MERGE (log:ChangeLog {id: 'changes'})
SET log.seq = coalesce(log.seq, 0) + size($changes)
WITH log.seq - size($changes) AS base
UNWIND range(0, size($changes) - 1) AS i
CREATE (c:Change)
SET c = $changes[i], c.seq = base + i + 1
RETURN c.seq AS seq
// 5 params
{
  "changes": [
    {
      "action": "DELETED",
      "at": "2026-01-02T03:04:05.006Z",
      "before": "{\"sourceAsOf\":[\"\"],\"sourceDocuments\":[\"tck-seed.yaml\"],\"sourceInferred\":[false],\"sourceQuotes\":[\"Stored for the tck suite.\"],\"sourceReasoning\":[\"\"]}",
      "by": "tck-editor",
      "fromId": "mission-tck-mali",
      "fromLabel": "Mission",
      "relType": "WITH_PARTNER",
      "sources": "[]",
      "toId": "partner-tck-un",
      "toLabel": "PartnerAgency"
    }
  ]
}
