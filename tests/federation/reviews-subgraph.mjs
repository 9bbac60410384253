// A second Federation 2 subgraph ("reviews") for ipgraph's gateway tests.
//
//   node reviews-subgraph.mjs [--port N] [--host H]      (or PORT / HOST in the environment)
//
// It extends ipgraph's entities with a field of its own (`advisories`) and has its own root query
// (`advisories`) whose results point back at ipgraph's entities by reference only, so a gateway
// must call ipgraph's `_entities` to fill them in. Prints
//   reviews-subgraph: ready at http://HOST:PORT/
// once it listens.

import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";

// ipgraph's entity types this subgraph extends (each gets `advisories`). All of them are keyed by
// `id`. To cover a new ipgraph entity (Branch, Officer, PartnerAgency, Mission…) add its name here
// and reference it in some advisory's `about` below.
const EXTENDS = ["Location", "Mission", "Branch", "Officer", "PartnerAgency"];

// Advisories, keyed by ipgraph ids. `location` is the place an advisory is for; `about` lists further
// ipgraph entities it concerns (any type in EXTENDS), as [typename, id] pairs.
const ADVISORIES = [
  {
    id: "adv-bogota-1",
    title: "Bogota liaison post: reduced staffing",
    level: 2,
    location: "city-bogota",
    about: [
      ["Location", "country-colombia"],
      ["Officer", "lo-bogota"],
      ["Branch", "branch-international-operations"],
    ],
  },
  {
    id: "adv-colombia-1",
    title: "Colombia: regional travel advisory",
    level: 3,
    location: "country-colombia",
    about: [["PartnerAgency", "partner-un"]],
  },
  {
    id: "adv-kingston-1",
    title: "Kingston liaison post: hurricane season",
    level: 1,
    location: "city-kingston",
    about: [["Mission", "mission-minusma"]],
  },
];

const ref = (typename, id) => ({ __typename: typename, id });

const subjects = (advisory) => [
  ref("Location", advisory.location),
  ...advisory.about.map(([typename, id]) => ref(typename, id)),
];

const concerns = (advisory, typename, id) =>
  subjects(advisory).some((s) => s.__typename === typename && s.id === id);

const stubs = EXTENDS.map(
  (name) => `
  # No description: ipgraph owns the type's (a second one only earns an INCONSISTENT_DESCRIPTION hint).
  type ${name} @key(fields: "id") {
    id: ID!
    """Advisories that concern this ${name}."""
    advisories: [Advisory!]!
  }`,
).join("\n");

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key"])

  ${stubs}

  """Anything an advisory can be about (ipgraph entities)."""
  union AdvisorySubject = ${EXTENDS.join(" | ")}

  """A travel or operational advisory (owned by the reviews subgraph)."""
  type Advisory @key(fields: "id") {
    id: ID!
    title: String!
    level: Int!
    """The place the advisory is for (an ipgraph Location, by reference)."""
    location: Location!
    """Every ipgraph entity the advisory concerns, its location first."""
    about: [AdvisorySubject!]!
  }

  type Query {
    advisories: [Advisory!]!
    advisory(id: ID!): Advisory
  }
`);

const entityResolvers = Object.fromEntries(
  EXTENDS.map((name) => [
    name,
    {
      // The gateway sends { __typename, id } (plus nothing else: the key is all we need).
      __resolveReference: (reference) => ({ id: reference.id }),
      advisories: (entity) => ADVISORIES.filter((a) => concerns(a, name, entity.id)),
    },
  ]),
);

const resolvers = {
  Query: {
    advisories: () => ADVISORIES,
    advisory: (_, { id }) => ADVISORIES.find((a) => a.id === id) ?? null,
  },
  Advisory: {
    __resolveReference: (reference) => ADVISORIES.find((a) => a.id === reference.id) ?? null,
    // References only: the gateway resolves the rest of the Location from ipgraph's `_entities`.
    location: (advisory) => ref("Location", advisory.location),
    about: (advisory) => subjects(advisory),
  },
  AdvisorySubject: {
    __resolveType: (subject) => subject.__typename,
  },
  ...entityResolvers,
};

function option(name, envName, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index !== -1 && index + 1 < process.argv.length) return process.argv[index + 1];
  return process.env[envName] ?? fallback;
}

const port = Number(option("port", "PORT", "4001"));
const host = option("host", "HOST", "127.0.0.1");

const server = new ApolloServer({
  schema: buildSubgraphSchema({ typeDefs, resolvers }),
  // No Apollo Studio here; keeps its startup line quiet.
  plugins: [ApolloServerPluginInlineTraceDisabled()],
});
const { url } = await startStandaloneServer(server, { listen: { port, host } });
console.log(`reviews-subgraph: ready at ${url}`);
