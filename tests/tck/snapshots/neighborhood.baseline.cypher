// query { neighborhood(id: "city-tck-bogota") { center { __typename } nodes { __typename } edges { type from to } truncated } }
// 1 read
CALL () { MATCH (s1:Branch {id: $p1}) RETURN s1 UNION MATCH (s1:Officer {id: $p1}) RETURN s1 UNION MATCH (s1:Location {id: $p1}) RETURN s1 UNION MATCH (s1:PartnerAgency {id: $p1}) RETURN s1 UNION MATCH (s1:Mission {id: $p1}) RETURN s1 }
OPTIONAL MATCH p2 = (s1)-[*1..1]-(m5) WHERE none(x4 IN nodes(p2) WHERE x4:Figure)
WITH s1, collect(p2) AS found
WITH s1, found[..$p0] AS ps, size(found) > $p0 AS truncated
UNWIND (CASE ps WHEN [] THEN [null] ELSE ps END) AS p2
UNWIND (CASE WHEN p2 IS NULL THEN [null] ELSE relationships(p2) END) AS r3
WITH s1, truncated, collect(DISTINCT r3) AS rels
WITH s1, truncated, rels, reduce(acc = [s1], r3 IN rels | acc + [startNode(r3), endNode(r3)]) AS all
UNWIND all AS x4
WITH s1, truncated, rels, collect(DISTINCT x4) AS ns
RETURN CASE WHEN s1:Branch THEN s1 {__typename: 'Branch', .id} WHEN s1:Officer THEN s1 {__typename: 'Officer', .id} WHEN s1:Location THEN s1 {__typename: 'Location', .id} WHEN s1:PartnerAgency THEN s1 {__typename: 'PartnerAgency', .id} WHEN s1:Mission THEN s1 {__typename: 'Mission', .id} END AS center, [x4 IN ns | CASE WHEN x4:Branch THEN x4 {__typename: 'Branch', .id} WHEN x4:Officer THEN x4 {__typename: 'Officer', .id} WHEN x4:Location THEN x4 {__typename: 'Location', .id} WHEN x4:PartnerAgency THEN x4 {__typename: 'PartnerAgency', .id} WHEN x4:Mission THEN x4 {__typename: 'Mission', .id} END] AS nodes, [r3 IN rels | {type: type(r3), from: startNode(r3).id, to: endNode(r3).id, sources: [i IN range(0, size(coalesce(r3.sourceDocuments, [])) - 1) | {document: r3.sourceDocuments[i], quote: r3.sourceQuotes[i], asOf: CASE r3.sourceAsOf[i] WHEN '' THEN null ELSE r3.sourceAsOf[i] END, inferred: coalesce(r3.sourceInferred[i], false), reasoning: CASE r3.sourceReasoning[i] WHEN '' THEN null ELSE r3.sourceReasoning[i] END}]}] AS relationships, truncated
// 1 params
{
  "p0": 500,
  "p1": "city-tck-bogota"
}
