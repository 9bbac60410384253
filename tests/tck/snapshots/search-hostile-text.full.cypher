// query($text: String!) { search(text: $text) { __typename } }
// variables: {"text": "Tck'}) DETACH DELETE n // `x` AND OR NOT*"}
// 1 read
CALL db.index.fulltext.queryNodes('entity_search', $p0) YIELD node AS n1, score AS score2 WHERE (n1:Branch OR n1:Officer OR n1:Location OR n1:PartnerAgency OR n1:Mission) AND n1.searchText CONTAINS $p1
WITH n1, score2 ORDER BY score2 DESC, n1.name, n1.id LIMIT $p2
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id} WHEN n1:Location THEN n1 {__typename: 'Location', .id} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id} END AS node
// 1 params
{
  "p0": "(tck'\\}\\)^4 OR tck'\\}\\)*^2 OR *tck'\\}\\)*) AND (detach^4 OR detach*^2 OR *detach*) AND (delete^4 OR delete*^2 OR *delete*) AND (n^4 OR n*^2 OR *n*) AND (\\/\\/^4 OR \\/\\/*^2 OR *\\/\\/*) AND (`x`^4 OR `x`*^2 OR *`x`*) AND (and^4 OR and*^2 OR *and*) AND (or^4 OR or*^2 OR *or*) AND (not\\*^4 OR not\\**^2 OR *not\\**)",
  "p1": "tck'}) detach delete n // `x` and or not*",
  "p2": 20
}
