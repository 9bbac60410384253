// query($date: Date) { partnersConnectedToRegion(regionId: "region-tck", asOf: $date) { partner { id } paths { relationships { type since } } } shortestPath(fromId: "mission-tck-mali", toId: "city-tck-bogota", asOf: $date) { relationships { type } } neighborhood(id: "mission-tck-mali", asOf: $date) { edges { type } } }
// variables: {"date": "2019-04"}
// 1 read
MATCH (region1:Location {id: $p0})
MATCH hier2 = (region1)<-[:PART_OF*0..5]-(place3:Location) WHERE all(n4 IN nodes(hier2) WHERE (n4.startDate IS NULL OR n4.startDate + substring('-01-01', size(n4.startDate) - 4) <= $p1) AND (n4.endDate IS NULL OR n4.endDate + substring('-12-31', size(n4.endDate) - 4) >= $p2)) AND all(r5 IN relationships(hier2) WHERE (r5.since IS NULL OR r5.since + substring('-01-01', size(r5.since) - 4) <= $p1) AND (r5.until IS NULL OR r5.until + substring('-12-31', size(r5.until) - 4) >= $p2))
CALL (place3) { MATCH route6 = (place3)<-[:BASED_IN]-(agency7:PartnerAgency) WHERE all(n8 IN nodes(route6) WHERE (n8.startDate IS NULL OR n8.startDate + substring('-01-01', size(n8.startDate) - 4) <= $p1) AND (n8.endDate IS NULL OR n8.endDate + substring('-12-31', size(n8.endDate) - 4) >= $p2)) AND all(r9 IN relationships(route6) WHERE (r9.since IS NULL OR r9.since + substring('-01-01', size(r9.since) - 4) <= $p1) AND (r9.until IS NULL OR r9.until + substring('-12-31', size(r9.until) - 4) >= $p2)) RETURN agency7, route6 UNION MATCH route6 = (place3)<-[:LOCATED_IN]-(:Mission)-[:WITH_PARTNER]->(agency7:PartnerAgency) WHERE all(n10 IN nodes(route6) WHERE (n10.startDate IS NULL OR n10.startDate + substring('-01-01', size(n10.startDate) - 4) <= $p1) AND (n10.endDate IS NULL OR n10.endDate + substring('-12-31', size(n10.endDate) - 4) >= $p2)) AND all(r11 IN relationships(route6) WHERE (r11.since IS NULL OR r11.since + substring('-01-01', size(r11.since) - 4) <= $p1) AND (r11.until IS NULL OR r11.until + substring('-12-31', size(r11.until) - 4) >= $p2)) RETURN agency7, route6 UNION MATCH route6 = (place3)<-[:POSTED_TO]-(:Officer)-[:MEMBER_OF]->(agency7:PartnerAgency) WHERE all(n12 IN nodes(route6) WHERE (n12.startDate IS NULL OR n12.startDate + substring('-01-01', size(n12.startDate) - 4) <= $p1) AND (n12.endDate IS NULL OR n12.endDate + substring('-12-31', size(n12.endDate) - 4) >= $p2)) AND all(r13 IN relationships(route6) WHERE (r13.since IS NULL OR r13.since + substring('-01-01', size(r13.since) - 4) <= $p1) AND (r13.until IS NULL OR r13.until + substring('-12-31', size(r13.until) - 4) >= $p2)) RETURN agency7, route6 }
WITH agency7, nodes(hier2) + tail(nodes(route6)) AS ns14, relationships(hier2) + relationships(route6) AS rs15
WITH agency7, collect({nodes: ns14, rels: rs15}) AS paths16 ORDER BY agency7.name, agency7.id
RETURN agency7 {__typename: 'PartnerAgency', .id} AS partner, [x17 IN paths16 | {nodes: [], relationships: [r18 IN x17.rels | {type: type(r18), from: startNode(r18).id, to: endNode(r18).id, fromName: startNode(r18).name, toName: endNode(r18).name, role: r18.role, since: r18.since, until: r18.until, note: r18.note, sources: [i19 IN range(0, size(coalesce(r18.sourceDocuments, [])) - 1) | {document: r18.sourceDocuments[i19], quote: r18.sourceQuotes[i19], asOf: CASE r18.sourceAsOf[i19] WHEN '' THEN null ELSE r18.sourceAsOf[i19] END, inferred: coalesce(r18.sourceInferred[i19], false), reasoning: CASE r18.sourceReasoning[i19] WHEN '' THEN null ELSE r18.sourceReasoning[i19] END}]}]}] AS paths
// 1 params
{
  "p0": "region-tck",
  "p1": "2019-04-31",
  "p2": "2019-04-01"
}
// 2 read
CALL () { MATCH (a1:Branch {id: $p0}) RETURN a1 UNION MATCH (a1:Officer {id: $p0}) RETURN a1 UNION MATCH (a1:Location {id: $p0}) RETURN a1 UNION MATCH (a1:PartnerAgency {id: $p0}) RETURN a1 UNION MATCH (a1:Mission {id: $p0}) RETURN a1 }
CALL () { MATCH (z2:Branch {id: $p1}) RETURN z2 UNION MATCH (z2:Officer {id: $p1}) RETURN z2 UNION MATCH (z2:Location {id: $p1}) RETURN z2 UNION MATCH (z2:PartnerAgency {id: $p1}) RETURN z2 UNION MATCH (z2:Mission {id: $p1}) RETURN z2 }
MATCH p3 = shortestPath((a1)-[*..6]-(z2)) WHERE none(x4 IN nodes(p3) WHERE x4:Figure) AND (all(n5 IN nodes(p3) WHERE (n5.startDate IS NULL OR n5.startDate + substring('-01-01', size(n5.startDate) - 4) <= $p2) AND (n5.endDate IS NULL OR n5.endDate + substring('-12-31', size(n5.endDate) - 4) >= $p3)) AND all(r6 IN relationships(p3) WHERE (r6.since IS NULL OR r6.since + substring('-01-01', size(r6.since) - 4) <= $p2) AND (r6.until IS NULL OR r6.until + substring('-12-31', size(r6.until) - 4) >= $p3)))
RETURN [x7 IN nodes(p3) | CASE WHEN x7:Branch THEN x7 {__typename: 'Branch', .id} WHEN x7:Officer THEN x7 {__typename: 'Officer', .id} WHEN x7:Location THEN x7 {__typename: 'Location', .id} WHEN x7:PartnerAgency THEN x7 {__typename: 'PartnerAgency', .id} WHEN x7:Mission THEN x7 {__typename: 'Mission', .id} END] AS nodes, [r8 IN relationships(p3) | {type: type(r8), from: startNode(r8).id, to: endNode(r8).id, fromName: startNode(r8).name, toName: endNode(r8).name, role: r8.role, since: r8.since, until: r8.until, note: r8.note, sources: [i9 IN range(0, size(coalesce(r8.sourceDocuments, [])) - 1) | {document: r8.sourceDocuments[i9], quote: r8.sourceQuotes[i9], asOf: CASE r8.sourceAsOf[i9] WHEN '' THEN null ELSE r8.sourceAsOf[i9] END, inferred: coalesce(r8.sourceInferred[i9], false), reasoning: CASE r8.sourceReasoning[i9] WHEN '' THEN null ELSE r8.sourceReasoning[i9] END}]}] AS relationships
// 2 params
{
  "p0": "mission-tck-mali",
  "p1": "city-tck-bogota",
  "p2": "2019-04-31",
  "p3": "2019-04-01"
}
// 3 read
CALL () { MATCH (s1:Branch {id: $p0}) RETURN s1 UNION MATCH (s1:Officer {id: $p0}) RETURN s1 UNION MATCH (s1:Location {id: $p0}) RETURN s1 UNION MATCH (s1:PartnerAgency {id: $p0}) RETURN s1 UNION MATCH (s1:Mission {id: $p0}) RETURN s1 }
OPTIONAL MATCH p2 = (s1)-[*1..1]-() WHERE none(x3 IN nodes(p2) WHERE x3:Figure) AND (all(n4 IN nodes(p2) WHERE (n4.startDate IS NULL OR n4.startDate + substring('-01-01', size(n4.startDate) - 4) <= $p1) AND (n4.endDate IS NULL OR n4.endDate + substring('-12-31', size(n4.endDate) - 4) >= $p2)) AND all(r5 IN relationships(p2) WHERE (r5.since IS NULL OR r5.since + substring('-01-01', size(r5.since) - 4) <= $p1) AND (r5.until IS NULL OR r5.until + substring('-12-31', size(r5.until) - 4) >= $p2)))
WITH s1, collect(p2) AS found6
WITH s1, found6[..$p3] AS ps7, size(found6) > $p3 AS truncated8
UNWIND CASE ps7 WHEN [] THEN [null] ELSE ps7 END AS p2
UNWIND CASE WHEN p2 IS NULL THEN [null] ELSE relationships(p2) END AS r9
WITH s1, truncated8, collect(DISTINCT r9) AS rels10
WITH s1, truncated8, rels10, reduce(acc12 = [s1], r9 IN rels10 | acc12 + [startNode(r9), endNode(r9)]) AS reached11
UNWIND reached11 AS x13
WITH s1, truncated8, rels10, collect(DISTINCT x13) AS ns14
RETURN CASE WHEN s1:Branch THEN s1 {__typename: 'Branch', .id} WHEN s1:Officer THEN s1 {__typename: 'Officer', .id} WHEN s1:Location THEN s1 {__typename: 'Location', .id} WHEN s1:PartnerAgency THEN s1 {__typename: 'PartnerAgency', .id} WHEN s1:Mission THEN s1 {__typename: 'Mission', .id} END AS center, [x13 IN ns14 | CASE WHEN x13:Branch THEN x13 {__typename: 'Branch', .id} WHEN x13:Officer THEN x13 {__typename: 'Officer', .id} WHEN x13:Location THEN x13 {__typename: 'Location', .id} WHEN x13:PartnerAgency THEN x13 {__typename: 'PartnerAgency', .id} WHEN x13:Mission THEN x13 {__typename: 'Mission', .id} END] AS nodes, [r9 IN rels10 | {type: type(r9), from: startNode(r9).id, to: endNode(r9).id, fromName: startNode(r9).name, toName: endNode(r9).name, role: r9.role, since: r9.since, until: r9.until, note: r9.note, sources: [i15 IN range(0, size(coalesce(r9.sourceDocuments, [])) - 1) | {document: r9.sourceDocuments[i15], quote: r9.sourceQuotes[i15], asOf: CASE r9.sourceAsOf[i15] WHEN '' THEN null ELSE r9.sourceAsOf[i15] END, inferred: coalesce(r9.sourceInferred[i15], false), reasoning: CASE r9.sourceReasoning[i15] WHEN '' THEN null ELSE r9.sourceReasoning[i15] END}]}] AS relationships, truncated8 AS truncated
// 3 params
{
  "p0": "mission-tck-mali",
  "p1": "2019-04-31",
  "p2": "2019-04-01",
  "p3": 500
}
