"""The analysts' explorer in a real browser (Debian chromium, headless, via Playwright):
search a mission, expand a neighbour by double-clicking it, filter by type, find a path,
read the sources, export what is on screen, all with every request outside the service
refused and the page's content security policy enforced. The page learns the entity types
from ``/explorer/model.json``, and its operations with them (built on the server from the
same model)."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from starlette.testclient import TestClient

from graph.model import ENTITIES
from graph.settings import Settings
from tests.conftest import ARTIFACTS, ROOT, gql, serving
from tests.cypherlint.client import CypherLinter
from tests.support import external_neo4j, run_cli, settings_for, start_engine
from web.app import create_app
from web.explorer import explorer_model, explorer_queries
from web.manifest import SHIPPED_MANIFEST

pytestmark = pytest.mark.integration

IDS = "__typename ... on Branch { id } ... on Officer { id } ... on Location { id } " + (
    "... on PartnerAgency { id } ... on Mission { id }"
)
NEIGHBORHOOD = f"""query($id: ID!) {{ neighborhood(id: $id) {{
  nodes {{ {IDS} }} edges {{ type from to }} }} }}"""
PATH = f"""query($a: ID!, $b: ID!) {{ shortestPath(fromId: $a, toId: $b, maxHops: 6) {{
  nodes {{ {IDS} }} relationships {{ type from to role since until note undated }} }} }}"""


def api(client: TestClient, query: str, **variables: Any) -> Any:
    body = gql(client, query, **variables)
    assert "errors" not in body, body
    return body["data"]


def neighbourhood(client: TestClient, entity_id: str) -> tuple[set[str], set[str]]:
    graph = api(client, NEIGHBORHOOD, id=entity_id)["neighborhood"]
    return (
        {node["id"] for node in graph["nodes"]},
        {f"{e['from']}|{e['type']}|{e['to']}" for e in graph["edges"]},
    )


class Explorer:
    """The page, with the checks the steps share."""

    def __init__(self, page: Any, problems: list[str], queries: list[str]) -> None:
        self.page = page
        self.problems = problems
        self.queries = queries  # the text of every GraphQL query the page sent

    def sent(self, operation: str) -> list[str]:
        return [query for query in self.queries if f"query {operation}(" in query]

    def drawn(self, selector: str = "node") -> set[str]:
        ids: list[str] = self.page.evaluate(
            f"() => window.explorer.cy.elements('{selector}').map(e => e.id())"
        )
        return set(ids)

    def visible(self) -> set[str]:
        # Cytoscape restyles on its next frame: ask once that frame has been drawn.
        ids: list[str] = self.page.evaluate(
            "async () => { await new Promise(done => requestAnimationFrame(() => done()));"
            " return window.explorer.cy.nodes().filter(n => n.visible()).map(n => n.id()); }"
        )
        return set(ids)

    def positions(self) -> dict[str, tuple[float, float]]:
        found: list[list[Any]] = self.page.evaluate(
            "() => window.explorer.cy.nodes().map(n => [n.id(), n.position().x, n.position().y])"
        )
        return {node: (x, y) for node, x, y in found}

    def listed(self) -> set[str]:
        return set(
            self.page.locator("#on-screen li").evaluate_all("li => li.map(e => e.dataset.id)")
        )

    def wait_listed(self, count: int) -> None:
        self.page.locator("#on-screen li").nth(count - 1).wait_for(timeout=20_000)
        assert self.page.locator("#on-screen li").count() == count

    def search_and_pick(self, text: str, entity_id: str) -> None:
        self.page.fill("#search", text)
        self.page.press("#search", "Enter")
        hit = self.page.locator(f'#results li[data-id="{entity_id}"] button')
        hit.wait_for(timeout=20_000)
        hit.click()
        self.details_of(entity_id)

    def details_of(self, entity_id: str) -> Any:
        panel = self.page.locator(f'#details article[data-id="{entity_id}"]')
        panel.wait_for(timeout=20_000)
        return panel

    def double_click_node(self, entity_id: str) -> None:
        # The drawing is a canvas: click where Cytoscape rendered the node.
        x, y = self.page.evaluate(
            f"() => {{ const p = window.explorer.cy.getElementById('{entity_id}')"
            ".renderedPosition(); return [p.x, p.y]; }"
        )
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.dblclick(box["x"] + x, box["y"] + y)

    def export(self, button: str, file_name: str) -> list[dict[str, str]]:
        with self.page.expect_download(timeout=20_000) as download_info:
            self.page.click(button)
        download = download_info.value
        assert download.suggested_filename == file_name
        text = download.path().read_text(encoding="utf-8-sig")
        return list(csv.DictReader(io.StringIO(text, newline="")))

    def overlapping(self) -> list[list[str]]:
        """Pairs of drawn nodes whose bodies (labels aside) overlap."""
        pairs: list[list[str]] = self.page.evaluate(
            """() => { const nodes = window.explorer.cy.nodes(); const found = [];
            const boxes = nodes.map(n => n.boundingBox({ includeLabels: false }));
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i], b = boxes[j];
              if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2)
                found.push([nodes[i].id(), nodes[j].id()]); }
            return found; }"""
        )
        return pairs

    def box(self, ids: set[str]) -> tuple[float, float, float, float]:
        x1, y1, x2, y2 = self.page.evaluate(
            """(ids) => { const b = window.explorer.cy.nodes().filter(n => ids.includes(n.id()))
              .boundingBox({ includeLabels: false }); return [b.x1, b.y1, b.x2, b.y2]; }""",
            sorted(ids),
        )
        return x1, y1, x2, y2

    def download(self, button: str, file_name: str) -> bytes:
        with self.page.expect_download(timeout=20_000) as download_info:
            self.page.click(button)
        download = download_info.value
        assert download.suggested_filename == file_name
        return bytes(download.path().read_bytes())

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))


@contextmanager
def opened(
    browser: Any,
    url: str,
    model: Mapping[str, object] | None = None,
    viewport: tuple[int, int] = (1440, 900),
    address: str = "/explorer",
) -> Iterator[Explorer]:
    """The explorer page of the service at ``url``, on a closed network; ``model``, if
    given, is served in place of the service's ``/explorer/model.json``."""
    width, height = viewport
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    outside: list[str] = []
    problems: list[str] = []
    queries: list[str] = []

    def guard(route: Any) -> None:
        # Closed network: anything not served by ipgraph itself fails (and is recorded).
        if route.request.url.startswith(url + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    if model is not None:
        # Routes registered later are asked first.
        page.route(
            f"{url}/explorer/model.json",
            lambda route: route.fulfill(json=model, headers={"cache-control": "no-store"}),
        )

    def record(request: Any) -> None:
        if request.url in (f"{url}/graphql", f"{url}/export") and request.method == "POST":
            queries.append(json.loads(request.post_data or "{}").get("query", ""))

    page.on("request", record)
    # Errors, warnings and CSP violations all reach the console (a refused request, too).
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{url}{address}")
    page.wait_for_selector("body.ready", timeout=20_000)
    try:
        yield Explorer(page, problems, queries)
    finally:
        context.close()
    assert outside == [], f"the explorer reached outside the service: {outside}"


@pytest.fixture
def explorer(browser: Any, live_server: str) -> Iterator[Explorer]:
    with opened(browser, live_server) as page:
        yield page
    assert page.problems == [], f"the page logged problems: {page.problems}"


def test_analyst_explores_a_mission_follows_a_path_and_exports(
    explorer: Explorer, client: TestClient
) -> None:
    page = explorer.page

    # 1. Search for a mission and draw its neighbourhood: exactly what the API says.
    explorer.search_and_pick("minusma", "mission-minusma")
    nodes, edges = neighbourhood(client, "mission-minusma")
    explorer.wait_listed(len(nodes))
    assert explorer.drawn() == nodes == explorer.listed()
    assert explorer.drawn("edge") == edges
    panel = explorer.details_of("mission-minusma")
    assert "United Nations multidimensional integrated stabilization mission in Mali" in (
        panel.locator("h2").inner_text()
    )
    assert panel.locator("dt:text-is('Acronym') + dd").inner_text() == "MINUSMA"
    mission = api(client, '{ mission(id: "mission-minusma") { status sources { quote } } }')
    assert panel.locator("dt:text-is('Status') + dd").inner_text() == mission["mission"]["status"]
    quotes = [source["quote"] for source in mission["mission"]["sources"]]
    assert panel.locator(".sources > li blockquote").all_inner_texts() == quotes
    first_source = panel.locator(".sources > li").first
    assert first_source.locator("cite").inner_text().endswith(".txt")
    assert first_source.locator("blockquote").inner_text().strip()
    explorer.shot("explorer-search.png")

    # 2. Double-click a neighbour to expand it: its neighbourhood joins the drawing, and
    #    what was drawn stays where it was.
    before = explorer.positions()
    explorer.double_click_node("country-mali")
    mali_nodes, mali_edges = neighbourhood(client, "country-mali")
    explorer.wait_listed(len(nodes | mali_nodes))
    assert explorer.drawn() == nodes | mali_nodes
    assert explorer.drawn("edge") == edges | mali_edges
    assert "city-bamako" in explorer.listed()
    after = explorer.positions()
    assert {node: after[node] for node in before} == before
    explorer.shot("explorer-expanded.png")

    # 3. Filter by type: missions leave the drawing and the list, then come back.
    missions = {n for n in explorer.drawn() if n.startswith("mission-")}
    assert len(missions) >= 3
    page.get_by_label("Missions").uncheck()
    assert explorer.drawn("node.filtered") == missions
    assert explorer.listed() == (nodes | mali_nodes) - missions
    page.get_by_label("Missions").check()
    assert explorer.drawn("node.filtered") == set()

    # 4. A path between two entities: from MINUSMA to Bogota.
    page.locator('#on-screen li[data-id="mission-minusma"] button').click()
    explorer.details_of("mission-minusma").get_by_role("button", name="Path from here").click()
    explorer.search_and_pick("bogota", "city-bogota")
    explorer.details_of("city-bogota").get_by_role("button", name="Path to here").click()
    page.click("#find-path")
    steps = page.locator("#path-steps li")
    steps.first.wait_for(timeout=20_000)
    path = api(client, PATH, a="mission-minusma", b="city-bogota")["shortestPath"]
    hops = path["relationships"]
    assert steps.count() == len(hops)
    for index, step in enumerate(hops):
        item = steps.nth(index)
        assert item.get_attribute("data-from") == path["nodes"][index]["id"]
        assert item.get_attribute("data-to") == path["nodes"][index + 1]["id"]
        assert step["type"] in item.inner_text()
    assert explorer.drawn("node.on-path") == {n["id"] for n in path["nodes"]}
    assert explorer.drawn("edge.on-path") == {f"{s['from']}|{s['type']}|{s['to']}" for s in hops}
    assert "Path of" in page.inner_text("#status")
    page.wait_for_timeout(400)  # the fit animation
    explorer.shot("explorer-path.png")

    # A type filter hides the rest of its type but never breaks the path.
    on_path = {n["id"] for n in path["nodes"]}
    off_path = explorer.drawn('node[type = "Location"]') - on_path
    assert off_path
    page.get_by_label("Locations").uncheck()
    visible = explorer.visible()
    assert on_path <= visible and on_path <= explorer.listed()
    assert off_path.isdisjoint(visible) and off_path.isdisjoint(explorer.listed())
    page.get_by_label("Locations").check()

    # 5. A relationship's own sources, from a step of the path.
    steps.first.get_by_role("button").click()
    relationship = page.locator("#details .edge-details")
    relationship.wait_for(timeout=20_000)
    assert relationship.locator("h2").inner_text() == hops[0]["type"]
    assert relationship.locator(".sources > li").count() >= 1
    #    ...and what the relationship itself says: role, since, until, note, as served.
    shown = {
        field: relationship.locator(f'.relationship-fields dd[data-field="{field}"]')
        for field in ("role", "since", "until", "note", "undated")
    }
    for field in ("role", "since", "until", "note"):
        value = hops[0][field]
        assert shown[field].count() == (0 if value is None else 1), field
        if value is not None:
            assert shown[field].inner_text() == value
    assert shown["undated"].count() == (1 if hops[0]["undated"] else 0)

    # 6. Export what is on screen: one CSV row per entity drawn, with its sources, and
    #    every relationship between them (a superset of the arrows drawn).
    on_screen = explorer.listed()
    rows = explorer.export("#export-entities-csv", "ipgraph-entities.csv")
    assert {row["id"] for row in rows} == on_screen
    bogota = next(row for row in rows if row["id"] == "city-bogota")
    assert bogota["type"] == "Location" and bogota["name"] == "Bogota"
    assert bogota["sources.document"].endswith(".txt")
    # One kind column for every type that has a kind (each type's own enum), and no other.
    kind = api(client, '{ location(id: "city-bogota") { kind } }')["location"]["kind"]
    assert bogota["kind"] == kind
    assert [c for c in rows[0] if c.lower().endswith("kind")] == ["kind"]
    assert "Exported" in page.inner_text("#status")
    links = explorer.export("#export-relationships-csv", "ipgraph-relationships.csv")
    exported = {f"{row['from']}|{row['type']}|{row['to']}" for row in links}
    assert explorer.drawn("edge") <= exported
    assert all(row["from"] in on_screen and row["to"] in on_screen for row in links)
    assert all(row["sources.quote"] for row in links)
    # Each relationship with the names of its ends and its dates.
    names = {row["id"]: row["name"] for row in rows}
    assert all(
        (row["fromName"], row["toName"]) == (names[row["from"]], names[row["to"]]) for row in links
    )
    assert {"since", "until", "role", "note"} <= set(links[0])

    # Every export button has a name of its own (four read "CSV" or "JSON" on screen).
    for what in ("entities", "relationships"):
        for fmt in ("CSV", "JSON"):
            assert page.get_by_role("button", name=f"Export {what} as {fmt}").count() == 1
    names = page.eval_on_selector_all(
        "header button, #find-path, .exports button, #clear",
        "all => all.map(b => b.getAttribute('aria-label') || b.innerText)",
    )
    assert len(names) == len(set(names)), names

    # 7. Clear: nothing drawn, listed or chosen is left.
    page.click("#clear")
    assert explorer.drawn() == set() and explorer.listed() == set()
    assert page.locator("#path-from").get_attribute("data-id") == ""
    assert "pick an entity" in page.inner_text("#path-from")
    assert page.locator("#find-path").is_disabled()
    assert page.locator(".exports button:enabled").count() == 0


def test_the_drawing_stays_readable_as_it_grows(explorer: Explorer, client: TestClient) -> None:
    """Issue 18, part 1: expanding neighbour after neighbour (85 nodes and more) leaves no
    node on another; the focus style marks the selected node only; hovering names a node
    in full; a drawing not connected to what is drawn goes beside it; Fit and Re-layout."""
    page = explorer.page
    explorer.search_and_pick("minusma", "mission-minusma")
    expanded = {"mission-minusma"}
    while len(explorer.drawn()) < 85:
        waiting = sorted(explorer.drawn() - expanded)
        assert waiting, "the seed graph has fewer than 85 entities within reach"
        page.evaluate("(id) => window.explorer.expand(id)", waiting[0])
        expanded.add(waiting[0])
    assert explorer.overlapping() == []
    explorer.shot("explorer-85-nodes.png")
    # Labels are whole names (or acronyms), wrapped rather than cut: two liaison posts
    # read apart by their cities.
    labels = page.evaluate(
        "() => window.explorer.cy.nodes().map(n => [n.data('label'), n.data('name'),"
        " n.style('text-wrap')])"
    )
    assert all(wrap == "wrap" for _, _, wrap in labels)
    assert all(label == name or len(label) < len(name) for label, name, _ in labels)

    # The focus style (a larger, bold node) is on the selected node only.
    page.locator('#on-screen li[data-id="country-mali"] button').click()
    explorer.details_of("country-mali")
    large = page.evaluate(
        "async () => { await new Promise(done => requestAnimationFrame(() => done()));"
        " return window.explorer.cy.nodes().filter(n => n.width() > 24).map(n => n.id()); }"
    )
    assert large == ["country-mali"]

    # Hovering a node shows its whole name and type.
    page.wait_for_timeout(400)  # the selection's centring animation
    name = api(client, '{ location(id: "city-bamako") { name } }')["location"]["name"]
    x, y = page.evaluate(
        "() => { const p = window.explorer.cy.getElementById('city-bamako').renderedPosition();"
        " return [p.x, p.y]; }"
    )
    graph = page.locator("#graph").bounding_box()
    page.mouse.move(graph["x"] + x, graph["y"] + y)
    tip = page.locator("#tip")
    tip.wait_for(state="visible", timeout=5_000)
    assert tip.locator(".name").inner_text() == name
    assert tip.locator(".type").inner_text() == "Location"
    page.mouse.move(graph["x"] + 2, graph["y"] + 2)
    tip.wait_for(state="hidden", timeout=5_000)

    # Re-layout lays the whole drawing out again, still with no overlap.
    page.click("#relayout")
    page.locator("#status", has_text="Laid out again").wait_for(timeout=20_000)
    assert explorer.overlapping() == []

    # Fit brings every node back into view.
    page.evaluate("() => window.explorer.cy.zoom(3)")
    page.click("#fit")
    inside = page.evaluate(
        "() => { const cy = window.explorer.cy, e = cy.extent(),"
        " b = cy.nodes().boundingBox({ includeLabels: false });"
        " return b.x1 >= e.x1 && b.x2 <= e.x2 && b.y1 >= e.y1 && b.y2 <= e.y2; }"
    )
    assert inside

    # A drawing that shares nothing with what is drawn goes beside it, not on top.
    page.click("#clear")
    explorer.search_and_pick("minusma", "mission-minusma")
    first, _ = neighbourhood(client, "mission-minusma")
    explorer.wait_listed(len(first))
    second, _ = neighbourhood(client, "city-bogota")
    assert first.isdisjoint(second)  # the case under test
    explorer.search_and_pick("bogota", "city-bogota")
    explorer.wait_listed(len(first | second))
    a, b = explorer.box(first), explorer.box(second)
    assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)
    assert explorer.overlapping() == []


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two CSS colours given as ``rgb(...)``, ``rgba(...)`` or
    ``#rrggbb``."""

    def luminance(colour: str) -> float:
        if colour.startswith("#"):
            channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        else:
            channels = [int(float(c)) for c in re.findall(r"[\d.]+", colour)[:3]]
        linear = [
            c / 12.92 if c <= 10.31475 else ((c / 255 + 0.055) / 1.055) ** 2.4 * 255
            for c in channels
        ]
        r, g, b = (c / 255 for c in linear)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("rgb(118, 118, 118)", "#ffffff"), 1) == 4.5


