// { branch(id: "branch-tck-ops") { figures { subject { ... on Branch { name } } } more: figures { value subject { __typename ... on Mission { status } ... on Branch { acronym } } } } }
// 1 read
MATCH (n1:Branch) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Branch', .id, figures: COLLECT { MATCH (n1)<-[:DESCRIBES]-(f2:Figure) WITH f2 ORDER BY CASE f2.rank WHEN 'PREFERRED' THEN 0 WHEN 'DEPRECATED' THEN 2 ELSE 1 END, CASE WHEN f2.asOf IS NULL THEN 1 ELSE 0 END, f2.asOf, f2.id RETURN f2 {__typename: 'Figure', .id, .rank, .value, subject: COLLECT { MATCH (f2)-[:DESCRIBES]->(b4) WITH b4 ORDER BY b4.name, b4.id LIMIT 1 RETURN CASE WHEN b4:Branch THEN b4 {__typename: 'Branch', .id, .acronym, .name} WHEN b4:Officer THEN b4 {__typename: 'Officer', .id} WHEN b4:Location THEN b4 {__typename: 'Location', .id} WHEN b4:PartnerAgency THEN b4 {__typename: 'PartnerAgency', .id} WHEN b4:Mission THEN b4 {__typename: 'Mission', .id, .status} END AS x5 }[0]} AS x3 }} AS node
// 1 params
{
  "p0": [
    "branch-tck-ops"
  ]
}
