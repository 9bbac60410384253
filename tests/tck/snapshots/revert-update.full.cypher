// mutation($change: ID!) { revert(changeId: $change) { id at by action entityId entityType relationship { type from to } properties { name before after } sources { document quote asOf inferred reasoning } sourcesBefore { document quote } relationships { type from to } revertOf } }
// variables: {"change": "4096"}
// 1 write
MATCH (c:Change {seq: $seq})
RETURN properties(c) AS change
// 1 params
{
  "seq": 4096
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
MATCH (n:Branch {id: $id})
SET n = $props
RETURN n.id AS id
// 3 params
{
  "id": "branch-tck-new",
  "props": {
    "acronym": "TLU",
    "aliases": [
      "Tck Unit Alias"
    ],
    "description": "A unit made up for the tck suite.",
    "id": "branch-tck-new",
    "kind": "UNIT",
    "name": "Tck Old Name",
    "searchText": "tck old name | tck unit alias | tlu",
    "sourceAsOf": [
      ""
    ],
    "sourceDocuments": [
      "tck-seed.yaml"
    ],
    "sourceInferred": [
      false
    ],
    "sourceQuotes": [
      "Stored for the tck suite."
    ],
    "sourceReasoning": [
      ""
    ]
  }
}
// 4 write
MERGE (log:ChangeLog {id: 'changes'})
SET log.seq = coalesce(log.seq, 0) + size($changes)
WITH log.seq - size($changes) AS base
UNWIND range(0, size($changes) - 1) AS i
CREATE (c:Change)
SET c = $changes[i], c.seq = base + i + 1
RETURN c.seq AS seq
// 4 params
{
  "changes": [
    {
      "action": "UPDATED",
      "after": "{\"name\":\"Tck Old Name\"}",
      "at": "2026-01-02T03:04:05.006Z",
      "before": "{\"name\":\"Tck Stored Name\"}",
      "by": "tck-editor",
      "entity": "branch-tck-new",
      "label": "Branch",
      "revertOf": 4096,
      "sources": "[]"
    }
  ]
}