def test_a_phone_can_search_draw_and_reach_every_relationship(
    browser: Any, live_server: str, client: TestClient
) -> None:
    """Issue 18, part 8: at 390 by 844 the page is one column: the search button on screen,
    no sideways scroll, a drawing at least 300 px wide; every relationship drawn at a node
    is a button in its panel (keyboard access); non-text contrast of controls and of the
    drawing at least 3:1."""
    with opened(browser, live_server, viewport=(390, 844)) as explorer:
        page = explorer.page
        search = page.get_by_role("button", name="Search", exact=True).bounding_box()
        assert search["x"] >= 0 and search["x"] + search["width"] <= 390
        explorer.search_and_pick("minusma", "mission-minusma")
        nodes, edges = neighbourhood(client, "mission-minusma")
        explorer.wait_listed(len(nodes))
        canvas = page.locator("#graph").bounding_box()
        assert canvas["width"] >= 300 and canvas["height"] >= 300
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        explorer.shot("explorer-phone.png")

        # The keyboard reaches each relationship at the selected node.
        panel = explorer.details_of("mission-minusma")
        at_node = {e for e in edges if "mission-minusma" in e.split("|")[::2]}
        buttons = panel.locator(".drawn-relationships button")
        assert set(buttons.evaluate_all("all => all.map(b => b.dataset.edge)")) == at_node
        buttons.first.focus()
        page.keyboard.press("Enter")
        relationship = page.locator("#details .edge-details")
        relationship.wait_for(timeout=20_000)
        assert relationship.get_attribute("data-id") in at_node

        # Non-text contrast: every enabled control's edge, and the drawing's marks.
        controls = page.eval_on_selector_all(
            "button:enabled:not(.link):not(.entity), input[type=search], select",
            """all => all.filter(e => e.offsetParent !== null).map(e => {
                 const style = getComputedStyle(e);
                 return [e.id || e.innerText, style.borderTopColor, style.borderTopWidth]; })""",
        )
        assert controls
        for name, colour, width in controls:
            assert width != "0px" and contrast(colour, "#ffffff") >= 3, (name, colour)
        marks = page.evaluate(
            """() => { const cy = window.explorer.cy;
              return [...cy.nodes().map(n => n.style('border-color')),
                      ...cy.edges().map(e => e.style('line-color'))]; }"""
        )
        assert marks and all(contrast(colour, "#ffffff") >= 3 for colour in marks), marks
    assert explorer.problems == []


