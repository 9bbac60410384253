// query { figures(text: "deploy") { label value subject { __typename } } }
// 1 read
MATCH (f1:Figure) WHERE toLower(f1.label) CONTAINS $p0 AND NOT (f1.rank = 'DEPRECATED')
WITH f1 ORDER BY CASE f1.rank WHEN 'PREFERRED' THEN 0 WHEN 'DEPRECATED' THEN 2 ELSE 1 END, f1.label, CASE WHEN f1.asOf IS NULL THEN 1 ELSE 0 END, f1.asOf, f1.id
RETURN f1 {__typename: 'Figure', .id, .label, .value, subject: COLLECT { MATCH (f1)-[:DESCRIBES]->(b2) WITH b2 ORDER BY b2.name, b2.id LIMIT 1 RETURN CASE WHEN b2:Branch THEN b2 {__typename: 'Branch', .id} WHEN b2:Officer THEN b2 {__typename: 'Officer', .id} WHEN b2:Location THEN b2 {__typename: 'Location', .id} WHEN b2:PartnerAgency THEN b2 {__typename: 'PartnerAgency', .id} WHEN b2:Mission THEN b2 {__typename: 'Mission', .id} END AS x3 }[0]} AS node
// 1 params
{
  "p0": "deploy"
}
