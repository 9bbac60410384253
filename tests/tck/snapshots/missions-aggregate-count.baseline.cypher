// { missionsAggregate { count } }
// 1 read
MATCH (n1:Mission)
WITH DISTINCT n1
RETURN count(n1) AS `count`
// 1 params
{}
