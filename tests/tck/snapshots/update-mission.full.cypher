// mutation($id: ID!, $input: MissionPatch!) { updateMission(id: $id, input: $input) { id name } }
// variables: {"id": "mission-tck-new", "input": {"description": null, "name": "Tck Renamed", "sources": [{"document": "tck-update.pdf", "quote": "Updated for the tck suite."}]}}
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
MATCH (n:Mission {id: $id})
SET n = $props
RETURN n.id AS id
// 2 params
{
  "id": "mission-tck-new",
  "props": {
    "acronym": "MTCK",
    "aliases": [
      "Tck Mission Alias"
    ],
    "armed": true,
    "authorizedDeployments": 40,
    "category": "UN_MISSION",
    "endDate": "2024",
    "id": "mission-tck-new",
    "language": "French",
    "name": "Tck Renamed",
    "searchText": "tck renamed | tck mission alias | mtck",
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
    ],
    "startDate": "2019-03",
    "status": "ACTIVE"
  }
}
// 3 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, .name} AS node
// 3 params
{
  "p0": [
    "mission-tck-new"
  ]
}
