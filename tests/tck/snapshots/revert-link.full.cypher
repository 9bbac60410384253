// mutation($change: ID!) { revert(changeId: $change) { id action revertOf } }
// variables: {"change": "4097"}
// 1 write
MATCH (c:Change {seq: $seq})
RETURN properties(c) AS change
// 1 params
{
  "seq": 4097
}
// 2 write
MATCH (k:EntityId {id: $id})
SET k.version = coalesce(k.version, 0) + 1
RETURN k.label AS label
// 2 params
{
  "id": "mission-tck-new"
}
// 3 write
MATCH (k:EntityId {id: $id})
SET k.version = coalesce(k.version, 0) + 1
RETURN k.label AS label
// 3 params
{
  "id": "partner-tck-new"
}
// 4 write
MATCH (:Mission {id: $fromId})-[r:WITH_PARTNER]->(:PartnerAgency {id: $toId})
RETURN properties(r) AS props
// 4 params
{
  "fromId": "mission-tck-new",
  "toId": "partner-tck-new"
}
// 5 write
MATCH (:Mission {id: $fromId})-[r:WITH_PARTNER]->(:PartnerAgency {id: $toId})
DELETE r
// 5 params
{
  "fromId": "mission-tck-new",
  "toId": "partner-tck-new"
}
// 6 write
MERGE (log:ChangeLog {id: 'changes'})
SET log.seq = coalesce(log.seq, 0) + size($changes)
WITH log.seq - size($changes) AS base
UNWIND range(0, size($changes) - 1) AS i
CREATE (c:Change)
SET c = $changes[i], c.seq = base + i + 1
RETURN c.seq AS seq
// 6 params
{
  "changes": [
    {
      "action": "DELETED",
      "at": "2026-01-02T03:04:05.006Z",
      "before": "{\"role\":\"Tck partner role\"}",
      "by": "tck-editor",
      "fromId": "mission-tck-new",
      "relType": "WITH_PARTNER",
      "revertOf": 4097,
      "sources": "[]",
      "toId": "partner-tck-new"
    }
  ]
}
