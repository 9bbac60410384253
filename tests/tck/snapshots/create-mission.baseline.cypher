// mutation($input: MissionInput!) { createMission(input: $input) { id name } }
// variables: {"input": {"acronym": "MTCK", "aliases": ["Tck Mission Alias"], "armed": true, "authorizedDeployments": 40, "category": "UN_MISSION", "description": "A mission made up for the tck suite.", "endDate": "2024", "id": "mission-tck-new", "language": "French", "name": "Tck Mission", "sources": [{"asOf": "2024-05-01", "document": "tck-memo.pdf", "inferred": true, "quote": "Quoted for the tck suite.", "reasoning": "Inferred for the tck suite."}], "startDate": "2019-03", "status": "ACTIVE"}}
// 1 write
MERGE (k:EntityId {id: $id})
SET k.label = coalesce(k.label, $label), k.version = coalesce(k.version, 0) + 1
WITH k
OPTIONAL MATCH (n:Mission {id: $id})
WITH k, n WHERE n IS NOT NULL OR k.label <> $label
RETURN k.label AS label, properties(n) AS props
// 1 params
{
  "id": "mission-tck-new",
  "label": "Mission"
}
// 2 write
CREATE (n:Mission)
SET n = $props
RETURN n.id AS id
// 2 params
{
  "props": {
    "acronym": "MTCK",
    "aliases": [
      "Tck Mission Alias"
    ],
    "armed": true,
    "authorizedDeployments": 40,
    "category": "UN_MISSION",
    "description": "A mission made up for the tck suite.",
    "endDate": "2024",
    "id": "mission-tck-new",
    "language": "French",
    "name": "Tck Mission",
    "searchText": "tck mission | tck mission alias | mtck",
    "sourceAsOf": [
      "2024-05-01"
    ],
    "sourceDocuments": [
      "tck-memo.pdf"
    ],
    "sourceInferred": [
      true
    ],
    "sourceQuotes": [
      "Quoted for the tck suite."
    ],
    "sourceReasoning": [
      "Inferred for the tck suite."
    ],
    "startDate": "2019-03",
    "status": "ACTIVE"
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
      "action": "CREATED",
      "after": "{\"acronym\":\"MTCK\",\"aliases\":[\"Tck Mission Alias\"],\"armed\":true,\"authorizedDeployments\":40,\"category\":\"UN_MISSION\",\"description\":\"A mission made up for the tck suite.\",\"endDate\":\"2024\",\"id\":\"mission-tck-new\",\"language\":\"French\",\"name\":\"Tck Mission\",\"sourceAsOf\":[\"2024-05-01\"],\"sourceDocuments\":[\"tck-memo.pdf\"],\"sourceInferred\":[true],\"sourceQuotes\":[\"Quoted for the tck suite.\"],\"sourceReasoning\":[\"Inferred for the tck suite.\"],\"startDate\":\"2019-03\",\"status\":\"ACTIVE\"}",
      "at": "2026-01-02T03:04:05.006Z",
      "by": "tck-editor",
      "entity": "mission-tck-new",
      "label": "Mission",
      "sources": "[{\"asOf\":\"2024-05-01\",\"document\":\"tck-memo.pdf\",\"inferred\":true,\"quote\":\"Quoted for the tck suite.\",\"reasoning\":\"Inferred for the tck suite.\"}]"
    }
  ]
}
// 4 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, .name} AS node
// 4 params
{
  "p0": [
    "mission-tck-new"
  ]
}
