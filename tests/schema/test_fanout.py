"""Fragment fan-out (issue 14, B3): fragments spreading each other twice expand to 2^n
copies of the innermost one. Such a document is measured without being spread and
refused before anything walks it spread by spread, on /graphql and /export alike.

The CPU bounds are correctness bounds, not benchmarks: before the fix, depth 20 took 36 s
and depth 30 would take hours; now every document is answered or refused in a few
milliseconds. The unit tests need no database: the refusal comes before any resolver
(the app's driver points at a closed port).
"""

from __future__ import annotations

import gc
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from graphql import GraphQLError, NoFragmentCyclesRule, parse, validate
from starlette.testclient import TestClient

from graph.settings import Settings
from schema.limits import MAX_QUERY_CHARS, BoundedValidation, node_limit_rule
from schema.schema import build_schema
from schema.shape import SIZE_CAP, expansion
from tests.conftest import gql
from tests.support import run_async
from web.app import create_app

# Generous: the refusals measured take 1 to 10 ms; the fan-out took 36 s.
CPU_BOUND = 0.2


@contextmanager
def cpu() -> Iterator[Callable[[], float]]:
    """CPU seconds this process spends in the block (every thread: TestClient serves from
    one of its own). The objects already there are left out of garbage collection: by the
    end of the unit tier they are 600,000, and one full collection of them takes 0.5 s,
    whatever the request."""
    spent: list[float] = []
    gc.freeze()
    started = time.process_time()
    try:
        yield lambda: spent[0]
    finally:
        spent.append(time.process_time() - started)
        gc.unfreeze()


def fan_out(depth: int, body: Callable[[int], str] | None = None, leaf: str = "id") -> str:
    """The reproduction: F_i spreads F_{i+1} twice; F_depth selects ``leaf``."""
    body = body or (lambda n: f"...F{n} ...F{n}")
    chain = "\n".join(f"fragment F{i} on Location {{ {body(i + 1)} }}" for i in range(depth))
    return (
        '{ location(id: "city-bogota") { ...F0 } }\n'
        + chain
        + f"\nfragment F{depth} on Location {{ {leaf} }}"
    )


VARIANTS: dict[str, Callable[[int], str]] = {
    "spreads": lambda n: f"...F{n} ...F{n}",
    "inline fragments": lambda n: f"... on Location {{ ...F{n} }} ... {{ ...F{n} }}",
    "fields": lambda n: f"parent {{ ...F{n} }} children {{ ...F{n} }}",
}


def test_the_reproduction_is_860_bytes() -> None:
    assert len(fan_out(20).encode()) in range(850, 910)


# -- measured without spreading --------------------------------------------------------


def test_the_expansion_is_counted_exactly_and_linearly() -> None:
    # location + its argument and value + the spread of F0, then 2^depth - 2 spreads
    # below F0 (2 + 4 + ... + 2^depth) and 2^depth ids.
    for depth in (1, 2, 5, 12):
        expected = 4 + sum(2**k for k in range(1, depth + 1)) + 2**depth
        assert expansion(parse(fan_out(depth))).size == expected
    with cpu() as spent:
        assert expansion(parse(fan_out(60))).size == SIZE_CAP
    assert spent() < CPU_BOUND


def test_arguments_directives_and_unused_fragments_count() -> None:
    document = parse(
        """{ location(id: "x") { ...A ...A } }
        fragment A on Location { officers(first: 2, after: "c") @include(if: true) { totalCount } }
        fragment Unused on Location { id name }"""
    )
    # The operation: location, id, "x", two spreads (5); A twice: officers, first, 2,
    # after, "c", @include, if, true, totalCount (9 each). Unused: 2.
    assert expansion(document).size == 5 + 2 * 9 + 2


