"""The per-text document cache (``schema.limits.Documents``): a repeated query text skips
parsing and validation and gets the same answer; syntax errors are never cached; the
cache stays within its bounds. In-process, no database (the operations fail before any
resolver, or need none)."""

from __future__ import annotations

import functools
from typing import Any

from graphql import parse

from graph.capabilities import BASELINE
from graph.settings import Settings
from resolvers.context import Context
from schema.errors import ErrorPolicy
from schema.limits import BoundedValidation, Documents
from schema.schema import build_schema
from tests.support import run_async
from tests.tck.recording import RecordingDatabase


def _schema(documents: Documents) -> Any:
    return build_schema(
        [
            functools.partial(ErrorPolicy, suggestions=False),
            functools.partial(BoundedValidation, max_selections=100, documents=documents),
        ]
    )


def _run(schema: Any, query: str) -> Any:
    context = Context(db=RecordingDatabase(BASELINE), settings=Settings(_env_file=None))
    return run_async(schema.execute(query, context_value=context))


def test_a_repeated_text_is_parsed_and_validated_once() -> None:
    documents = Documents()
    schema = _schema(documents)
    first = _run(schema, "{ __typename }")
    cached = documents.get("{ __typename }")
    assert cached is not None and cached.errors == []
    again = _run(schema, "{ __typename }")
    assert (first.data, again.data) == ({"__typename": "Query"}, {"__typename": "Query"})
    assert documents.get("{ __typename }") is cached  # the same document, not a new one


def test_validation_errors_are_answered_again_from_the_cache() -> None:
    documents = Documents()
    schema = _schema(documents)
    query = "{ nosuchField }"
    answers = [_run(schema, query) for _ in range(2)]
    messages = [[error.message for error in answer.errors] for answer in answers]
    assert messages[0] == messages[1] and "nosuchField" in messages[0][0]
    assert len(documents) == 1


def test_syntax_errors_are_not_cached() -> None:
    documents = Documents()
    schema = _schema(documents)
    answer = _run(schema, "{ unclosed")
    assert answer.errors and "Syntax Error" in answer.errors[0].message
    assert len(documents) == 0


def test_too_many_selections_are_refused_from_the_cache_too() -> None:
    documents = Documents()
    schema = _schema(documents)
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(150)) + " }"
    codes = [
        [error.extensions.get("code") for error in _run(schema, query).errors] for _ in range(2)
    ]
    assert codes == [["QUERY_TOO_LARGE"], ["QUERY_TOO_LARGE"]]


def test_the_cache_keeps_its_bounds_least_recently_used_out_first() -> None:
    documents = Documents(maxsize=3, max_chars=1000)
    for text in ("{ a }", "{ b }", "{ c }"):
        documents.put(text, parse(text))
    documents.get("{ a }")  # used: b is now the oldest
    documents.put("{ d }", parse("{ d }"))
    assert [documents.get(t) is not None for t in ("{ a }", "{ b }", "{ c }", "{ d }")] == [
        True,
        False,
        True,
        True,
    ]
    long = "{ " + "x " * 300 + "}"
    documents.put(long, parse(long))
    documents.put(long.replace("x", "y"), parse(long.replace("x", "y")))
    assert len(documents) <= 3
    # Two long texts do not fit in 1,000 characters: only the newest is kept.
    assert documents.get(long) is None and documents.get(long.replace("x", "y")) is not None
