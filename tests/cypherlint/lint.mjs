#!/usr/bin/env node
// Cypher linter as a long-running JSON-lines server (stdin -> stdout), for ipgraph tests.
//
// Request  (one JSON object per line):
//   {"id": <any>, "query": "<cypher>",
//    "parameters": {...}, "labels": [...], "relationshipTypes": [...], "propertyKeys": [...],
//    // optional:
//    "procedures": [...] | {...}, "functions": {...}, "defaultLanguage": "CYPHER 5" | "CYPHER 25",
//    "graphSchema": [{"from": "...", "relType": "...", "to": "..."}], "consoleCommands": false}
// Response (exactly one JSON line per non-blank input line, in input order):
//   {"id": <same>, "diagnostics": [{"severity": 1|2|3|4, "message": "...",
//     "offset": {"start": n, "end": n},
//     "range": {"start": {"line": l, "character": c}, "end": {...}}}]}
//   severity follows LSP: 1 = Error, 2 = Warning, 3 = Information, 4 = Hint.
//   Offsets are UTF-16 code-unit offsets into "query" (JS string indices), end exclusive.
//   Harness problems (bad JSON, missing query, internal exception) are reported as one
//   severity-1 diagnostic whose message starts with "cypherlint:"; the process never exits
//   on bad input. It exits when stdin closes.
//
// Shared mode: `node lint.mjs --socket PATH --watch-pid PID` serves the same protocol to any
// number of clients on a Unix socket (each connection its own line stream), prints
// "cypherlint: listening" on stdout once it accepts them, and exits soon after process PID
// does. The answer to a statement linted before (same query, parameter names and schema) is
// reused: test workers running in parallel share one linter and lint each statement once.
//
// Schema semantics (see README.md for details):
//   * A parameter is "declared" when parameters[name] !== undefined; its value is NOT type
//     checked (any sample value works; use null-free JSON values).
//   * Label / relationship-type warnings need both lists; if only one of "labels" /
//     "relationshipTypes" is given, the other defaults to [] (closed world).
//   * Property-key warnings only when "propertyKeys" is given (read properties of nodes/rels).
//   * Procedures are only checked when "procedures" is given. It may be the library's registry
//     ({"CYPHER 5": {name: proc}, "CYPHER 25": {...}}) or a list of names / procedure objects
//     (e.g. rows of `SHOW PROCEDURES YIELD *`), applied to both Cypher versions. Bare names are
//     void procedures except db.ping / dbms.components, whose output columns are built in.
//   * Do not pass "functions" unless it contains ALL functions (incl. built-ins like size()),
//     otherwise every unlisted function is reported as missing.

import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

const t0 = performance.now();
const { lintCypherQuery, allCypherVersions } = await import('@neo4j-cypher/language-support');

const SEVERITY_ERROR = 1;