REGION_PARTNERS = """query($id: ID!) { partnersConnectedToRegion(regionId: $id) {
  partner { __typename ... on PartnerAgency { id name } }
  paths { nodes { __typename ... on Location { id } ... on Mission { id }
    ... on PartnerAgency { id } ... on Officer { id } ... on Branch { id } }
    relationships { from type to } } } }"""


def humanized(value: str) -> str:
    return value.replace("_", " ").lower().capitalize()


def test_partners_in_a_region_in_one_step_and_figures_in_search(
    explorer: Explorer, client: TestClient
) -> None:
    """Issue 18, part 3: search results tell a location's kind and grouping; "Partners in
    this region" draws partnersConnectedToRegion with its paths (search, pick, one
    button); picking a partner lights its paths; figures are found by their label."""
    page = explorer.page
    page.fill("#search", "africa")
    page.press("#search", "Enter")
    hit = page.locator('#results li[data-id="region-ops-africa"]')
    hit.wait_for(timeout=20_000)
    region = api(client, '{ location(id: "region-ops-africa") { name kind grouping } }')
    region = region["location"]
    assert hit.locator(".detail").inner_text() == (
        f"{humanized(region['kind'])} · {humanized(region['grouping'])}"
    )

    hit.locator("button").click()
    panel = explorer.details_of("region-ops-africa")
    panel.get_by_role("button", name="Partners in this region").click()
    answers = api(client, REGION_PARTNERS, id="region-ops-africa")
    answers = answers["partnersConnectedToRegion"]
    assert answers, "the seed ties partners to this region"
    page.locator("#results-hint", has_text="partner(s) connected to").wait_for(timeout=20_000)
    partners = {a["partner"]["id"] for a in answers}
    path_nodes = {n["id"] for a in answers for p in a["paths"] for n in p["nodes"]}
    path_edges = {
        f"{r['from']}|{r['type']}|{r['to']}"
        for a in answers
        for p in a["paths"]
        for r in p["relationships"]
    }
    # The answer joins what picking the region drew: its neighbourhood.
    around, _ = neighbourhood(client, "region-ops-africa")
    answer = partners | path_nodes | {"region-ops-africa"}
    assert answer <= explorer.drawn() <= answer | around
    assert path_edges <= explorer.drawn("edge")
    listed = page.locator("#results li").evaluate_all("all => all.map(li => li.dataset.id)")
    assert listed == [a["partner"]["id"] for a in answers]
    assert explorer.overlapping() == []
    explorer.shot("explorer-region-partners.png")

    # Picking a partner lights exactly the paths that tie it.
    chosen = answers[0]
    page.locator(f'#results li[data-id="{chosen["partner"]["id"]}"] button').click()
    explorer.details_of(chosen["partner"]["id"])
    lit = {n["id"] for p in chosen["paths"] for n in p["nodes"]} | {
        f"{r['from']}|{r['type']}|{r['to']}" for p in chosen["paths"] for r in p["relationships"]
    }
    assert explorer.drawn(".on-path") == lit
    assert page.locator("#path-steps li").count() == min(
        len(p["relationships"]) for p in chosen["paths"]
    )

    # Figures are searchable by their label; picking one draws what it describes.
    figures = api(
        client,
        '{ figures(text: "liaison officers") { id label subject { __typename '
        "... on Branch { id } ... on Location { id } ... on Mission { id } } } }",
    )["figures"]
    assert figures
    page.fill("#search", "liaison officers")
    page.press("#search", "Enter")
    page.locator("#figure-results li").first.wait_for(timeout=20_000)
    shown = page.locator("#figure-results li").evaluate_all("all => all.map(li => li.dataset.id)")
    assert shown == [f["id"] for f in figures]
    with_subject = next(f for f in figures if f["subject"])
    page.locator(f'#figure-results li[data-id="{with_subject["id"]}"] button').click()
    details = explorer.details_of(with_subject["subject"]["id"])
    assert with_subject["label"] in details.locator(".figures").inner_text()


