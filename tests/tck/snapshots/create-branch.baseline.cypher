// mutation($input: BranchInput!) { createBranch(input: $input) { id name } }
// variables: {"input": {"acronym": "TLU", "aliases": ["Tck Unit Alias"], "description": "A unit made up for the tck suite.", "id": "branch-tck-new", "kind": "UNIT", "name": "Tck Liaison Unit", "sources": [{"asOf": "2024-05-01", "document": "tck-memo.pdf", "inferred": true, "quote": "Quoted for the tck suite.", "reasoning": "Inferred for the tck suite."}]}}
// 1 write
MERGE (k:EntityId {id: $id})
SET k.label = coalesce(k.label, $label), k.version = coalesce(k.version, 0) + 1
WITH k
OPTIONAL MATCH (n:Branch {id: $id})
WITH k, n WHERE n IS NOT NULL OR k.label <> $label
RETURN k.label AS label, properties(n) AS props
// 1 params
{
  "id": "branch-tck-new",
  "label": "Branch"
}
// 2 write
CREATE (n:Branch)
SET n = $props
RETURN n.id AS id
// 2 params
{
  "props": {
    "acronym": "TLU",
    "aliases": [
      "Tck Unit Alias"
    ],
    "description": "A unit made up for the tck suite.",
    "id": "branch-tck-new",
    "kind": "UNIT",
    "name": "Tck Liaison Unit",
    "searchText": "tck liaison unit | tck unit alias | tlu",
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
    ]
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
      "after": "{\"acronym\":\"TLU\",\"aliases\":[\"Tck Unit Alias\"],\"description\":\"A unit made up for the tck suite.\",\"id\":\"branch-tck-new\",\"kind\":\"UNIT\",\"name\":\"Tck Liaison Unit\",\"sourceAsOf\":[\"2024-05-01\"],\"sourceDocuments\":[\"tck-memo.pdf\"],\"sourceInferred\":[true],\"sourceQuotes\":[\"Quoted for the tck suite.\"],\"sourceReasoning\":[\"Inferred for the tck suite.\"]}",
      "at": "2026-01-02T03:04:05.006Z",
      "by": "tck-editor",
      "entity": "branch-tck-new",
      "label": "Branch",
      "sources": "[{\"asOf\":\"2024-05-01\",\"document\":\"tck-memo.pdf\",\"inferred\":true,\"quote\":\"Quoted for the tck suite.\",\"reasoning\":\"Inferred for the tck suite.\"}]"
    }
  ]
}
// 4 read
MATCH (n1:Branch) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Branch', .id, .name} AS node
// 4 params
{
  "p0": [
    "branch-tck-new"
  ]
}