def test_cycles_are_refused_as_graphql_core_words_them() -> None:
    schema = build_schema([])._schema
    for text in (
        '{ location(id: "x") { ...A } } fragment A on Location { ...A }',
        '{ location(id: "x") { ...A } } fragment A on Location { id ...B } '
        "fragment B on Location { ...C } fragment C on Location { ...A }",
    ):
        document = parse(text)
        with pytest.raises(GraphQLError) as raised:
            expansion(document)
        expected = validate(schema, document, [NoFragmentCyclesRule])[0]
        assert raised.value.message == expected.message


def test_unknown_fragments_are_refused() -> None:
    with pytest.raises(GraphQLError, match=re.escape("Unknown fragment 'Nope'.")):
        expansion(parse('{ location(id: "x") { ...Nope } }'))


def test_deep_documents_do_not_exhaust_the_stack() -> None:
    # A chain of 1,500 fragments (past Python's recursion limit): walked without recursion.
    nested = '{ location(id: "x") { ' + "... { " * 150 + "id" + " }" * 150 + " } }"
    assert expansion(parse(nested)).size == 3 + 150 + 1
    chain = "\n".join(f"fragment F{i} on Location {{ ...F{i + 1} }}" for i in range(1500))
    document = '{ location(id: "x") { ...F0 } }\n' + chain + "\nfragment F1500 on Location { id }"
    assert expansion(parse(document)).size == 3 + 1501 + 1


def test_the_node_estimate_is_linear_for_the_reproduction() -> None:
    # schema/limits.py's cost is memoized per selection set: 60 fragments cost nothing.
    schema = build_schema([])._schema
    document = parse(fan_out(60, leaf="children { id }"))
    with cpu() as spent:
        errors = validate(schema, document, [node_limit_rule(500_000)])
    assert spent() < CPU_BOUND
    assert errors and errors[0].extensions == {"code": "QUERY_TOO_LARGE"}


def test_the_bound_is_the_setting() -> None:
    document = parse(fan_out(5))  # 4 + 62 + 32 = 98
    assert BoundedValidation(max_selections=98).refusal(document) is None
    refused = BoundedValidation(max_selections=97).refusal(document)
    assert refused is not None and refused.extensions == {"code": "QUERY_TOO_LARGE"}
    assert "expands to 98 selections" in refused.message and "the limit is 97" in refused.message
    assert Settings(_env_file=None).max_selections == 10_000
    assert Settings(_env_file=None, IPGRAPH_MAX_SELECTIONS="50").max_selections == 50


# -- through the service (no database: refused before any resolver) --------------------


@pytest.fixture(scope="module")
def app() -> Iterator[TestClient]:
    settings = Settings(_env_file=None, neo4j_uri="bolt://127.0.0.1:9", IPGRAPH_RETRY_TIME=0)
    with TestClient(create_app(settings)) as client:
        yield client


def _post(client: TestClient, path: str, query: str) -> tuple[float, httpx.Response]:
    with cpu() as spent:
        response = client.post(path, json={"query": query})
    return spent(), response


def _code(body: Any) -> str:
    return str(body["errors"][0]["extensions"]["code"])


@pytest.mark.parametrize("depth", [20, 30, 60])
def test_the_reproduction_is_refused_at_once(app: TestClient, depth: int) -> None:
    cpu, response = _post(app, "/graphql", fan_out(depth))
    assert cpu < CPU_BOUND
    body = response.json()
    assert body["data"] is None and _code(body) == "QUERY_TOO_LARGE"
    assert "once its fragments are spread" in body["errors"][0]["message"]


@pytest.mark.parametrize("depth", [20, 30, 60])
def test_in_process_execution_refuses_at_once(depth: int) -> None:
    # The schema as the app builds it, executed directly (as /export does).
    settings = Settings(_env_file=None, neo4j_uri="bolt://127.0.0.1:9")
    graphql_route = next(
        r for r in create_app(settings).routes if getattr(r, "path", "") == "/graphql"
    )
    schema = graphql_route.endpoint.schema  # type: ignore[attr-defined]
    with cpu() as spent:
        result = run_async(schema.execute(fan_out(depth), context_value=None))
    assert spent() < CPU_BOUND
    assert result.data is None
    assert [e.extensions for e in result.errors] == [{"code": "QUERY_TOO_LARGE"}]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variants_are_refused_at_once(app: TestClient, variant: str) -> None:
    for depth in (20, 40):
        cpu, response = _post(app, "/graphql", fan_out(depth, VARIANTS[variant]))
        assert cpu < CPU_BOUND
        assert _code(response.json()) == "QUERY_TOO_LARGE"


