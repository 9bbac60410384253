// mutation($id: ID!) { deleteOfficer(id: $id) { id relationships { type from to sources { document quote asOf inferred reasoning } } } }
// variables: {"id": "lo-tck-new"}
// 1 write
MERGE (k:EntityId {id: $id})
SET k.label = coalesce(k.label, $label), k.version = coalesce(k.version, 0) + 1
WITH k
OPTIONAL MATCH (n:Officer {id: $id})
WITH k, n WHERE n IS NOT NULL OR k.label <> $label
RETURN k.label AS label, properties(n) AS props
// 1 params
{
  "id": "lo-tck-new",
  "label": "Officer"
}
// 2 write
MATCH (n:Officer {id: $id})-[r]-()
RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, head(labels(startNode(r))) AS fromLabel, head(labels(endNode(r))) AS toLabel, properties(r) AS props
// 2 params
{
  "id": "lo-tck-new"
}
// 3 write
MATCH (n:Officer {id: $id})
MATCH (k:EntityId {id: $id})
DETACH DELETE n, k
// 3 params
{
  "id": "lo-tck-new"
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
      "action": "DELETED",
      "at": "2026-01-02T03:04:05.006Z",
      "before": "{}",
      "by": "tck-editor",
      "fromId": "lo-tck-new",
      "fromLabel": "Officer",
      "relType": "PART_OF",
      "sources": "[]",
      "toId": "tck-other",
      "toLabel": "Officer"
    },
    {
      "action": "DELETED",
      "at": "2026-01-02T03:04:05.006Z",
      "before": "{\"aliases\":[\"Tck Officer Alias\"],\"description\":\"An officer made up for the tck suite.\",\"id\":\"lo-tck-new\",\"name\":\"Tck Stored Name\",\"rank\":\"Tck Sergeant\",\"role\":\"Tck liaison role\",\"sourceAsOf\":[\"\"],\"sourceDocuments\":[\"tck-seed.yaml\"],\"sourceInferred\":[false],\"sourceQuotes\":[\"Stored for the tck suite.\"],\"sourceReasoning\":[\"\"]}",
      "by": "tck-editor",
      "entity": "lo-tck-new",
      "label": "Officer",
      "relationships": "[{\"from\":\"lo-tck-new\",\"fromLabel\":\"Officer\",\"props\":{},\"to\":\"tck-other\",\"toLabel\":\"Officer\",\"type\":\"PART_OF\"}]",
      "sources": "[]"
    }
  ]
}
