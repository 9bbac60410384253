// ipgraph explorer: the map view. What the network drawing shows, on a world map: the
// Natural Earth countries (world-atlas, 1:110m) in an Equal Earth projection (d3-geo),
// with pan and zoom (d3-zoom). All of it is vendored and served by ipgraph itself, and
// loaded the first time the map is opened.
//
// An entity whose type has coordinates (float properties named latitude and longitude in
// the served model) stands at them. One without stands at the mean of its drawn
// neighbours' (a posting at its city, a mission in its country), with a dashed outline.
// The rest are listed as not on the map. Like explorer.js, it names no entity type.
//
//   window.ipgraphMap.coordinateFields(type)   the names of a served type's coordinate
//                                              properties ([latitude, longitude] or [])
//   window.ipgraphMap.create(container, { onPick, status }) -> view
//   view.show(nodes, edges)   draw (again); resolves once drawn. nodes: [{ id, name, type,
//                             label, color, shape, coordinates: [lat, lon] | null,
//                             selected }], edges: [{ id, source, target, type, onPath }]
//   view.hide(), view.shown, view.project(longitude, latitude) -> [x, y] unzoomed
"use strict";

(() => {
  const VENDOR = "/static/explorer/vendor/";
  // In dependency order: each extends the global d3 that the ones before it made.
  const LIBRARIES = [
    "d3-array.min.js",
    "d3-geo.min.js",
    "topojson-client.min.js",
    "d3-dispatch.min.js",
    "d3-selection.min.js",
    "d3-color.min.js",
    "d3-interpolate.min.js",
    "d3-ease.min.js",
    "d3-timer.min.js",
    "d3-transition.min.js",
    "d3-drag.min.js",
    "d3-zoom.min.js",
  ];
  const BASEMAP = `${VENDOR}countries-110m.json`;
  const COORDINATES = ["latitude", "longitude"];
  const SVG = "http://www.w3.org/2000/svg";
  const RADIUS = 7;
  const SELECTED_RADIUS = 10;
  const SPACING = 22; // pixels between markers that share one point, fanned out around it
  const MAX_FIT_ZOOM = 6;

  // A type has coordinates when the served model gives it both as single floats.
  function coordinateFields(type) {
    const floats = new Set(
      (type?.properties ?? []).filter((p) => p.kind === "float" && !p.list).map((p) => p.name),
    );
    return COORDINATES.every((name) => floats.has(name)) ? [...COORDINATES] : [];
  }

  function loadScript(file) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = VENDOR + file;
      script.async = false; // fetched together, run in this order
      script.addEventListener("load", resolve);
      script.addEventListener("error", () => reject(new Error(`The map's library ${file} did not load.`)));
      document.head.append(script);
    });
  }

  let loading = null;

  // The libraries and the countries, once.
  function load() {
    loading ??= (async () => {
      await Promise.all(LIBRARIES.map(loadScript));
      const response = await fetch(BASEMAP, { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`The world map did not load (the server answered ${response.status}).`);
      const world = await response.json();
      return window.topojson.feature(world, world.objects.countries).features;
    })();
    loading.catch(() => {
      loading = null; // try again next time
    });
    return loading;
  }

  function svg(tag, attributes = {}, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  }

  function html(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    node.append(...children.flat().filter((child) => child !== null && child !== undefined));
    return node;
  }

  const humanize = (name) => name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());

  // The marker of a type's shape (as the network draws it), centred on 0,0.
  function shapePath(shape, r) {
    const polygon = (points) => `M${points.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join("L")}Z`;
    switch (shape) {
      case "triangle":
        return polygon([[0, -1.25 * r], [1.15 * r, 0.85 * r], [-1.15 * r, 0.85 * r]]);
      case "diamond":
        return polygon([[0, -1.3 * r], [1.3 * r, 0], [0, 1.3 * r], [-1.3 * r, 0]]);
      case "round-rectangle":
        return polygon([[-r, -0.8 * r], [r, -0.8 * r], [r, 0.8 * r], [-r, 0.8 * r]]);
      case "hexagon":
        return polygon([0, 1, 2, 3, 4, 5].map((i) => [1.1 * r * Math.cos((i * Math.PI) / 3), 1.1 * r * Math.sin((i * Math.PI) / 3)]));
      default:
        return `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    }
  }

  const valid = (coordinates) =>
    Array.isArray(coordinates) &&
    coordinates.length === 2 &&
    coordinates.every(Number.isFinite) &&
    Math.abs(coordinates[0]) <= 90 &&
    Math.abs(coordinates[1]) <= 180;

  // The mean of points on the sphere ([longitude, latitude]): the direction of the mean of
  // their unit vectors, so that places either side of the 180th meridian meet in the
  // Pacific, not across the world. Points all at one place give that place.
  function meanPoint(points) {
    if (points.every(([lon, lat]) => lon === points[0][0] && lat === points[0][1])) return points[0];
    const radians = Math.PI / 180;
    let x = 0;
    let y = 0;
    let z = 0;
    for (const [lon, lat] of points) {
      const phi = lat * radians;
      const lambda = lon * radians;
      x += Math.cos(phi) * Math.cos(lambda);
      y += Math.cos(phi) * Math.sin(lambda);
      z += Math.sin(phi);
    }
    const length = Math.hypot(x, y, z);
    if (length < 1e-9) return points[0]; // opposite ends of the world: no mean
    return [Math.atan2(y, x) / radians, Math.asin(z / length) / radians];
  }

  // Offsets around a shared point, in pixels: a ring for a few markers, a sunflower
  // spiral for many. A marker alone sits on its point.
  function fan(count) {
    if (count === 1) return [[0, 0]];
    if (count <= 12) {
      const radius = Math.max(14, (SPACING * count) / (2 * Math.PI));
      return Array.from({ length: count }, (_, i) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / count;
        return [radius * Math.cos(angle), radius * Math.sin(angle)];
      });
    }
    return Array.from({ length: count }, (_, i) => {
      const radius = SPACING * 0.62 * Math.sqrt(i + 1.5);
      const angle = i * 2.399963;
      return [radius * Math.cos(angle), radius * Math.sin(angle)];
    });
  }

  const listed = (names) =>
    names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

  function create(container, { onPick = () => {}, status = () => {} } = {}) {
    const world = svg("g", { class: "map-world" });
    const sphere = svg("path", { class: "map-sphere" });
    const graticule = svg("path", { class: "map-graticule" });
    const countries = svg("g", { class: "map-countries" });
    world.append(sphere, graticule, countries);
    const links = svg("g", { class: "map-links" });
    const leaders = svg("g", { class: "map-leaders" });
    const markers = svg("g", { class: "map-markers" });
    const canvas = svg("svg", { class: "map-svg", role: "group", "aria-label": "Map of the entities drawn" });
    canvas.append(world, links, leaders, markers);

    const unplacedCount = html("span", { class: "count" });
    const unplacedList = html("ul", {});
    const unplaced = html(
      "details",
      { class: "map-unplaced" },
      html("summary", {}, "Not on the map ", unplacedCount),
      unplacedList,
    );
    const legend = html(
      "div",
      { class: "map-legend" },
      html("p", { class: "hint" }, "Dashed outline: no coordinates of its own, shown at the mean of its drawn neighbours’."),
      unplaced,
    );
    const note = html("p", { class: "map-note" }, "Loading the map…");
    const zoomButton = (label, text, action) =>
      html("button", { type: "button", "aria-label": label, title: label, onclick: action }, text);
    const controls = html(
      "div",
      { class: "map-controls", role: "group", "aria-label": "Map zoom" },
      zoomButton("Zoom in", "+", () => zoomBy(2)),
      zoomButton("Zoom out", "−", () => zoomBy(0.5)),
      zoomButton("Fit the map to what is on it", "Fit", () => fit(true)),
    );
    const root = html("div", { class: "map", hidden: true, "data-state": "loading" }, canvas, note, legend, controls);
    container.append(root);

    let features = null;
    let nodes = [];
    let edges = [];
    let size = [0, 0];
    let projection = null;
    let zoom = null;
    let transform = null;
    let placed = []; // { node, anchor: [x, y] unzoomed, offset: [dx, dy] pixels, element, leader }
    const linkLines = []; // { line, from, to } (placed entries)

    const view = {
      shown: false,
      show,
      hide,
      project: (longitude, latitude) => projection([longitude, latitude]),
    };

    async function show(nextNodes, nextEdges) {
      const opening = !view.shown;
      view.shown = true;
      nodes = nextNodes;
      edges = nextEdges;
      root.hidden = false;
      container.classList.add("map-shown");
      if (!features) {
        note.hidden = false;
        try {
          features = await load();
        } catch (error) {
          note.textContent = error.message;
          throw error;
        }
        note.hidden = true;
      }
      if (!view.shown) return;
      render(opening);
      if (opening) {
        const on = placed.length;
        const by = placed.filter((entry) => entry.by).length;
        status(
          `Map: ${on} of the ${nodes.length} entities drawn are on it` +
            (by ? ` (${by} at their neighbours’ places)` : "") +
            `; ${nodes.length - on} are not.`,
        );
      }
    }

    function hide() {
      view.shown = false;
      root.hidden = true;
      container.classList.remove("map-shown");
    }

    function setSize(width, height) {
      const d3 = window.d3;
      size = [width, height];
      canvas.setAttribute("viewBox", `0 0 ${width} ${height}`);
      projection = d3.geoEqualEarth().fitExtent([[12, 12], [width - 12, height - 12]], { type: "Sphere" });
      const path = d3.geoPath(projection);
      sphere.setAttribute("d", path({ type: "Sphere" }));
      graticule.setAttribute("d", path(d3.geoGraticule10()));
      countries.replaceChildren(
        ...features.map((feature) =>
          svg(
            "path",
            { class: "country", d: path(feature), "data-name": feature.properties?.name ?? "" },
            svg("title", {}, feature.properties?.name ?? ""),
          ),
        ),
      );
      if (!zoom) {
        zoom = d3
          .zoom()
          .scaleExtent([1, 64])
          .clickDistance(4)
          // A double-click on a marker is no zoom.
          .filter((event) => (!event.ctrlKey || event.type === "wheel") && !event.button &&
            !(event.type === "dblclick" && event.target.closest?.(".marker")))
          .on("zoom", (event) => {
            transform = event.transform;
            position();
          });
        d3.select(canvas).call(zoom);
        transform = d3.zoomIdentity;
      }
      zoom.extent([[0, 0], [width, height]]).translateExtent([[0, 0], [width, height]]);
    }

    // Where each entity goes: its own coordinates, else the mean of its drawn neighbours'.
    function placeAll() {
      const byId = new Map(nodes.map((node) => [node.id, node]));
      const own = new Map();
      for (const node of nodes) {
        if (valid(node.coordinates)) own.set(node.id, [node.coordinates[1], node.coordinates[0]]);
      }
      const neighbours = new Map(nodes.map((node) => [node.id, new Set()]));
      for (const edge of edges) {
        if (!byId.has(edge.source) || !byId.has(edge.target)) continue;
        neighbours.get(edge.source).add(edge.target);
        neighbours.get(edge.target).add(edge.source);
      }
      const spots = [];
      for (const node of nodes) {
        if (own.has(node.id)) {
          spots.push({ node, point: own.get(node.id), by: null });
          continue;
        }
        const located = [...neighbours.get(node.id)].filter((id) => own.has(id)).sort();
        if (located.length) {
          spots.push({
            node,
            point: meanPoint(located.map((id) => own.get(id))),
            by: located.map((id) => byId.get(id).name),
          });
        }
      }
      // Markers on one point fan out around it: places first, then by type and name.
      const groups = new Map();
      for (const spot of spots) {
        spot.anchor = projection(spot.point);
        const key = spot.anchor.map((v) => Math.round(v * 100)).join(",");
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(spot);
      }
      for (const group of groups.values()) {
        group.sort(
          (a, b) => (a.by ? 1 : 0) - (b.by ? 1 : 0) || a.node.type.localeCompare(b.node.type) ||
            a.node.name.localeCompare(b.node.name),
        );
        const offsets = fan(group.length);
        group.forEach((spot, i) => {
          spot.offset = offsets[i];
          spot.shared = group.length > 1;
        });
      }
      return spots;
    }

    function markerOf(spot) {
      const { node, point, by } = spot;
      const [longitude, latitude] = point;
      const r = node.selected ? SELECTED_RADIUS : RADIUS;
      const type = humanize(node.type);
      const where = by
        ? `no coordinates of its own: shown ${by.length === 1 ? "at" : "between"} ${listed(by)}`
        : `${latitude.toFixed(3)}, ${longitude.toFixed(3)}`;
      const element = svg(
        "g",
        {
          class: `marker${by ? " by-neighbours" : ""}${node.selected ? " selected" : ""}`,
          tabindex: "0",
          role: "button",
          "aria-label": `${node.name} (${type})`,
          "data-id": node.id,
          "data-type": node.type,
          "data-lat": String(latitude),
          "data-lon": String(longitude),
          "data-x": String(spot.anchor[0]),
          "data-y": String(spot.anchor[1]),
        },
        svg("path", { class: "symbol", d: shapePath(node.shape, r), fill: node.color }),
        // Places carry their name (on the outer side of a fan); every marker names itself
        // on hover.
        !by || node.selected
          ? svg(
              "text",
              spot.offset[0] < -0.5 ? { x: -(r + 3), y: 4, "text-anchor": "end" } : { x: r + 3, y: 4 },
              node.label || node.name,
            )
          : "",
        svg("title", {}, `${node.name} (${type})\n${where}`),
      );
      element.addEventListener("click", () => onPick(node.id));
      element.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          onPick(node.id);
        }
      });
      return element;
    }

    function render(refit) {
      // Drawing again replaces the markers and the list: the keyboard's focus stays on its entity.
      const focused = root.contains(document.activeElement) ? document.activeElement.closest("[data-id]") : null;
      const width = Math.max(container.clientWidth, 1);
      const height = Math.max(container.clientHeight, 1);
      if (!projection || width !== size[0] || height !== size[1]) setSize(width, height);
      const spots = placeAll();
      // The selected marker last: on top.
      spots.sort((a, b) => (a.node.selected ? 1 : 0) - (b.node.selected ? 1 : 0));
      placed = spots.map((spot) => ({ ...spot, element: markerOf(spot) }));
      markers.replaceChildren(...placed.map((entry) => entry.element));

      const at = new Map(placed.map((entry) => [entry.node.id, entry]));
      const anchors = new Map();
      for (const entry of placed) {
        entry.leader = null;
        if (!entry.shared) continue;
        entry.leader = svg("line", {});
        anchors.set(entry.anchor.join(","), entry);
      }
      leaders.replaceChildren(
        ...placed.filter((entry) => entry.leader).map((entry) => entry.leader),
        ...[...anchors.values()].map((entry) => {
          entry.dot = svg("circle", { class: "map-anchor", r: 2.5 });
          return entry.dot;
        }),
      );

      linkLines.length = 0;
      for (const edge of edges) {
        const from = at.get(edge.source);
        const to = at.get(edge.target);
        if (!from || !to) continue;
        const line = svg(
          "line",
          { class: edge.onPath ? "on-path" : null, "data-id": edge.id },
          svg("title", {}, `${from.node.name} —${edge.type}→ ${to.node.name}`),
        );
        linkLines.push({ line, from, to });
      }
      links.replaceChildren(...linkLines.map((link) => link.line));

      const missing = nodes
        .filter((node) => !at.has(node.id))
        .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
      unplacedCount.textContent = `(${missing.length})`;
      unplacedList.replaceChildren(
        ...missing.map((node) =>
          html(
            "li",
            { "data-id": node.id },
            html("button", { type: "button", class: "link", onclick: () => onPick(node.id) }, node.name),
            html("span", { class: "type" }, ` ${humanize(node.type)}`),
          ),
        ),
      );
      unplaced.open = missing.length > 0 && missing.length <= 8;

      if (refit) fit(false);
      else position();
      if (focused) {
        const again = [...root.querySelectorAll(`${focused.tagName}[data-id]`)].find((e) => e.dataset.id === focused.dataset.id);
        (again?.querySelector("button") ?? again)?.focus();
      }
      root.dataset.state = "ready";
    }

    // Markers keep their size at every zoom; the countries scale.
    function position() {
      if (!transform) return;
      world.setAttribute("transform", transform.toString());
      for (const entry of placed) {
        const ax = transform.applyX(entry.anchor[0]);
        const ay = transform.applyY(entry.anchor[1]);
        entry.x = ax + entry.offset[0];
        entry.y = ay + entry.offset[1];
        entry.element.setAttribute("transform", `translate(${entry.x.toFixed(2)},${entry.y.toFixed(2)})`);
        if (entry.leader) {
          for (const [key, value] of Object.entries({ x1: ax, y1: ay, x2: entry.x, y2: entry.y })) {
            entry.leader.setAttribute(key, value.toFixed(2));
          }
        }
        if (entry.dot) {
          entry.dot.setAttribute("cx", ax.toFixed(2));
          entry.dot.setAttribute("cy", ay.toFixed(2));
        }
      }
      for (const { line, from, to } of linkLines) {
        for (const [key, value] of Object.entries({ x1: from.x, y1: from.y, x2: to.x, y2: to.y })) {
          line.setAttribute(key, value.toFixed(2));
        }
      }
    }

    // The whole of what is on the map in view (the world when nothing is), at most 6×.
    function fit(animate) {
      const d3 = window.d3;
      const [width, height] = size;
      let target = d3.zoomIdentity;
      if (placed.length) {
        const xs = placed.map((entry) => entry.anchor[0]);
        const ys = placed.map((entry) => entry.anchor[1]);
        const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        const pad = 90; // room for the fanned markers and their names
        const k = Math.max(
          1,
          Math.min(MAX_FIT_ZOOM, (width - 2 * pad) / Math.max(x1 - x0, 1), (height - 2 * pad) / Math.max(y1 - y0, 1)),
        );
        target = d3.zoomIdentity.translate(width / 2, height / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
      }
      const selection = d3.select(canvas);
      if (animate) selection.transition().duration(300).call(zoom.transform, target);
      else selection.call(zoom.transform, target);
    }

    function zoomBy(factor) {
      if (zoom) window.d3.select(canvas).transition().duration(250).call(zoom.scaleBy, factor);
    }

    new ResizeObserver(() => {
      if (view.shown && features && (container.clientWidth !== size[0] || container.clientHeight !== size[1])) {
        render(false);
      }
    }).observe(container);

    return view;
  }

  window.ipgraphMap = { coordinateFields, create };
})();
