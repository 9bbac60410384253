// { location(id: "city-tck-bogota") { a: children { id name } b: children { kind children { id } } children { aliases } parent { id } up: parent { name } figures { value } more: figures { label } } }
// 1 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, figures: COLLECT { MATCH (n1)<-[:DESCRIBES]-(f2:Figure) WITH f2 ORDER BY f2.asOf, f2.id RETURN f2 {__typename: 'Figure', .id, .label, .value} AS x3 }, `children`: COLLECT { MATCH (n1)<-[r5:PART_OF]-(b4:Location) WITH b4 ORDER BY b4.name, b4.id RETURN b4 {__typename: 'Location', .id, aliases: coalesce(b4.aliases, []), .kind, .name, `children`: COLLECT { MATCH (b4)<-[r8:PART_OF]-(b7:Location) WITH b7 ORDER BY b7.name, b7.id RETURN b7 {__typename: 'Location', .id} AS x9 }} AS x6 }, `parent`: COLLECT { MATCH (n1)-[r11:PART_OF]->(b10:Location) WITH b10, r11 ORDER BY all(i IN coalesce(r11.sourceInferred, []) WHERE i), b10.name, b10.id LIMIT 1 RETURN b10 {__typename: 'Location', .id, .name} AS x12 }[0]} AS node
// 1 params
{
  "p0": [
    "city-tck-bogota"
  ]
}
