// { locationsAggregate { count } }
// 1 read
MATCH (n1:Location)
WITH DISTINCT n1
RETURN count(n1) AS `count`
// 1 params
{}
