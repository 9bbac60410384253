// mutation($change: ID!) { revert(changeId: $change) { id action entityId relationships { type from to } } }
// variables: {"change": "4098"}
// 1 write
MATCH (c:Change {seq: $seq})
RETURN properties(c) AS change
// 1 params
{
  "seq": 4098
}
// 2 write
MERGE (k:EntityId {id: $id})
SET k.label = coalesce(k.label, $label), k.version = coalesce(k.version, 0) + 1
WITH k
OPTIONAL MATCH (n:Branch {id: $id})
WITH k, n WHERE n IS NOT NULL OR k.label <> $label
RETURN k.label AS label, properties(n) AS props
// 2 params
{
  "id": "branch-tck-new",
  "label": "Branch"
}
// 3 write
CREATE (n:Branch)
SET n = $props
RETURN n.id AS id
// 3 params
{
  "props": {
    "id": "branch-tck-new",
    "kind": "UNIT",
    "name": "Tck Stored Name",
    "searchText": "tck stored name"
  }
}
// 4 write
MATCH (k:EntityId {id: $id})
SET k.version = coalesce(k.version, 0) + 1
RETURN k.label AS label
// 4 params
{
  "id": "branch-tck-new"
}
// 5 write
MATCH (k:EntityId {id: $id})
SET k.version = coalesce(k.version, 0) + 1
RETURN k.label AS label
// 5 params
{
  "id": "branch-tck-other"
}
// 6 write
MERGE (w:WriteLock {id: 'PART_OF'})
SET w.version = coalesce(w.version, 0) + 1
RETURN w.version AS version
// 6 params
{}
// 7 write
MATCH p = (b:Branch {id: $toId})-[:PART_OF*]->(a:Branch {id: $fromId})
RETURN [x IN nodes(p) | x.id] AS path ORDER BY length(p) LIMIT 1
// 7 params
{
  "fromId": "branch-tck-new",
  "toId": "branch-tck-other"
}
// 8 write
MATCH (a:Branch {id: $fromId})
MATCH (b:Branch {id: $toId})
MERGE (a)-[r:PART_OF]->(b)
SET r = $props
RETURN type(r) AS type
// 8 params
{
  "fromId": "branch-tck-new",
  "props": {
    "note": "Tck note"
  },
  "toId": "branch-tck-other"
}
// 9 write
MERGE (log:ChangeLog {id: 'changes'})
SET log.seq = coalesce(log.seq, 0) + size($changes)
WITH log.seq - size($changes) AS base
UNWIND range(0, size($changes) - 1) AS i
CREATE (c:Change)
SET c = $changes[i], c.seq = base + i + 1
RETURN c.seq AS seq
// 9 params
{
  "changes": [
    {
      "action": "CREATED",
      "after": "{\"id\":\"branch-tck-new\",\"kind\":\"UNIT\",\"name\":\"Tck Stored Name\"}",
      "at": "2026-01-02T03:04:05.006Z",
      "by": "tck-editor",
      "entity": "branch-tck-new",
      "label": "Branch",
      "relationships": "[{\"from\":\"branch-tck-new\",\"props\":{\"note\":\"Tck note\"},\"to\":\"branch-tck-other\",\"type\":\"PART_OF\"}]",
      "revertOf": 4098,
      "sources": "[]"
    },
    {
      "action": "CREATED",
      "after": "{\"note\":\"Tck note\"}",
      "at": "2026-01-02T03:04:05.006Z",
      "by": "tck-editor",
      "fromId": "branch-tck-new",
      "relType": "PART_OF",
      "revertOf": 4098,
      "sources": "[]",
      "toId": "branch-tck-other"
    }
  ]
}
