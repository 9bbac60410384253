// { disagreements { subject { ... on Branch { id name } } measure claims { id value qualifier asOf rank sources { document quote asOf inferred reasoning } } spread { low high difference } } }
// 1 read
MATCH (f1:Figure)-[:DESCRIBES]->(s2) WHERE NOT (f1.rank = 'DEPRECATED')
WITH s2, f1 ORDER BY CASE f1.rank WHEN 'PREFERRED' THEN 0 WHEN 'DEPRECATED' THEN 2 ELSE 1 END, CASE WHEN f1.asOf IS NULL THEN 1 ELSE 0 END, f1.asOf, f1.id
WITH s2, f1.measure AS measure3, collect(f1 {__typename: 'Figure', .id, .asOf, .qualifier, .rank, .value, sources: [i5 IN range(0, size(coalesce(f1.sourceDocuments, [])) - 1) | {document: f1.sourceDocuments[i5], quote: f1.sourceQuotes[i5], asOf: CASE f1.sourceAsOf[i5] WHEN '' THEN null ELSE f1.sourceAsOf[i5] END, inferred: coalesce(f1.sourceInferred[i5], false), reasoning: CASE f1.sourceReasoning[i5] WHEN '' THEN null ELSE f1.sourceReasoning[i5] END}]}) AS claims4, min(f1.value) AS low6, max(f1.value) AS high7, collect(DISTINCT f1.qualifier) AS qualifiers8 WHERE low6 < high7 OR size(qualifiers8) > 1
WITH s2, measure3, claims4, low6, high7 ORDER BY s2.id, measure3 LIMIT $p0
RETURN CASE WHEN s2:Branch THEN s2 {__typename: 'Branch', .id, .name} WHEN s2:Officer THEN s2 {__typename: 'Officer', .id} WHEN s2:Location THEN s2 {__typename: 'Location', .id} WHEN s2:PartnerAgency THEN s2 {__typename: 'PartnerAgency', .id} WHEN s2:Mission THEN s2 {__typename: 'Mission', .id} END AS subject, measure3 AS measure, claims4 AS claims, low6 AS low, high7 AS high
// 1 params
{
  "p0": 1001
}
