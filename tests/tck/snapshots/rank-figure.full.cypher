// mutation($id: ID!) { rankFigure(id: $id, rank: DEPRECATED, reason: "Tck superseded by the 2020 count") { id rank rankReason } }
// variables: {"id": "fig-tck-count"}
// 1 write
MERGE (k:EntityId {id: $id})
SET k.label = coalesce(k.label, $label), k.version = coalesce(k.version, 0) + 1
WITH k
OPTIONAL MATCH (n:Figure {id: $id})
WITH k, n WHERE n IS NOT NULL OR k.label <> $label
RETURN k.label AS label, properties(n) AS props
// 1 params
{
  "id": "fig-tck-count",
  "label": "Figure"
}
// 2 write
MATCH (n:Figure {id: $id})
SET n = $props
RETURN n.id AS id
// 2 params
{
  "id": "fig-tck-count",
  "props": {
    "label": "Tck figure",
    "measure": "tck-personnel",
    "rank": "DEPRECATED",
    "rankReason": "Tck superseded by the 2020 count",
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
    ],
    "value": 37.0
  }
}
// 3 write
MERGE (log:ChangeLog {id: 'changes'})
SET log.seq = coalesce(log.seq, 0) + size($changes)
WITH log.seq - size($changes) AS base
UNWIND range(0, size($changes) - 1) AS i
CREATE (c:Change)
SET c = $changes[i], c.seq = base + i + 1
RETURN c.seq AS seq
// 3 params
{
  "changes": [
    {
      "action": "UPDATED",
      "after": "{\"rank\":\"DEPRECATED\",\"rankReason\":\"Tck superseded by the 2020 count\"}",
      "at": "2026-01-02T03:04:05.006Z",
      "before": "{\"rank\":null,\"rankReason\":null}",
      "by": "tck-editor",
      "entity": "fig-tck-count",
      "label": "Figure",
      "sources": "[]"
    }
  ]
}
// 4 read
MATCH (n1:Figure) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Figure', .id, .rank, .rankReason} AS node
// 4 params
{
  "p0": [
    "fig-tck-count"
  ]
}
