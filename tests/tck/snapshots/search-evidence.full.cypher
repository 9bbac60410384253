// query($text: String!) { searchEvidence(text: $text, first: 5) { document title quote entities { __typename ... on Branch { id name } ... on Officer { id name } ... on Location { id name } ... on PartnerAgency { id name } ... on Mission { id name } } relationships { type from to } figures { id label } } }
// variables: {"text": "Tck liaison'}) DETACH DELETE n //"}
// 1 read
CALL () { CALL db.index.fulltext.queryNodes('evidence_quotes', $p0) YIELD node AS n1 WHERE any(q2 IN n1.sourceQuotes WHERE toLower(q2) CONTAINS $p1) UNWIND range(0, size(n1.sourceQuotes) - 1) AS i3 WITH n1, n1.sourceDocuments[i3] AS document4, n1.sourceQuotes[i3] AS quote5 WHERE toLower(quote5) CONTAINS $p1 RETURN document4, quote5, n1 AS fact6, null AS link7 UNION ALL CALL db.index.fulltext.queryRelationships('evidence_quotes_between', $p2) YIELD relationship AS r8 WHERE any(q9 IN r8.sourceQuotes WHERE toLower(q9) CONTAINS $p1) UNWIND range(0, size(r8.sourceQuotes) - 1) AS i3 WITH r8, r8.sourceDocuments[i3] AS document4, r8.sourceQuotes[i3] AS quote5 WHERE toLower(quote5) CONTAINS $p1 RETURN document4, quote5, null AS fact6, r8 AS link7 }
WITH document4, quote5, collect(fact6) AS facts10, collect(link7) AS links11
WITH document4, quote5, facts10, links11 ORDER BY document4, quote5 LIMIT $p3
OPTIONAL MATCH (d12:Document {id: document4})
RETURN document4 AS document, d12.title AS title, quote5 AS quote, COLLECT { UNWIND facts10 AS x13 WITH x13 WHERE NOT x13:Figure WITH x13 ORDER BY x13.id LIMIT 100 RETURN CASE WHEN x13:Branch THEN x13 {__typename: 'Branch', .id, .name} WHEN x13:Officer THEN x13 {__typename: 'Officer', .id, .name} WHEN x13:Location THEN x13 {__typename: 'Location', .id, .name} WHEN x13:PartnerAgency THEN x13 {__typename: 'PartnerAgency', .id, .name} WHEN x13:Mission THEN x13 {__typename: 'Mission', .id, .name} END AS shown14 } AS entities, COLLECT { UNWIND facts10 AS x13 WITH x13 WHERE x13:Figure WITH x13 ORDER BY x13.id LIMIT 100 RETURN x13 {__typename: 'Figure', .id, .label} AS shown15 } AS figures, COLLECT { UNWIND links11 AS x13 WITH x13 ORDER BY startNode(x13).id, type(x13), endNode(x13).id LIMIT 100 RETURN {type: type(x13), from: startNode(x13).id, to: endNode(x13).id, role: x13.role, since: x13.since, until: x13.until, note: x13.note, sources: [i17 IN range(0, size(coalesce(x13.sourceDocuments, [])) - 1) | {document: x13.sourceDocuments[i17], quote: x13.sourceQuotes[i17], asOf: CASE x13.sourceAsOf[i17] WHEN '' THEN null ELSE x13.sourceAsOf[i17] END, inferred: coalesce(x13.sourceInferred[i17], false), reasoning: CASE x13.sourceReasoning[i17] WHEN '' THEN null ELSE x13.sourceReasoning[i17] END}]} AS shown16 } AS relationships
// 1 params
{
  "p0": "*tck* AND *liaison* AND *detach* AND *delete* AND *n*",
  "p1": "tck liaison'}) detach delete n //",
  "p2": "*tck* AND *liaison* AND *detach* AND *delete* AND *n*",
  "p3": 5
}
