// { entities(ids: []) { __typename } }
// no statements
