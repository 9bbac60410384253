// query($fr: String, $en: String) { missions(filter: {OR: [{language: $fr}, {AND: [{language: $en}, {NOT: {armed: true}}]}], NOT: {status: CLOSED}}) { nodes { id } } }
// variables: {"en": "English", "fr": "French"}
// 1 read
RETURN COLLECT { MATCH (n1:Mission) WHERE (n1.language = $p0 OR (n1.language = $p1 AND NOT coalesce(n1.armed = $p2, false))) AND NOT coalesce(n1.status = $p3, false) WITH DISTINCT n1 WITH n1, n1.name AS k2 WITH n1, k2 ORDER BY k2, n1.id LIMIT $p4 RETURN n1 {__typename: 'Mission', .id, __key: k2} AS x3 } AS items, null AS total
// 1 params
{
  "p0": "French",
  "p1": "English",
  "p2": true,
  "p3": "CLOSED",
  "p4": 21
}
