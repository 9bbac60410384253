"""How fast the explorer draws a hub's neighbours, in a real browser (Debian chromium,
headless, via Playwright), against a running service:

    uv run python -m tests.bench.explorer --url http://127.0.0.1:8765 [--hub ID] [--pages 3]

It opens the explorer, draws the hub (its neighbours counted by group), then draws the
largest group a page of 500 at a time. For each page it reports the time from the click
to the status saying the page is drawn, split into the API's answer and the drawing, and
the longest gap between two frames the page painted meanwhile (how long the page was
unresponsive). A benchmark, not a test: the figures go to BENCHMARKS.md with the machine.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import httpx
from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

GROUPS = "query($id: ID!) { neighborGroups(id: $id) { type relationship direction count } }"
# Frames are recorded from the click on: the longest gap is the page's worst stall.
WATCH_FRAMES = """() => { window.__frames = [];
  const tick = (t) => { window.__frames.push(t);
    if (window.__frames.length < 100000) requestAnimationFrame(tick); };
  requestAnimationFrame(tick); }"""
LONGEST_GAP = """() => { const f = window.__frames; let gap = 0;
  for (let i = 1; i < f.length; i++) gap = Math.max(gap, f[i] - f[i - 1]); return gap; }"""


def busiest(url: str) -> str:
    """The branch with the most neighbours."""
    query = "{ branches(first: 100) { nodes { id } } }"
    ids = [
        b["id"]
        for b in httpx.post(f"{url}/graphql", json={"query": query}).json()["data"]["branches"][
            "nodes"
        ]
    ]

    def size(entity_id: str) -> int:
        body = httpx.post(
            f"{url}/graphql", json={"query": GROUPS, "variables": {"id": entity_id}}, timeout=60
        )
        return sum(g["count"] for g in body.json()["data"]["neighborGroups"])

    return max(ids, key=size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--hub", help="the entity to expand (default: the busiest branch)")
    parser.add_argument("--pages", type=int, default=3)
    args = parser.parse_args()
    url = args.url.rstrip("/")
    hub = args.hub or busiest(url)
    print(f"hub: {hub}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page: Any = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{url}/explorer#{hub}")
        page.wait_for_selector("body.ready", timeout=120_000)
        page.locator("#hub-groups li").first.wait_for(timeout=120_000)
        page.select_option("#page-size", "500")
        for number in range(1, args.pages + 1):
            button = page.locator("#hub-groups li").first.locator("button.draw-page")
            if button.is_disabled():
                break
            before = page.evaluate("() => window.explorer.cy.nodes().length")
            page.evaluate(WATCH_FRAMES)
            page.evaluate("() => { document.querySelector('#status').textContent = ''; }")
            with page.expect_response(lambda r: r.url.endswith("/graphql")) as answer:
                started = time.perf_counter()
                button.click()
            answered = time.perf_counter()
            answer.value.finished()
            page.locator("#status", has_text=" drawn").wait_for(timeout=120_000)
            done = time.perf_counter()
            after = page.evaluate("() => window.explorer.cy.nodes().length")
            gap = page.evaluate(LONGEST_GAP)
            print(
                f"page {number}: {after - before} new nodes ({after} drawn) in "
                f"{done - started:.2f} s (API {answered - started:.2f} s, drawing "
                f"{done - answered:.2f} s); longest frame gap {gap:.0f} ms"
            )
            page.evaluate("() => new Promise(done => setTimeout(done, 300))")
        browser.close()


if __name__ == "__main__":
    main()
