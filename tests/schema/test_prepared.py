"""Prepared operations (``schema.prepared``) answer exactly as Strawberry's general path:
the query suite runs over HTTP against two services on the seeded graph, one preparing
repeated operations and one not, and whole responses (status, media type, data, errors,
extensions) must be equal, case by case, for both media types a client may accept."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from cli.main import open_database
from graph.settings import Settings
from schema import prepared
from tests.cypherlint.client import CypherLinter
from tests.schema.suite import BROKEN, DROP_BROKEN, MAKE_BROKEN, corpus
from tests.support import run_async
from web.app import create_app

pytestmark = pytest.mark.integration

CORRELATION = re.compile(r"\b[0-9a-f]{16}\b")
ACCEPTS = ["application/json", "application/graphql-response+json"]


# A branch whose id is the exact text of an integer past 64 bits read as a float: a body
# must be read by both paths alike, or an ID variable names another entity.
NUMERIC_ID = "123456789012345677877719597056"
BIG_INTEGER = 123456789012345678901234567890
RAW_CASES = [
    ("big-integer-id", "query($id: ID!) { branch(id: $id) { id name } }", {"id": BIG_INTEGER}),
    (
        "big-integer-ids",
        "query($ids: [ID!]!) { entities(ids: $ids) { __typename ... on Branch { id } } }",
        {"ids": [BIG_INTEGER, NUMERIC_ID]},
    ),
]
MAKE_NUMERIC = "CREATE (b:Branch) SET b = $props"
DROP_NUMERIC = "MATCH (b:Branch {id: $id}) DETACH DELETE b"


@pytest.fixture
def broken_rows(live_settings: Settings) -> Iterator[None]:
    async def write(statement: str, params: dict[str, Any]) -> None:
        db = open_database(live_settings)
        try:
            await db.write([(statement, params)])
        finally:
            await db.close()

    for mission, props in BROKEN:
        run_async(write(MAKE_BROKEN, {"props": {"id": mission, **props}}))
    numeric = {"id": NUMERIC_ID, "name": "Numeric", "kind": "BRANCH", "aliases": []}
    run_async(write(MAKE_NUMERIC, {"props": numeric}))
    try:
        yield
    finally:
        run_async(write(DROP_BROKEN, {"ids": [mission for mission, _ in BROKEN]}))
        run_async(write(DROP_NUMERIC, {"id": NUMERIC_ID}))


def _response(client: TestClient, query: str, variables: dict[str, Any], accept: str) -> Any:
    response = client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"accept": accept},
    )
    body = response.json()
    # What may differ between two answers: a timing, and the random correlation ids.
    cypher = body.get("extensions", {}).get("cypher")
    if cypher is not None:
        cypher.pop("dbTimeMs")
    text = CORRELATION.sub("<id>", json.dumps(body, sort_keys=True))
    return response.status_code, response.headers["content-type"], text


def test_prepared_operations_answer_as_the_general_path(
    live_settings: Settings,
    linter: CypherLinter,
    broken_rows: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answered: list[str] = []
    run = prepared.Prepared.run

    async def counted(self: prepared.Prepared, *args: Any, **kwargs: Any) -> Any:
        answer = await run(self, *args, **kwargs)
        if answer is not None:
            answered.append(json.dumps(answer.data, sort_keys=True))
        return answer

    monkeypatch.setattr(prepared.Prepared, "run", counted)
    general_settings = live_settings.model_copy(update={"prepared_operations": False})
    cases = corpus() + [(f"raw:{name}", query, variables) for name, query, variables in RAW_CASES]
    assert len(cases) > 100
    differ: list[str] = []
    with (
        TestClient(create_app(live_settings, observer=linter.observe)) as fast,
        TestClient(create_app(general_settings, observer=linter.observe)) as general,
    ):
        for accept in ACCEPTS:
            for name, query, variables in cases:
                _response(fast, query, variables, accept)  # the text is parsed and validated
                ours = _response(fast, query, variables, accept)  # now prepared, if it can be
                theirs = _response(general, query, variables, accept)
                if ours != theirs:
                    differ.append(f"{accept} {name}: {ours} != {theirs}")
    assert differ == [], "\n".join(differ)
    # The prepared path answered most of the suite itself (the rest went back, as the
    # hand-written broken rows must), and answered with data.
    print(f"prepared: {len(answered)} of {2 * len(cases)}")
    assert len(answered) > len(cases)
    assert all(json.loads(data) for data in answered)
