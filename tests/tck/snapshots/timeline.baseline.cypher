// query($from: Date, $to: Date) { timeline(ids: ["mission-tck-mali", "city-tck-bogota"], from: $from, to: $to) { date kind entity { __typename ... on Mission { name } } relationship { type from to since until } } }
// variables: {"from": "2004", "to": "2019-10"}
// 1 read
CALL () { MATCH (n1:Branch) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Officer) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Location) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:PartnerAgency) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Mission) WHERE n1.id IN $p0 RETURN n1 }
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id} WHEN n1:Location THEN n1 {__typename: 'Location', .id} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id, .name} END AS node, CASE WHEN NOT (n1.startDate IS NULL) AND n1.startDate + substring('-01-01', size(n1.startDate) - 4) <= $p1 AND n1.startDate + substring('-12-31', size(n1.startDate) - 4) >= $p2 THEN n1.startDate END AS `starts`, CASE WHEN NOT (n1.endDate IS NULL) AND n1.endDate + substring('-01-01', size(n1.endDate) - 4) <= $p1 AND n1.endDate + substring('-12-31', size(n1.endDate) - 4) >= $p2 THEN n1.endDate END AS `ends`, [] AS dated
UNION
CALL () { MATCH (n1:Branch) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Officer) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Location) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:PartnerAgency) WHERE n1.id IN $p0 RETURN n1 UNION MATCH (n1:Mission) WHERE n1.id IN $p0 RETURN n1 }
WITH collect(n1) AS found2
RETURN null AS node, null AS `starts`, null AS `ends`, COLLECT { UNWIND found2 AS n1 MATCH (n1)-[r3]-() WHERE (NOT (r3.since IS NULL) AND r3.since + substring('-01-01', size(r3.since) - 4) <= $p1 AND r3.since + substring('-12-31', size(r3.since) - 4) >= $p2) OR (NOT (r3.until IS NULL) AND r3.until + substring('-01-01', size(r3.until) - 4) <= $p1 AND r3.until + substring('-12-31', size(r3.until) - 4) >= $p2) WITH DISTINCT r3 WITH r3 ORDER BY startNode(r3).id, type(r3), endNode(r3).id LIMIT $p3 RETURN {type: type(r3), from: startNode(r3).id, to: endNode(r3).id, fromName: startNode(r3).name, toName: endNode(r3).name, role: r3.role, since: r3.since, until: r3.until, note: r3.note, sources: [i5 IN range(0, size(coalesce(r3.sourceDocuments, [])) - 1) | {document: r3.sourceDocuments[i5], quote: r3.sourceQuotes[i5], asOf: CASE r3.sourceAsOf[i5] WHEN '' THEN null ELSE r3.sourceAsOf[i5] END, inferred: coalesce(r3.sourceInferred[i5], false), reasoning: CASE r3.sourceReasoning[i5] WHEN '' THEN null ELSE r3.sourceReasoning[i5] END}], __starts: NOT (r3.since IS NULL) AND r3.since + substring('-01-01', size(r3.since) - 4) <= $p1 AND r3.since + substring('-12-31', size(r3.since) - 4) >= $p2, __ends: NOT (r3.until IS NULL) AND r3.until + substring('-01-01', size(r3.until) - 4) <= $p1 AND r3.until + substring('-12-31', size(r3.until) - 4) >= $p2} AS x4 } AS dated
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
