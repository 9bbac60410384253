// query($yes: Boolean!, $no: Boolean!) { mission(id: "mission-tck-mali") { name acronym @skip(if: $yes) status @include(if: $yes) category @include(if: $no) language @skip(if: true) partners @include(if: $no) { id } locations @skip(if: $no) { id } ... @include(if: $no) { armed } ...Counts @skip(if: $yes) ...Dates @include(if: $yes) } } fragment Counts on Mission { officerCount } fragment Dates on Mission { startDate }
// variables: {"no": false, "yes": true}
// 1 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, .name, .startDate, .status, locations: COLLECT { MATCH (n1)-[:LOCATED_IN]->(b2:Location) WITH b2 ORDER BY b2.name, b2.id RETURN b2 {__typename: 'Location', .id} AS x3 }} AS node
// 1 params
{
  "p0": [
    "mission-tck-mali"
  ]
}
