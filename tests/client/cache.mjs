// Apollo Client's normalized cache against ipgraph (run by test_apollo_cache.py):
//   node cache.mjs <graphql url> <editor token> <mission id>
// A query, the same object again through node(id:), then a mutation: every answer lands
// on one cache entry (Mission:<id>, from __typename and id), and the mutation's answer
// updates what the first query reads from the cache. Prints what it saw as JSON.
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";

const [url, token, id] = process.argv.slice(2);
const client = new ApolloClient({
  link: new HttpLink({ uri: url, headers: { authorization: `Bearer ${token}` } }),
  // Node is an interface: the cache must know which types fragments on it may match.
  cache: new InMemoryCache({
    possibleTypes: { Node: ["Branch", "Location", "Mission", "Officer", "PartnerAgency"] },
  }),
});

const MISSION = gql`
  query Mission($id: ID!) { mission(id: $id) { id name status } }
`;
const NODE = gql`
  query Node($id: ID!) { node(id: $id) { id ... on Mission { name status } } }
`;
const UPDATE = gql`
  mutation Close($id: ID!, $quote: String!) {
    updateMission(id: $id, input: {
      status: CLOSED,
      sources: [{ document: "apollo-cache-test", quote: $quote }]
    }) { id status }
  }
`;

const first = await client.query({ query: MISSION, variables: { id } });
const viaNode = await client.query({ query: NODE, variables: { id } });
const entriesBefore = Object.keys(client.cache.extract()).filter((k) => !k.startsWith("ROOT_"));
await client.mutate({ mutation: UPDATE, variables: { id, quote: "The mission ended." } });
// Read from the cache alone: no request is made.
const cached = client.readQuery({ query: MISSION, variables: { id } });
const cachedNode = client.readQuery({ query: NODE, variables: { id } });
const entriesAfter = Object.keys(client.cache.extract()).filter((k) => !k.startsWith("ROOT_"));
console.log(
  JSON.stringify({
    first: first.data,
    viaNode: viaNode.data,
    cached,
    cachedNode,
    entriesBefore,
    entriesAfter,
  }),
);
