// { officersAggregate { count } }
// 1 read
MATCH (n1:Officer)
WITH DISTINCT n1
RETURN count(n1) AS `count`
// 1 params
{}
