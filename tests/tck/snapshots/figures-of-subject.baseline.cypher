// query { figures(subjectId: "mission-tck-mali") { label value } }
// 1 read
MATCH (f1:Figure) WHERE EXISTS { MATCH (f1)-[:DESCRIBES]->({id: $p0}) }
WITH f1 ORDER BY f1.label, f1.asOf, f1.id
RETURN f1 {__typename: 'Figure', .id, .label, .value} AS node
// 1 params
{
  "p0": "mission-tck-mali"
}
