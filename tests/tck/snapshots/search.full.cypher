// query { search(text: "Tck Bogotá", first: 7) { __typename ... on Branch { id name } ... on Officer { id name } ... on Location { id name } ... on PartnerAgency { id name } ... on Mission { id name } } }
// 1 read
CALL db.index.fulltext.queryNodes('entity_search', $p0) YIELD node AS n1, score AS score2 WHERE (n1:Branch OR n1:Officer OR n1:Location OR n1:PartnerAgency OR n1:Mission) AND n1.searchText CONTAINS $p1
WITH n1, score2 ORDER BY score2 DESC, n1.name, n1.id LIMIT $p2
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id, .name} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id, .name} WHEN n1:Location THEN n1 {__typename: 'Location', .id, .name} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id, .name} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id, .name} END AS node
// 1 params
{
  "p0": "(tck^4 OR tck*^2 OR *tck*) AND (bogota^4 OR bogota*^2 OR *bogota*)",
  "p1": "tck bogota",
  "p2": 7
}
