// { documents { id title catalogued } }
// 1 read
CALL () { MATCH (d1:Document) RETURN d1.id AS name2 UNION MATCH (n3) WHERE (n3:Branch OR n3:Officer OR n3:Location OR n3:PartnerAgency OR n3:Mission) OR n3:Figure UNWIND n3.sourceDocuments AS name2 RETURN name2 UNION MATCH ()-[r4]->() WHERE NOT (type(r4) = 'DESCRIBES') UNWIND r4.sourceDocuments AS name2 RETURN name2 }
WITH name2
WITH name2 ORDER BY name2 LIMIT $p0
WITH collect(name2) AS page5
RETURN page5 AS page, COLLECT { MATCH (d6:Document) WHERE d6.id IN page5 RETURN {id: d6.id, title: d6.title, publisher: d6.publisher} AS row7 } AS catalogue
// 1 params
{
  "p0": 100
}
