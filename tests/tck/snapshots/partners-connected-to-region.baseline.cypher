// query { partnersConnectedToRegion(regionId: "region-tck-west") { partner { id name basedIn { id } } paths { nodes { __typename ... on Branch { id name } ... on Officer { id name } ... on Location { id name } ... on PartnerAgency { id name } ... on Mission { id name } } relationships { type from to sources { document quote asOf inferred reasoning } } } } }
// 1 read
MATCH (region1:Location {id: $p0})
MATCH hier2 = (region1)<-[:PART_OF*0..5]-(place3:Location)
CALL (place3) { MATCH route4 = (place3)<-[:BASED_IN]-(agency5:PartnerAgency) RETURN agency5, route4 UNION MATCH route4 = (place3)<-[:LOCATED_IN]-(:Mission)-[:WITH_PARTNER]->(agency5:PartnerAgency) RETURN agency5, route4 UNION MATCH route4 = (place3)<-[:POSTED_TO]-(:Officer)-[:MEMBER_OF]->(agency5:PartnerAgency) RETURN agency5, route4 }
WITH agency5, nodes(hier2) + tail(nodes(route4)) AS ns6, relationships(hier2) + relationships(route4) AS rs7
WITH agency5, collect({nodes: ns6, rels: rs7}) AS paths8 ORDER BY agency5.name, agency5.id
RETURN agency5 {__typename: 'PartnerAgency', .id, .name, basedIn: COLLECT { MATCH (agency5)-[:BASED_IN]->(b9:Location) WITH b9 ORDER BY b9.name, b9.id LIMIT 1 RETURN b9 {__typename: 'Location', .id} AS x10 }[0]} AS partner, [x11 IN paths8 | [y12 IN x11.nodes | CASE WHEN y12:Branch THEN y12 {__typename: 'Branch', .id, .name} WHEN y12:Officer THEN y12 {__typename: 'Officer', .id, .name} WHEN y12:Location THEN y12 {__typename: 'Location', .id, .name} WHEN y12:PartnerAgency THEN y12 {__typename: 'PartnerAgency', .id, .name} WHEN y12:Mission THEN y12 {__typename: 'Mission', .id, .name} END]] AS pathNodes, [x11 IN paths8 | [r13 IN x11.rels | {type: type(r13), from: startNode(r13).id, to: endNode(r13).id, fromName: startNode(r13).name, toName: endNode(r13).name, role: r13.role, since: r13.since, until: r13.until, note: r13.note, sources: [i14 IN range(0, size(coalesce(r13.sourceDocuments, [])) - 1) | {document: r13.sourceDocuments[i14], quote: r13.sourceQuotes[i14], asOf: CASE r13.sourceAsOf[i14] WHEN '' THEN null ELSE r13.sourceAsOf[i14] END, inferred: coalesce(r13.sourceInferred[i14], false), reasoning: CASE r13.sourceReasoning[i14] WHEN '' THEN null ELSE r13.sourceReasoning[i14] END}]}]] AS pathRelationships
// 1 params
{
  "p0": "region-tck-west"
}
