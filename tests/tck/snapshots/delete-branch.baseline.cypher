// mutation($id: ID!) { deleteBranch(id: $id) { id relationships { type from to sources { document quote asOf inferred reasoning } } } }
// variables: {"id": "branch-tck-new"}
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
MATCH (n:Branch {id: $id})-[r]-()
RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS props
// 2 params
{
  "id": "branch-tck-new"
}
// 3 write
MATCH (n:Branch {id: $id})
MATCH (k:EntityId {id: $id})
DETACH DELETE n, k
// 3 params
{
  "id": "branch-tck-new"
}
