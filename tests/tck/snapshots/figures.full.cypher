// { figures { id label value unit qualifier asOf sources { document quote asOf inferred reasoning } subject { __typename ... on Branch { id name } ... on Officer { id name } ... on Location { id name } ... on PartnerAgency { id name } ... on Mission { id name } ... on Mission { status officerCount } } } }
// 1 read
MATCH (f1:Figure)
WITH f1 ORDER BY f1.label, f1.asOf, f1.id
RETURN f1 {__typename: 'Figure', .id, .asOf, .label, .qualifier, .unit, .value, sources: [i2 IN range(0, size(coalesce(f1.sourceDocuments, [])) - 1) | {document: f1.sourceDocuments[i2], quote: f1.sourceQuotes[i2], asOf: CASE f1.sourceAsOf[i2] WHEN '' THEN null ELSE f1.sourceAsOf[i2] END, inferred: coalesce(f1.sourceInferred[i2], false), reasoning: CASE f1.sourceReasoning[i2] WHEN '' THEN null ELSE f1.sourceReasoning[i2] END}], subject: COLLECT { MATCH (f1)-[:DESCRIBES]->(b3) WITH b3 ORDER BY b3.name, b3.id LIMIT 1 RETURN CASE WHEN b3:Branch THEN b3 {__typename: 'Branch', .id, .name} WHEN b3:Officer THEN b3 {__typename: 'Officer', .id, .name} WHEN b3:Location THEN b3 {__typename: 'Location', .id, .name} WHEN b3:PartnerAgency THEN b3 {__typename: 'PartnerAgency', .id, .name} WHEN b3:Mission THEN b3 {__typename: 'Mission', .id, .name, .status, officerCount: COUNT { MATCH (b3)<-[:SERVES_ON]-(b5:Officer) }} END AS x4 }[0]} AS node
// 1 params
{}