def test_export_refuses_the_reproduction_too(app: TestClient) -> None:
    cpu, response = _post(app, "/export", fan_out(20))
    assert cpu < CPU_BOUND
    assert response.status_code == 400 and _code(response.json()) == "QUERY_TOO_LARGE"


def test_fragment_cycles_are_refused_at_once(app: TestClient) -> None:
    # Ten fragments each spreading all the others: Strawberry's depth rule walks every
    # path (10! of them) before graphql-core's cycle rule could stop it.
    names = [f"A{i}" for i in range(10)]
    fragments = "\n".join(
        f"fragment {name} on Location {{ id {' '.join(f'...{m}' for m in names if m != name)} }}"
        for name in names
    )
    cpu, response = _post(app, "/graphql", '{ location(id: "x") { ...A0 } }\n' + fragments)
    assert cpu < CPU_BOUND
    body = response.json()
    assert body["errors"][0]["message"] == "Cannot spread fragment 'A0' within itself via 'A1'."
    assert _code(body) == "GRAPHQL_VALIDATION_FAILED"


def test_unknown_fragments_get_a_validation_error(app: TestClient) -> None:
    # Strawberry's depth rule used to fail on them with a bare "'Nope'".
    _, response = _post(app, "/graphql", '{ location(id: "x") { ...Nope } }')
    body = response.json()
    assert body["errors"][0]["message"] == "Unknown fragment 'Nope'."
    assert _code(body) == "GRAPHQL_VALIDATION_FAILED"


def test_many_fields_of_one_name_are_refused_at_once(app: TestClient) -> None:
    # No fragments at all: graphql-core's overlapping-fields rule compares every pair
    # (0.5 s for these 5 KB with its own budget).
    for field in ("parent { id }", "figures { id }", "id"):
        query = '{ location(id: "x") { ' + f"{field} " * 390 + "} }"
        cpu, response = _post(app, "/graphql", query)
        assert cpu < CPU_BOUND
        assert _code(response.json()) == "QUERY_TOO_LARGE"
    # Up to 140 copies of a leaf, 89 of a field with a selection, are still validated
    # (and then fail only for want of a database).
    for copies in ("id " * 140, "parent { id } " * 89):
        query = '{ location(id: "x") { ' + copies + "} }"
        assert _code(_post(app, "/graphql", query)[1].json()) == "DATABASE_UNAVAILABLE"


