// query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Branch { acronym } ...on Location { kind } } }
// variables: {"ids": ["branch-tck-ops", "city-tck-bogota", "nobody-tck"]}
// 1 read
CALL () { MATCH (n1:Branch) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Officer) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Location) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:PartnerAgency) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Mission) WHERE n1.id IN $p0 RETURN n1 }
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id, .acronym} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id} WHEN n1:Location THEN n1 {__typename: 'Location', .id, .kind} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id} END AS node
// 1 params
{
  "p0": [
    "branch-tck-ops",
    "city-tck-bogota",
    "nobody-tck"
  ]
}
