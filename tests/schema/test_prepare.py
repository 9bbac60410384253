"""Which operations are prepared (``schema.prepared.prepare``), and how a prepared one
completes rows, with a stand-in database answering the statements (unit tier; the
suite against real engines is ``test_prepared``)."""

from __future__ import annotations

import asyncio
import time
from typing import Any, LiteralString

import pytest
from graphql import GraphQLSchema, parse

from graph.capabilities import BASELINE, Capabilities
from graph.db import _deadline, _touching, deadline
from graph.settings import Role, Settings
from resolvers.auth import Principal
from resolvers.context import Context
from schema.limits import Documents
from schema.prepared import MAX_STEPS, STEP_BYTES, Fields, Operations, Prepared, prepare
from schema.schema import build_schema, row_key
from tests.support import run_async

SCHEMA: GraphQLSchema = build_schema()._schema
Row = dict[str, Any]


def _prepared(query: str, name: str | None = None) -> Prepared | None:
    return prepare(SCHEMA, parse(query), name, row_key)


@pytest.mark.parametrize(
    "query",
    [
        '{ mission(id: "m") { id name } }',
        "query Q($id: ID!) { mission(id: $id) { ...M } } fragment M on Mission { id name }",
        '{ a: mission(id: "m") { id } b: mission(id: "n") { n: name } __typename }',
        '{ search(text: "mali") { __typename ... on Mission { id } ... on Location { kind } } }',
        '{ location(id: "l") { missions(direct: true) { id } officers { totalCount } } }',
        "{ missions(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage } } }",
    ],
)
def test_reads_are_prepared(query: str) -> None:
    assert _prepared(query) is not None


@pytest.mark.parametrize(
    "query",
    [
        'mutation { deleteMission(id: "m") { deleted } }',
        '{ mission(id: "m") { id name @skip(if: true) } }',
        'query($x: Boolean!) { mission(id: "m") { id @include(if: $x) } }',
        "{ __schema { queryType { name } } }",
        '{ __type(name: "Mission") { name } }',
        "{ _service { sdl } }",
        '{ _entities(representations: [{__typename: "Mission", id: "m"}]) { __typename } }',
    ],
)
def test_what_is_left_to_strawberry(query: str) -> None:
    assert _prepared(query) is None


def test_operations_by_name_and_only_those_that_exist() -> None:
    text = "query A { __typename } query B { missions { totalCount } }"
    documents = Documents()
    operations = Operations(SCHEMA, documents, row_key)
    assert operations.get(text, "A") is None  # never validated: the general path first
    checked = documents.put(text, parse(text))
    assert operations.get(text, "A") is None  # parsed, not yet validated
    checked.errors = []
    assert operations.get(text, "A") is not None
    assert operations.get(text, "B") is not None
    for unknown in ("C", None):  # no such operation; two operations need a name
        assert operations.get(text, unknown) is None
    assert len(operations) == 2  # names sent cannot grow the cache


def test_prepared_operations_are_held_to_a_budget_of_bytes() -> None:
    documents = Documents()
    texts = [f'{{ mission(id: "{n}") {{ id name status }} }}' for n in range(5)]
    one = len(texts[0]) + 4 * STEP_BYTES  # its text, and 4 steps
    operations = Operations(SCHEMA, documents, row_key, max_bytes=2 * one)
    for text in texts:
        documents.put(text, parse(text)).errors = []
        assert operations.get(text, None) is not None
        assert operations.bytes <= 2 * one
    assert len(operations) == 2  # the newest two
    assert operations.get(texts[-1], None) is not None


def test_long_texts_count_even_when_not_prepared() -> None:
    # A long comment compiles to nothing, but the text is held: it is charged.
    documents = Documents()
    operations = Operations(SCHEMA, documents, row_key, max_bytes=250_000)
    for n in range(5):
        text = f"{{ __typename }} # {n} " + "x" * 100_000
        documents.put(text, parse(text)).errors = []
        operations.get(text, None)
        assert operations.bytes <= 250_000
    assert len(operations) == 2


def test_an_operation_too_large_is_not_prepared() -> None:
    fields = " ".join(f"f{n}: name" for n in range(MAX_STEPS))
    assert _prepared(f'{{ mission(id: "m") {{ {fields} }} }}') is None


