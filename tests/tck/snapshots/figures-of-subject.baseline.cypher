// query { figures(subjectId: "mission-tck-mali") { label value } }
// 1 read
MATCH (f1:Figure) WHERE EXISTS { MATCH (f1)-[:DESCRIBES]->({id: $p0}) } AND NOT (f1.rank = 'DEPRECATED')
WITH f1 ORDER BY CASE f1.rank WHEN 'PREFERRED' THEN 0 WHEN 'DEPRECATED' THEN 2 ELSE 1 END, f1.label, CASE WHEN f1.asOf IS NULL THEN 1 ELSE 0 END, f1.asOf, f1.id
RETURN f1 {__typename: 'Figure', .id, .label, .value} AS node
// 1 params
{
  "p0": "mission-tck-mali"
}
