// query { partnersConnectedToRegion(regionId: "region-tck-west") { partner { id name basedIn { id } } paths { nodes { __typename ... on Branch { id name } ... on Officer { id name } ... on Location { id name } ... on PartnerAgency { id name } ... on Mission { id name } } relationships { type from to sources { document quote asOf inferred reasoning } } } } }
// 1 read
MATCH (region1:Location {id: $p0})
MATCH hier4 = (region1)<-[:PART_OF*0..5]-(place2:Location)
CALL (place2) { MATCH route5 = (place2)<-[:BASED_IN]-(agency3:PartnerAgency) RETURN agency3, route5 UNION MATCH route5 = (place2)<-[:LOCATED_IN]-(:Mission)-[:WITH_PARTNER]->(agency3:PartnerAgency) RETURN agency3, route5 UNION MATCH route5 = (place2)<-[:POSTED_TO]-(:Officer)-[:MEMBER_OF]->(agency3:PartnerAgency) RETURN agency3, route5 }
WITH agency3, nodes(hier4) + tail(nodes(route5)) AS ns, relationships(hier4) + relationships(route5) AS rs
WITH agency3, collect({nodes: ns, rels: rs}) AS paths ORDER BY agency3.name, agency3.id
RETURN agency3 {__typename: 'PartnerAgency', .id, .name, `basedIn`: COLLECT { MATCH (agency3)-[r10:BASED_IN]->(b9:Location) WITH b9, r10 ORDER BY b9.name, b9.id LIMIT 1 RETURN b9 {__typename: 'Location', .id} AS x11 }[0]} AS partner, [x7 IN paths | {nodes: [y8 IN x7.nodes | CASE WHEN y8:Branch THEN y8 {__typename: 'Branch', .id, .name} WHEN y8:Officer THEN y8 {__typename: 'Officer', .id, .name} WHEN y8:Location THEN y8 {__typename: 'Location', .id, .name} WHEN y8:PartnerAgency THEN y8 {__typename: 'PartnerAgency', .id, .name} WHEN y8:Mission THEN y8 {__typename: 'Mission', .id, .name} END], relationships: [r6 IN x7.rels | {type: type(r6), from: startNode(r6).id, to: endNode(r6).id, sources: [i IN range(0, size(coalesce(r6.sourceDocuments, [])) - 1) | {document: r6.sourceDocuments[i], quote: r6.sourceQuotes[i], asOf: CASE r6.sourceAsOf[i] WHEN '' THEN null ELSE r6.sourceAsOf[i] END, inferred: coalesce(r6.sourceInferred[i], false), reasoning: CASE r6.sourceReasoning[i] WHEN '' THEN null ELSE r6.sourceReasoning[i] END}]}]}] AS paths
// 1 params
{
  "p0": "region-tck-west"
}
