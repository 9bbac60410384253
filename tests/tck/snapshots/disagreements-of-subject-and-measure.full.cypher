// query { disagreements(subjectId: "branch-tck-ops", measure: "tck-personnel", includeDeprecated: true) { measure claims { value rank } } }
// 1 read
MATCH (f1:Figure)-[:DESCRIBES]->(s2 {id: $p0}) WHERE f1.measure = $p1
WITH s2, f1 ORDER BY CASE f1.rank WHEN 'PREFERRED' THEN 0 WHEN 'DEPRECATED' THEN 2 ELSE 1 END, CASE WHEN f1.asOf IS NULL THEN 1 ELSE 0 END, f1.asOf, f1.id
WITH s2, f1.measure AS measure3, collect(f1 {__typename: 'Figure', .id, .rank, .value}) AS claims4, min(f1.value) AS low5, max(f1.value) AS high6, collect(DISTINCT f1.qualifier) AS qualifiers7 WHERE low5 < high6 OR size(qualifiers7) > 1
WITH s2, measure3, claims4, low5, high6 ORDER BY s2.id, measure3 LIMIT $p2
RETURN CASE WHEN s2:Branch THEN s2 {__typename: 'Branch', .id} WHEN s2:Officer THEN s2 {__typename: 'Officer', .id} WHEN s2:Location THEN s2 {__typename: 'Location', .id} WHEN s2:PartnerAgency THEN s2 {__typename: 'PartnerAgency', .id} WHEN s2:Mission THEN s2 {__typename: 'Mission', .id} END AS subject, measure3 AS measure, claims4 AS claims, low5 AS low, high6 AS high
// 1 params
{
  "p0": "branch-tck-ops",
  "p1": "tck-personnel",
  "p2": 1001
}
