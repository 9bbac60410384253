// { mission(id: "mission-tck-mali") { name } ...Q } fragment Q on Query { mission(id: "mission-tck-mali") { status } }
// 1 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, .name, .status} AS node
// 1 params
{
  "p0": [
    "mission-tck-mali"
  ]
}
