// query($from: Date, $to: Date) { timeline(ids: ["mission-tck-mali", "city-tck-bogota"], from: $from, to: $to) { date kind entity { __typename ... on Mission { name } } relationship { type from to since until } } }
// variables: {"from": "2004", "to": "2019-10"}
// 1 read
CALL () { MATCH (n1:Branch) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Officer) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Location) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:PartnerAgency) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Mission) WHERE n1.id IN $p0 RETURN n1 }
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id} WHEN n1:Location THEN n1 {__typename: 'Location', .id} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id, .name} END AS node, CASE WHEN NOT (n1.startDate IS NULL) AND n1.startDate + substring('-01-01', size(n1.startDate) - 4) <= $p1 AND n1.startDate + substring('-12-31', size(n1.startDate) - 4) >= $p2 THEN n1.startDate END AS `starts`, CASE WHEN NOT (n1.endDate IS NULL) AND n1.endDate + substring('-01-01', size(n1.endDate) - 4) <= $p1 AND n1.endDate + substring('-12-31', size(n1.endDate) - 4) >= $p2 THEN n1.endDate END AS `ends`, COLLECT { MATCH (n1)-[r2]-() WHERE (NOT (r2.since IS NULL) AND r2.since + substring('-01-01', size(r2.since) - 4) <= $p1 AND r2.since + substring('-12-31', size(r2.since) - 4) >= $p2) OR (NOT (r2.until IS NULL) AND r2.until + substring('-01-01', size(r2.until) - 4) <= $p1 AND r2.until + substring('-12-31', size(r2.until) - 4) >= $p2) WITH r2 ORDER BY startNode(r2).id, type(r2), endNode(r2).id LIMIT $p3 RETURN {type: type(r2), from: startNode(r2).id, to: endNode(r2).id, role: r2.role, since: r2.since, until: r2.until, note: r2.note, sources: [i4 IN range(0, size(coalesce(r2.sourceDocuments, [])) - 1) | {document: r2.sourceDocuments[i4], quote: r2.sourceQuotes[i4], asOf: CASE r2.sourceAsOf[i4] WHEN '' THEN null ELSE r2.sourceAsOf[i4] END, inferred: coalesce(r2.sourceInferred[i4], false), reasoning: CASE r2.sourceReasoning[i4] WHEN '' THEN null ELSE r2.sourceReasoning[i4] END}], __starts: NOT (r2.since IS NULL) AND r2.since + substring('-01-01', size(r2.since) - 4) <= $p1 AND r2.since + substring('-12-31', size(r2.since) - 4) >= $p2, __ends: NOT (r2.until IS NULL) AND r2.until + substring('-01-01', size(r2.until) - 4) <= $p1 AND r2.until + substring('-12-31', size(r2.until) - 4) >= $p2} AS x3 } AS dated
// 1 params
{
  "p0": [
    "mission-tck-mali",
    "city-tck-bogota"
  ],
  "p1": "2019-10-31",
  "p2": "2004-01-01",
  "p3": 10001
}
