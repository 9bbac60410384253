// query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Branch { name officerCount } ... on Mission { status partners { id } } ... on Location { kind } ... on Officer { rank } ... on PartnerAgency { acronym } } }
// variables: {"reps": [{"__typename": "Branch", "id": "branch-tck-ops"}, {"__typename": "Mission", "id": "mission-tck-mali"}, {"__typename": "Branch", "id": "branch-tck-unit"}, {"__typename": "Location", "id": "city-tck-bogota"}, {"__typename": "Officer", "id": "lo-tck-bogota"}, {"__typename": "PartnerAgency", "id": "partner-tck-un"}]}
// 1 read
MATCH (n1:Branch) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Branch', .id, .name, officerCount: size(COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Branch)<-[:MEMBER_OF]-(b2:Officer) RETURN DISTINCT b2.id AS x3 })} AS node
// 1 params
{
  "p0": [
    "branch-tck-ops",
    "branch-tck-unit"
  ]
}
// 2 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, .status, partners: COLLECT { MATCH (n1)-[:WITH_PARTNER]->(b2:PartnerAgency) WITH b2 ORDER BY b2.name, b2.id RETURN b2 {__typename: 'PartnerAgency', .id} AS x3 }} AS node
// 2 params
{
  "p0": [
    "mission-tck-mali"
  ]
}
// 3 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, .kind} AS node
// 3 params
{
  "p0": [
    "city-tck-bogota"
  ]
}
// 4 read
MATCH (n1:Officer) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Officer', .id, .rank} AS node
// 4 params
{
  "p0": [
    "lo-tck-bogota"
  ]
}
// 5 read
MATCH (n1:PartnerAgency) WHERE n1.id IN $p0
RETURN n1 {__typename: 'PartnerAgency', .id, .acronym} AS node
// 5 params
{
  "p0": [
    "partner-tck-un"
  ]
}
