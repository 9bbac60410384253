// query($id: ID!, $after: String) { history(id: $id, first: 5, after: $after) { edges { cursor node { id at by action entityId entityType relationship { type from to } properties { name before after } sources { document quote asOf inferred reasoning } sourcesBefore { document quote } relationships { type from to } revertOf } } pageInfo { hasNextPage endCursor } } }
// variables: {"after": "WyJDSEFOR0UiLDUwMDAsIjUwMDAiXQ", "id": "branch-tck-new"}
// 1 read
MATCH (c:Change) WHERE (c.entity = $id OR c.fromId = $id OR c.toId = $id) AND c.seq < $before
RETURN properties(c) AS change ORDER BY c.seq DESC LIMIT $limit
// 1 params
{
  "before": 5000,
  "id": "branch-tck-new",
  "limit": 6
}
