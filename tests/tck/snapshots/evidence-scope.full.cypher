// query($docs: [String!]) { missions(first: 5, evidence: {documents: $docs, excludeInferred: true, minDocuments: 2}) { nodes { id partners { id } } } location(id: "city-tck-bogota", asOf: "2010", evidence: {excludeInferred: true}) { parent { id } } }
// variables: {"docs": ["tck-a.pdf", "tck-b.pdf"]}
// 1 read
RETURN COLLECT { MATCH (n1:Mission) WHERE size(reduce(found2 = [], i3 IN range(0, size(coalesce(n1.sourceDocuments, [])) - 1) | CASE WHEN n1.sourceDocuments[i3] IN $p0 AND NOT coalesce(n1.sourceInferred[i3], false) AND NOT (n1.sourceDocuments[i3] IN found2) THEN found2 + [n1.sourceDocuments[i3]] ELSE found2 END)) >= $p1 WITH DISTINCT n1 WITH n1, n1.name AS k4 WITH n1, k4 ORDER BY k4, n1.id LIMIT $p2 RETURN n1 {__typename: 'Mission', .id, partners: COLLECT { MATCH p6 = (n1)-[:WITH_PARTNER]->(b7:PartnerAgency) WHERE all(n8 IN nodes(p6) WHERE size(reduce(found9 = [], i10 IN range(0, size(coalesce(n8.sourceDocuments, [])) - 1) | CASE WHEN n8.sourceDocuments[i10] IN $p0 AND NOT coalesce(n8.sourceInferred[i10], false) AND NOT (n8.sourceDocuments[i10] IN found9) THEN found9 + [n8.sourceDocuments[i10]] ELSE found9 END)) >= $p1) AND all(r11 IN relationships(p6) WHERE size(reduce(found12 = [], i13 IN range(0, size(coalesce(r11.sourceDocuments, [])) - 1) | CASE WHEN r11.sourceDocuments[i13] IN $p0 AND NOT coalesce(r11.sourceInferred[i13], false) AND NOT (r11.sourceDocuments[i13] IN found12) THEN found12 + [r11.sourceDocuments[i13]] ELSE found12 END)) >= $p1) WITH b7 ORDER BY b7.name, b7.id RETURN b7 {__typename: 'PartnerAgency', .id} AS x14 }, __key: k4} AS x5 } AS items, null AS total
// 1 params
{
  "p0": [
    "tck-a.pdf",
    "tck-b.pdf"
  ],
  "p1": 2,
  "p2": 6
}
// 2 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, parent: COLLECT { MATCH p2 = (n1)-[r3:PART_OF]->(b4:Location) WHERE all(n5 IN nodes(p2) WHERE ((n5.startDate IS NULL OR n5.startDate + substring('-01-01', size(n5.startDate) - 4) <= $p1) AND (n5.endDate IS NULL OR n5.endDate + substring('-12-31', size(n5.endDate) - 4) >= $p2)) AND size(reduce(found6 = [], i7 IN range(0, size(coalesce(n5.sourceDocuments, [])) - 1) | CASE WHEN NOT coalesce(n5.sourceInferred[i7], false) AND NOT (n5.sourceDocuments[i7] IN found6) THEN found6 + [n5.sourceDocuments[i7]] ELSE found6 END)) >= $p3) AND all(r8 IN relationships(p2) WHERE ((r8.since IS NULL OR r8.since + substring('-01-01', size(r8.since) - 4) <= $p1) AND (r8.until IS NULL OR r8.until + substring('-12-31', size(r8.until) - 4) >= $p2)) AND size(reduce(found9 = [], i10 IN range(0, size(coalesce(r8.sourceDocuments, [])) - 1) | CASE WHEN NOT coalesce(r8.sourceInferred[i10], false) AND NOT (r8.sourceDocuments[i10] IN found9) THEN found9 + [r8.sourceDocuments[i10]] ELSE found9 END)) >= $p3) WITH b4, r3 ORDER BY all(i11 IN coalesce(r3.sourceInferred, []) WHERE i11), b4.name, b4.id LIMIT 1 RETURN b4 {__typename: 'Location', .id} AS x12 }[0]} AS node
// 2 params
{
  "p0": [
    "city-tck-bogota"
  ],
  "p1": "2010-12-31",
  "p2": "2010-01-01",
  "p3": 1
}
