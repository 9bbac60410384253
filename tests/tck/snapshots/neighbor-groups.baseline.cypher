// query { neighborGroups(id: "branch-tck-ops") { type relationship direction count } }
// 1 read
CALL () { MATCH (s1:Branch {id: $p0}) RETURN s1 UNION MATCH (s1:Officer {id: $p0}) RETURN s1 UNION MATCH (s1:Location {id: $p0}) RETURN s1 UNION MATCH (s1:PartnerAgency {id: $p0}) RETURN s1 UNION MATCH (s1:Mission {id: $p0}) RETURN s1 }
MATCH (s1)-[r2]-(b3) WHERE b3:Branch OR b3:Officer OR b3:Location OR b3:PartnerAgency OR b3:Mission
WITH CASE WHEN b3:Branch THEN 'Branch' WHEN b3:Officer THEN 'Officer' WHEN b3:Location THEN 'Location' WHEN b3:PartnerAgency THEN 'PartnerAgency' WHEN b3:Mission THEN 'Mission' END AS type4, type(r2) AS relationship5, CASE WHEN startNode(r2) = s1 THEN 'OUT' ELSE 'IN' END AS direction6, count(DISTINCT b3) AS count7
WITH type4, relationship5, direction6, count7 ORDER BY count7 DESC, type4, relationship5, direction6
RETURN type4 AS type, relationship5 AS relationship, direction6 AS direction, count7 AS `count`
// 1 params
{
  "p0": "branch-tck-ops"
}
