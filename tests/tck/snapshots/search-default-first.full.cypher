// query { search(text: "Tck Colombia") { __typename } }
// 1 read
CALL db.index.fulltext.queryNodes('entity_search', $p0) YIELD node AS n1, score AS score2 WHERE (n1:Branch OR n1:Officer OR n1:Location OR n1:PartnerAgency OR n1:Mission) AND n1.searchText CONTAINS $p1
WITH n1, score2 ORDER BY score2 DESC, n1.name, n1.id LIMIT $p2
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id} WHEN n1:Location THEN n1 {__typename: 'Location', .id} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id} END AS node
// 1 params
{
  "p0": "(tck^4 OR tck*^2 OR *tck*) AND (colombia^4 OR colombia*^2 OR *colombia*)",
  "p1": "tck colombia",
  "p2": 20
}
