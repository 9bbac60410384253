// query($date: Date) { neighborGroups(id: "branch-tck-ops", asOf: $date, evidence: {excludeInferred: true}) { type relationship direction count } }
// variables: {"date": "2010-06"}
// 1 read
CALL () { MATCH (s1:Branch {id: $p0}) RETURN s1 UNION MATCH (s1:Officer {id: $p0}) RETURN s1 UNION MATCH (s1:Location {id: $p0}) RETURN s1 UNION MATCH (s1:PartnerAgency {id: $p0}) RETURN s1 UNION MATCH (s1:Mission {id: $p0}) RETURN s1 }
MATCH (s1)-[r2]-(b3) WHERE (b3:Branch OR b3:Officer OR b3:Location OR b3:PartnerAgency OR b3:Mission) AND (((s1.startDate IS NULL OR s1.startDate + substring('-01-01', size(s1.startDate) - 4) <= $p1) AND (s1.endDate IS NULL OR s1.endDate + substring('-12-31', size(s1.endDate) - 4) >= $p2)) AND size(reduce(found4 = [], i5 IN range(0, size(coalesce(s1.sourceDocuments, [])) - 1) | CASE WHEN NOT coalesce(s1.sourceInferred[i5], false) AND NOT (s1.sourceDocuments[i5] IN found4) THEN found4 + [s1.sourceDocuments[i5]] ELSE found4 END)) >= $p3) AND (((r2.since IS NULL OR r2.since + substring('-01-01', size(r2.since) - 4) <= $p1) AND (r2.until IS NULL OR r2.until + substring('-12-31', size(r2.until) - 4) >= $p2)) AND size(reduce(found6 = [], i7 IN range(0, size(coalesce(r2.sourceDocuments, [])) - 1) | CASE WHEN NOT coalesce(r2.sourceInferred[i7], false) AND NOT (r2.sourceDocuments[i7] IN found6) THEN found6 + [r2.sourceDocuments[i7]] ELSE found6 END)) >= $p3) AND (((b3.startDate IS NULL OR b3.startDate + substring('-01-01', size(b3.startDate) - 4) <= $p1) AND (b3.endDate IS NULL OR b3.endDate + substring('-12-31', size(b3.endDate) - 4) >= $p2)) AND size(reduce(found8 = [], i9 IN range(0, size(coalesce(b3.sourceDocuments, [])) - 1) | CASE WHEN NOT coalesce(b3.sourceInferred[i9], false) AND NOT (b3.sourceDocuments[i9] IN found8) THEN found8 + [b3.sourceDocuments[i9]] ELSE found8 END)) >= $p3)
WITH CASE WHEN b3:Branch THEN 'Branch' WHEN b3:Officer THEN 'Officer' WHEN b3:Location THEN 'Location' WHEN b3:PartnerAgency THEN 'PartnerAgency' WHEN b3:Mission THEN 'Mission' END AS type10, type(r2) AS relationship11, CASE WHEN startNode(r2) = s1 THEN 'OUT' ELSE 'IN' END AS direction12, count(DISTINCT b3) AS count13
WITH type10, relationship11, direction12, count13 ORDER BY count13 DESC, type10, relationship11, direction12
RETURN type10 AS type, relationship11 AS relationship, direction12 AS direction, count13 AS `count`
// 1 params
{
  "p0": "branch-tck-ops",
  "p1": "2010-06-31",
  "p2": "2010-06-01",
  "p3": 1
}
