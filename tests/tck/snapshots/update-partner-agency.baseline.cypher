// mutation($id: ID!, $input: PartnerAgencyPatch!) { updatePartnerAgency(id: $id, input: $input) { id name } }
// variables: {"id": "partner-tck-new", "input": {"description": null, "name": "Tck Renamed", "sources": [{"document": "tck-update.pdf", "quote": "Updated for the tck suite."}]}}
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
    "id": "partner-tck-new",
    "kind": "FOREIGN_POLICE",
    "name": "Tck Renamed",
    "searchText": "tck renamed | tck agency alias | tpsx",
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
MATCH (n1:PartnerAgency) WHERE n1.id IN $p0
RETURN n1 {__typename: 'PartnerAgency', .id, .name} AS node
// 3 params
{
  "p0": [
    "partner-tck-new"
  ]
}
