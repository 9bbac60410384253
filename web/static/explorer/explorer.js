// ipgraph explorer: search, draw, expand, follow paths, export.
// It talks to the public API only (POST /graphql and /export), like any other client,
// and learns the entity types from /explorer/model.json.
// Data is never inserted as HTML: every text goes through textContent.
"use strict";

(() => {
  // What each entity type has (properties, relations, counts) and how it is drawn comes
  // from the server (/explorer/model.json, derived from the model): nothing per type is
  // written here. Its operations come with it, built on the server from the same model.
  const MODEL_URL = "/explorer/model.json";
  const EXPORT_MAX = 500; // Query.entities takes at most 500 ids.
  const TOKEN_KEY = "ipgraph.token";
  // A node is labelled with this property where its type has one, else with its name.
  const SHORT_LABEL = "acronym";
  // An entity with more neighbours than this is a hub: its neighbours are counted by type
  // and relationship first, and drawn a page (or a group node) at a time.
  const HUB = 50;
  // Neighbours drawn per page: the analyst's choice of these (neighbors takes at most 500).
  const PAGES = [100, 250, 500];
  const pageSize = () => Number($("#page-size").value);

  let TYPES = {}; // type name -> its entry of the served model
  let QUERIES = null; // the served operations, and what the page derives from the model
  // The graph's version as the last answer cited it: the first subscription (live.js)
  // resumes after it, so a change made between a drawing and its subscription is seen.
  let lastVersion = null;

  // The operation texts come from the server, built from the model with the rest of
  // model.json (web/explorer.py): sent verbatim, they are the ones the shipped
  // trusted-documents manifest lists, so the page works where only registered
  // operations may run. Derived here: only the response keys the page reads.
  function buildQueries(model) {
    const { types, fields, operations, questions } = model;
    const keyOf = (type, name) => fields[type.name].find((f) => f.name === name)?.key;
    return {
      ...operations,
      questions,
      // [{ key, name, description }] per type, `key` the response key (a name the types
      // declare differently is aliased per type: `locationKind: kind`).
      fields,
      shortKey: Object.fromEntries(types.map((t) => [t.name, keyOf(t, SHORT_LABEL)])),
      // The response keys of each type's coordinates, which the Label fragment selects: the
      // map (map.js) places the nodes drawn by them, with no request of its own.
      coordinateKeys: Object.fromEntries(
        types.map((t) => [t.name, ipgraphMap.coordinateFields(t).map((name) => keyOf(t, name))]),
      ),
      // Per type: the response key and the value that mean an entity is over.
      endedBy: Object.fromEntries(
        types
          .filter((t) => t.style.ended)
          .map((t) => [t.name, { key: keyOf(t, t.style.ended.field), value: t.style.ended.value }]),
      ),
      detailKeys: Object.fromEntries(
        types.map((t) => [t.name, (t.style.detail ?? []).map((name) => keyOf(t, name))]),
      ),
      // Export columns: the type as "type", and a field aliased per type (each type's own
      // "kind") back under its name, one column for all types.
      columns: Object.fromEntries([
        ["__typename", "type"],
        ...Object.values(fields)
          .flat()
          .filter((f) => f.key !== f.name)
          .map((f) => [f.key, f.name]),
      ]),
    };
  }

  // ---- small helpers ---------------------------------------------------------------

  const $ = (selector) => document.querySelector(selector);

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function swatch(type) {
    const span = el("span", { class: `swatch shape-${TYPES[type]?.style.shape ?? "ellipse"}` });
    span.style.backgroundColor = TYPES[type]?.style.color ?? "#888";
    return span;
  }

  const humanize = (name) =>
    name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());

  let busy = 0;
  function setBusy(delta) {
    busy += delta;
    document.body.classList.toggle("busy", busy > 0);
  }

  function status(message, isError = false) {
    const bar = $("#status");
    bar.textContent = message;
    bar.classList.toggle("error", isError);
    bar.setAttribute("role", isError ? "alert" : "status");
  }

  function authHeaders() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  async function errorOf(response) {
    let message = `The server answered ${response.status}.`;
    try {
      const body = await response.json();
      if (body.errors?.length) message = body.errors.map((e) => e.message).join(" ");
    } catch {
      // not JSON: keep the status line
    }
    if (response.status === 401) message += " Set a bearer token with the Token button.";
    return new Error(message);
  }

  async function graphql(query, variables) {
    setBusy(1);
    try {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...authHeaders() },
        body: JSON.stringify({ query, variables }),
      });
      if (!response.ok) throw await errorOf(response);
      const body = await response.json();
      if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join(" "));
      lastVersion = body.extensions?.citation?.dataVersion ?? lastVersion;
      return body.data;
    } finally {
      setBusy(-1);
    }
  }

  // ---- the model ---------------------------------------------------------------------

  let modelLoading = null;

  // The served model, fetched once (again after a refusal: a token may have been set).
  async function loadModel() {
    if (QUERIES) return;
    modelLoading ??= (async () => {
      setBusy(1);
      try {
        const response = await fetch(MODEL_URL, {
          headers: { accept: "application/json", ...authHeaders() },
        });
        if (!response.ok) throw await errorOf(response);
        const model = await response.json();
        QUERIES = buildQueries(model);
        TYPES = Object.fromEntries(model.types.map((type) => [type.name, type]));
        renderTypeFilters();
        renderOnScreen();
      } finally {
        modelLoading = null;
        setBusy(-1);
      }
    })();
    await modelLoading;
  }

  // ---- the drawing -------------------------------------------------------------------

  const NODE_SIZE = 24;
  const SELECTED_SIZE = 36;
  const LABEL_WIDTH = 120;

  const cy = cytoscape({
    container: $("#graph"),
    minZoom: 0.15,
    maxZoom: 3,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          shape: "data(shape)",
          label: "data(label)",
          width: NODE_SIZE,
          height: NODE_SIZE,
          "font-size": 10,
          color: "#1d2433",
          "text-valign": "bottom",
          "text-margin-y": 4,
          // Whole names, wrapped: cut names hid what tells nodes apart (five liaison posts
          // read alike up to the city). Hovering shows the name and type in a tooltip too.
          "text-wrap": "wrap",
          "text-max-width": `${LABEL_WIDTH}px`,
          // Labels too small to read are not painted: a zoomed-out drawing of a thousand
          // nodes paints several times faster (hovering still names any node).
          "min-zoomed-font-size": 6,
          "text-outline-color": "#ffffff",
          "text-outline-width": 2,
          // A dark outline gives every fill at least 3:1 against the white canvas.
          "border-width": 1.5,
          "border-color": "#1d2433",
        },
      },
      // The focus style (larger, bold) marks the selected node only.
      {
        selector: "node:selected",
        style: {
          width: SELECTED_SIZE,
          height: SELECTED_SIZE,
          "font-weight": "bold",
          "border-width": 4,
          "border-color": "#1d2433",
        },
      },
      {
        selector: "edge",
        style: {
          width: 1.5,
          "curve-style": "bezier",
          // 4.6:1 against the white canvas (non-text contrast needs 3:1).
          "line-color": "#6b7585",
          "target-arrow-color": "#6b7585",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.8,
          label: "data(type)",
          "font-size": 7,
          color: "#5b6678",
          "text-rotation": "autorotate",
          "min-zoomed-font-size": 9,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": "1px",
        },
      },
      {
        selector: "edge:selected",
        style: { width: 3, "line-color": "#1d2433", "target-arrow-color": "#1d2433" },
      },
      { selector: "node.on-path", style: { "border-width": 4, "border-color": "#6a1b9a" } },
      {
        selector: "edge.on-path",
        style: {
          width: 4,
          "line-color": "#6a1b9a",
          "target-arrow-color": "#6a1b9a",
          "z-index": 10,
          "min-zoomed-font-size": 0,
          "font-size": 9,
          color: "#1d2433",
        },
      },
      {
        selector: "node.group",
        style: {
          shape: "round-rectangle",
          width: 44,
          height: 30,
          "background-color": "#ffffff",
          "border-style": "dashed",
          "border-width": 2,
          "border-color": "#1d2433",
          "font-style": "italic",
        },
      },
      { selector: "edge.group", style: { "line-style": "dashed" } },
      // An entity whose own span has ended (a closed mission, a post given up): faded,
      // with a dashed outline that keeps 3:1 against the canvas.
      { selector: "node.ended", style: { "background-opacity": 0.45, "border-style": "dashed", "border-width": 2 } },
      { selector: ".off-date", style: { display: "none" } },
      { selector: ".filtered", style: { display: "none" } },
      // A path found stays whole, whatever the type filters hide.
      { selector: ".filtered.on-path", style: { display: "element" } },
      // Just changed (live.js): outlined for a moment.
      { selector: ".changed", style: { "border-width": 5, "border-color": "#0072B2", "line-color": "#0072B2" } },
    ],
  });
  // For analysts' own scripting in the browser console (and the browser tests).
  window.explorer = { cy, expand: (id) => expand(id) };

  // ---- live: what is drawn follows the changes made to it (live.js) -------------------

  let liveTimer = null;
  function followDrawn() {
    clearTimeout(liveTimer);
    liveTimer = setTimeout(() => {
      if (!QUERIES) return;
      ipgraphLive.follow(cy.nodes().not(".group").map((node) => node.id()), {
        query: QUERIES.changes,
        token: () => sessionStorage.getItem(TOKEN_KEY),
        onChange: (change) => applyChange(change).catch((error) => status(error.message, true)),
        onState: liveState,
        version: lastVersion,
      });
    }, 300);
  }
  cy.on("add remove", "node", followDrawn);

  function liveState(state) {
    const badge = $("#live");
    badge.dataset.state = state;
    badge.title = {
      on: "Live: what is drawn follows the changes editors make.",
      off: "Not live: reconnecting to the server…",
      refused: "Not live: the server refused the token (set one with the Token button).",
    }[state];
  }

  function flash(element) {
    element.addClass("changed");
    setTimeout(() => element.removeClass("changed"), 2500);
  }

  // Redraw what a change touched: an entity's label and state, a relationship; what was
  // deleted goes. Changes to what is not drawn are not sent here.
  async function applyChange(change) {
    const by = `(change ${change.id} by ${change.by})`;
    if (change.entityId) {
      const node = cy.getElementById(change.entityId);
      if (node.empty()) return;
      if (change.action === "DELETED") {
        status(`${node.data("label")} was deleted ${by}.`);
        cy.remove(node);
        renderOnScreen();
        return;
      }
      const data = await graphql(QUERIES.scene, { ids: [change.entityId] });
      const entity = data.entities.find((e) => e?.id === change.entityId);
      if (!entity || cy.getElementById(entity.id).empty()) return;
      node.data(nodeData(entity));
      node.toggleClass("ended", node.data("closed"));
      flash(node);
      renderOnScreen(); // (its name in the list; its dates on the time slider)
      status(`${node.data("label")} was ${change.action === "CREATED" ? "restored" : "updated"} ${by}.`);
      return;
    }
    const step = change.relationship;
    const id = edgeId(step);
    const what = `${cy.getElementById(step.from).data("label")} ${step.type} ${cy.getElementById(step.to).data("label")}`;
    if (change.action === "DELETED") {
      if (cy.getElementById(id).nonempty()) status(`${what} was removed ${by}.`);
      cy.getElementById(id).remove();
      return;
    }
    if (cy.getElementById(step.from).empty() || cy.getElementById(step.to).empty()) return;
    const data = await graphql(QUERIES.scene, { ids: [step.from, step.to] });
    const found = data.relationships.find((r) => edgeId(r) === id);
    if (!found) return;
    cy.getElementById(id).remove();
    const edge = addStep(found);
    if (edge) flash(edge);
    status(`${what} was ${change.action === "CREATED" ? "added" : "updated"} ${by}.`);
  }

  const hiddenTypes = new Set();
  // Bumped by every new search, selection and Clear: a reply to an older request is
  // dropped instead of overwriting what the analyst asked for since.
  const latest = { search: 0, selection: 0, drawing: 0 };

  function shortLabel(entity) {
    const key = QUERIES.shortKey[entity.__typename];
    return (key && entity[key]) || entity.name;
  }

  // A node's data, from an entity as the Label fragment selects it.
  function nodeData(entity) {
    const type = entity.__typename;
    return {
      id: entity.id,
      type,
      name: entity.name,
      label: shortLabel(entity),
      color: TYPES[type]?.style.color ?? "#888888",
      shape: TYPES[type]?.style.shape ?? "ellipse",
      closed: QUERIES.endedBy[type] ? entity[QUERIES.endedBy[type].key] === QUERIES.endedBy[type].value : false,
      coordinates: coordinatesOf(entity),
    };
  }

  function addEntity(entity) {
    const existing = cy.getElementById(entity.id);
    if (existing.nonempty()) return null;
    const node = cy.add({ group: "nodes", classes: "new", data: nodeData(entity) });
    if (hiddenTypes.has(entity.__typename)) node.addClass("filtered");
    if (node.data("closed")) node.addClass("ended");
    return node;
  }

  const edgeId = (step) => `${step.from}|${step.type}|${step.to}`;

  function addStep(step) {
    const id = edgeId(step);
    if (cy.getElementById(id).nonempty()) return cy.getElementById(id);
    if (cy.getElementById(step.from).empty() || cy.getElementById(step.to).empty()) return null;
    return cy.add({
      group: "edges",
      data: {
        id,
        source: step.from,
        target: step.to,
        type: step.type,
        sources: step.sources,
        own: { role: step.role, since: step.since, until: step.until, note: step.note },
        undated: step.undated,
      },
    });
  }

  // ---- layout --------------------------------------------------------------------------

  // What is drawn keeps its place; newcomers start beside what they attach to (or, with
  // nothing to attach to, beside the drawing, never on top of it), and fCoSE settles
  // them with every settled node held where it is. A fresh drawing, or "Re-layout", is
  // laid out whole.
  const LAYOUT = {
    name: "fcose",
    quality: "proof",
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: true,
    nodeSeparation: 80,
    idealEdgeLength: () => 110,
    nodeRepulsion: () => 12000,
    packComponents: true,
  };
  // Room kept around each node body, so that no two nodes touch.
  const NODE_GAP = 8;

  function seedPositions(newcomers, settled) {
    const box = settled.nonempty() ? settled.boundingBox({ includeLabels: false }) : null;
    // Disconnected newcomers go to the right of the drawing, in rows of eight.
    const beside = box ? { x: box.x2 + 220, y: box.y1 } : { x: 0, y: 0 };
    newcomers.forEach((node, index) => {
      const anchors = node.neighborhood("node").intersection(settled);
      if (anchors.nonempty()) {
        const centre = anchors.first().position();
        const angle = (index * 2.399963) % (2 * Math.PI); // golden angle: spread evenly
        const radius = 120 + 12 * Math.sqrt(index);
        node.position({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
      } else {
        node.position({ x: beside.x + (index % 8) * 70, y: beside.y + Math.floor(index / 8) * 70 });
      }
    });
  }

  // Moves each newcomer that touches another node to the nearest free spot on a spiral
  // around where the layout put it, checking against every node already in place (a grid
  // of cells one node wide keeps that quick). A force layout only makes overlaps unlikely;
  // this makes them impossible. Settled nodes never move.
  function separate(newcomers) {
    const size = SELECTED_SIZE + NODE_GAP; // as if both were the larger, selected size
    const grid = new Map();
    const cell = (x, y) => `${Math.floor(x / size)},${Math.floor(y / size)}`;
    const put = (p) => {
      const key = cell(p.x, p.y);
      if (!grid.has(key)) grid.set(key, []);
      grid.get(key).push(p);
    };
    const free = (p) => {
      const cx = Math.floor(p.x / size);
      const cy_ = Math.floor(p.y / size);
      for (let dx = -1; dx <= 1; dx += 1) {
        for (let dy = -1; dy <= 1; dy += 1) {
          for (const q of grid.get(`${cx + dx},${cy_ + dy}`) ?? []) {
            if (Math.abs(p.x - q.x) < size && Math.abs(p.y - q.y) < size) return false;
          }
        }
      }
      return true;
    };
    cy.nodes().not(newcomers).forEach((node) => put({ ...node.position() }));
    newcomers.forEach((node) => {
      const start = { ...node.position() };
      let p = start;
      for (let k = 1; !free(p); k += 1) {
        const radius = size * 0.5 * Math.sqrt(k);
        const angle = k * 2.399963; // golden angle: the spiral covers the plane evenly
        p = { x: start.x + radius * Math.cos(angle), y: start.y + radius * Math.sin(angle) };
      }
      node.position(p);
      put(p);
    });
  }

  // Many newcomers at once (a hub's page): rings around what they attach to, outside
  // everything drawn, with room for each node. No force layout: it would take seconds
  // and freeze the page, and "Re-layout" is there for whoever wants one.
  const MANY = 120;
  const RING_GAP = 50;

  function ringPlace(newcomers, settled) {
    const anchor = newcomers.neighborhood("node").intersection(settled).first();
    const centre = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
    let radius = RING_GAP;
    settled.forEach((node) => {
      const p = node.position();
      radius = Math.max(radius, Math.hypot(p.x - centre.x, p.y - centre.y) + RING_GAP * 2);
    });
    let index = 0;
    while (index < newcomers.length) {
      const room = Math.max(6, Math.floor((2 * Math.PI * radius) / RING_GAP));
      const ring = newcomers.slice(index, index + room);
      ring.forEach((node, i) => {
        const angle = (2 * Math.PI * i) / room;
        node.position({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
      });
      index += room;
      radius += RING_GAP;
    }
  }

  function place(fresh) {
    const newcomers = cy.nodes(".new");
    const settled = fresh ? cy.collection() : cy.nodes().not(newcomers);
    if (newcomers.length > MANY) {
      ringPlace(newcomers, settled);
    } else if (fresh) {
      cy.layout({ ...LAYOUT, randomize: true }).run();
    } else if (newcomers.nonempty()) {
      seedPositions(newcomers, settled);
      const fixed = settled.map((node) => ({ nodeId: node.id(), position: { ...node.position() } }));
      cy.layout({ ...LAYOUT, randomize: false, fixedNodeConstraint: fixed }).run();
      // fCoSE holds fixed nodes relative to one another; put the frame back exactly.
      for (const { nodeId, position } of fixed) cy.getElementById(nodeId).position(position);
    }
    separate(fresh ? cy.nodes() : newcomers);
    newcomers.removeClass("new");
    fitView(fresh ? cy.nodes() : newcomers.union(settled));
  }

  function fitView(eles = cy.nodes()) {
    cy.fit(eles, 40);
    // A handful of nodes would otherwise be blown up to the maximum zoom.
    if (cy.zoom() > 1.25) {
      cy.zoom(1.25);
      cy.center(eles);
    }
  }

  function showTip(node) {
    const tip = $("#tip");
    tip.replaceChildren(
      el("strong", { class: "name" }, node.data("name")),
      " ",
      el("span", { class: "type" }, humanize(node.data("type"))),
    );
    const box = node.renderedBoundingBox({ includeLabels: false });
    tip.style.left = `${Math.round(box.x2 + 6)}px`;
    tip.style.top = `${Math.round(box.y1)}px`;
    tip.hidden = false;
  }

  function relayoutAll() {
    if (cy.nodes().empty()) return;
    cy.nodes().addClass("new");
    place(true);
    status("Laid out again.");
  }

  // The entities drawn and shown (group nodes stand for entities not drawn).
  function drawn() {
    return cy
      .nodes()
      .not(".group")
      .not(".off-date")
      .filter((node) => !node.hasClass("filtered") || node.hasClass("on-path"));
  }

  // ---- lists: search results, what is on screen, the path --------------------------

  // "LIAISON_REGION" → "Liaison region"
  const humanizeValue = (value) => {
    const text = String(value).replace(/_/g, " ").toLowerCase();
    return text.charAt(0).toUpperCase() + text.slice(1);
  };

  // What tells alike names apart: the values of the type's detail fields.
  function detailOf(entity) {
    const keys = QUERIES?.detailKeys[entity.__typename] ?? [];
    return keys
      .map((key) => entity[key])
      .filter((value) => value !== null && value !== undefined && value !== "")
      .map(humanizeValue)
      .join(" · ");
  }

  function entityItem(entity, onPick, extra) {
    const detail = detailOf(entity);
    return el(
      "li",
      { dataset: { id: entity.id, type: entity.__typename }, hidden: hiddenTypes.has(entity.__typename) },
      el(
        "button",
        { type: "button", class: "entity", onclick: () => onPick(entity), title: entity.id },
        swatch(entity.__typename),
        el("span", { class: "name" }, entity.name, detail ? el("span", { class: "detail" }, detail) : null),
        el("span", { class: "type" }, humanize(entity.__typename)),
      ),
      extra,
    );
  }

  function renderResults(results, text) {
    const list = $("#results");
    list.replaceChildren(
      ...results.map((entity) => entityItem(entity, (picked) => focusOn(picked.id))),
    );
    $("#results-hint").textContent = results.length
      ? `${results.length} match${results.length === 1 ? "" : "es"} for “${text}”. Pick one to draw it.`
      : `Nothing matches “${text}”.`;
  }

  // Figures whose label holds the searched text; picking one draws what it describes,
  // whose panel lists its figures with their sources.
  function renderFigureResults(figures) {
    $("#figure-results").replaceChildren(
      ...figures.map((figure) =>
        el(
          "li",
          { dataset: { id: figure.id } },
          el(
            "button",
            {
              type: "button",
              class: "figure",
              disabled: !figure.subject,
              onclick: () => figure.subject && focusOn(figure.subject.id),
            },
            el("span", { class: "name" }, `${figure.label}: ${figureValue(figure)}`),
            el("span", { class: "detail" }, figure.subject ? figure.subject.name : "about no entity"),
          ),
        ),
      ),
    );
    $("#figure-results-title").hidden = figures.length === 0;
  }

  function figureValue(figure) {
    return (
      `${figure.qualifier === "exactly" ? "" : `${figure.qualifier} `}${figure.value}` +
      `${figure.unit ? ` ${figure.unit}` : ""}${figure.asOf ? ` (${figure.asOf})` : ""}`
    );
  }

  // `timeline`: whether what is drawn may have changed (its dates are then read again).
  function renderOnScreen(timeline = true) {
    if (timeline && QUERIES && cy.nodes().nonempty()) refreshTimelineSoon();
    const nodes = drawn()
      .map((n) => ({ id: n.id(), name: n.data("name"), __typename: n.data("type") }))
      .sort((a, b) => a.__typename.localeCompare(b.__typename) || a.name.localeCompare(b.name));
    $("#on-screen").replaceChildren(
      ...nodes.map((entity) => entityItem(entity, (picked) => selectNode(picked.id, true))),
    );
    const total = cy.nodes().not(".group").length;
    const hidden = total - nodes.length;
    $("#screen-count").textContent = total
      ? `(${nodes.length}${hidden ? `, ${hidden} hidden by type` : ""})`
      : "";
    for (const button of document.querySelectorAll(".exports button")) {
      button.disabled = nodes.length === 0;
    }
    for (const id of ["#clear", "#relayout", "#fit", "#share", "#save-png", "#save-svg"]) {
      $(id).disabled = total === 0;
    }
    $("#empty").hidden = total > 0;
    for (const input of document.querySelectorAll("#type-filters input")) {
      const count = cy.nodes(`[type = "${input.value}"]`).not(".group").length;
      input.parentElement.querySelector(".count").textContent = count ? String(count) : "";
    }
  }

  function renderTypeFilters() {
    $("#type-filters").replaceChildren(
      ...Object.entries(TYPES).map(([type, { label, description }]) =>
        el(
          "label",
          { class: "type-filter" },
          el("input", {
            type: "checkbox",
            value: type,
            checked: true,
            onchange: (event) => setTypeShown(type, event.target.checked),
          }),
          swatch(type),
          el("span", { title: description }, label),
          el("span", { class: "count" }),
        ),
      ),
    );
  }

  function setTypeShown(type, shown) {
    if (shown) hiddenTypes.delete(type);
    else hiddenTypes.add(type);
    cy.nodes(`[type = "${type}"]`).toggleClass("filtered", !shown);
    for (const item of document.querySelectorAll(`#results li[data-type="${type}"]`)) {
      item.hidden = !shown;
    }
    renderOnScreen();
  }

  // ---- actions -------------------------------------------------------------------------

  async function search(text) {
    const ticket = ++latest.search;
    status(`Searching for “${text}”…`);
    try {
      await loadModel();
      const data = await graphql(QUERIES.search, { text });
      if (ticket !== latest.search) return;
      renderResults(data.search, text);
      renderFigureResults(data.figures);
      status(`${data.search.length} result(s) and ${data.figures.length} figure(s) for “${text}”.`);
    } catch (error) {
      status(error.message, true);
    }
  }

  async function expand(id, { focus = false } = {}) {
    const drawing = latest.drawing;
    status("Loading the neighbourhood…");
    try {
      await loadModel();
      const counted = await graphql(QUERIES.groups, { id });
      if (drawing !== latest.drawing) return;
      const [center] = counted.entities;
      if (!center) {
        status(`No entity has the id “${id}”.`, true);
        return;
      }
      const total = counted.neighborGroups.reduce((sum, group) => sum + group.count, 0);
      if (total > HUB) {
        showHub(center, counted.neighborGroups, total);
        if (focus) selectNode(id, false);
        return;
      }
      const data = await graphql(QUERIES.neighborhood, { id });
      if (drawing !== latest.drawing) return; // cleared meanwhile
      const graph = data.neighborhood;
      if (!graph) {
        status(`No entity has the id “${id}”.`, true);
        return;
      }
      const fresh = cy.nodes().empty();
      let added = 0;
      cy.batch(() => {
        if (addEntity(graph.center)) added += 1;
        for (const entity of graph.nodes) if (addEntity(entity)) added += 1;
        for (const step of graph.edges) addStep(step);
      });
      if (added) place(fresh);
      renderOnScreen();
      const name = graph.center.name;
      status(
        `${name}: ${graph.nodes.length - 1} neighbour(s), ${added} new on screen.` +
          (graph.truncated ? " The neighbourhood was cut at 500 paths." : ""),
      );
      if (focus) selectNode(id, false);
    } catch (error) {
      status(error.message, true);
    }
  }

  // ---- hubs: neighbours by group, a page at a time ----------------------------------------

  const hubs = new Map(); // group key -> { center, group, cursor, drawn, more }
  const groupKey = (centerId, group) => `${centerId}|${group.type}|${group.relationship}|${group.direction}`;
  const groupNodeId = (key) => `group:${key}`;

  function groupLabel(entry) {
    const left = entry.group.count - entry.drawn;
    const plural = TYPES[entry.group.type]?.label ?? humanize(entry.group.type);
    return `${left.toLocaleString()} ${entry.drawn ? "more " : ""}${plural}`;
  }

  function showHub(center, groups, total) {
    const fresh = cy.nodes().empty();
    if (addEntity(center)) place(fresh);
    for (const group of groups) {
      const key = groupKey(center.id, group);
      if (!hubs.has(key)) hubs.set(key, { center, group, cursor: null, drawn: 0, more: true });
    }
    renderHub(center);
    renderOnScreen();
    status(
      `${center.name} has ${total.toLocaleString()} neighbours in ${groups.length} group(s): ` +
        "choose what to draw under “Neighbours”.",
    );
  }

  function renderHub(center) {
    const entries = [...hubs.values()].filter((entry) => entry.center.id === center.id);
    const arrow = (group) => (group.direction === "OUT" ? `—${group.relationship}→` : `←${group.relationship}—`);
    $("#hub-title").textContent = `Neighbours of ${center.name}`;
    $("#hub-groups").replaceChildren(
      ...entries.map((entry) => {
        const { group } = entry;
        const key = groupKey(center.id, group);
        const plural = TYPES[group.type]?.label ?? humanize(group.type);
        return el(
          "li",
          { dataset: { key, type: group.type, relationship: group.relationship, direction: group.direction } },
          el(
            "p",
            { class: "group-name" },
            swatch(group.type),
            el("span", {}, `${group.count.toLocaleString()} ${plural}`),
            el("span", { class: "relationship" }, arrow(group)),
          ),
          el(
            "div",
            { class: "buttons" },
            el(
              "button",
              {
                type: "button",
                class: "draw-page",
                disabled: !entry.more,
                "aria-label": `Draw the next ${pageSize()} ${plural} (${arrow(group)})`,
                onclick: () => drawGroupPage(key),
              },
              entry.more ? `Draw next ${pageSize()}` : "All drawn",
            ),
            el(
              "button",
              {
                type: "button",
                class: "draw-group",
                disabled: !entry.more || cy.getElementById(groupNodeId(key)).nonempty(),
                "aria-label": `Draw ${plural} (${arrow(group)}) as one group node`,
                onclick: () => drawGroupNode(key),
              },
              "As a group",
            ),
            el("span", { class: "drawn-count" }, `${entry.drawn.toLocaleString()} drawn`),
          ),
        );
      }),
    );
    $("#hub-section").hidden = entries.length === 0;
  }

  // A group node stands for the neighbours of one group not drawn yet; double-clicking it
  // (or "Draw next 100") draws the next page of them.
  function drawGroupNode(key) {
    const entry = hubs.get(key);
    if (!entry || cy.getElementById(groupNodeId(key)).nonempty()) return;
    const fresh = cy.nodes().empty();
    cy.add([
      {
        group: "nodes",
        classes: "group new",
        data: {
          id: groupNodeId(key),
          key,
          type: entry.group.type,
          label: groupLabel(entry),
          name: groupLabel(entry),
          color: "#ffffff",
          shape: "round-rectangle",
        },
      },
      {
        group: "edges",
        classes: "group",
        data: {
          id: `${groupNodeId(key)}|edge`,
          source: entry.group.direction === "OUT" ? entry.center.id : groupNodeId(key),
          target: entry.group.direction === "OUT" ? groupNodeId(key) : entry.center.id,
          type: entry.group.relationship,
        },
      },
    ]);
    if (hiddenTypes.has(entry.group.type)) cy.getElementById(groupNodeId(key)).addClass("filtered");
    place(fresh);
    renderHub(entry.center);
    status(`Drawn as one node: ${groupLabel(entry)}. Double-click it to draw them ${pageSize()} at a time.`);
  }

  // Lets the page paint (and the status and progress bar show) between chunks of work.
  const nextFrame = () => new Promise((done) => requestAnimationFrame(() => done()));
  // Nodes added between two paints: each paint redraws the whole drawing, so fewer,
  // larger chunks finish sooner, and 100 keeps each pause short.
  const CHUNK = 100;

  async function drawGroupPage(key) {
    const entry = hubs.get(key);
    if (!entry?.more) return;
    const drawing = latest.drawing;
    const { group, center } = entry;
    const first = pageSize();
    status(`Loading ${first} more…`);
    try {
      const data = await graphql(QUERIES.neighbors, {
        id: center.id,
        type: group.type,
        relationship: group.relationship,
        direction: group.direction,
        after: entry.cursor,
        first,
      });
      if (drawing !== latest.drawing) return;
      const page = data.neighbors;
      if (!page) {
        status(`${center.name} no longer exists.`, true);
        return;
      }
      entry.cursor = page.endCursor;
      entry.more = page.hasNextPage;
      entry.drawn += page.nodes.length;
      const progress = $("#progress");
      progress.max = page.nodes.length;
      progress.value = 0;
      progress.hidden = false;
      // Nodes go in by chunks, the page repainting in between: it stays responsive.
      for (let start = 0; start < page.nodes.length; start += CHUNK) {
        cy.batch(() => {
          for (const entity of page.nodes.slice(start, start + CHUNK)) addEntity(entity);
        });
        progress.value = Math.min(start + CHUNK, page.nodes.length);
        status(`Drawing ${progress.value} of ${page.nodes.length}…`);
        await nextFrame();
      }
      cy.batch(() => {
        for (const step of page.edges) addStep(step);
      });
      const groupNode = cy.getElementById(groupNodeId(key));
      if (groupNode.nonempty()) {
        if (entry.more) groupNode.data({ label: groupLabel(entry), name: groupLabel(entry) });
        else cy.remove(groupNode);
      }
      place(false);
      progress.hidden = true;
      renderHub(center);
      // The group's panel, if shown, follows: it now stands for fewer, or for none.
      if ($("#details .group-details")?.dataset.id === groupNodeId(key)) {
        if (groupNode.inside()) showEntityGroup(groupNode);
        else renderDetails(el("p", { class: "hint" }, "All of that group is drawn."));
      }
      renderOnScreen();
      status(
        `${center.name}: ${entry.drawn.toLocaleString()} of ${page.totalCount.toLocaleString()} ` +
          `${TYPES[group.type]?.label ?? group.type} drawn` +
          (entry.more ? "; more remain." : "."),
      );
    } catch (error) {
      $("#progress").hidden = true;
      status(error.message, true);
    }
  }

  async function focusOn(id) {
    await expand(id, { focus: true });
  }

  async function selectNode(id, center) {
    const ticket = ++latest.selection;
    const node = cy.getElementById(id);
    cy.elements(":selected").unselect();
    if (node.nonempty()) {
      node.select();
      if (center) cy.animate({ center: { eles: node }, duration: 250 });
    }
    history.replaceState(null, "", `#${encodeURIComponent(id)}`);
    try {
      await loadModel();
      const data = await graphql(QUERIES.details, { id });
      const entity = data.entities[0];
      if (ticket !== latest.selection) return; // another selection came since
      if (!entity) {
        renderDetails(el("p", { class: "hint" }, `No entity has the id “${id}”.`));
        return;
      }
      renderDetails(entityDetails(entity));
      if ((entity.figures ?? []).length > 1) showDisagreements(id, ticket);
    } catch (error) {
      status(error.message, true);
    }
  }

  function renderDetails(...children) {
    $("#details").replaceChildren(...children);
  }

  function refButton(ref) {
    return el(
      "button",
      { type: "button", class: "link", title: ref.id, onclick: () => focusOn(ref.id) },
      ref.name,
    );
  }

  function fieldValue(value) {
    if (value === null || value === undefined || value === "") return null;
    if (Array.isArray(value)) return value.length ? value.join(", ") : null;
    if (typeof value === "object" && "id" in value) return refButton(value);
    if (typeof value === "boolean") return value ? "yes" : "no";
    return String(value);
  }

  function sourceList(sources) {
    if (!sources?.length) return el("p", { class: "hint" }, "No source recorded.");
    return el(
      "ol",
      { class: "sources" },
      sources.map((source) =>
        el(
          "li",
          { class: "source" },
          el("blockquote", {}, source.quote),
          el(
            "p",
            { class: "cite" },
            el("cite", {}, source.document),
            source.asOf ? el("span", { class: "date" }, ` · ${source.asOf}`) : null,
            source.inferred ? el("span", { class: "inferred" }, " · inferred") : null,
          ),
          source.reasoning ? el("p", { class: "reasoning" }, source.reasoning) : null,
        ),
      ),
    );
  }

  function entityDetails(entity) {
    const type = entity.__typename;
    // The type's fields as the served model lists them (the name is the heading).
    const rows = (QUERIES.fields[type] ?? [])
      .filter((field) => field.name !== "name")
      .map((field) => [field, fieldValue(entity[field.key])])
      .filter(([, value]) => value !== null);
    const figures = entity.figures ?? [];
    return el(
      "article",
      { class: "entity-details", dataset: { id: entity.id, type } },
      el("p", { class: "kind" }, swatch(type), humanize(type)),
      el("h2", {}, entity.name),
      el(
        "div",
        { class: "buttons" },
        el("button", { type: "button", onclick: () => expand(entity.id) }, "Expand neighbours"),
        el("button", { type: "button", onclick: () => setPathEnd("from", entity) }, "Path from here"),
        el("button", { type: "button", onclick: () => setPathEnd("to", entity) }, "Path to here"),
        (TYPES[type]?.style.questions ?? []).map((question) =>
          el("button", { type: "button", onclick: () => ask(question.field, entity) }, question.label),
        ),
      ),
      drawnRelationships(entity.id),
      el(
        "dl",
        { class: "fields" },
        rows.map(([field, value]) => [
          el("dt", { title: field.description }, humanize(field.name)),
          el("dd", {}, value),
        ]),
      ),
      figures.length
        ? [
            el("h3", {}, "Figures"),
            el(
              "ul",
              { class: "figures" },
              figures.map((figure) =>
                el(
                  "li",
                  {},
                  el("strong", {}, figure.label),
                  `: ${figureValue(figure)}`,
                  sourceList(figure.sources),
                ),
              ),
            ),
          ]
        : null,
      el("h3", {}, "Sources"),
      sourceList(entity.sources),
    );
  }

  // The relationships drawn at this node, as buttons: a keyboard's way to every arrow.
  function drawnRelationships(id) {
    const edges = cy.getElementById(id).connectedEdges().sort(
      (a, b) => a.data("type").localeCompare(b.data("type")) || a.id().localeCompare(b.id()),
    );
    if (edges.empty()) return null;
    return el(
      "details",
      { class: "drawn-relationships", open: edges.length <= 12 },
      el("summary", {}, `Relationships drawn (${edges.length})`),
      el(
        "ul",
        {},
        edges.map((edge) => {
          const outgoing = edge.source().id() === id;
          const other = outgoing ? edge.target() : edge.source();
          const text = outgoing
            ? `—${edge.data("type")}→ ${other.data("name")}`
            : `←${edge.data("type")}— ${other.data("name")}`;
          return el(
            "li",
            {},
            el("button", { type: "button", class: "link", dataset: { edge: edge.id() }, onclick: () => showEdge(edge) }, text),
          );
        }),
      ),
    );
  }

  function showEntityGroup(node) {
    latest.selection += 1;
    const entry = hubs.get(node.data("key"));
    renderDetails(
      el(
        "article",
        { class: "group-details", dataset: { id: node.id() } },
        el("p", { class: "kind" }, "Group of neighbours"),
        el("h2", {}, node.data("name")),
        entry
          ? el(
              "div",
              { class: "buttons" },
              el("button", { type: "button", onclick: () => drawGroupPage(node.data("key")) }, `Draw next ${pageSize()}`),
            )
          : null,
      ),
    );
  }

  // ---- disagreements: conflicting figures side by side -------------------------------------

  // Of one entity (under its panel, when its figures disagree) or of the whole graph.
  async function showDisagreements(id, ticket) {
    try {
      const data = await graphql(QUERIES.disagreements, { id });
      if (ticket !== undefined && ticket !== latest.selection) return;
      const groups = data.disagreements;
      if (id) {
        if (groups.length) $("#details article.entity-details")?.append(disagreementList(groups, false));
        return;
      }
      latest.selection += 1;
      renderDetails(
        el(
          "article",
          { class: "disagreements-view" },
          el("p", { class: "kind" }, "Disagreements"),
          el("h2", {}, `${groups.length} disagreement(s) between sources`),
          groups.length ? disagreementList(groups, true) : el("p", { class: "hint" }, "The sources agree on every figure."),
        ),
      );
      status(`${groups.length} disagreement(s).`);
    } catch (error) {
      status(error.message, true);
    }
  }

  function disagreementList(groups, withSubject) {
    return el(
      "section",
      { class: "disagreements" },
      withSubject ? null : el("h3", {}, `Disagreements (${groups.length})`),
      groups.map((group) =>
        el(
          "div",
          { class: "disagreement", dataset: { subject: group.subject.id, measure: group.measure } },
          withSubject ? el("h3", {}, refButton(group.subject)) : null,
          el(
            "p",
            { class: "spread" },
            `${group.claims[0]?.label ?? group.measure}: from ${group.spread.low} to ${group.spread.high} ` +
              `(a difference of ${group.spread.difference})`,
          ),
          // One column per claim: what each source says, side by side.
          el(
            "div",
            { class: "claims", role: "table", "aria-label": `Claims about ${group.measure}` },
            el(
              "div",
              { role: "row", class: "claim-row head" },
              el("span", { role: "columnheader" }, ""),
              group.claims.map((claim, i) => el("span", { role: "columnheader" }, `Claim ${i + 1}`)),
            ),
            [
              ["Value", (c) => `${c.qualifier === "exactly" ? "" : `${c.qualifier} `}${c.value}${c.unit ? ` ${c.unit}` : ""}`],
              ["Date", (c) => c.asOf ?? "undated"],
              ["Rank", (c) => humanizeValue(c.rank) + (c.rankReason ? `: ${c.rankReason}` : "")],
              ["Sources", (c) => sourceList(c.sources)],
            ].map(([title, cell]) =>
              el(
                "div",
                { role: "row", class: "claim-row" },
                el("span", { role: "rowheader" }, title),
                group.claims.map((claim) => el("span", { role: "cell", dataset: { claim: claim.id } }, cell(claim))),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function showEdge(edge) {
    latest.selection += 1; // a node's details still on their way must not replace these
    cy.elements(":selected").unselect();
    edge.select();
    renderDetails(edgeDetails(edge));
  }

  function edgeDetails(edge) {
    const from = edge.source();
    const to = edge.target();
    return el(
      "article",
      { class: "edge-details", dataset: { id: edge.id() } },
      el("p", { class: "kind" }, "Relationship"),
      el("h2", {}, edge.data("type")),
      el(
        "p",
        { class: "ends" },
        refButton({ id: from.id(), name: from.data("name") }),
        " → ",
        refButton({ id: to.id(), name: to.data("name") }),
      ),
      relationshipFields(edge.data("own") || {}, edge.data("undated")),
      el("h3", {}, "Sources"),
      sourceList(edge.data("sources")),
    );
  }

  // What the relationship itself says: the part played, when it began and ended, a note;
  // an undated one holds at every date.
  const OWN_FIELDS = [
    ["role", "Role"],
    ["since", "Since"],
    ["until", "Until"],
    ["note", "Note"],
  ];

  function relationshipFields(own, undated) {
    const rows = OWN_FIELDS.filter(([key]) => own[key] != null).flatMap(([key, title]) => [
      el("dt", {}, title),
      el("dd", { dataset: { field: key } }, String(own[key])),
    ]);
    if (undated) {
      rows.push(el("dt", {}, "Dates"), el("dd", { dataset: { field: "undated" } }, "none given: it holds at every date"));
    }
    return el("dl", { class: "fields relationship-fields" }, ...rows);
  }

  // ---- questions -------------------------------------------------------------------------

  // At most this many answers are drawn at once (all are listed).
  const DRAW_MAX = 200;

  // "Partners in this region": every partner tied to a place inside the entity, drawn with
  // the paths that tie it, and listed; picking one lights its paths.
  async function ask(field, entity) {
    const drawing = latest.drawing;
    status(`Asking: ${TYPES[entity.__typename]?.style.questions.find((q) => q.field === field)?.label ?? field}…`);
    try {
      await loadModel();
      const data = await graphql(QUERIES.questions[field], { id: entity.id });
      if (drawing !== latest.drawing) return;
      const answers = data[field];
      const drawnAnswers = answers.slice(0, DRAW_MAX);
      const fresh = cy.nodes().empty();
      let added = 0;
      cy.batch(() => {
        if (addEntity(entity)) added += 1;
        for (const answer of drawnAnswers) {
          if (addEntity(answer.partner)) added += 1;
          for (const path of answer.paths) {
            for (const node of path.nodes) if (addEntity(node)) added += 1;
            for (const step of path.relationships) addStep(step);
          }
        }
      });
      if (added) place(fresh);
      renderOnScreen();
      renderAnswers(answers, entity);
      status(
        `${answers.length} partner(s) connected to ${entity.name}` +
          (answers.length > DRAW_MAX ? `; the first ${DRAW_MAX} are drawn, all are listed.` : "."),
      );
    } catch (error) {
      status(error.message, true);
    }
  }

  function renderAnswers(answers, about) {
    $("#results").replaceChildren(
      ...answers.map((answer) =>
        entityItem(answer.partner, () => showAnswer(answer), el("span", { class: "paths" }, `${answer.paths.length} path(s)`)),
      ),
    );
    $("#figure-results").replaceChildren();
    $("#figure-results-title").hidden = true;
    $("#results-hint").textContent = answers.length
      ? `${answers.length} partner(s) connected to ${about.name}. Pick one to light the paths that tie it.`
      : `No partner is connected to ${about.name}.`;
  }

  function showAnswer(answer) {
    cy.elements(".on-path").removeClass("on-path");
    for (const path of answer.paths) {
      for (const node of path.nodes) cy.getElementById(node.id).addClass("on-path");
      for (const step of path.relationships) cy.getElementById(edgeId(step)).addClass("on-path");
    }
    const shortest = answer.paths.reduce((a, b) => (b.relationships.length < a.relationships.length ? b : a), answer.paths[0]);
    if (shortest) {
      shownPath = shortest;
      renderPath(shortest);
    }
    selectNode(answer.partner.id, true);
  }

  // ---- paths ---------------------------------------------------------------------------

  const pathEnds = { from: null, to: null };
  let shownPath = null; // the path drawn ({ nodes, relationships }), for scenes

  function setPathEnd(end, entity) {
    pathEnds[end] = { id: entity.id, name: entity.name };
    const slot = $(`#path-${end}`);
    slot.textContent = entity.name;
    slot.dataset.id = entity.id;
    $("#find-path").disabled = !(pathEnds.from && pathEnds.to);
    status(`Path ${end === "from" ? "starts at" : "ends at"} ${entity.name}.`);
  }

  async function findPath() {
    const { from, to } = pathEnds;
    if (!from || !to) return;
    const hops = Number($("#path-hops").value);
    const drawing = latest.drawing;
    status(`Looking for a path from ${from.name} to ${to.name}…`);
    try {
      await loadModel();
      const data = await graphql(QUERIES.path, { from: from.id, to: to.id, hops });
      if (drawing !== latest.drawing) return; // cleared meanwhile
      cy.elements(".on-path").removeClass("on-path");
      const path = data.shortestPath;
      if (!path) {
        $("#path-steps").replaceChildren(el("li", { class: "hint" }, `No path within ${hops} hops.`));
        status(`No path from ${from.name} to ${to.name} within ${hops} hops.`);
        return;
      }
      const fresh = cy.nodes().empty();
      let added = 0;
      cy.batch(() => {
        for (const entity of path.nodes) if (addEntity(entity)) added += 1;
        for (const step of path.relationships) addStep(step);
      });
      for (const entity of path.nodes) cy.getElementById(entity.id).addClass("on-path");
      for (const step of path.relationships) cy.getElementById(edgeId(step)).addClass("on-path");
      if (added) place(fresh);
      renderOnScreen();
      shownPath = path;
      renderPath(path);
      cy.animate({ fit: { eles: cy.elements(".on-path"), padding: 60 }, duration: 300 });
      status(`Path of ${path.relationships.length} hop(s) from ${from.name} to ${to.name}.`);
    } catch (error) {
      status(error.message, true);
    }
  }

  function renderPath(path) {
    const steps = path.relationships.map((step, index) => {
      const here = path.nodes[index];
      const next = path.nodes[index + 1];
      const forward = step.from === here.id;
      return el(
        "li",
        { dataset: { from: here.id, to: next.id, type: step.type } },
        el("span", { class: "name" }, here.name),
        " ",
        el(
          "button",
          {
            type: "button",
            class: "link step",
            onclick: () => showEdge(cy.getElementById(edgeId(step))),
          },
          forward ? `—${step.type}→` : `←${step.type}—`,
        ),
        " ",
        el("span", { class: "name" }, next.name),
      );
    });
    $("#path-steps").replaceChildren(...steps);
  }

  // ---- export --------------------------------------------------------------------------

  // `what`: "entities" (one row per entity drawn) or "relationships" (every relationship
  // whose two ends are drawn).
  async function exportScreen(what, format) {
    let ids = drawn().map((n) => n.id());
    let note = "";
    if (ids.length > EXPORT_MAX) {
      note = ` (the first ${EXPORT_MAX} of ${ids.length})`;
      ids = ids.slice(0, EXPORT_MAX);
    }
    setBusy(1);
    try {
      await loadModel();
      const response = await fetch("/export", {
        method: "POST",
        headers: { "content-type": "application/json", ...authHeaders() },
        body: JSON.stringify({ query: QUERIES[what], variables: { ids }, format, columns: QUERIES.columns }),
      });
      if (!response.ok) throw await errorOf(response);
      const disposition = response.headers.get("content-disposition") || "";
      const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `ipgraph.${format}`;
      download(await response.blob(), name);
      status(
        what === "entities"
          ? `Exported ${ids.length} entities${note} as ${name}.`
          : `Exported the relationships between ${ids.length} entities${note} as ${name}.`,
      );
    } catch (error) {
      status(error.message, true);
    } finally {
      setBusy(-1);
    }
  }

  function clearAll() {
    latest.drawing += 1;
    latest.selection += 1;
    cy.elements().remove();
    $("#path-steps").replaceChildren();
    shownPath = null;
    hubs.clear();
    spans.clear();
    months = [];
    $("#time-filter").checked = false;
    $("#time-filter").disabled = true;
    $("#when").disabled = true;
    $("#when-label").textContent = "nothing drawn yet";
    $("#hub-groups").replaceChildren();
    $("#hub-section").hidden = true;
    for (const end of ["from", "to"]) {
      pathEnds[end] = null;
      const slot = $(`#path-${end}`);
      slot.textContent = slot.dataset.empty;
      slot.dataset.id = "";
    }
    $("#find-path").disabled = true;
    renderDetails(el("p", { class: "hint" }, "Select a node or a relationship to see its fields and sources."));
    history.replaceState(null, "", location.pathname);
    renderOnScreen();
    status("Cleared.");
  }

  // ---- time: the drawing as of a month -----------------------------------------------------

  // Each drawn entity's and relationship's own span, from `timeline` (an open side: null).
  const spans = new Map(); // element id -> { start, end }
  let months = []; // the slider's stops, "YYYY-MM"
  let timelineTicket = 0;

  // Dates of mixed precision: a span takes in a month when it starts by the month's last
  // day and ends on or after its first (the API's `asOf` rule).
  const firstDay = (date) => (date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);
  const lastDay = (date) => (date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date);
  const takesIn = (span, month) =>
    (!span?.start || firstDay(span.start) <= lastDay(month)) && (!span?.end || lastDay(span.end) >= firstDay(month));

  function monthsBetween(from, to) {
    const out = [];
    let [year, month] = from.split("-").map(Number);
    const [endYear, endMonth] = to.split("-").map(Number);
    while (year < endYear || (year === endYear && month <= endMonth)) {
      out.push(`${year}-${String(month).padStart(2, "0")}`);
      month += 1;
      if (month > 12) [year, month] = [year + 1, 1];
    }
    return out;
  }

  let timelineTimer = null;
  function refreshTimelineSoon() {
    clearTimeout(timelineTimer);
    // A drawing whose dates cannot be read (too many events for one answer) still draws:
    // only the time filter says why it is off.
    timelineTimer = setTimeout(
      () =>
        refreshTimeline().catch((error) => {
          months = [];
          $("#time-filter").checked = false;
          $("#time-filter").disabled = true;
          $("#when").disabled = true;
          $("#when-label").textContent = `not available: ${error.message}`;
          applyDate();
        }),
      250,
    );
  }

  async function refreshTimeline() {
    const ticket = ++timelineTicket;
    const ids = cy.nodes().not(".group").map((node) => node.id());
    const events = [];
    for (let start = 0; start < ids.length; start += EXPORT_MAX) {
      const data = await graphql(QUERIES.timeline, { ids: ids.slice(start, start + EXPORT_MAX) });
      events.push(...data.timeline);
    }
    if (ticket !== timelineTicket) return;
    spans.clear();
    for (const event of events) {
      const id = event.entity ? event.entity.id : edgeId(event.relationship);
      const span = spans.get(id) ?? { start: null, end: null };
      span[event.kind === "STARTS" ? "start" : "end"] = event.date;
      spans.set(id, span);
    }
    const today = new Date().toISOString().slice(0, 10);
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        const end = spans.get(node.id())?.end;
        node.toggleClass("ended", node.data("closed") || (Boolean(end) && lastDay(end) < today));
      });
    });
    const dates = events.map((event) => event.date).sort();
    const slider = $("#when");
    const filter = $("#time-filter");
    if (!dates.length) {
      months = [];
      filter.checked = false;
      filter.disabled = true;
      slider.disabled = true;
      $("#when-label").textContent = "nothing drawn gives a date";
      applyDate();
      return;
    }
    const chosen = months[Number(slider.value)];
    months = monthsBetween(dates[0].slice(0, 7).padEnd(7, "-01").slice(0, 7), today.slice(0, 7));
    slider.max = String(months.length - 1);
    const keep = months.indexOf(chosen);
    slider.value = String(keep >= 0 ? keep : months.length - 1);
    filter.disabled = false;
    slider.disabled = !filter.checked;
    applyDate();
  }

  // The month chosen, or null when the drawing is not filtered by date.
  function chosenMonth() {
    return $("#time-filter").checked ? months[Number($("#when").value)] ?? null : null;
  }

  // At a month, what it takes in is drawn: an entity whose span takes it in and that is
  // tied to the drawing then (or drawn alone), a relationship whose span takes it in
  // between two such entities; undated ones always.
  function applyDate() {
    const month = chosenMonth();
    $("#when").disabled = !$("#time-filter").checked;
    $("#when-label").textContent = month ?? (months.length ? "all dates" : $("#when-label").textContent);
    cy.batch(() => {
      cy.elements().removeClass("off-date");
      if (!month) return;
      const entities = cy.nodes().not(".group");
      entities.filter((node) => !takesIn(spans.get(node.id()), month)).addClass("off-date");
      cy.edges()
        .not(".group")
        .filter((edge) => !takesIn(spans.get(edge.id()), month) || edge.connectedNodes(".off-date").nonempty())
        .addClass("off-date");
      entities
        .filter((node) => {
          const edges = node.connectedEdges().not(".group");
          return edges.nonempty() && edges.not(".off-date").empty();
        })
        .addClass("off-date");
    });
    renderOnScreen(false);
  }

  // ---- scenes: the whole view in the address --------------------------------------------

  // A scene is what is drawn (entities with their positions, relationships), the path,
  // the types hidden, the selection and the viewport, as compact JSON, deflated and
  // base64url-encoded after "#scene=". Opening such an address draws it again from the
  // API (current names and sources; an entity deleted since is reported, not drawn).
  const SCENE_PREFIX = "scene=";
  const SCENE_VERSION = 1;

  async function deflate(text) {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = "";
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  async function inflate(code) {
    const binary = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).text();
  }

  // Group nodes are left out: a shared view holds entities and their relationships.
  function currentScene() {
    const nodes = cy.nodes().not(".group");
    const index = new Map(nodes.map((node, i) => [node.id(), i]));
    const edges = cy.edges().not(".group");
    const edgeIndex = new Map(edges.map((edge, i) => [edge.id(), i]));
    const round = (value) => Math.round(value * 10) / 10;
    return {
      v: SCENE_VERSION,
      n: nodes.map((node) => [node.id(), round(node.position().x), round(node.position().y)]),
      e: edges.map((edge) => [index.get(edge.source().id()), index.get(edge.target().id()), edge.data("type")]),
      p: shownPath && {
        hops: Number($("#path-hops").value),
        n: shownPath.nodes.map((entity) => index.get(entity.id)),
        e: shownPath.relationships.map((step) => edgeIndex.get(edgeId(step))),
      },
      h: [...hiddenTypes],
      d: chosenMonth(),
      s: cy.nodes(":selected").first().id() ?? null,
      z: [round(cy.zoom() * 100) / 100, round(cy.pan().x), round(cy.pan().y)],
    };
  }

  async function shareScene() {
    if (cy.nodes().not(".group").length > EXPORT_MAX) {
      status(`A view of more than ${EXPORT_MAX} entities cannot be shared: clear or hide some first.`, true);
      return;
    }
    const code = await deflate(JSON.stringify(currentScene()));
    history.replaceState(null, "", `#${SCENE_PREFIX}${code}`);
    let copied = false;
    try {
      await navigator.clipboard.writeText(location.href);
      copied = true;
    } catch {
      // No clipboard here (a plain-http address, or refused): the address bar has it.
    }
    status(`This view is in the address${copied ? " (copied)" : ""}: share it to show the same drawing.`);
  }

  function checkScene(scene) {
    const ok =
      scene?.v === SCENE_VERSION &&
      Array.isArray(scene.n) &&
      scene.n.length <= EXPORT_MAX &&
      scene.n.every((n) => Array.isArray(n) && typeof n[0] === "string" && Number.isFinite(n[1]) && Number.isFinite(n[2])) &&
      Array.isArray(scene.e) &&
      scene.e.every((e) => Array.isArray(e) && Number.isInteger(e[0]) && Number.isInteger(e[1]) && typeof e[2] === "string") &&
      Array.isArray(scene.h) &&
      (scene.s === null || typeof scene.s === "string") &&
      (scene.d === undefined || scene.d === null || /^\d{4}-\d{2}$/.test(scene.d)) &&
      (!scene.p || (Array.isArray(scene.p.n) && Array.isArray(scene.p.e) && Number.isInteger(scene.p.hops))) &&
      Array.isArray(scene.z) && scene.z.length === 3 && scene.z.every(Number.isFinite);
    if (!ok) throw new Error("The address holds no view this page can draw.");
    return scene;
  }

  async function openScene(code) {
    let scene;
    try {
      scene = checkScene(JSON.parse(await inflate(code)));
    } catch (error) {
      throw new Error(error instanceof SyntaxError || error instanceof DOMException || error instanceof TypeError
        ? "The address holds no view this page can draw."
        : error.message);
    }
    clearAll();
    const drawing = latest.drawing;
    const ids = scene.n.map(([id]) => id);
    status("Drawing the shared view…");
    const data = ids.length ? await graphql(QUERIES.scene, { ids }) : { entities: [], relationships: [] };
    if (drawing !== latest.drawing) return;
    const edgeIds = scene.e.map(([from, to, type]) => `${ids[from]}|${type}|${ids[to]}`);
    const wanted = new Set(edgeIds);
    const missing = ids.filter((_, i) => !data.entities[i]);
    cy.batch(() => {
      data.entities.forEach((entity, i) => {
        if (!entity) return;
        const node = addEntity(entity);
        node.removeClass("new");
        node.position({ x: scene.n[i][1], y: scene.n[i][2] });
      });
      for (const step of data.relationships) if (wanted.has(edgeId(step))) addStep(step);
    });
    for (const type of scene.h) {
      const box = document.querySelector(`#type-filters input[value="${CSS.escape(type)}"]`);
      if (box) {
        box.checked = false;
        setTypeShown(type, false);
      }
    }
    if (scene.p) restorePath(scene.p, ids, edgeIds);
    if (scene.d) {
      // Drawing scheduled a refresh of its own; left to run, it would supersede this one
      // when the dates take longer than its delay to come, and the view's month be lost.
      clearTimeout(timelineTimer);
      await refreshTimeline();
      const index = months.indexOf(scene.d);
      if (index >= 0) {
        $("#time-filter").checked = true;
        $("#when").value = String(index);
        applyDate();
      }
    }
    cy.zoom(scene.z[0]);
    cy.pan({ x: scene.z[1], y: scene.z[2] });
    renderOnScreen();
    if (scene.s && cy.getElementById(scene.s).nonempty()) selectNode(scene.s, false);
    // Clearing and selecting rewrote the address: it names this view again.
    history.replaceState(null, "", `#${SCENE_PREFIX}${code}`);
    status(
      `Shared view: ${cy.nodes().length} entities.` +
        (missing.length ? ` ${missing.length} no longer exist: ${missing.join(", ")}.` : ""),
      missing.length > 0,
    );
  }

  // `saved.n` and `saved.e` index the scene's entities and relationships.
  function restorePath(saved, ids, edgeIds) {
    const nodes = saved.n.map((i) => cy.getElementById(ids[i] ?? ""));
    const edges = saved.e.map((i) => cy.getElementById(edgeIds[i] ?? ""));
    if (nodes.some((node) => node.empty()) || edges.some((edge) => edge.empty())) return;
    const entity = (node) => ({ id: node.id(), name: node.data("name"), __typename: node.data("type") });
    const path = {
      nodes: nodes.map(entity),
      relationships: edges.map((edge) => ({ from: edge.source().id(), to: edge.target().id(), type: edge.data("type") })),
    };
    setPathEnd("from", path.nodes[0]);
    setPathEnd("to", path.nodes[path.nodes.length - 1]);
    if ($(`#path-hops option[value="${saved.hops}"]`)) $("#path-hops").value = String(saved.hops);
    for (const node of nodes) node.addClass("on-path");
    for (const edge of edges) edge.addClass("on-path");
    shownPath = path;
    renderPath(path);
  }

  // ---- images ----------------------------------------------------------------------------

  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // The whole drawing (not only what the window shows), on white.
  function saveImage(format) {
    const blob =
      format === "png"
        ? cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" })
        : new Blob([cy.svg({ full: true, bg: "#ffffff" })], { type: "image/svg+xml" });
    download(blob, `ipgraph-drawing.${format}`);
    status(`Saved the drawing as ipgraph-drawing.${format}.`);
  }

  // ---- token ---------------------------------------------------------------------------

  function setupToken() {
    const button = $("#token-button");
    const form = $("#token-form");
    const input = $("#token");
    const show = () => {
      button.classList.toggle("set", Boolean(sessionStorage.getItem(TOKEN_KEY)));
    };
    button.addEventListener("click", () => {
      form.hidden = !form.hidden;
      button.setAttribute("aria-expanded", String(!form.hidden));
      if (!form.hidden) input.focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const token = input.value.trim();
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      input.value = "";
      form.hidden = true;
      button.setAttribute("aria-expanded", "false");
      show();
      status(token ? "Token set for this tab." : "No token given.");
      ipgraphLive.reconnect();
      followDrawn();
      if (token && !QUERIES) loadModel().catch((error) => status(error.message, true));
    });
    $("#token-clear").addEventListener("click", () => {
      sessionStorage.removeItem(TOKEN_KEY);
      show();
      status("Token forgotten.");
    });
    show();
  }

  // ---- the map (map.js) ------------------------------------------------------------------

  // [latitude, longitude] of an entity whose type has them, else null.
  function coordinatesOf(entity) {
    const [latitude, longitude] = (QUERIES.coordinateKeys[entity.__typename] ?? []).map((key) => entity[key]);
    return Number.isFinite(latitude) && Number.isFinite(longitude) ? [latitude, longitude] : null;
  }

  // "Map" shows what is drawn (the type filters apply) on a world map, kept up to date.
  const map = ipgraphMap.create($("#canvas"), { onPick: (id) => selectNode(id, false), status });
  window.explorer.map = map;
  function showMap() {
    const nodes = drawn();
    map
      .show(
        nodes.map((node) => ({ ...node.data(), selected: node.selected() })),
        nodes.edgesWith(nodes).map((edge) => ({ ...edge.data(), onPath: edge.hasClass("on-path") })),
      )
      .catch((error) => status(error.message, true));
  }
  let mapQueued = false;
  cy.on("add remove select unselect class", () => {
    if (!map.shown || mapQueued) return;
    mapQueued = true;
    requestAnimationFrame(() => {
      mapQueued = false;
      if (map.shown) showMap();
    });
  });
  $("#map-toggle").addEventListener("click", () => {
    const on = $("#map-toggle").getAttribute("aria-pressed") !== "true";
    $("#map-toggle").setAttribute("aria-pressed", String(on));
    if (on) showMap();
    else map.hide();
  });

  // ---- wiring --------------------------------------------------------------------------

  cy.on("tap", "node", (event) => {
    if (event.target.hasClass("group")) showEntityGroup(event.target);
    else selectNode(event.target.id(), false);
  });
  cy.on("dbltap", "node", (event) => {
    if (event.target.hasClass("group")) drawGroupPage(event.target.data("key"));
    else expand(event.target.id());
  });
  cy.on("tap", "edge", (event) => showEdge(event.target));
  // Full names on hover (labels wrap, but a crowded drawing hides some).
  cy.on("mouseover", "node", (event) => showTip(event.target));
  cy.on("mouseout", "node", () => {
    $("#tip").hidden = true;
  });
  cy.on("viewport", () => {
    $("#tip").hidden = true;
  });

  $("#search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("#search").value.trim();
    if (text) search(text);
  });
  $("#find-path").addEventListener("click", findPath);
  for (const button of document.querySelectorAll(".exports button")) {
    button.addEventListener("click", () => exportScreen(button.dataset.what, button.dataset.format));
  }
  $("#clear").addEventListener("click", clearAll);
  $("#show-disagreements").addEventListener("click", async () => {
    await loadModel().catch((error) => status(error.message, true));
    if (QUERIES) showDisagreements(null);
  });
  $("#relayout").addEventListener("click", relayoutAll);
  $("#time-filter").addEventListener("change", applyDate);
  $("#page-size").replaceChildren(...PAGES.map((size) => el("option", { value: String(size) }, String(size))));
  $("#page-size").addEventListener("change", () => {
    const center = [...hubs.values()].at(-1)?.center;
    if (center) renderHub(center);
  });
  $("#when").addEventListener("input", applyDate);
  $("#fit").addEventListener("click", () => fitView());
  $("#share").addEventListener("click", () => shareScene().catch((error) => status(error.message, true)));
  $("#save-png").addEventListener("click", () => saveImage("png"));
  $("#save-svg").addEventListener("click", () => saveImage("svg"));

  setupToken();
  renderOnScreen();
  // The address names an entity (#mission-minusma) or holds a whole view (#scene=…).
  let linked = "";
  try {
    linked = decodeURIComponent(location.hash.slice(1));
  } catch {
    status("The address names no valid entity id.", true);
  }
  // Without the model (a server that needs a token), the page still opens: the refusal
  // is shown, and the model is asked for again with the next action or token.
  loadModel()
    .catch((error) => status(error.message, true))
    .then(async () => {
      if (linked.startsWith(SCENE_PREFIX)) {
        await openScene(linked.slice(SCENE_PREFIX.length)).catch((error) => status(error.message, true));
      } else if (linked) {
        await focusOn(linked);
      }
      document.body.classList.add("ready");
    });
})();
