// mutation($id: ID!, $input: LocationPatch!) { updateLocation(id: $id, input: $input) { id name } }
// variables: {"id": "region-tck-new", "input": {"description": null, "name": "Tck Renamed", "sources": [{"document": "tck-update.pdf", "quote": "Updated for the tck suite."}]}}
// 1 write
MERGE (k:EntityId {id: $id})
SET k.label = coalesce(k.label, $label), k.version = coalesce(k.version, 0) + 1
WITH k
OPTIONAL MATCH (n:Location {id: $id})
WITH k, n WHERE n IS NOT NULL OR k.label <> $label
RETURN k.label AS label, properties(n) AS props
// 1 params
{
  "id": "region-tck-new",
  "label": "Location"
}
// 2 write
MATCH (n:Location {id: $id})
SET n = $props
RETURN n.id AS id
// 2 params
{
  "id": "region-tck-new",
  "props": {
    "aliases": [
      "Tck Region Alias"
    ],
    "grouping": "LO_REGION",
    "id": "region-tck-new",
    "kind": "REGION",
    "name": "Tck Renamed",
    "searchText": "tck renamed | tck region alias",
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
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, .name} AS node
// 3 params
{
  "p0": [
    "region-tck-new"
  ]
}
