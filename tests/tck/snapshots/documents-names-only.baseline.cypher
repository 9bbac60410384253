// { documents { id title catalogued } }
// 1 read
CALL () { MATCH (d1:Document) RETURN d1.id AS name2 UNION MATCH (n3) WHERE (n3:Branch OR n3:Officer OR n3:Location OR n3:PartnerAgency OR n3:Mission) OR n3:Figure UNWIND n3.sourceDocuments AS name2 RETURN name2 UNION MATCH ()-[r4]->() WHERE NOT (type(r4) = 'DESCRIBES') UNWIND r4.sourceDocuments AS name2 RETURN name2 }
WITH name2 ORDER BY name2
OPTIONAL MATCH (d5:Document {id: name2})
RETURN name2 AS id, d5.title AS title, d5.publisher AS publisher, EXISTS { MATCH (n6) WHERE ((n6:Branch OR n6:Officer OR n6:Location OR n6:PartnerAgency OR n6:Mission) OR n6:Figure) AND name2 IN n6.sourceDocuments } OR EXISTS { MATCH ()-[r7]->() WHERE NOT (type(r7) = 'DESCRIBES') AND name2 IN r7.sourceDocuments } AS cited
// 1 params
{}
