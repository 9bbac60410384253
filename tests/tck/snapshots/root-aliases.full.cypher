// { ops: branch(id: "branch-tck-ops") { id } unit: branch(id: "branch-tck-unit") { name } }
// 1 read
MATCH (n1:Branch) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Branch', .id} AS node
// 1 params
{
  "p0": [
    "branch-tck-ops"
  ]
}
// 2 read
MATCH (n1:Branch) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Branch', .id, .name} AS node
// 2 params
{
  "p0": [
    "branch-tck-unit"
  ]
}
