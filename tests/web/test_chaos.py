"""Issue 14's reproductions as tests, through the service on the seeded graph (both
engines): a reader's runaway query is refused before any statement, four of them at
once wedge nothing, and every request ends."""

from __future__ import annotations

import concurrent.futures
import time

import httpx
import pytest

pytestmark = pytest.mark.integration

# B1: depth 9, every list unpaged but the first (it used to pass the estimate and put the
# engine out of memory; four at once wedged it for every later request).
B1 = (
    "{ missions(first:100){ nodes{ id partners{ id missions{ id partners{ id missions{ id "
    "partners{ id missions{ id } } } } } } } } }"
)
LIGHT = '{ mission(id: "mission-minusma") { id name } }'


def post(url: str, query: str) -> tuple[int, dict[str, object], float]:
    started = time.monotonic()
    with httpx.Client(timeout=30.0) as client:
        response = client.post(url, json={"query": query})
    return response.status_code, response.json(), time.monotonic() - started


def test_a_runaway_reader_is_refused_before_any_statement(live_server: str) -> None:
    status, body, _ = post(f"{live_server}/graphql", B1)
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "QUERY_TOO_LARGE"
    assert "limit is 500,000" in error["message"]
    assert body["extensions"]["cypher"]["statements"] == 0  # type: ignore[index]
    assert status == 200  # application/json: GraphQL errors answer 200


def test_four_runaway_readers_at_once_slow_no_one_down(live_server: str) -> None:
    url = f"{live_server}/graphql"
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        runaways = [pool.submit(post, url, B1) for _ in range(4)]
        lights = [pool.submit(post, url, LIGHT) for _ in range(4)]
        for future in runaways:
            _, body, took = future.result()
            assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_LARGE"  # type: ignore[index]
            assert took < 2.0
        for future in lights:
            status, body, took = future.result()
            assert status == 200 and body["data"]["mission"]["name"]  # type: ignore[index]
            assert took < 2.0
    # And afterwards, nothing is wedged.
    status, body, took = post(url, LIGHT)
    assert status == 200 and took < 1.0