DISAGREEMENTS = """{ disagreements { subject { __typename ... on Branch { id name } }
  measure claims { id value asOf sources { quote } } } }"""


def test_disagreements_side_by_side(explorer: Explorer, client: TestClient) -> None:
    """Issue 18, part 6: every disagreement of the graph, its claims side by side with
    their values, dates and sources; and those of one entity under its panel."""
    page = explorer.page
    groups = api(client, DISAGREEMENTS)["disagreements"]
    assert len(groups) >= 2  # the seed's two
    page.click("#show-disagreements")
    view = page.locator("#details .disagreements-view")
    view.wait_for(timeout=20_000)
    shown = view.locator(".disagreement")
    assert shown.evaluate_all("all => all.map(d => [d.dataset.subject, d.dataset.measure])") == [
        [g["subject"]["id"], g["measure"]] for g in groups
    ]
    for index, group in enumerate(groups):
        block = shown.nth(index)
        cells = block.locator('[role="cell"]')
        ids = cells.evaluate_all("all => [...new Set(all.map(c => c.dataset.claim))]")
        assert ids == [claim["id"] for claim in group["claims"]]
        rows = block.locator('[role="row"]:not(.head)')
        values, dates, _, sources = (rows.nth(i) for i in range(4))
        for column, claim in enumerate(group["claims"]):
            assert str(claim["value"]).rstrip("0").rstrip(".") in (
                values.locator('[role="cell"]').nth(column).inner_text()
            )
            assert dates.locator('[role="cell"]').nth(column).inner_text() == (
                claim["asOf"] or "undated"
            )
            quotes = sources.locator('[role="cell"]').nth(column).locator("blockquote")
            assert quotes.all_inner_texts() == [s["quote"] for s in claim["sources"]]
    explorer.shot("explorer-disagreements.png")

    # One entity's own, under its panel.
    subject = groups[0]["subject"]
    explorer.search_and_pick(subject["name"], subject["id"])
    own = explorer.details_of(subject["id"]).locator(".disagreements .disagreement")
    own.first.wait_for(timeout=20_000)
    assert own.count() == sum(1 for g in groups if g["subject"]["id"] == subject["id"])


