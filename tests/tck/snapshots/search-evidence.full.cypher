// query($text: String!) { searchEvidence(text: $text, first: 5) { document title quote entities { __typename ... on Branch { id name } ... on Officer { id name } ... on Location { id name } ... on PartnerAgency { id name } ... on Mission { id name } } relationships { type from to } figures { id label } } }
// variables: {"text": "Tck liaison'}) DETACH DELETE n //"}
// 1 read
CALL () { CALL db.index.fulltext.queryNodes('evidence_quotes', $p0) YIELD node AS n1 WHERE any(q2 IN n1.sourceQuotes WHERE toLower(q2) CONTAINS $p1) UNWIND range(0, size(n1.sourceQuotes) - 1) AS i3 WITH n1, n1.sourceDocuments[i3] AS document4, n1.sourceQuotes[i3] AS quote5 WHERE toLower(quote5) CONTAINS $p1 RETURN document4, quote5, CASE WHEN NOT n1:Figure THEN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id, .name} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id, .name} WHEN n1:Location THEN n1 {__typename: 'Location', .id, .name} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id, .name} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id, .name} END END AS entity6, CASE WHEN n1:Figure THEN n1 {__typename: 'Figure', .id, .label} END AS figure7, null AS step8 UNION CALL db.index.fulltext.queryRelationships('evidence_quotes_between', $p2) YIELD relationship AS r9 WHERE any(q10 IN r9.sourceQuotes WHERE toLower(q10) CONTAINS $p1) UNWIND range(0, size(r9.sourceQuotes) - 1) AS i3 WITH r9, r9.sourceDocuments[i3] AS document4, r9.sourceQuotes[i3] AS quote5 WHERE toLower(quote5) CONTAINS $p1 RETURN document4, quote5, null AS entity6, null AS figure7, {type: type(r9), from: startNode(r9).id, to: endNode(r9).id, role: r9.role, since: r9.since, until: r9.until, note: r9.note, sources: [i11 IN range(0, size(coalesce(r9.sourceDocuments, [])) - 1) | {document: r9.sourceDocuments[i11], quote: r9.sourceQuotes[i11], asOf: CASE r9.sourceAsOf[i11] WHEN '' THEN null ELSE r9.sourceAsOf[i11] END, inferred: coalesce(r9.sourceInferred[i11], false), reasoning: CASE r9.sourceReasoning[i11] WHEN '' THEN null ELSE r9.sourceReasoning[i11] END}]} AS step8 }
WITH document4, quote5, collect(entity6) AS entities12, collect(figure7) AS figures13, collect(step8) AS relationships14
WITH document4, quote5, entities12, figures13, relationships14 ORDER BY document4, quote5 LIMIT $p3
OPTIONAL MATCH (d15:Document {id: document4})
RETURN document4 AS document, d15.title AS title, quote5 AS quote, entities12[..100] AS entities, figures13[..100] AS figures, relationships14[..100] AS relationships
// 1 params
{
  "p0": "*tck* AND *liaison* AND *detach* AND *delete* AND *n*",
  "p1": "tck liaison'}) detach delete n //",
  "p2": "*tck* AND *liaison* AND *detach* AND *delete* AND *n*",
  "p3": 5
}