def test_a_refused_text_is_never_prepared() -> None:
    documents = Documents()
    checked = documents.put("{ nope }", parse("{ nope }"))
    checked.errors = [Exception("refused")]  # type: ignore[list-item]
    assert Operations(SCHEMA, documents, row_key).get("{ nope }", None) is None


def test_fields_read_rows_by_their_graphql_names() -> None:
    prepared = _prepared('{ mission(id: "m") { id officerCount x: authorizedDeployments } }')
    assert prepared is not None
    (root,) = prepared.roots
    assert root.read is None  # a root field: its resolver
    assert isinstance(root.complete, Fields)
    assert [(step.key, step.read) for step in root.complete.steps] == [
        ("id", "id"),
        ("officerCount", "officerCount"),
        ("x", "authorizedDeployments"),
    ]


class StandInDatabase:
    """Answers ``mission(id:)``'s statement with ``node`` (after ``delay`` seconds) and the
    version read with 7."""

    def __init__(self, node: Row | None, delay: float = 0.0) -> None:
        self.node = node
        self.delay = delay
        self.statements: list[str] = []

    async def capabilities(self) -> Capabilities:
        return BASELINE

    async def read(self, query: LiteralString, params: Row | None = None) -> list[Row]:
        _touching()
        self.statements.append(query)
        if "ChangeLog" in query:
            return [{"seq": 7}]
        await asyncio.sleep(self.delay)
        return [] if self.node is None else [{"node": self.node}]


def _run(query: str, node: Row | None, variables: Row | None = None, delay: float = 0.0) -> Any:
    prepared = _prepared(query)
    assert prepared is not None
    db = StandInDatabase(node, delay)
    context = Context(
        db=db,  # type: ignore[arg-type]
        settings=Settings(),
        principal=Principal("reader", Role.READER),
    )
    return run_async(prepared.run(context, variables or {}))


QUERY = "query($id: ID!) { mission(id: $id) { __typename id name status armed aliases } }"


def test_a_row_completed() -> None:
    row = {"id": "m", "name": "Mali", "status": "ACTIVE", "armed": True, "aliases": ["x"]}
    answer = _run(QUERY, row, {"id": "m"})
    assert answer.data == {
        "mission": {
            "__typename": "Mission",
            "id": "m",
            "name": "Mali",
            "status": "ACTIVE",
            "armed": True,
            "aliases": ["x"],
        }
    }
    assert set(answer.extensions) == {"citation"}  # the version read beside the query


def test_an_unknown_id_is_null() -> None:
    assert _run(QUERY, None, {"id": "m"}).data == {"mission": None}


@pytest.mark.parametrize(
    ("row", "variables"),
    [
        ({"id": "m", "name": None, "status": "ACTIVE", "armed": True, "aliases": []}, {"id": "m"}),
        ({"id": "m", "name": "M", "status": "BOGUS", "armed": True, "aliases": []}, {"id": "m"}),
        (
            {"id": "m", "name": "M", "status": "ACTIVE", "armed": True, "aliases": [None]},
            {"id": "m"},
        ),
        ({"id": "m", "name": "M", "status": "ACTIVE", "armed": True}, {"id": "m"}),
        ({"id": "m", "name": "M", "status": "ACTIVE", "armed": True, "aliases": []}, {}),
        ({"id": "m", "name": "M", "status": "ACTIVE", "armed": True, "aliases": []}, {"id": 1.5}),
    ],
    ids=["null-name", "bogus-enum", "null-item", "missing-key", "missing-variable", "bad-id"],
)
def test_what_graphql_core_would_word_goes_back(row: Row, variables: Row) -> None:
    # A null in a non-null field, a value the enum refuses, a key the plan forgot,
    # variables refused: the general path answers these, with its own errors.
    assert _run(QUERY, row, variables) is None


def test_an_inner_deadline_never_extends_the_request() -> None:
    with deadline(1.0):
        outer = _deadline.get()
        with deadline(60.0):
            assert _deadline.get() == outer
        with deadline(0.001):
            inner = _deadline.get()
            assert inner is not None and outer is not None and inner < outer
    assert _deadline.get() is None


def test_a_failing_root_field_abandons_at_once() -> None:
    # One root field refuses its argument while the other's read is slow: the attempt
    # is abandoned without waiting for the read, so the general path gets the deadline.
    query = '{ a: mission(id: "m") { id } bad: searchEvidence(text: "e") { quote } }'
    started = time.monotonic()
    assert _run(query, {"id": "m"}, delay=3.0) is None
    assert time.monotonic() - started < 1.5