AS_OF = """query($id: ID!, $date: Date) { neighborhood(id: $id, asOf: $date) {
  nodes { __typename ... on Location { id } ... on Mission { id } ... on PartnerAgency { id }
    ... on Officer { id } ... on Branch { id } } edges { from type to } } }"""
ENDED = """query($ids: [ID!]!) { timeline(ids: $ids) { date kind
  entity { __typename ... on Location { id } ... on Mission { id } ... on PartnerAgency { id }
    ... on Officer { id } ... on Branch { id } } } }"""


def test_the_time_slider_draws_the_network_as_of_a_month(
    explorer: Explorer, client: TestClient
) -> None:
    """Issue 18, part 4: with "Draw as of" ticked, the slider shows what the API's `asOf`
    reads at that month (Haiti's missions before and after 2017's handover); entities whose
    own span has ended look ended."""
    page = explorer.page
    explorer.search_and_pick("haiti", "country-haiti")
    nodes, _ = neighbourhood(client, "country-haiti")
    explorer.wait_listed(len(nodes))
    page.locator("#time-filter:enabled").wait_for(timeout=20_000)

    def visible_at(month: str) -> tuple[set[str], set[str]]:
        index = page.evaluate(
            "(m) => { const s = document.querySelector('#when');"
            " for (let i = 0; i <= Number(s.max); i++) { s.value = String(i);"
            " s.dispatchEvent(new Event('input')); if (document.querySelector('#when-label')"
            ".textContent === m) return i; } return -1; }",
            month,
        )
        assert index >= 0, month
        shown = explorer.visible()
        return shown, {e for e in explorer.drawn("edge") if e in visible_edges()}

    def visible_edges() -> set[str]:
        ids: list[str] = page.evaluate(
            "() => window.explorer.cy.edges().filter(e => e.visible()).map(e => e.id())"
        )
        return set(ids)

    page.check("#time-filter")
    for month in ("2010-06", "2018-01"):
        shown, lines = visible_at(month)
        graph = api(client, AS_OF, id="country-haiti", date=month)["neighborhood"]
        assert shown == {n["id"] for n in graph["nodes"]}, month
        assert lines == {f"{e['from']}|{e['type']}|{e['to']}" for e in graph["edges"]}, month
        assert explorer.listed() == shown
        if month == "2018-01":
            explorer.shot("explorer-as-of.png")
    assert {"mission-minustah", "mission-minujusth"} <= nodes
    page.uncheck("#time-filter")
    assert explorer.visible() == nodes

    events = api(client, ENDED, ids=sorted(nodes))["timeline"]
    ended = {
        e["entity"]["id"]
        for e in events
        if e["entity"] and e["kind"] == "ENDS" and e["date"] < date.today().isoformat()
    }
    assert ended, "the case under test: something drawn has ended"
    # A mission the documents call closed is over too, dates or not.
    statuses = api(
        client,
        "query($ids: [ID!]!) { entities(ids: $ids) { ... on Mission { id status } } }",
        ids=sorted(nodes),
    )["entities"]
    closed = {e["id"] for e in statuses if e and e.get("status") == "CLOSED"}
    assert closed - ended, "the case under test: a closed mission without an end date"
    page.wait_for_function(
        f"() => window.explorer.cy.nodes('.ended').length === {len(ended | closed)}",
        timeout=20_000,
    )
    assert explorer.drawn("node.ended") == ended | closed


