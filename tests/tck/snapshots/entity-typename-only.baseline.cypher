// { officer(id: "lo-tck-bogota") { __typename } }
// 1 read
MATCH (n1:Officer) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Officer', .id} AS node
// 1 params
{
  "p0": [
    "lo-tck-bogota"
  ]
}
