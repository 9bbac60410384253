// mutation($input: PartnerAgencyInput!) { upsertPartnerAgency(input: $input) { id name } }
// variables: {"input": {"acronym": "TPSX", "aliases": ["Tck Agency Alias"], "description": "An agency made up for the tck suite.", "id": "partner-tck-new", "kind": "FOREIGN_POLICE", "name": "Tck Police Service", "sources": [{"asOf": "2024-05-01", "document": "tck-memo.pdf", "inferred": true, "quote": "Quoted for the tck suite.", "reasoning": "Inferred for the tck suite."}]}}
// 1 write
MERGE (k:EntityId {id: $id})
SET k.label = coalesce(k.label, $label), k.version = coalesce(k.version, 0) + 1
WITH k
OPTIONAL MATCH (n:PartnerAgency {id: $id})
WITH k, n WHERE n IS NOT NULL OR k.label <> $label
RETURN k.label AS label, properties(n) AS props
// 1 params
{
  "id": "partner-tck-new",
  "label": "PartnerAgency"
}
// 2 write
MATCH (n:PartnerAgency {id: $id})
SET n = $props
RETURN n.id AS id
// 2 params
{
  "id": "partner-tck-new",
  "props": {
    "acronym": "TPSX",
    "aliases": [
      "Tck Agency Alias"
    ],
    "description": "An agency made up for the tck suite.",
    "id": "partner-tck-new",
    "kind": "FOREIGN_POLICE",
    "name": "Tck Police Service",
    "searchText": "tck police service | tck agency alias | tpsx",
    "sourceAsOf": [
      "",
      "2024-05-01"
    ],
    "sourceDocuments": [
      "tck-seed.yaml",
      "tck-memo.pdf"
    ],
    "sourceInferred": [
      false,
      true
    ],
    "sourceQuotes": [
      "Stored for the tck suite.",
      "Quoted for the tck suite."
    ],
    "sourceReasoning": [
      "",
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
      "action": "UPDATED",
      "after": "{\"name\":\"Tck Police Service\",\"sourceAsOf\":[\"\",\"2024-05-01\"],\"sourceDocuments\":[\"tck-seed.yaml\",\"tck-memo.pdf\"],\"sourceInferred\":[false,true],\"sourceQuotes\":[\"Stored for the tck suite.\",\"Quoted for the tck suite.\"],\"sourceReasoning\":[\"\",\"Inferred for the tck suite.\"]}",
      "at": "2026-01-02T03:04:05.006Z",
      "before": "{\"name\":\"Tck Stored Name\",\"sourceAsOf\":[\"\"],\"sourceDocuments\":[\"tck-seed.yaml\"],\"sourceInferred\":[false],\"sourceQuotes\":[\"Stored for the tck suite.\"],\"sourceReasoning\":[\"\"]}",
      "by": "tck-editor",
      "entity": "partner-tck-new",
      "label": "PartnerAgency",
      "sources": "[{\"asOf\":\"2024-05-01\",\"document\":\"tck-memo.pdf\",\"inferred\":true,\"quote\":\"Quoted for the tck suite.\",\"reasoning\":\"Inferred for the tck suite.\"}]"
    }
  ]
}
// 4 read
MATCH (n1:PartnerAgency) WHERE n1.id IN $p0
RETURN n1 {__typename: 'PartnerAgency', .id, .name} AS node
// 4 params
{
  "p0": [
    "partner-tck-new"
  ]
}