SCENE_STATE = """() => { const cy = window.explorer.cy; return {
  nodes: cy.nodes().map(n => [n.id(), Math.round(n.position().x), Math.round(n.position().y)]),
  edges: cy.edges().map(e => e.id()).sort(),
  path: cy.elements('.on-path').map(e => e.id()).sort(),
  filtered: cy.nodes('.filtered').map(n => n.id()).sort(),
  offDate: cy.elements('.off-date').map(e => e.id()).sort(),
  selected: cy.nodes(':selected').map(n => n.id()),
  zoom: Math.round(cy.zoom() * 100) } }"""


def test_a_view_is_shared_by_its_address_and_saved_as_images(
    browser: Any, live_server: str, explorer: Explorer
) -> None:
    """Issue 18, part 7: the whole view (entities and their positions, relationships, the
    path, the types hidden, the selection, the zoom) goes into the address and comes back
    from it in another tab; the drawing saves as PNG and as SVG."""
    page = explorer.page
    explorer.search_and_pick("minusma", "mission-minusma")
    explorer.double_click_node("country-mali")
    explorer.details_of("country-mali")  # a double-click selects too
    page.locator('#on-screen li[data-id="mission-minusma"] button').click()
    explorer.details_of("mission-minusma").get_by_role("button", name="Path from here").click()
    explorer.search_and_pick("bogota", "city-bogota")
    explorer.details_of("city-bogota").get_by_role("button", name="Path to here").click()
    page.click("#find-path")
    page.locator("#path-steps li").first.wait_for(timeout=20_000)
    page.wait_for_timeout(400)  # the fit animation
    page.get_by_label("Partner agencies").uncheck()
    page.locator("#time-filter:enabled").wait_for(timeout=20_000)
    page.check("#time-filter")
    page.evaluate(
        "() => { const s = document.querySelector('#when'); s.value = String(Number(s.max) - 24);"
        " s.dispatchEvent(new Event('input')); }"
    )
    month = page.inner_text("#when-label")
    page.locator('#on-screen li[data-id="country-mali"] button').click()
    explorer.details_of("country-mali")
    page.wait_for_timeout(400)  # the centring animation
    before = page.evaluate(SCENE_STATE)
    assert before["path"] and before["filtered"] and before["selected"] == ["country-mali"]

    page.click("#share")
    page.locator("#status", has_text="This view is in the address").wait_for(timeout=20_000)
    address = page.url.split(live_server, 1)[1]
    assert address.startswith("/explorer#scene=")

    with opened(browser, live_server, address=address) as shared:
        after = shared.page.evaluate(SCENE_STATE)
        # Positions travel at a tenth of a pixel.
        placed = {node: (x, y) for node, x, y in after.pop("nodes")}
        expected = {node: (x, y) for node, x, y in before.pop("nodes")}
        assert placed.keys() == expected.keys()
        assert all(
            abs(placed[n][0] - x) <= 1 and abs(placed[n][1] - y) <= 1
            for n, (x, y) in expected.items()
        )
        # The zoom travels at a thousandth.
        assert abs(after.pop("zoom") - before.pop("zoom")) <= 1
        assert after == before
        steps = shared.page.locator("#path-steps li")
        assert steps.count() == page.locator("#path-steps li").count()
        assert shared.page.locator("#path-from").get_attribute("data-id") == "mission-minusma"
        assert not shared.page.get_by_label("Partner agencies").is_checked()
        assert shared.page.is_checked("#time-filter")
        assert shared.page.inner_text("#when-label") == month
        assert shared.listed() == explorer.listed()
        assert shared.page.url.endswith(address)
        shared.shot("explorer-shared-view.png")
    assert shared.problems == []

    # Images of the whole drawing.
    png = explorer.download("#save-png", "ipgraph-drawing.png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    svg = explorer.download("#save-svg", "ipgraph-drawing.svg").decode("utf-8")
    assert "<svg" in svg and "MINUSMA" in svg and "Bogota" in svg


def test_a_broken_view_address_is_explained(browser: Any, live_server: str) -> None:
    for code in ("garbage!", "bm90IGRlZmxhdGU", ""):
        with opened(browser, live_server, address=f"/explorer#scene={code}") as page:
            status = page.page.locator("#status.error")
            status.wait_for(timeout=20_000)
            assert "no view this page can draw" in status.inner_text()
            assert page.drawn() == set()
        assert [p for p in page.problems if "no view" not in p] == []


@pytest.fixture(scope="module")
def generated_server(
    engine: str, tmp_path_factory: pytest.TempPathFactory, linter: CypherLinter
) -> Iterator[str]:
    """The service over a small generated graph (``ipgraph generate --scale 0.01``), whose
    branches are hubs of hundreds of officers and dozens of missions."""
    if external_neo4j(engine):
        pytest.skip("needs an engine the suite starts itself")
    server = start_engine(engine, tmp_path_factory.mktemp(f"generated-{engine}"))
    try:
        user, password = server.auth
        env = {
            **os.environ,
            "NEO4J_URI": server.uri,
            "NEO4J_USER": user,
            "NEO4J_PASSWORD": password,
            "NEO4J_DATABASE": server.database,
        }
        done = run_cli("generate", "--scale", "0.01", env=env, timeout=600)
        assert done.returncode == 0, done.stderr
        with serving(create_app(settings_for(server), observer=linter.observe)) as url:
            yield url
    finally:
        server.stop()


def live_api(url: str, query: str, **variables: Any) -> Any:
    response = httpx.post(f"{url}/graphql", json={"query": query, "variables": variables})
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


GROUPS = "query($id: ID!) { neighborGroups(id: $id) { type relationship direction count } }"
NEIGHBOR_IDS = """query($id: ID!, $type: String, $rel: String, $dir: Direction) {
  neighbors(id: $id, type: $type, relationship: $rel, direction: $dir, first: 100) {
    nodes { __typename ... on Officer { id } ... on Mission { id } ... on Location { id }
      ... on PartnerAgency { id } ... on Branch { id } } totalCount } }"""


def test_a_hub_is_drawn_by_groups_and_pages(browser: Any, generated_server: str) -> None:
    """Issue 18, part 2: expanding an entity with more than 50 neighbours shows them counted
    by type and relationship; a group is drawn a page (100) at a time, or as one group
    node that draws its next page when double-clicked; no group is ever left out."""
    url = generated_server
    branches = live_api(url, "{ branches(first: 50) { nodes { id name } } }")["branches"]["nodes"]
    sized = [
        (sum(g["count"] for g in live_api(url, GROUPS, id=b["id"])["neighborGroups"]), b)
        for b in branches
    ]
    total, hub = max(sized, key=lambda pair: pair[0])
    groups = live_api(url, GROUPS, id=hub["id"])["neighborGroups"]
    assert total > 150 and len(groups) >= 2, groups  # the case under test

    with opened(browser, url) as explorer:
        page = explorer.page
        explorer.search_and_pick(hub["name"], hub["id"])
        listed = page.locator("#hub-groups li")
        listed.first.wait_for(timeout=20_000)
        shown = listed.evaluate_all(
            "all => all.map(li => [li.dataset.type, li.dataset.relationship, li.dataset.direction,"
            " li.querySelector('.group-name span:not(.swatch)').innerText])"
        )
        assert [row[:3] for row in shown] == [
            [g["type"], g["relationship"], g["direction"]] for g in groups
        ]
        assert [int(row[3].split()[0].replace(",", "")) for row in shown] == [
            g["count"] for g in groups
        ]
        assert explorer.drawn() == {hub["id"]}  # nothing cut, nothing drawn unasked

        # The largest group, a page at a time.
        first = groups[0]
        expected = live_api(
            url,
            NEIGHBOR_IDS,
            id=hub["id"],
            type=first["type"],
            rel=first["relationship"],
            dir=first["direction"],
        )["neighbors"]
        listed.first.locator("button.draw-page").click()
        page.locator("#status", has_text="drawn").wait_for(timeout=30_000)
        assert explorer.drawn() == {hub["id"]} | {n["id"] for n in expected["nodes"]}
        assert (
            listed.first.locator(".drawn-count").inner_text() == f"{len(expected['nodes'])} drawn"
        )
        assert page.locator("#progress").is_hidden()
        assert explorer.overlapping() == []
        explorer.shot("explorer-hub-page.png")

        # Another group as one node, which draws its first page when double-clicked.
        second = groups[1]
        row = listed.nth(1)
        row.locator("button.draw-group").click()
        key = f"{hub['id']}|{second['type']}|{second['relationship']}|{second['direction']}"
        group_node = f"group:{key}"
        assert group_node in explorer.drawn("node.group")
        label = page.evaluate(
            f"() => window.explorer.cy.getElementById('{group_node}').data('label')"
        )
        assert label.startswith(f"{second['count']:,} ")
        before = explorer.drawn()
        explorer.double_click_node(group_node)
        page.wait_for_function(
            f"() => window.explorer.cy.nodes().length > {len(before)}", timeout=30_000
        )
        page.locator("#progress").wait_for(state="hidden", timeout=30_000)
        drawn_second = min(second["count"], 100)
        assert len(explorer.drawn() - before) == drawn_second - len(
            (explorer.drawn() - before) & before
        )
        remaining = page.evaluate(
            f"() => window.explorer.cy.getElementById('{group_node}').nonempty()"
        )
        assert remaining == (second["count"] > 100)
        assert explorer.overlapping() == []
        explorer.shot("explorer-hub-group.png")
    assert explorer.problems == []


def test_unknown_searches_and_bad_links_are_explained(explorer: Explorer) -> None:
    page = explorer.page
    page.fill("#search", "zzzz-nothing")
    page.press("#search", "Enter")
    page.locator("#results-hint", has_text="Nothing matches").wait_for(timeout=20_000)
    page.goto(page.url.split("#")[0] + "#no-such-entity")
    page.reload()
    status = page.locator("#status.error")
    status.wait_for(timeout=20_000)
    assert "no-such-entity" in status.inner_text()
    assert page.locator("#on-screen li").count() == 0


def fragment(query: str, type_name: str) -> str:
    """The selection of ``... on <type_name> { ... }`` in ``query``, up to the next type's."""
    start = query.index(f"... on {type_name} {{")
    end = query.find("... on ", start + 1)
    return query[start : end if end > 0 else len(query)]


def test_the_page_builds_its_queries_from_the_served_model(
    explorer: Explorer, client: TestClient
) -> None:
    served = client.get("/explorer/model.json").json()
    assert served == explorer_model()
    assert [t["name"] for t in served["types"]] == [entity.label for entity in ENTITIES]
    for entity, info in zip(ENTITIES, served["types"], strict=True):
        assert [p["name"] for p in info["properties"]] == [p.name for p in entity.properties]

    # The script names no entity type, and none of these fields: it learns them.
    script = (ROOT / "web/static/explorer/explorer.js").read_text(encoding="utf-8")
    assert [e.label for e in ENTITIES if re.search(rf"\b{e.label}\b", script)] == []
    unnamed = ("category", "authorizedDeployments", "missionCount", "postedTo", "basedIn")
    assert [name for name in unnamed if name in script] == []

    page = explorer.page
    # One type filter per served type, labelled as served.
    values = page.locator("#type-filters input").evaluate_all("inputs => inputs.map(i => i.value)")
    assert values == [t["name"] for t in served["types"]]
    for info in served["types"]:
        assert page.get_by_label(info["label"], exact=True).is_checked()

    # The side panel shows a property the script does not name, as the API gives it.
    explorer.search_and_pick("minusma", "mission-minusma")
    panel = explorer.details_of("mission-minusma")
    mission = api(client, '{ mission(id: "mission-minusma") { category partnerCount } }')["mission"]
    assert panel.locator("dt:text-is('Category') + dd").inner_text() == mission["category"]
    assert panel.locator("dt:text-is('Partner Count') + dd").inner_text() == str(
        mission["partnerCount"]
    )

    # Each type's fragment selects what the model lists: every property and count, every
    # single linked entity the API serves, and no relation it does not.
    details = explorer.sent("ExplorerDetails")[-1]
    for info in served["types"]:
        selected = fragment(details, info["name"])
        words = set(re.findall(r"\w+", selected))
        for name in [p["name"] for p in info["properties"]] + [c["name"] for c in info["counts"]]:
            assert name in words, (info["name"], name)
        for relation in info["relations"]:
            assert (relation["name"] in words) == (not relation["many"]), relation
    searched = explorer.sent("ExplorerSearch")[-1]
    assert [t["name"] for t in served["types"] if f"... on {t['name']} {{" in searched] == [
        t["name"] for t in served["types"]
    ]


def test_the_page_follows_the_model_it_is_served(
    browser: Any, live_server: str, client: TestClient
) -> None:
    """Whatever the served model says is what the page asks for and shows: here, with
    missions relabelled and their category left out."""
    model = copy.deepcopy(explorer_model())
    mission = next(t for t in model["types"] if t["name"] == "Mission")
    mission["label"] = "Operations"
    mission["properties"] = [p for p in mission["properties"] if p["name"] != "category"]
    # The operations are served with the types, built from them by the same rules.
    model.update(explorer_queries(model["types"]))
    with opened(browser, live_server, model) as explorer:
        page = explorer.page
        assert page.get_by_label("Operations", exact=True).is_checked()
        assert page.get_by_label("Missions", exact=True).count() == 0
        explorer.search_and_pick("minusma", "mission-minusma")
        panel = explorer.details_of("mission-minusma")
        assert panel.locator("dt:text-is('Acronym') + dd").inner_text() == "MINUSMA"
        assert panel.locator("dt:text-is('Status') + dd").inner_text() == "ACTIVE"
        assert panel.locator("dt:text-is('Category')").count() == 0
        sent = explorer.sent("ExplorerDetails")
        assert sent and all("category" not in fragment(q, "Mission") for q in sent)
        assert all("status" in fragment(q, "Mission") for q in sent)
    assert explorer.problems == []


READER_KEY = "explorer-reader-key-" + "k" * 24


@pytest.fixture(scope="module")
def guarded_server(live_settings: Settings, linter: CypherLinter) -> Iterator[str]:
    """The service as in production: reads need a token."""
    settings = live_settings.model_copy(
        update={"reads_need_token": True, "api_keys": SecretStr(f"{READER_KEY}:reader")}
    )
    with serving(create_app(settings, observer=linter.observe)) as url:
        yield url


def test_a_server_that_needs_a_token(browser: Any, guarded_server: str, client: TestClient) -> None:
    with opened(browser, guarded_server) as explorer:
        page = explorer.page
        page.fill("#search", "minusma")
        page.press("#search", "Enter")
        refused = page.locator("#status.error")
        refused.wait_for(timeout=20_000)
        assert "bearer token" in refused.inner_text()
        # The token is asked for once, kept in the tab, and sent with every request.
        page.click("#token-button")
        page.fill("#token", READER_KEY)
        page.press("#token", "Enter")
        explorer.search_and_pick("minusma", "mission-minusma")
        explorer.wait_listed(len(neighbourhood(client, "mission-minusma")[0]))
        # The model, refused without the token, came with it: the type filters are drawn.
        assert page.locator("#type-filters input").count() == len(ENTITIES)
        rows = explorer.export("#export-entities-csv", "ipgraph-entities.csv")
        assert "mission-minusma" in {row["id"] for row in rows}
        assert page.evaluate("() => sessionStorage.getItem('ipgraph.token')") == READER_KEY
    # Chromium logs the refused (401) request itself; nothing else may be logged.
    assert [p for p in explorer.problems if "401" not in p] == []


@pytest.fixture(scope="module")
def trusted_server(live_settings: Settings, linter: CypherLinter) -> Iterator[str]:
    """The service running registered operations only: the shipped manifest."""
    settings = live_settings.model_copy(update={"trusted_documents": SHIPPED_MANIFEST})
    with serving(create_app(settings, observer=linter.observe)) as url:
        yield url


@pytest.mark.parametrize(
    "scenario",
    [
        test_analyst_explores_a_mission_follows_a_path_and_exports,
        test_partners_in_a_region_in_one_step_and_figures_in_search,
        test_disagreements_side_by_side,
        test_the_time_slider_draws_the_network_as_of_a_month,
    ],
    ids=lambda scenario: scenario.__name__.removeprefix("test_"),
)
def test_the_page_works_where_only_registered_operations_may_run(
    browser: Any, trusted_server: str, client: TestClient, scenario: Any
) -> None:
    """Every operation the page sends is in the shipped manifest (``web.manifest``): the
    same scenarios pass against a service with IPGRAPH_TRUSTED_DOCUMENTS set to it, and
    the page sends only texts it lists."""
    manifest = json.loads(SHIPPED_MANIFEST.read_text(encoding="utf-8"))
    with opened(browser, trusted_server) as explorer:
        scenario(explorer, client)
    assert explorer.problems == [], explorer.problems
    assert explorer.queries, "the page sent nothing"
    assert [q for q in explorer.queries if q not in manifest.values()] == []
