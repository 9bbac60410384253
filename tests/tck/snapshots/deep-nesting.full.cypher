// { mission(id: "mission-tck-mali") { partners { name missions { name locations { name parent { name parent { id } } } } } managedBy { parent { name } } } }
// 1 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, `managedBy`: COLLECT { MATCH (n1)-[r3:MANAGED_BY]->(b2:Branch) WITH b2, r3 ORDER BY b2.name, b2.id LIMIT 1 RETURN b2 {__typename: 'Branch', .id, `parent`: COLLECT { MATCH (b2)-[r6:PART_OF]->(b5:Branch) WITH b5, r6 ORDER BY all(i IN coalesce(r6.sourceInferred, []) WHERE i), b5.name, b5.id LIMIT 1 RETURN b5 {__typename: 'Branch', .id, .name} AS x7 }[0]} AS x4 }[0], `partners`: COLLECT { MATCH (n1)-[r9:WITH_PARTNER]->(b8:PartnerAgency) WITH b8 ORDER BY b8.name, b8.id RETURN b8 {__typename: 'PartnerAgency', .id, .name, `missions`: COLLECT { MATCH (b8)<-[r12:WITH_PARTNER]-(b11:Mission) WITH b11 ORDER BY b11.name, b11.id RETURN b11 {__typename: 'Mission', .id, .name, `locations`: COLLECT { MATCH (b11)-[r15:LOCATED_IN]->(b14:Location) WITH b14 ORDER BY b14.name, b14.id RETURN b14 {__typename: 'Location', .id, .name, `parent`: COLLECT { MATCH (b14)-[r18:PART_OF]->(b17:Location) WITH b17, r18 ORDER BY all(i IN coalesce(r18.sourceInferred, []) WHERE i), b17.name, b17.id LIMIT 1 RETURN b17 {__typename: 'Location', .id, .name, `parent`: COLLECT { MATCH (b17)-[r21:PART_OF]->(b20:Location) WITH b20, r21 ORDER BY all(i IN coalesce(r21.sourceInferred, []) WHERE i), b20.name, b20.id LIMIT 1 RETURN b20 {__typename: 'Location', .id} AS x22 }[0]} AS x19 }[0]} AS x16 }} AS x13 }} AS x10 }} AS node
// 1 params
{
  "p0": [
    "mission-tck-mali"
  ]
}
