// { figures { id label value unit qualifier asOf sources { document quote asOf inferred reasoning } subject { __typename ... on Branch { id name } ... on Officer { id name } ... on Location { id name } ... on PartnerAgency { id name } ... on Mission { id name } ... on Mission { status officerCount } } } }
// 1 read
MATCH (f1:Figure)
WITH f1 ORDER BY f1.label, f1.asOf, f1.id
RETURN f1 {__typename: 'Figure', .id, .asOf, .label, .qualifier, .unit, .value, sources: [i IN range(0, size(coalesce(f1.sourceDocuments, [])) - 1) | {document: f1.sourceDocuments[i], quote: f1.sourceQuotes[i], asOf: CASE f1.sourceAsOf[i] WHEN '' THEN null ELSE f1.sourceAsOf[i] END, inferred: coalesce(f1.sourceInferred[i], false), reasoning: CASE f1.sourceReasoning[i] WHEN '' THEN null ELSE f1.sourceReasoning[i] END}], `subject`: COLLECT { MATCH (f1)-[r3:DESCRIBES]->(b2) WITH b2, r3 ORDER BY b2.name, b2.id LIMIT 1 RETURN CASE WHEN b2:Branch THEN b2 {__typename: 'Branch', .id, .name} WHEN b2:Officer THEN b2 {__typename: 'Officer', .id, .name} WHEN b2:Location THEN b2 {__typename: 'Location', .id, .name} WHEN b2:PartnerAgency THEN b2 {__typename: 'PartnerAgency', .id, .name} WHEN b2:Mission THEN b2 {__typename: 'Mission', .id, .name, .status, `officerCount`: COUNT { MATCH (b2)<-[r6:SERVES_ON]-(b5:Officer) }} END AS x4 }[0]} AS node
// 1 params
{}
