// query { partnersConnectedToRegion(regionId: "region-tck-west") { partner { name } } }
// 1 read
MATCH (region1:Location {id: $p0})
MATCH (region1)<-[:PART_OF*0..5]-(m2:Location)
CALL (m2) { MATCH (m2)<-[:BASED_IN]-(agency3:PartnerAgency) RETURN agency3 UNION MATCH (m2)<-[:LOCATED_IN]-(:Mission)-[:WITH_PARTNER]->(agency3:PartnerAgency) RETURN agency3 UNION MATCH (m2)<-[:POSTED_TO]-(:Officer)-[:MEMBER_OF]->(agency3:PartnerAgency) RETURN agency3 }
WITH DISTINCT agency3 ORDER BY agency3.name, agency3.id
WITH agency3 {__typename: 'PartnerAgency', .id, .name} AS partner4
RETURN collect(partner4) AS partners
// 1 params
{
  "p0": "region-tck-west"
}
