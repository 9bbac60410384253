// query($ids: [ID!]!) { relationships(ids: $ids) { type from to sources { document quote asOf inferred reasoning } } }
// variables: {"ids": ["mission-tck-mali", "partner-tck-un", "mission-tck-mali"]}
// 1 read
CALL () { MATCH (a1:Branch) WHERE a1.id IN $p0 RETURN a1 UNION MATCH (a1:Officer) WHERE a1.id IN $p0 RETURN a1 UNION MATCH (a1:Location) WHERE a1.id IN $p0 RETURN a1 UNION MATCH (a1:PartnerAgency) WHERE a1.id IN $p0 RETURN a1 UNION MATCH (a1:Mission) WHERE a1.id IN $p0 RETURN a1 }
MATCH (a1)-[r3]->(z2) WHERE z2.id IN $p0 AND NOT z2:Figure
WITH r3 ORDER BY startNode(r3).id, type(r3), endNode(r3).id LIMIT $p1
RETURN {type: type(r3), from: startNode(r3).id, to: endNode(r3).id, sources: [i IN range(0, size(coalesce(r3.sourceDocuments, [])) - 1) | {document: r3.sourceDocuments[i], quote: r3.sourceQuotes[i], asOf: CASE r3.sourceAsOf[i] WHEN '' THEN null ELSE r3.sourceAsOf[i] END, inferred: coalesce(r3.sourceInferred[i], false), reasoning: CASE r3.sourceReasoning[i] WHEN '' THEN null ELSE r3.sourceReasoning[i] END}]} AS step
// 1 params
{
  "p0": [
    "mission-tck-mali",
    "partner-tck-un"
  ],
  "p1": 10001
}
