"""What clients see of failures: expected errors keep their message and code; anything
else is a generic message with a correlation id, never internals."""

from __future__ import annotations

import logging

import pytest
from graphql import GraphQLError

from graph.errors import DatabaseUnavailable, QueryFailed
from resolvers.errors import BadInput
from schema.errors import classify

CYPHER = "Neo.ClientError.Statement.SyntaxError: MATCH (n:Secret) RETURN n /srv/app/graph/db.py"


def _raised(exc: Exception) -> GraphQLError:
    return GraphQLError("raw", original_error=exc, path=["mission"])


def test_unexpected_errors_hide_everything_but_a_correlation_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="ipgraph.errors"):
        safe = classify(_raised(QueryFailed(CYPHER)))
    assert safe.extensions is not None
    correlation = safe.extensions["correlationId"]
    assert safe.message == f"Internal server error (correlation id {correlation})."
    assert safe.extensions["code"] == "INTERNAL_SERVER_ERROR"
    assert "MATCH" not in str(safe.formatted) and "/srv" not in str(safe.formatted)
    # The detail is in the server log, under the same id.
    assert correlation in caplog.text and "MATCH (n:Secret)" in caplog.text


def test_expected_errors_keep_a_useful_message_and_code() -> None:
    bad = classify(_raised(BadInput("`first` must be between 0 and 100", argument="first")))
    assert bad.message == "`first` must be between 0 and 100"
    assert bad.extensions == {"code": "BAD_USER_INPUT", "argument": "first"}
    down = classify(_raised(DatabaseUnavailable("bolt://10.0.0.5:7687 refused")))
    assert down.extensions == {"code": "DATABASE_UNAVAILABLE"}
    assert "10.0.0.5" not in down.message


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_one_table_holds_every_code_a_client_can_see() -> None:
    import resolvers.mutations  # noqa: F401 - registers its error classes
    from resolvers.errors import ApiError
    from schema.errors import _GRAPH_ERRORS, ERROR_STATUS

    codes = {cls.code for cls in {ApiError, *_subclasses(ApiError)}}
    codes |= {code for code, _ in _GRAPH_ERRORS.values()}
    codes |= {"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "INTERNAL_SERVER_ERROR"}
    assert codes - set(ERROR_STATUS) == set()


@pytest.mark.parametrize(
    ("codes", "status"),
    [
        ({"BAD_USER_INPUT"}, 400),
        ({"NOT_FOUND", "BAD_USER_INPUT"}, 404),
        ({"DATABASE_UNAVAILABLE"}, 503),
        ({"DATABASE_UNAVAILABLE", "QUERY_TIMEOUT"}, 504),
        ({"UNAUTHENTICATED"}, 401),
        ({"INTERNAL_SERVER_ERROR", "BAD_USER_INPUT"}, 500),
        ({"SOMETHING_NEW"}, 400),
    ],
)
def test_a_response_answers_with_its_gravest_status(codes: set[str], status: int) -> None:
    from schema.errors import http_status

    assert http_status(codes) == status
