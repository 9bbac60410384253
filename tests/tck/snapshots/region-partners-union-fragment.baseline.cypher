// query { partnersConnectedToRegion(regionId: "region-tck-west") { partner { ...E } } } fragment E on SearchResult { __typename ... on PartnerAgency { id name } ... on Location { id kind } }
// 1 read
MATCH (region1:Location {id: $p0})
CALL (region1) { MATCH (region1)<-[:PART_OF*0..5]-(:Location)<-[:BASED_IN]-(agency2:PartnerAgency) RETURN agency2 UNION MATCH (region1)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(:Mission)-[:WITH_PARTNER]->(agency2:PartnerAgency) RETURN agency2 UNION MATCH (region1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(:Officer)-[:MEMBER_OF]->(agency2:PartnerAgency) RETURN agency2 }
WITH DISTINCT agency2 ORDER BY agency2.name, agency2.id
WITH agency2 {__typename: 'PartnerAgency', .id, .name} AS partner3
RETURN collect(partner3) AS partners
// 1 params
{
  "p0": "region-tck-west"
}