def test_documents_up_to_the_body_limit_are_refused_at_once(app: TestClient) -> None:
    size = 1_040_000
    long_ones = [
        '{ search(text: "' + "x" * size + '") { __typename } }',
        '{ search(text: "' + "\\u0041" * (size // 7) + '") { __typename } }',
        "#" + "x" * size + "\n{ __typename }",
    ]
    for query in long_ones:
        for path in ("/graphql", "/export"):
            cpu, response = _post(app, path, query)
            assert cpu < CPU_BOUND
            assert _code(response.json()) == "QUERY_TOO_LARGE", response.text[:200]
    # Up to the limit they are parsed, within the bound too.
    query = '{ search(text: "' + "\\u0041" * ((MAX_QUERY_CHARS - 60) // 6) + '") { __typename } }'
    cpu, response = _post(app, "/graphql", query)
    assert cpu < CPU_BOUND
    assert _code(response.json()) == "BAD_USER_INPUT"  # `text` is limited to 200 characters


def test_the_operation_asked_for_is_named_in_a_refusal(app: TestClient) -> None:
    query = "query Big { __typename }\n#" + "x" * (MAX_QUERY_CHARS + 1)
    response = app.post("/graphql", json={"query": query, "operationName": "Big"})
    assert response.status_code == 200
    assert _code(response.json()) == "QUERY_TOO_LARGE"


def test_the_largest_fan_out_allowed_is_refused_by_nothing_else(app: TestClient) -> None:
    # 11 levels of two spreads each: 6,146 selections, under the limit of 10,000. Its
    # validation, planning and selection conversion still spread it (2,048 ids), then the
    # missing database answers: all within the bound.
    document = fan_out(11)
    assert expansion(parse(document)).size == 6_146
    cpu, response = _post(app, "/graphql", document)
    assert cpu < CPU_BOUND
    assert _code(response.json()) in ("DATABASE_UNAVAILABLE", "QUERY_TIMEOUT")


# -- with a database -------------------------------------------------------------------

LEGITIMATE = """
query Places($id: ID!) {
  location(id: $id) { ...Place parent { ...Place ...Counts } children { ...Brief } }
  other: location(id: $id) { ...Brief ...Counts }
}
fragment Place on Location { ...Brief ...Counts description grouping parents { ...Brief } }
fragment Brief on Location { id name kind }
fragment Counts on Location { officerCount missionCount partnerCount ...Named }
fragment Named on Location { name aliases }
"""


@pytest.mark.integration
def test_a_document_of_many_distinct_fragments_is_answered(client: TestClient) -> None:
    body = gql(client, LEGITIMATE, id="city-bogota")
    assert "errors" not in body, body
    location = body["data"]["location"]  # type: ignore[index]
    assert location["id"] == "city-bogota" and location["name"]
    assert body["data"]["other"]["officerCount"] == location["officerCount"]  # type: ignore[index]


@pytest.mark.integration
def test_the_reproduction_sends_no_statement(client: TestClient) -> None:
    body = gql(client, fan_out(20))
    assert body["data"] is None and _code(body) == "QUERY_TOO_LARGE"
    stats = (body.get("extensions") or {}).get("cypher")  # type: ignore[union-attr]
    assert stats is None or stats["statements"] == 0


@pytest.mark.integration
def test_the_largest_fan_out_allowed_is_answered_within_the_bound(client: TestClient) -> None:
    gql(client, '{ location(id: "city-bogota") { id } }')  # a warm connection
    with cpu() as spent:
        body = gql(client, fan_out(11))
    assert spent() < CPU_BOUND
    assert body["data"] == {"location": {"id": "city-bogota"}}, body


@pytest.mark.integration
def test_health_answers_while_fan_outs_are_in_flight(live_server: str) -> None:
    # The service runs in this process (a uvicorn thread); two threads keep fan-outs in
    # flight (the reproduction used to hold the event loop for 36 s) while /health is
    # asked twenty times. Collection of the objects already there is left out (see cpu).
    documents = [fan_out(depth, body) for depth in (20, 30, 60) for body in VARIANTS.values()]
    stop = threading.Event()
    answered: list[tuple[float, str]] = []

    def attack() -> None:
        with httpx.Client(base_url=live_server, timeout=60) as http:
            while not stop.is_set():
                for document in documents:
                    started = time.perf_counter()
                    response = http.post("/graphql", json={"query": document})
                    answered.append((time.perf_counter() - started, _code(response.json())))

    attackers = [threading.Thread(target=attack, daemon=True) for _ in range(2)]
    waits = []
    gc.freeze()
    try:
        for thread in attackers:
            thread.start()
        with httpx.Client(base_url=live_server, timeout=10) as http:
            time.sleep(0.2)
            for _ in range(20):
                started = time.perf_counter()
                assert http.get("/health").status_code == 200
                waits.append(time.perf_counter() - started)
                time.sleep(0.02)
    finally:
        stop.set()
        for thread in attackers:
            thread.join(30)
        gc.unfreeze()
    assert len(answered) > 20 and {code for _, code in answered} == {"QUERY_TOO_LARGE"}
    assert max(seconds for seconds, _ in answered) < 1.0
    assert max(waits) < 0.1, waits
