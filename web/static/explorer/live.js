// ipgraph explorer: live updates. One graphql-ws connection (graphql-transport-ws, the
// library vendored in vendor/graphql-ws.min.js) subscribes to the changes of what is
// drawn; explorer.js redraws what a change touches. A new set of drawn ids replaces the
// subscription, resuming after the last change seen so that none falls between the two.
"use strict";

window.ipgraphLive = (() => {
  // Subscription.changes takes at most this many ids; past it, every change comes and
  // the page keeps those about what it has drawn.
  const MAX_IDS = 500;

  let client = null;
  let stop = null;
  let after = null; // the cursor of the last change seen (or the version last read)
  let handlers = null;

  function connect(token) {
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
    return graphqlWs.createClient({
      url,
      lazy: true,
      // Browsers cannot set a WebSocket's headers: the token goes in connection_init.
      connectionParams: () => (token() ? { authorization: `Bearer ${token()}` } : {}),
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: {
        connected: () => handlers?.state("on"),
        closed: (event) => handlers?.state(event?.code === 4403 ? "refused" : "off"),
      },
    });
  }

  // Follow the changes of `ids` (replacing what was followed) with `query` (the served
  // operation ExplorerChanges); `onChange(node)` gets each change, `onState("on" |
  // "off" | "refused")` the connection's state.
  function follow(ids, { query, token, onChange, onState, version }) {
    handlers = { change: onChange, state: onState };
    after ??= version ?? null;
    stop?.();
    stop = null;
    if (!ids.length) return;
    client ??= connect(token);
    const watched = new Set(ids);
    const variables = { ids: ids.length > MAX_IDS ? null : ids, after };
    stop = client.subscribe(
      { query, variables },
      {
        next: (result) => {
          const edge = result.data?.changes;
          if (!edge) return;
          after = edge.cursor;
          const { node } = edge;
          const ends = node.relationship ? [node.relationship.from, node.relationship.to] : [node.entityId];
          if (ends.some((id) => watched.has(id))) handlers.change(node);
        },
        error: () => handlers.state("off"),
        complete: () => {},
      },
    );
  }

  // A new token: connect again with it.
  function reconnect() {
    client?.dispose();
    client = null;
  }

  return { follow, reconnect };
})();
