// query { neighborhood(id: "city-tck-bogota", depth: 3) { center { ... on Location { kind officerCount } } nodes { __typename ... on Branch { id name } ... on Officer { id name } ... on Location { id name } ... on PartnerAgency { id name } ... on Mission { id name } } edges { type from to sources { document quote asOf inferred reasoning } } truncated } }
// 1 read
CALL () { MATCH (s1:Branch {id: $p0}) RETURN s1 UNION MATCH (s1:Officer {id: $p0}) RETURN s1 UNION MATCH (s1:Location {id: $p0}) RETURN s1 UNION MATCH (s1:PartnerAgency {id: $p0}) RETURN s1 UNION MATCH (s1:Mission {id: $p0}) RETURN s1 }
OPTIONAL MATCH p2 = (s1)-[*1..3]-() WHERE none(x3 IN nodes(p2) WHERE x3:Figure)
WITH s1, collect(p2) AS found4
WITH s1, found4[..$p1] AS ps5, size(found4) > $p1 AS truncated6
UNWIND CASE ps5 WHEN [] THEN [null] ELSE ps5 END AS p2
UNWIND CASE WHEN p2 IS NULL THEN [null] ELSE relationships(p2) END AS r7
WITH s1, truncated6, collect(DISTINCT r7) AS rels8
WITH s1, truncated6, rels8, reduce(acc10 = [s1], r7 IN rels8 | acc10 + [startNode(r7), endNode(r7)]) AS reached9
UNWIND reached9 AS x11
WITH s1, truncated6, rels8, collect(DISTINCT x11) AS ns12
RETURN CASE WHEN s1:Branch THEN s1 {__typename: 'Branch', .id, .name} WHEN s1:Officer THEN s1 {__typename: 'Officer', .id, .name} WHEN s1:Location THEN s1 {__typename: 'Location', .id, .kind, .name, officerCount: size(COLLECT { MATCH (s1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b13:Officer) RETURN DISTINCT b13.id AS x14 })} WHEN s1:PartnerAgency THEN s1 {__typename: 'PartnerAgency', .id, .name} WHEN s1:Mission THEN s1 {__typename: 'Mission', .id, .name} END AS center, [x11 IN ns12 | CASE WHEN x11:Branch THEN x11 {__typename: 'Branch', .id, .name} WHEN x11:Officer THEN x11 {__typename: 'Officer', .id, .name} WHEN x11:Location THEN x11 {__typename: 'Location', .id, .kind, .name, officerCount: size(COLLECT { MATCH (x11)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b15:Officer) RETURN DISTINCT b15.id AS x16 })} WHEN x11:PartnerAgency THEN x11 {__typename: 'PartnerAgency', .id, .name} WHEN x11:Mission THEN x11 {__typename: 'Mission', .id, .name} END] AS nodes, [r7 IN rels8 | {type: type(r7), from: startNode(r7).id, to: endNode(r7).id, fromName: startNode(r7).name, toName: endNode(r7).name, role: r7.role, since: r7.since, until: r7.until, note: r7.note, sources: [i17 IN range(0, size(coalesce(r7.sourceDocuments, [])) - 1) | {document: r7.sourceDocuments[i17], quote: r7.sourceQuotes[i17], asOf: CASE r7.sourceAsOf[i17] WHEN '' THEN null ELSE r7.sourceAsOf[i17] END, inferred: coalesce(r7.sourceInferred[i17], false), reasoning: CASE r7.sourceReasoning[i17] WHEN '' THEN null ELSE r7.sourceReasoning[i17] END}]}] AS relationships, truncated6 AS truncated
// 1 params
{
  "p0": "city-tck-bogota",
  "p1": 500
}
