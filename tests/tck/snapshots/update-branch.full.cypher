// mutation($id: ID!, $input: BranchPatch!) { updateBranch(id: $id, input: $input) { id name } }
// variables: {"id": "branch-tck-new", "input": {"description": null, "name": "Tck Renamed", "sources": [{"document": "tck-update.pdf", "quote": "Updated for the tck suite."}]}}
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
MATCH (n:Branch {id: $id})
SET n = $props
RETURN n.id AS id
// 2 params
{
  "id": "branch-tck-new",
  "props": {
    "acronym": "TLU",
    "aliases": [
      "Tck Unit Alias"
    ],
    "id": "branch-tck-new",
    "kind": "UNIT",
    "name": "Tck Renamed",
    "searchText": "tck renamed | tck unit alias | tlu",
    "sourceAsOf": [
      "",
      ""
    ],
    "sourceDocuments": [
      "tck-seed.yaml",
      "tck-update.pdf"
    ],
    "sourceInferred": [
      false,
      false
    ],
    "sourceQuotes": [
      "Stored for the tck suite.",
      "Updated for the tck suite."
    ],
    "sourceReasoning": [
      "",
      ""
    ]
  }
}
// 3 read
MATCH (n1:Branch) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Branch', .id, .name} AS node
// 3 params
{
  "p0": [
    "branch-tck-new"
  ]
}
