// query($ids: [ID!]!) { relationships(ids: $ids) { type from to sources { document quote asOf inferred reasoning } } }
// variables: {"ids": ["mission-tck-mali", "partner-tck-un", "mission-tck-mali"]}
// 1 read
CALL () { MATCH (a1:Branch) WHERE a1.id IN $p0 RETURN a1 UNION MATCH (a1:Officer) WHERE a1.id IN $p0 RETURN a1 UNION MATCH (a1:Location) WHERE a1.id IN $p0 RETURN a1 UNION MATCH (a1:PartnerAgency) WHERE a1.id IN $p0 RETURN a1 UNION MATCH (a1:Mission) WHERE a1.id IN $p0 RETURN a1 }
MATCH (a1)-[r2]->(z3) WHERE z3.id IN $p0 AND NOT z3:Figure
WITH r2 ORDER BY startNode(r2).id, type(r2), endNode(r2).id LIMIT $p1
RETURN {type: type(r2), from: startNode(r2).id, to: endNode(r2).id, fromName: startNode(r2).name, toName: endNode(r2).name, role: r2.role, since: r2.since, until: r2.until, note: r2.note, sources: [i4 IN range(0, size(coalesce(r2.sourceDocuments, [])) - 1) | {document: r2.sourceDocuments[i4], quote: r2.sourceQuotes[i4], asOf: CASE r2.sourceAsOf[i4] WHEN '' THEN null ELSE r2.sourceAsOf[i4] END, inferred: coalesce(r2.sourceInferred[i4], false), reasoning: CASE r2.sourceReasoning[i4] WHEN '' THEN null ELSE r2.sourceReasoning[i4] END}]} AS step
// 1 params
{
  "p0": [
    "mission-tck-mali",
    "partner-tck-un"
  ],
  "p1": 10001
}
