// mutation($id: ID!) { deleteOfficer(id: $id) { id relationships { type from to sources { document quote asOf inferred reasoning } } } }
// variables: {"id": "lo-tck-new"}
// 1 write
MATCH (n:Officer {id: $id})
RETURN properties(n) AS props
// 1 params
{
  "id": "lo-tck-new"
}
// 2 write
MATCH (n:Officer {id: $id})-[r]-()
RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS props
// 2 params
{
  "id": "lo-tck-new"
}
// 3 write
MATCH (n:Officer {id: $id})
DETACH DELETE n
// 3 params
{
  "id": "lo-tck-new"
}
