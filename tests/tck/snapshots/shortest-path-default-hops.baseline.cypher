// query { shortestPath(fromId: "lo-tck-bogota", toId: "partner-tck-un") { relationships { type } } }
// 1 read
CALL () { MATCH (a1:Branch {id: $p0}) RETURN a1 UNION MATCH (a1:Officer {id: $p0}) RETURN a1 UNION MATCH (a1:Location {id: $p0}) RETURN a1 UNION MATCH (a1:PartnerAgency {id: $p0}) RETURN a1 UNION MATCH (a1:Mission {id: $p0}) RETURN a1 }
CALL () { MATCH (z2:Branch {id: $p1}) RETURN z2 UNION MATCH (z2:Officer {id: $p1}) RETURN z2 UNION MATCH (z2:Location {id: $p1}) RETURN z2 UNION MATCH (z2:PartnerAgency {id: $p1}) RETURN z2 UNION MATCH (z2:Mission {id: $p1}) RETURN z2 }
MATCH p3 = shortestPath((a1)-[*..6]-(z2)) WHERE none(x4 IN nodes(p3) WHERE x4:Figure)
RETURN [x4 IN nodes(p3) | CASE WHEN x4:Branch THEN x4 {__typename: 'Branch', .id} WHEN x4:Officer THEN x4 {__typename: 'Officer', .id} WHEN x4:Location THEN x4 {__typename: 'Location', .id} WHEN x4:PartnerAgency THEN x4 {__typename: 'PartnerAgency', .id} WHEN x4:Mission THEN x4 {__typename: 'Mission', .id} END] AS nodes, [r5 IN relationships(p3) | {type: type(r5), from: startNode(r5).id, to: endNode(r5).id, sources: [i IN range(0, size(coalesce(r5.sourceDocuments, [])) - 1) | {document: r5.sourceDocuments[i], quote: r5.sourceQuotes[i], asOf: CASE r5.sourceAsOf[i] WHEN '' THEN null ELSE r5.sourceAsOf[i] END, inferred: coalesce(r5.sourceInferred[i], false), reasoning: CASE r5.sourceReasoning[i] WHEN '' THEN null ELSE r5.sourceReasoning[i] END}]}] AS relationships
// 1 params
{
  "p0": "lo-tck-bogota",
  "p1": "partner-tck-un"
}
