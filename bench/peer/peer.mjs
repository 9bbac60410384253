// The benchmark's peer: the ipgraph graph model served by @neo4j/graphql 7.x on
// @apollo/server, over the same Bolt database as ipgraph.
//
//   node peer.mjs --port P --uri bolt://127.0.0.1:N --user U --password PW --database DB \
//     --typedefs FILE
//
// FILE holds the type definitions bench/typedefs.py renders from the graph model
// (`ipgraph bench --peer` writes it); without --typedefs they are rendered at start.
// The password may come from PEER_NEO4J_PASSWORD instead of --password.
// Prints "peer: ready at http://127.0.0.1:P/" once listening; SIGTERM or SIGINT
// stops the HTTP server, then closes the driver, then exits 0.
// DEBUG=@neo4j/graphql:execute shows the Cypher the library sends.
import { createServer } from "node:net";
import { parseArgs } from "node:util";

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

import { loadTypeDefs } from "./typedefs.mjs";

function fail(message) {
  console.error(`peer: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      uri: { type: "string" },
      user: { type: "string", default: "neo4j" },
      password: { type: "string" },
      database: { type: "string", default: "neo4j" },
      "pool-size": { type: "string", default: "100" },
      typedefs: { type: "string" },
    },
    strict: true,
  }));
} catch (err) {
  fail(err.message);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail("--port P is required (0-65535)");
if (!values.uri) fail("--uri bolt://host:port is required");
const password = values.password ?? process.env.PEER_NEO4J_PASSWORD;
if (password === undefined) fail("--password or PEER_NEO4J_PASSWORD is required");
const poolSize = Number(values["pool-size"]);
if (!Number.isInteger(poolSize) || poolSize < 1) fail("--pool-size must be a positive integer");
let typeDefs;
try {
  typeDefs = loadTypeDefs(values.typedefs);
} catch (err) {
  fail(`type definitions: ${err.message}`);
}

// startStandaloneServer never rejects on a listen error (the error is thrown as an
// unhandled 'error' event): find out first whether the port is free.
async function checkPortFree(host, p) {
  if (p === 0) return;
  await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen({ host, port: p, exclusive: true }, () => probe.close(resolve));
  });
}
try {
  await checkPortFree(values.host, port);
} catch (err) {
  fail(`cannot listen on ${values.host}:${port}: ${err.code ?? err.message}`);
}

const driver = neo4j.driver(values.uri, neo4j.auth.basic(values.user, password), {
  maxConnectionPoolSize: poolSize,
});

// Fail early (bad URI, credentials or database) rather than on the first request.
try {
  await driver.executeQuery("RETURN 1 AS ok", {}, { database: values.database });
} catch (err) {
  await driver.close();
  fail(`cannot reach ${values.uri} (database ${values.database}): ${err.message}`);
}

// The library's defaults wherever the engine allows them: Neo4j takes the "CYPHER 5"
// prefix the library sends; the embedded engine (ArcadeDB) rejects it as a syntax error.
let versionPrefix = true;
try {
  await driver.executeQuery("CYPHER 5 RETURN 1 AS ok", {}, { database: values.database });
} catch {
  versionPrefix = false;
}
console.error(`peer: Cypher version prefix ${versionPrefix ? "on (default)" : "off (engine rejects it)"}`);

const neoSchema = new Neo4jGraphQL({ typeDefs });
const schema = await neoSchema.getSchema();
// neoSchema.assertIndexesAndConstraints() is not called: there are no @unique or
// @fulltext directives to assert (and it always sends the prefix).

// Our own SIGTERM/SIGINT handler below closes the driver too.
const server = new ApolloServer({ schema, stopOnTerminationSignals: false });

// Neo4jGraphQLContext (7.x): the driver to run on, the session's database, and the
// version prefix only where the engine takes it.
const context = async () => ({
  executionContext: driver,
  sessionConfig: { database: values.database },
  ...(versionPrefix ? {} : { cypherQueryOptions: { addVersionPrefix: false } }),
});

let url;
try {
  ({ url } = await startStandaloneServer(server, {
    listen: { port, host: values.host },
    context,
  }));
} catch (err) {
  await driver.close();
  fail(`cannot listen on ${values.host}:${port}: ${err.message}`);
}
console.log(`peer: ready at ${url}`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  try {
    await server.stop(); // drains and closes the HTTP server (standalone adds the drain plugin)
  } catch (err) {
    console.error(`peer: error stopping the server: ${err.message}`);
  }
  try {
    await driver.close();
  } catch (err) {
    console.error(`peer: error closing the driver: ${err.message}`);
  }
  console.log(`peer: stopped (${signal})`);
  process.exit(0);
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
