// query($text: String!) { search(text: $text) { __typename } }
// variables: {"text": "Tck'}) DETACH DELETE n // `x` AND OR NOT*"}
// 1 read
MATCH (n1) WHERE (n1:Branch OR n1:Officer OR n1:Location OR n1:PartnerAgency OR n1:Mission) AND n1.searchText CONTAINS $p0
WITH n1 ORDER BY CASE WHEN n1.searchText STARTS WITH $p0 THEN 0 ELSE 1 END, n1.name, n1.id LIMIT $p1
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id} WHEN n1:Location THEN n1 {__typename: 'Location', .id} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id} END AS node
// 1 params
{
  "p0": "tck'}) detach delete n // `x` and or not*",
  "p1": 20
}
