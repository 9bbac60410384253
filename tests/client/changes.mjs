// graphql-ws (npm), the client front ends use for graphql-transport-ws, subscribed to
// ipgraph's `changes`: tests/client/test_graphql_ws.py drives it.
// Usage: node changes.mjs WS_URL TOKEN ENTITY_ID COUNT
// Prints "ready" once connected and subscribed, then one JSON line: the COUNT changes.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const [url, token, id, count] = process.argv.slice(2);
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${token}` },
  retryAttempts: 0,
});
const query = `subscription Watch($ids: [ID!]) {
  changes(ids: $ids) { cursor node { id action entityId entityType properties { name after } } }
}`;
const seen = [];
const done = new Promise((resolve, reject) => {
  client.subscribe(
    { query, variables: { ids: [id] } },
    {
      next: (result) => {
        if (result.errors) reject(new Error(JSON.stringify(result.errors)));
        seen.push(result.data.changes);
        if (seen.length === Number(count)) resolve();
      },
      error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
      complete: () => resolve(),
    },
  );
});
client.on("connected", () => {
  // The subscribe message went out with the connection; give the server a moment to
  // start following before the test writes.
  setTimeout(() => console.log("ready"), 500);
});
const timer = setTimeout(() => {
  console.error(`timed out with ${seen.length} of ${count} changes`);
  process.exit(2);
}, 20000);
try {
  await done;
  console.log(JSON.stringify(seen));
} finally {
  clearTimeout(timer);
  await client.dispose();
}
