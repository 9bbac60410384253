// query { shortestPath(fromId: "lo-tck-bogota", toId: "partner-tck-un") { relationships { type } } }
// 1 read
CALL () { MATCH (a1:Branch {id: $p0}) RETURN a1 UNION MATCH (a1:Officer {id: $p0}) RETURN a1 UNION MATCH (a1:Location {id: $p0}) RETURN a1 UNION MATCH (a1:PartnerAgency {id: $p0}) RETURN a1 UNION MATCH (a1:Mission {id: $p0}) RETURN a1 }
CALL () { MATCH (z2:Branch {id: $p1}) RETURN z2 UNION MATCH (z2:Officer {id: $p1}) RETURN z2 UNION MATCH (z2:Location {id: $p1}) RETURN z2 UNION MATCH (z2:PartnerAgency {id: $p1}) RETURN z2 UNION MATCH (z2:Mission {id: $p1}) RETURN z2 }
MATCH p3 = shortestPath((a1)-[*..6]-(z2)) WHERE none(x4 IN nodes(p3) WHERE x4:Figure)
RETURN [x5 IN nodes(p3) | CASE WHEN x5:Branch THEN x5 {__typename: 'Branch', .id} WHEN x5:Officer THEN x5 {__typename: 'Officer', .id} WHEN x5:Location THEN x5 {__typename: 'Location', .id} WHEN x5:PartnerAgency THEN x5 {__typename: 'PartnerAgency', .id} WHEN x5:Mission THEN x5 {__typename: 'Mission', .id} END] AS nodes, [r6 IN relationships(p3) | {type: type(r6), from: startNode(r6).id, to: endNode(r6).id, fromName: startNode(r6).name, toName: endNode(r6).name, role: r6.role, since: r6.since, until: r6.until, note: r6.note, sources: [i7 IN range(0, size(coalesce(r6.sourceDocuments, [])) - 1) | {document: r6.sourceDocuments[i7], quote: r6.sourceQuotes[i7], asOf: CASE r6.sourceAsOf[i7] WHEN '' THEN null ELSE r6.sourceAsOf[i7] END, inferred: coalesce(r6.sourceInferred[i7], false), reasoning: CASE r6.sourceReasoning[i7] WHEN '' THEN null ELSE r6.sourceReasoning[i7] END}]}] AS relationships
// 1 params
{
  "p0": "lo-tck-bogota",
  "p1": "partner-tck-un"
}
