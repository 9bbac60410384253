// query($reps: [_Any!]!) { a: _entities(representations: $reps) { ... on Mission { name } } b: _entities(representations: $reps) { ... on Mission { status } } a: _entities(representations: $reps) { ... on Mission { acronym } } }
// variables: {"reps": [{"__typename": "Mission", "id": "mission-tck-mali"}]}
// 1 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, .acronym, .name} AS node
// 1 params
{
  "p0": [
    "mission-tck-mali"
  ]
}
// 2 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, .status} AS node
// 2 params
{
  "p0": [
    "mission-tck-mali"
  ]
}
