// query($id: ID!) { branch(id: $id) { id } }
// variables: {"id": "branch-tck-ops"}
// 1 read
MATCH (n1:Branch) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Branch', .id} AS node
// 1 params
{
  "p0": [
    "branch-tck-ops"
  ]
}
