"""The explorer's map view in a real browser (issue 18, part 5): what is drawn, on a world
map of the service's own (d3-geo, Natural Earth countries), each place at its coordinates
and each entity without any at the mean of its drawn neighbours', on a closed network
under the page's content security policy."""

from __future__ import annotations

import math
import re

import pytest
from starlette.testclient import TestClient

from graph.model import ENTITIES
from tests.conftest import ROOT
from tests.web.test_explorer_browser import Explorer, api, contrast, neighbourhood

# The page on a closed network, failing the test on any problem the page logs.
from tests.web.test_explorer_browser import explorer as explorer

pytestmark = pytest.mark.integration

PLACES = """query($ids: [ID!]!) { entities(ids: $ids) {
  __typename ... on Location { id name latitude longitude } } }"""

MARKERS = """() => [...document.querySelectorAll('#canvas .map .marker')].map(m => {
  const box = m.querySelector('.symbol').getBoundingClientRect();
  return { id: m.dataset.id, lat: Number(m.dataset.lat), lon: Number(m.dataset.lon),
           x: Number(m.dataset.x), y: Number(m.dataset.y),
           cx: box.x + box.width / 2, cy: box.y + box.height / 2,
           byNeighbours: m.classList.contains('by-neighbours'),
           title: m.querySelector('title').textContent }; })"""


def mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean of (latitude, longitude) points on the sphere, as the page takes it."""
    if all(point == points[0] for point in points):
        return points[0]
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    return math.degrees(math.asin(z / math.hypot(x, y, z))), math.degrees(math.atan2(y, x))


def test_the_map_shows_what_is_drawn_where_it_is(
    explorer: Explorer,
    client: TestClient,
) -> None:
    page = explorer.page
    # MINUSMA with Mali expanded, a liaison post (an officer: no coordinates of its own)
    # and Ottawa: places in Africa and the Americas, and entities placed by their neighbours.
    explorer.search_and_pick("minusma", "mission-minusma")
    expected: set[str] = set()
    for entity in ("mission-minusma", "country-mali", "lo-bogota", "city-ottawa"):
        page.evaluate("(id) => window.explorer.expand(id)", entity)
        expected |= neighbourhood(client, entity)[0]
    explorer.wait_listed(len(expected))
    drawn = explorer.drawn()
    assert drawn == expected
    edges = [edge.split("|") for edge in explorer.drawn("edge")]

    # The coordinates came with the nodes the page fetched: no request per node.
    sent = len(explorer.queries)
    places = {
        entity["id"]: (entity["latitude"], entity["longitude"])
        for entity in api(client, PLACES, ids=sorted(drawn))["entities"]
        if entity.get("latitude") is not None
    }
    assert {"city-bogota", "city-bamako", "country-mali", "city-ottawa"} <= places.keys()
    neighbours: dict[str, set[str]] = {node: set() for node in drawn}
    for source, _, target in edges:
        neighbours[source].add(target)
        neighbours[target].add(source)
    by_neighbours = {
        node: mean([places[n] for n in sorted(neighbours[node]) if n in places])
        for node in drawn - places.keys()
        if neighbours[node] & places.keys()
    }
    assert {"lo-bogota", "mission-minusma"} <= by_neighbours.keys()
    unplaced = drawn - places.keys() - by_neighbours.keys()
    assert unplaced, "the case under test: entities with no place drawn near them"

    # Open the map: the toggle is pressed, the basemap drawn, the network covered.
    toggle = page.locator("#map-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    page.locator("#canvas .map[data-state=ready]").wait_for(timeout=20_000)
    assert page.locator("#canvas .map .country").count() > 100
    assert page.locator('#canvas .map .country[data-name="Mali"]').count() == 1
    # (The page reads the drawing's dates for its time slider whenever the drawing grows.)
    asked = [q for q in explorer.queries[sent:] if "query ExplorerTimeline(" not in q]
    assert asked == [], "the map asked the API for more"

    # A marker for every place drawn, at its coordinates, and for every entity placed by
    # its neighbours, at the mean of theirs; nothing else.
    markers = {marker["id"]: marker for marker in page.evaluate(MARKERS)}
    assert markers.keys() == places.keys() | by_neighbours.keys()
    project = "([lon, lat]) => window.explorer.map.project(lon, lat)"
    for node, (lat, lon) in {**places, **by_neighbours}.items():
        marker = markers[node]
        assert marker["byNeighbours"] == (node not in places), node
        assert math.isclose(marker["lat"], lat, abs_tol=1e-6), node
        assert math.isclose(marker["lon"], lon, abs_tol=1e-6), node
        x, y = page.evaluate(project, [lon, lat])
        assert math.isclose(marker["x"], x, abs_tol=1e-6) and math.isclose(marker["y"], y), node
    # ...which is where the basemap has the country: the point lies inside its outline.
    inside = """([country, x, y]) => document.querySelector(
        `#canvas .map .country[data-name="${country}"]`).isPointInFill(new DOMPoint(x, y))"""
    for node, country in (
        ("city-bamako", "Mali"),
        ("country-mali", "Mali"),
        ("city-bogota", "Colombia"),
        ("city-ottawa", "Canada"),
        ("lo-bogota", "Colombia"),
    ):
        assert page.evaluate(inside, [country, markers[node]["x"], markers[node]["y"]]), node
    # On screen: Bogota west of Bamako, Ottawa north of Bogota; the liaison post at its city.
    assert markers["city-bogota"]["cx"] < markers["city-bamako"]["cx"] - 100
    assert markers["city-ottawa"]["cy"] < markers["city-bogota"]["cy"] - 100
    assert (markers["lo-bogota"]["x"], markers["lo-bogota"]["y"]) == (
        markers["city-bogota"]["x"],
        markers["city-bogota"]["y"],
    )
    assert "Bogota" in markers["lo-bogota"]["title"]
    names = api(client, '{ officer(id: "lo-bogota") { name } }')["officer"]["name"]
    assert markers["lo-bogota"]["title"].startswith(names)

    # Relationships: a line between every two ends on the map.
    lines = set(
        page.locator("#canvas .map .map-links line").evaluate_all(
            "all => all.map(line => line.dataset.id)"
        )
    )
    assert lines == {"|".join(edge) for edge in edges if edge[0] in markers and edge[2] in markers}

    # The rest are listed, and counted, as not on the map.
    summary = page.locator("#canvas .map .map-unplaced summary").inner_text()
    assert re.search(r"Not on the map \((\d+)\)", summary)[1] == str(len(unplaced))  # type: ignore[index]
    listed = page.locator("#canvas .map .map-unplaced li").evaluate_all(
        "all => all.map(li => li.dataset.id)"
    )
    assert set(listed) == unplaced and len(listed) == len(unplaced)

    # Marks stand out from the basemap (non-text contrast 3:1): outlines and lines.
    colours = page.evaluate(
        """() => { const style = (selector, property) =>
             getComputedStyle(document.querySelector(selector))[property];
           return { outline: style('#canvas .map .marker .symbol', 'stroke'),
                    line: style('#canvas .map .map-links line', 'stroke'),
                    land: style('#canvas .map .country', 'fill'),
                    sea: style('#canvas .map .map-sphere', 'fill') }; }"""
    )
    for mark in ("outline", "line"):
        for ground in ("land", "sea"):
            assert contrast(colours[mark], colours[ground]) >= 3, (mark, ground, colours)

    # Clicking a marker selects its entity: the side panel shows it, with where its
    # coordinates come from.
    page.locator('#canvas .map .marker[data-id="city-bogota"] .symbol').click()
    panel = explorer.details_of("city-bogota")
    bogota = api(
        client,
        '{ location(id: "city-bogota") { latitude coordinatesSource coordinatesReasoning } }',
    )["location"]
    assert panel.locator("dt:text-is('Latitude') + dd").inner_text() == str(bogota["latitude"])
    assert (
        panel.locator("dt:text-is('Coordinates Source') + dd").inner_text()
        == (bogota["coordinatesSource"])
    )
    assert (
        panel.locator("dt:text-is('Coordinates Reasoning') + dd").inner_text()
        == (bogota["coordinatesReasoning"])
    )
    selected = page.locator("#canvas .map .marker.selected")
    selected.wait_for(timeout=5_000)
    assert selected.get_attribute("data-id") == "city-bogota"
    # ...from the keyboard too, and the focus stays on the marker as the map is redrawn.
    page.locator('#canvas .map .marker[data-id="city-bamako"]').focus()
    page.keyboard.press("Enter")
    explorer.details_of("city-bamako")
    page.locator("#canvas .map .marker.selected[data-id='city-bamako']").wait_for(timeout=5_000)
    assert page.evaluate("() => document.activeElement.dataset.id") == "city-bamako"
    # ...and so does a name in the list of those not on the map.
    first = sorted(unplaced)[0]
    page.locator(f'#canvas .map .map-unplaced li[data-id="{first}"] button').click()
    explorer.details_of(first)
    page.locator('#canvas .map .marker[data-id="city-bogota"] .symbol').click()
    explorer.details_of("city-bogota")

    # Pan and zoom move the world and the markers together.
    before = page.evaluate(MARKERS)
    page.get_by_role("button", name="Zoom in").click()
    page.wait_for_timeout(400)  # the zoom's transition
    after = {marker["id"]: marker for marker in page.evaluate(MARKERS)}
    gap = lambda ms: abs(ms["city-bogota"]["cx"] - ms["city-bamako"]["cx"])  # noqa: E731
    assert gap(after) > 1.5 * gap({m["id"]: m for m in before})
    assert page.evaluate(inside, ["Colombia", after["city-bogota"]["x"], after["city-bogota"]["y"]])
    page.get_by_role("button", name="Fit the map to what is on it").click()
    page.wait_for_timeout(400)
    explorer.shot("explorer-map.png")

    # A type filter applies to the map too.
    page.get_by_label("Officers and posts").uncheck()
    page.wait_for_function(
        "() => !document.querySelector('#canvas .map .marker[data-id=\"lo-bogota\"]')"
    )
    page.get_by_label("Officers and posts").check()
    page.locator('#canvas .map .marker[data-id="lo-bogota"]').wait_for(timeout=5_000)

    # Toggling back shows the network.
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.locator("#canvas .map").is_hidden()
    assert page.locator("#relayout").is_visible() and page.locator("#graph").is_visible()


def test_the_map_script_names_no_entity_type() -> None:
    script = (ROOT / "web/static/explorer/map.js").read_text(encoding="utf-8")
    assert [e.label for e in ENTITIES if re.search(rf"\b{e.label}\b", script)] == []
