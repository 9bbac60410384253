// { relationships(ids: []) { type } }
// no statements
