// { mission(id: "mission-tck-mali") { partners { name missions { name locations { name parent { name parent { id } } } } } managedBy { parent { name } } } }
// 1 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, managedBy: COLLECT { MATCH (n1)-[:MANAGED_BY]->(b2:Branch) WITH b2 ORDER BY b2.name, b2.id LIMIT 1 RETURN b2 {__typename: 'Branch', .id, parent: COLLECT { MATCH (b2)-[r4:PART_OF]->(b5:Branch) WITH b5, r4 ORDER BY all(i6 IN coalesce(r4.sourceInferred, []) WHERE i6), b5.name, b5.id LIMIT 1 RETURN b5 {__typename: 'Branch', .id, .name} AS x7 }[0]} AS x3 }[0], partners: COLLECT { MATCH (n1)-[:WITH_PARTNER]->(b8:PartnerAgency) WITH b8 ORDER BY b8.name, b8.id RETURN b8 {__typename: 'PartnerAgency', .id, .name, missions: COLLECT { MATCH (b8)<-[:WITH_PARTNER]-(b10:Mission) WITH b10 ORDER BY b10.name, b10.id RETURN b10 {__typename: 'Mission', .id, .name, locations: COLLECT { MATCH (b10)-[:LOCATED_IN]->(b12:Location) WITH b12 ORDER BY b12.name, b12.id RETURN b12 {__typename: 'Location', .id, .name, parent: COLLECT { MATCH (b12)-[r14:PART_OF]->(b15:Location) WITH b15, r14 ORDER BY all(i16 IN coalesce(r14.sourceInferred, []) WHERE i16), b15.name, b15.id LIMIT 1 RETURN b15 {__typename: 'Location', .id, .name, parent: COLLECT { MATCH (b15)-[r18:PART_OF]->(b19:Location) WITH b19, r18 ORDER BY all(i20 IN coalesce(r18.sourceInferred, []) WHERE i20), b19.name, b19.id LIMIT 1 RETURN b19 {__typename: 'Location', .id} AS x21 }[0]} AS x17 }[0]} AS x13 }} AS x11 }} AS x9 }} AS node
// 1 params
{
  "p0": [
    "mission-tck-mali"
  ]
}
