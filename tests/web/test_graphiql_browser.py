"""GraphiQL renders and runs a query in a real browser with the network cut off."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.integration


def run_first_example(page: Any, url: str, screenshot: str) -> None:
    """Open GraphiQL at ``url`` and run the example it opens with (partners of a region),
    which answers without errors."""
    page.goto(f"{url}/graphql", wait_until="networkidle")
    page.wait_for_selector(".graphiql-execute-button", timeout=20_000)
    page.click(".graphiql-execute-button")
    result = page.locator(".result-window")
    result.get_by_text("United Nations").first.wait_for(timeout=20_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / screenshot))
    text = result.inner_text()
    assert '"partnersConnectedToRegion"' in text
    assert "errors" not in text


def test_graphiql_runs_a_query_offline(browser: Any, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    def guard(route: Any) -> None:
        # The network is "cut off": anything not served by ipgraph itself fails.
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    run_first_example(page, live_server, "graphiql.png")
    assert outside == [], f"GraphiQL tried to reach outside the service: {outside}"
    # The page names its own icon (a browser would otherwise ask for /favicon.ico, which
    # the service does not have).
    assert page.locator('link[rel="icon"]').count() == 1
    assert errors == [], errors
    context.close()
