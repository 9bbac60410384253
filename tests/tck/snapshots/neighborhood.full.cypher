// query { neighborhood(id: "city-tck-bogota") { center { __typename } nodes { __typename } edges { type from to } truncated } }
// 1 read
CALL () { MATCH (s1:Branch {id: $p0}) RETURN s1 UNION MATCH (s1:Officer {id: $p0}) RETURN s1 UNION MATCH (s1:Location {id: $p0}) RETURN s1 UNION MATCH (s1:PartnerAgency {id: $p0}) RETURN s1 UNION MATCH (s1:Mission {id: $p0}) RETURN s1 }
OPTIONAL MATCH p2 = (s1)-[*1..1]-() WHERE none(x3 IN nodes(p2) WHERE x3:Figure)
WITH s1, collect(p2) AS found4
WITH s1, found4[..$p1] AS ps5, size(found4) > $p1 AS truncated6
UNWIND CASE ps5 WHEN [] THEN [null] ELSE ps5 END AS p2
UNWIND CASE WHEN p2 IS NULL THEN [null] ELSE relationships(p2) END AS r7
WITH s1, truncated6, collect(DISTINCT r7) AS rels8
WITH s1, truncated6, rels8, reduce(acc10 = [s1], r7 IN rels8 | acc10 + [startNode(r7), endNode(r7)]) AS reached9
UNWIND reached9 AS x11
WITH s1, truncated6, rels8, collect(DISTINCT x11) AS ns12
RETURN CASE WHEN s1:Branch THEN s1 {__typename: 'Branch', .id} WHEN s1:Officer THEN s1 {__typename: 'Officer', .id} WHEN s1:Location THEN s1 {__typename: 'Location', .id} WHEN s1:PartnerAgency THEN s1 {__typename: 'PartnerAgency', .id} WHEN s1:Mission THEN s1 {__typename: 'Mission', .id} END AS center, [x11 IN ns12 | CASE WHEN x11:Branch THEN x11 {__typename: 'Branch', .id} WHEN x11:Officer THEN x11 {__typename: 'Officer', .id} WHEN x11:Location THEN x11 {__typename: 'Location', .id} WHEN x11:PartnerAgency THEN x11 {__typename: 'PartnerAgency', .id} WHEN x11:Mission THEN x11 {__typename: 'Mission', .id} END] AS nodes, [r7 IN rels8 | {type: type(r7), from: startNode(r7).id, to: endNode(r7).id, fromName: startNode(r7).name, toName: endNode(r7).name, role: r7.role, since: r7.since, until: r7.until, note: r7.note, sources: [i13 IN range(0, size(coalesce(r7.sourceDocuments, [])) - 1) | {document: r7.sourceDocuments[i13], quote: r7.sourceQuotes[i13], asOf: CASE r7.sourceAsOf[i13] WHEN '' THEN null ELSE r7.sourceAsOf[i13] END, inferred: coalesce(r7.sourceInferred[i13], false), reasoning: CASE r7.sourceReasoning[i13] WHEN '' THEN null ELSE r7.sourceReasoning[i13] END}]}] AS relationships, truncated6 AS truncated
// 1 params
{
  "p0": "city-tck-bogota",
  "p1": 500
}
