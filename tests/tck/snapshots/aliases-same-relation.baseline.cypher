// { location(id: "city-tck-bogota") { a: children { id name } b: children { kind children { id } } children { aliases } parent { id } up: parent { name } figures { value } more: figures { label } } }
// 1 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, figures: COLLECT { MATCH (n1)<-[:DESCRIBES]-(f2:Figure) WITH f2 ORDER BY CASE f2.rank WHEN 'PREFERRED' THEN 0 WHEN 'DEPRECATED' THEN 2 ELSE 1 END, CASE WHEN f2.asOf IS NULL THEN 1 ELSE 0 END, f2.asOf, f2.id RETURN f2 {__typename: 'Figure', .id, .label, .rank, .value} AS x3 }, children: COLLECT { MATCH (n1)<-[:PART_OF]-(b4:Location) WITH b4 ORDER BY b4.name, b4.id RETURN b4 {__typename: 'Location', .id, aliases: coalesce(b4.aliases, []), .kind, .name, children: COLLECT { MATCH (b4)<-[:PART_OF]-(b6:Location) WITH b6 ORDER BY b6.name, b6.id RETURN b6 {__typename: 'Location', .id} AS x7 }} AS x5 }, parent: COLLECT { MATCH (n1)-[r8:PART_OF]->(b9:Location) WITH b9, r8 ORDER BY all(i10 IN coalesce(r8.sourceInferred, []) WHERE i10), b9.name, b9.id LIMIT 1 RETURN b9 {__typename: 'Location', .id, .name} AS x11 }[0]} AS node
// 1 params
{
  "p0": [
    "city-tck-bogota"
  ]
}
