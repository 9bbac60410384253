// query($fr: String) { missionsAggregate(filter: {language: $fr}) { count authorizedDeployments { min max avg } startDate { min max } } }
// variables: {"fr": "French"}
// 1 read
MATCH (n1:Mission) WHERE n1.language = $p0
WITH DISTINCT n1
RETURN count(n1) AS `count`, avg(n1.authorizedDeployments) AS `authorizedDeployments.avg`, max(n1.authorizedDeployments) AS `authorizedDeployments.max`, min(n1.authorizedDeployments) AS `authorizedDeployments.min`, max(n1.startDate) AS `startDate.max`, min(n1.startDate) AS `startDate.min`
// 1 params
{
  "p0": "French"
}
