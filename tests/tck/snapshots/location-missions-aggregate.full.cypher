// query($id: ID!) { location(id: $id) { missionsAggregate { count authorizedDeployments { avg } endDate { max } } officersAggregate { count } } }
// variables: {"id": "country-tck-mali"}
// 1 read
MATCH (n1:Location) WHERE n1.id IN $p0
RETURN n1 {__typename: 'Location', .id, `missionsAggregate.count`: size(COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(b2:Mission) RETURN DISTINCT b2.id AS x3 }), `missionsAggregate.authorizedDeployments.avg`: [l4 IN [COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(b5:Mission) WITH DISTINCT b5 WITH b5.authorizedDeployments AS v6 WHERE NOT (v6 IS NULL) RETURN v6 }] | CASE WHEN size(l4) = 0 THEN null ELSE reduce(s7 = 0.0, y8 IN l4 | s7 + y8) / size(l4) END][0], `missionsAggregate.endDate.max`: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(b9:Mission) WITH DISTINCT b9 WITH b9.endDate AS v10 WHERE NOT (v10 IS NULL) WITH v10 ORDER BY v10 DESC LIMIT 1 RETURN v10 }[0], `officersAggregate.count`: size(COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-(b11:Officer) RETURN DISTINCT b11.id AS x12 })} AS node
// 1 params
{
  "p0": [
    "country-tck-mali"
  ]
}
