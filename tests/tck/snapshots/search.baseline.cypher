// query { search(text: "Tck Bogotá", first: 7) { __typename ... on Branch { id name } ... on Officer { id name } ... on Location { id name } ... on PartnerAgency { id name } ... on Mission { id name } } }
// 1 read
MATCH (n1) WHERE (n1:Branch OR n1:Officer OR n1:Location OR n1:PartnerAgency OR n1:Mission) AND n1.searchText CONTAINS $p0
WITH n1 ORDER BY CASE WHEN n1.searchText STARTS WITH $p0 THEN 0 ELSE 1 END, n1.name, n1.id LIMIT $p1
RETURN CASE WHEN n1:Branch THEN n1 {__typename: 'Branch', .id, .name} WHEN n1:Officer THEN n1 {__typename: 'Officer', .id, .name} WHEN n1:Location THEN n1 {__typename: 'Location', .id, .name} WHEN n1:PartnerAgency THEN n1 {__typename: 'PartnerAgency', .id, .name} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id, .name} END AS node
// 1 params
{
  "p0": "tck bogota",
  "p1": 7
}
