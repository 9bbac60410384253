// An Apollo Federation 2 gateway over live subgraphs: docker-compose runs it in front of
// ipgraph, and the federation tests (tests/federation) compose ipgraph with a second subgraph.
//
//   node gateway.mjs [--port N] [--host H] [--supergraph-out FILE] NAME=URL [NAME=URL ...]
//
// 1. Fetches each subgraph's `_service { sdl }` from URL (its GraphQL endpoint).
// 2. Composes them with @apollo/composition's composeServices. Every hint and error is printed,
//    one per line, as
//      composition: hint [CODE] message
//      composition: error [CODE] message
//    followed by `composition: N error(s), M hint(s)`. Errors → exit code 1, nothing served.
// 3. Serves the composed supergraph (static SDL, no polling) with @apollo/gateway and
//    @apollo/server on HOST:PORT and prints
//      gateway: ready at http://HOST:PORT/
// Hints and the summary go to stdout; errors (and then the summary) to stderr.

import { writeFile } from "node:fs/promises";

import { composeServices } from "@apollo/composition";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { parse } from "graphql";

function usage(message) {
  console.error(`gateway: ${message}`);
  console.error(
    "usage: node gateway.mjs [--port N] [--host H] [--supergraph-out FILE] NAME=URL [NAME=URL ...]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const options = { port: Number(process.env.PORT ?? 4000), host: "127.0.0.1", out: null };
  const subgraphs = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port") options.port = Number(argv[++i]);
    else if (arg === "--host") options.host = argv[++i];
    else if (arg === "--supergraph-out") options.out = argv[++i];
    else if (arg.includes("=") && !arg.startsWith("-")) {
      const at = arg.indexOf("=");
      subgraphs.push({ name: arg.slice(0, at), url: arg.slice(at + 1) });
    } else usage(`unexpected argument ${JSON.stringify(arg)}`);
  }
  if (!Number.isInteger(options.port) || options.port <= 0) usage("--port needs a port number");
  if (subgraphs.length === 0) usage("no subgraphs given");
  return { options, subgraphs };
}

async function fetchSdl({ name, url }) {
  const query = "query SubgraphSdl { _service { sdl } }";
  let lastError;
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query }),
      });
      const body = await response.json();
      const sdl = body?.data?._service?.sdl;
      if (typeof sdl === "string") return sdl;
      lastError = new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`could not fetch _service { sdl } of ${name} at ${url}: ${lastError}`);
}

const codeOf = (item) => item.definition?.code ?? item.extensions?.code ?? "UNKNOWN";
const oneLine = (text) => String(text).replace(/\s*\n\s*/g, " ");

const { options, subgraphs } = parseArgs(process.argv.slice(2));

const services = [];
for (const subgraph of subgraphs) {
  let sdl;
  try {
    sdl = await fetchSdl(subgraph);
  } catch (error) {
    console.error(`gateway: ${error.message}`);
    process.exit(1);
  }
  console.log(`composition: subgraph ${subgraph.name} at ${subgraph.url} (${sdl.length} chars of SDL)`);
  services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(sdl) });
}

const result = composeServices(services);
const hints = result.hints ?? [];
const errors = result.errors ?? [];
for (const hint of hints) console.log(`composition: hint [${codeOf(hint)}] ${oneLine(hint.message)}`);
for (const error of errors) {
  console.error(`composition: error [${codeOf(error)}] ${oneLine(error.message)}`);
}
const summary = `composition: ${errors.length} error(s), ${hints.length} hint(s)`;
if (errors.length > 0) {
  console.error(summary);
  process.exit(1);
}
console.log(summary);

const supergraphSdl = result.supergraphSdl;
if (options.out) await writeFile(options.out, supergraphSdl, "utf8");

const gateway = new ApolloGateway({ supergraphSdl });
const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: true });
const { url } = await startStandaloneServer(server, {
  listen: { port: options.port, host: options.host },
});
console.log(`gateway: ready at ${url}`);
