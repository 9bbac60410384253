// query($after: String) { changes(after: $after, first: 2) { nodes { id action entityId relationship { type from to } } pageInfo { hasNextPage endCursor } } }
// variables: {"after": "WyJDSEFOR0UiLDQwMDAsIjQwMDAiXQ"}
// 1 read
MATCH (c:Change) WHERE c.seq > $after
RETURN properties(c) AS change ORDER BY c.seq LIMIT $limit
// 1 params
{
  "after": 4000,
  "limit": 3
}
