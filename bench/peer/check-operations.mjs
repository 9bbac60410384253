// Offline check of operations.json against the peer's schema (no database needed):
// every operation parses, validates, declares exactly the expected variables, and
// its placeholder variables coerce. Exit code 1 on any problem.
//
//   node check-operations.mjs [--typedefs FILE]
//
// The schema is built from FILE, or, without it, from the type definitions rendered
// from the graph model now (bench/typedefs.py, run by the repository's Python).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { Neo4jGraphQL } from "@neo4j/graphql";
import { parse, validate } from "graphql";
import { getVariableValues } from "graphql/execution/values.js";

import { loadTypeDefs } from "./typedefs.mjs";

const EXPECTED = {
  id_lookup: ["id"],
  nested: ["id"],
  region_partners: ["id"],
  search: ["text"],
  big_list: ["id"],
};

const { values } = parseArgs({ options: { typedefs: { type: "string" } }, strict: true });
const typeDefs = loadTypeDefs(values.typedefs);
const operations = JSON.parse(readFileSync(new URL("./operations.json", import.meta.url), "utf8"));
const schema = await new Neo4jGraphQL({ typeDefs }).getSchema();

let failed = false;
const bad = new Set();
const problem = (name, message) => {
  failed = true;
  bad.add(name);
  console.error(`${name}: ${message}`);
};

for (const name of Object.keys(EXPECTED)) {
  if (!(name in operations)) problem(name, "missing from operations.json");
}
for (const [name, { query, variables }] of Object.entries(operations)) {
  if (!(name in EXPECTED)) {
    problem(name, "unexpected operation");
    continue;
  }
  let document;
  try {
    document = parse(query);
  } catch (err) {
    problem(name, `does not parse: ${err.message}`);
    continue;
  }
  const errors = validate(schema, document);
  for (const err of errors) problem(name, `invalid: ${err.message}`);
  const defs = document.definitions.filter((d) => d.kind === "OperationDefinition");
  if (defs.length !== 1) {
    problem(name, `expected one operation, found ${defs.length}`);
    continue;
  }
  const declared = (defs[0].variableDefinitions ?? []).map((v) => v.variable.name.value).sort();
  const given = Object.keys(variables ?? {}).sort();
  const expected = [...EXPECTED[name]].sort();
  if (JSON.stringify(declared) !== JSON.stringify(expected)) {
    problem(name, `declares $${declared.join(", $")}, expected $${expected.join(", $")}`);
  }
  if (JSON.stringify(given) !== JSON.stringify(expected)) {
    problem(name, `variables ${given.join(", ")}, expected ${expected.join(", ")}`);
  }
  if (errors.length === 0) {
    const coerced = getVariableValues(schema, defs[0].variableDefinitions ?? [], variables ?? {});
    for (const err of coerced.errors ?? []) problem(name, `variables: ${err.message}`);
  }
  if (!bad.has(name)) console.log(`${name}: ok`);
}
process.exit(failed ? 1 : 0);