function harnessError(message) {
  return {
    severity: SEVERITY_ERROR,
    message: `cypherlint: ${message}`,
    offset: { start: 0, end: 0 },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStringArray = (v) => Array.isArray(v) && v.every((x) => typeof x === 'string');

const out = (name, type) => ({ name, type, description: '', isDeprecated: false });
const arg = (name, type, extra = {}) => ({ name, type, description: '', isDeprecated: false, ...extra });
// Output columns of procedures ipgraph calls, so that a bare name in "procedures" still allows
// `CALL ... YIELD col`. Other names given as bare strings become void procedures.
const KNOWN_PROCEDURES = {
  'db.ping': {
    mode: 'READ',
    signature: 'db.ping() :: (success :: BOOLEAN)',
    returnDescription: [out('success', 'BOOLEAN')],
  },
  'db.awaitIndex': {
    mode: 'READ',
    signature: 'db.awaitIndex(indexName :: STRING, timeOutSeconds = 300 :: INTEGER)',
    argumentDescription: [
      arg('indexName', 'STRING'),
      arg('timeOutSeconds', 'INTEGER', { default: 'DefaultParameterValue{value=300, type=INTEGER}' }),
    ],
    returnDescription: [],
  },
  'db.index.fulltext.queryNodes': {
    mode: 'READ',
    signature:
      'db.index.fulltext.queryNodes(indexName :: STRING, queryString :: STRING, options = {} :: MAP) :: (node :: NODE, score :: FLOAT)',
    argumentDescription: [
      arg('indexName', 'STRING'),
      arg('queryString', 'STRING'),
      arg('options', 'MAP', { default: 'DefaultParameterValue{value={}, type=MAP}' }),
    ],
    returnDescription: [out('node', 'NODE'), out('score', 'FLOAT')],
  },
  'db.index.fulltext.queryRelationships': {
    mode: 'READ',
    signature:
      'db.index.fulltext.queryRelationships(indexName :: STRING, queryString :: STRING, options = {} :: MAP) :: (relationship :: RELATIONSHIP, score :: FLOAT)',
    argumentDescription: [
      arg('indexName', 'STRING'),
      arg('queryString', 'STRING'),
      arg('options', 'MAP', { default: 'DefaultParameterValue{value={}, type=MAP}' }),
    ],
    returnDescription: [out('relationship', 'RELATIONSHIP'), out('score', 'FLOAT')],
  },
  'dbms.components': {
    mode: 'DBMS',
    worksOnSystem: true,
    signature: 'dbms.components() :: (name :: STRING, versions :: LIST<STRING>, edition :: STRING)',
    returnDescription: [out('name', 'STRING'), out('versions', 'LIST<STRING>'), out('edition', 'STRING')],
  },
};

function procedureStub(p) {
  const base = typeof p === 'string' ? { name: p, ...(KNOWN_PROCEDURES[p] ?? {}) } : { ...p };
  return {
    description: '',
    mode: 'DEFAULT',
    worksOnSystem: false,
    argumentDescription: [],
    returnDescription: [],
    signature: `${base.name}() :: ()`,
    admin: false,
    ...base,
    option: { deprecated: false, ...(isObject(base.option) ? base.option : {}) },
  };
}

function toRegistry(value, stub, field) {
  if (Array.isArray(value)) {
    const registry = {};
    for (const entry of value) {
      const item = stub(entry);
      if (typeof item.name !== 'string' || item.name === '') {
        throw new Error(`"${field}" entries need a string name`);
      }
      registry[item.name] = item;
    }
    return Object.fromEntries(allCypherVersions.map((v) => [v, registry]));
  }
  if (isObject(value)) return value; // already a ScopedRegistry keyed by Cypher version
  throw new Error(`"${field}" must be a list or an object`);
}

function buildSchema(req) {
  const schema = {};
  if (req.parameters !== undefined) {
    if (!isObject(req.parameters)) throw new Error('"parameters" must be an object');
    schema.parameters = req.parameters;
  } else {
    schema.parameters = {};
  }
  for (const key of ['labels', 'relationshipTypes', 'propertyKeys']) {
    if (req[key] !== undefined && req[key] !== null) {
      if (!isStringArray(req[key])) throw new Error(`"${key}" must be a list of strings`);
      schema[key] = req[key];
    }
  }
  if (schema.labels && !schema.relationshipTypes) schema.relationshipTypes = [];
  if (schema.relationshipTypes && !schema.labels) schema.labels = [];
  if (req.procedures !== undefined && req.procedures !== null) {
    schema.procedures = toRegistry(req.procedures, procedureStub, 'procedures');
  }
  if (req.functions !== undefined && req.functions !== null) {
    if (!isObject(req.functions)) {
      throw new Error('"functions" must be a registry object {"CYPHER 5": {...}, "CYPHER 25": {...}}');
    }
    schema.functions = req.functions;
  }
  if (req.defaultLanguage !== undefined && req.defaultLanguage !== null) {
    if (!allCypherVersions.includes(req.defaultLanguage)) {
      throw new Error(`"defaultLanguage" must be one of ${allCypherVersions.join(', ')}`);
    }
    schema.defaultLanguage = req.defaultLanguage;
  }
  if (req.graphSchema !== undefined && req.graphSchema !== null) {
    if (!Array.isArray(req.graphSchema)) throw new Error('"graphSchema" must be a list');
    schema.graphSchema = req.graphSchema;
  }
  return schema;
}

function handleLine(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (err) {
    return { id: null, diagnostics: [harnessError(`invalid JSON request: ${err.message}`)] };
  }
  if (!isObject(req)) {
    return { id: null, diagnostics: [harnessError('request must be a JSON object')] };
  }
  const id = req.id === undefined ? null : req.id;
  if (typeof req.query !== 'string') {
    return { id, diagnostics: [harnessError('"query" must be a string')] };
  }
  let schema;
  try {
    schema = buildSchema(req);
  } catch (err) {
    return { id, diagnostics: [harnessError(`bad request: ${err.message}`)] };
  }
  try {
    const { diagnostics } = lintCypherQuery(req.query, schema, {
      consoleCommandsEnabled: req.consoleCommands === true,
    });
    return {
      id,
      diagnostics: diagnostics.map((d) => ({
        severity: d.severity,
        message: d.message,
        offset: { start: d.offsets.start, end: d.offsets.end },
        range: d.range,
      })),
    };
  } catch (err) {
    return { id, diagnostics: [harnessError(`internal error: ${err && err.message ? err.message : String(err)}`)] };
  }
}

function encode(obj) {
  try {
    return JSON.stringify(obj) + '\n';
  } catch (err) {
    return JSON.stringify({ id: null, diagnostics: [harnessError(`cannot serialise response: ${err.message}`)] }) + '\n';
  }
}

// Diagnostics by what decides them: the linter never looks at parameter values, only names.
const answered = new Map();

function answer(line) {
  let key = null;
  try {
    const req = JSON.parse(line);
    if (isObject(req) && typeof req.query === 'string') {
      const { id: _id, parameters, ...rest } = req;
      key = JSON.stringify([rest, isObject(parameters) ? Object.keys(parameters).sort() : parameters]);
      const known = answered.get(key);
      if (known !== undefined) return encode({ id: req.id === undefined ? null : req.id, diagnostics: known });
    }
  } catch {
    // handleLine reports the unreadable request.
  }
  const reply = handleLine(line);
  if (key !== null) answered.set(key, reply.diagnostics);
  return encode(reply);
}

function serveLines(input, output) {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  rl.on('line', (line) => {
    if (line.trim() === '') return;
    output.write(answer(line));
  });
  return rl;
}

// Warm up the parser and the semantic analysis so the first real request is not slow.
lintCypherQuery('MATCH (n:L {p: $x})-[:R]->(m) RETURN n, m', { parameters: { x: 1 }, labels: ['L'], relationshipTypes: ['R'], propertyKeys: ['p'] });
process.stderr.write(`cypherlint: ready in ${Math.round(performance.now() - t0)} ms\n`);

const option = (name) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const socketPath = option('--socket');

if (socketPath === undefined) {
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0); // reader went away
    throw err;
  });
  serveLines(process.stdin, process.stdout);
} else {
  const watched = Number(option('--watch-pid'));
  if (!Number.isInteger(watched) || watched <= 0) {
    process.stderr.write('cypherlint: --socket needs --watch-pid PID\n');
    process.exit(2);
  }
  const server = createServer((connection) => {
    connection.on('error', () => connection.destroy()); // a client gone mid-answer
    serveLines(connection, connection);
  });
  server.listen(socketPath, () => process.stdout.write('cypherlint: listening\n'));
  // The test run that started the linter is gone: nobody is left to ask.
  setInterval(() => {
    try {
      process.kill(watched, 0);
    } catch {
      server.close();
      process.exit(0);
    }
  }, 1000).unref();
}
