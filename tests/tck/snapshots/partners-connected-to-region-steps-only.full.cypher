// query { partnersConnectedToRegion(regionId: "region-tck-west") { partner { id } paths { relationships { type } } } }
// 1 read
MATCH (region1:Location {id: $p0})
MATCH hier2 = (region1)<-[:PART_OF*0..5]-(place3:Location)
CALL (place3) { MATCH route4 = (place3)<-[:BASED_IN]-(agency5:PartnerAgency) RETURN agency5, route4 UNION MATCH route4 = (place3)<-[:LOCATED_IN]-(:Mission)-[:WITH_PARTNER]->(agency5:PartnerAgency) RETURN agency5, route4 UNION MATCH route4 = (place3)<-[:POSTED_TO]-(:Officer)-[:MEMBER_OF]->(agency5:PartnerAgency) RETURN agency5, route4 }
WITH agency5, nodes(hier2) + tail(nodes(route4)) AS ns6, relationships(hier2) + relationships(route4) AS rs7
WITH agency5, collect({nodes: ns6, rels: rs7}) AS paths8 ORDER BY agency5.name, agency5.id
RETURN agency5 {__typename: 'PartnerAgency', .id} AS partner, [x9 IN paths8 | {nodes: [], relationships: [r10 IN x9.rels | {type: type(r10), from: startNode(r10).id, to: endNode(r10).id, fromName: startNode(r10).name, toName: endNode(r10).name, role: r10.role, since: r10.since, until: r10.until, note: r10.note, sources: [i11 IN range(0, size(coalesce(r10.sourceDocuments, [])) - 1) | {document: r10.sourceDocuments[i11], quote: r10.sourceQuotes[i11], asOf: CASE r10.sourceAsOf[i11] WHEN '' THEN null ELSE r10.sourceAsOf[i11] END, inferred: coalesce(r10.sourceInferred[i11], false), reasoning: CASE r10.sourceReasoning[i11] WHEN '' THEN null ELSE r10.sourceReasoning[i11] END}]}]}] AS paths
// 1 params
{
  "p0": "region-tck-west"
}
