// { mission(id: "mission-tck-mali") { officers(first: 2) { edges { role since until note relationships { type from to role sources { document } } node { id } } } plain: officers(first: 2) { edges { node { id } } } } location(id: "city-tck-bogota") { officers(first: 1) { edges { role } } } }
// 1 read
MATCH (n1:Mission) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Mission', .id, `@officers`: {items: COLLECT { MATCH (n1)<-[:SERVES_ON]-(b2:Officer) WITH DISTINCT b2, n1 WITH b2, n1 ORDER BY b2.name, b2.id LIMIT $p1 RETURN b2 {__typename: 'Officer', .id, __key: b2.name, __ties: COLLECT { MATCH (n1)<-[r4:SERVES_ON]-(b2:Officer) WITH DISTINCT r4 WITH r4 ORDER BY all(i5 IN coalesce(r4.sourceInferred, []) WHERE i5), startNode(r4).id, endNode(r4).id, type(r4) RETURN {type: type(r4), from: startNode(r4).id, to: endNode(r4).id, fromName: startNode(r4).name, toName: endNode(r4).name, role: r4.role, since: r4.since, until: r4.until, note: r4.note, sources: [i7 IN range(0, size(coalesce(r4.sourceDocuments, [])) - 1) | {document: r4.sourceDocuments[i7], quote: r4.sourceQuotes[i7], asOf: CASE r4.sourceAsOf[i7] WHEN '' THEN null ELSE r4.sourceAsOf[i7] END, inferred: coalesce(r4.sourceInferred[i7], false), reasoning: CASE r4.sourceReasoning[i7] WHEN '' THEN null ELSE r4.sourceReasoning[i7] END}]} AS x6 }} AS x3 }, total: null}, `@plain`: {items: COLLECT { MATCH (n1)<-[:SERVES_ON]-(b8:Officer) WITH DISTINCT b8 WITH b8 ORDER BY b8.name, b8.id LIMIT $p2 RETURN b8 {__typename: 'Officer', .id, __key: b8.name} AS x9 }, total: null}} AS node
// 1 params
{
  "p0": [
    "mission-tck-mali"
  ],
  "p1": 3,
  "p2": 3
}
// 2 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, `@officers`: {items: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b2:Officer) WITH DISTINCT b2, n1 WITH b2, n1 ORDER BY b2.name, b2.id LIMIT $p1 RETURN b2 {__typename: 'Officer', .id, __key: b2.name, __ties: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[r4:POSTED_TO]-(b2:Officer) WITH DISTINCT r4 WITH r4 ORDER BY all(i5 IN coalesce(r4.sourceInferred, []) WHERE i5), startNode(r4).id, endNode(r4).id, type(r4) RETURN {type: type(r4), from: startNode(r4).id, to: endNode(r4).id, fromName: startNode(r4).name, toName: endNode(r4).name, role: r4.role, since: r4.since, until: r4.until, note: r4.note, sources: [i7 IN range(0, size(coalesce(r4.sourceDocuments, [])) - 1) | {document: r4.sourceDocuments[i7], quote: r4.sourceQuotes[i7], asOf: CASE r4.sourceAsOf[i7] WHEN '' THEN null ELSE r4.sourceAsOf[i7] END, inferred: coalesce(r4.sourceInferred[i7], false), reasoning: CASE r4.sourceReasoning[i7] WHEN '' THEN null ELSE r4.sourceReasoning[i7] END}]} AS x6 }} AS x3 }, total: null}} AS node
// 2 params
{
  "p0": [
    "city-tck-bogota"
  ],
  "p1": 2
}
