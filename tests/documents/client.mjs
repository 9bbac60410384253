// Persisted documents as real clients send them (run by test_clients.py):
//   node client.mjs documents <graphql url>
//     GraphQL Codegen's client preset: each generated document carries its hash
//     (document.__meta__.hash, the key of persisted-documents.json); the client sends
//     { documentId: hash, variables } and never the text (POST, then GET).
//   node client.mjs apq <graphql url>
//     Apollo Client with its PersistedQueryLink (automatic persisted queries): the hash
//     first, the text only when the server answers PersistedQueryNotFound.
// Prints what it saw (answers, and each request's shape) as JSON.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";

const [mode, url] = process.argv.slice(2);
const ACCEPT = "application/graphql-response+json, application/json;q=0.9";

// The generated module is TypeScript; what the client sends from it is the hash each
// document embeds, read here from the generated source as written.
function generatedHashes() {
  const source = readFileSync(new URL("./generated/graphql.ts", import.meta.url), "utf8");
  const hashes = {};
  for (const match of source.matchAll(/export const (\w+)Document = (\{.*\}) as unknown/g)) {
    hashes[match[1]] = JSON.parse(match[2]).__meta__.hash;
  }
  return hashes;
}

async function send(method, body) {
  const response =
    method === "GET"
      ? await fetch(
          `${url}?${new URLSearchParams(
            Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
          )}`,
          { headers: { accept: ACCEPT } },
        )
      : await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: ACCEPT },
          body: JSON.stringify(body),
        });
  return { status: response.status, body: await response.json() };
}

async function documents() {
  const hashes = generatedHashes();
  return {
    hashes,
    missionPost: await send("POST", {
      documentId: hashes.MissionCard,
      variables: { id: "mission-minusma" },
    }),
    searchGet: await send("GET", { documentId: hashes.QuickSearch, variables: { text: "haiti" } }),
    // What the manifest does not list: refused.
    freeText: await send("POST", { query: "{ missions { totalCount } }" }),
  };
}

async function apq() {
  const requests = [];
  // Apollo's fetch, watched: what each request carried and what came back.
  const watched = async (input, init) => {
    const body = init?.body ? JSON.parse(init.body) : {};
    const response = await fetch(input, init);
    const copy = await response.clone().json();
    requests.push({
      method: init?.method ?? "GET",
      withText: typeof body.query === "string",
      hash: body.extensions?.persistedQuery?.sha256Hash ?? null,
      status: response.status,
      codes: (copy.errors ?? []).map((e) => e.extensions?.code),
    });
    return response;
  };
  const sha256 = (text) => createHash("sha256").update(text).digest("hex");
  const client = () =>
    new ApolloClient({
      link: new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: url, fetch: watched })),
      cache: new InMemoryCache(),
    });
  const MISSION = gql`
    query ApqMission($id: ID!) {
      mission(id: $id) {
        id
        name
      }
    }
  `;
  const run = async (query) => {
    try {
      const { data } = await client().query({ query, variables: { id: "mission-minusma" } });
      return { data };
    } catch (error) {
      return { error: error.message };
    }
  };
  const first = await run(MISSION);
  // Another client (another page load): the server knows the hash now.
  const second = await run(MISSION);
  return { first, second, requests };
}

const seen = mode === "documents" ? await documents() : await apq();
console.log(JSON.stringify(seen));
