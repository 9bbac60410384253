"""What clients see of failures: expected errors keep their message and code; anything
else is a generic message with a correlation id, never internals."""

from __future__ import annotations

import logging

import pytest
from graphql import GraphQLError, OperationDefinitionNode, VariableDefinitionNode, parse

from graph.errors import DatabaseUnavailable, QueryFailed, WriteOutcomeUnknown
from resolvers.errors import BadInput
from schema.errors import (
    MAX_VARIABLE_DEPTH,
    classify,
    code_for_status,
    refusal,
    variable_problem,
    wants_graphql_response,
)

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
    unknown = classify(_raised(WriteOutcomeUnknown("the write ran past its time limit")))
    assert unknown.extensions == {"code": "QUERY_TIMEOUT"}
    assert "may still have been applied" in unknown.message
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


# ---- errors graphql-core raises before execution ---------------------------------------


def _variable_definition(name: str) -> VariableDefinitionNode:
    operation = parse(f"query(${name}: Int) {{ __typename }}").definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation.variable_definitions[0]


def test_a_variable_value_graphql_core_refuses_is_bad_user_input(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # graphql-core wraps the value's own error (a GraphQLError, itself maybe wrapping a
    # KeyError) in one naming the variable, with no path: nothing has run yet.
    inner = GraphQLError("Value 'NOPE' does not exist in 'MissionStatus' enum.")
    error = GraphQLError(
        "Variable '$f' has invalid value at .status: Value 'NOPE' does not exist.",
        _variable_definition("f"),
        original_error=inner,
    )
    with caplog.at_level(logging.DEBUG):
        safe = classify(error)
    assert safe.extensions == {"code": "BAD_USER_INPUT", "variable": "f"}
    assert safe.message == error.message
    assert caplog.records == []
    nested = classify(GraphQLError("Variable values are nested too deeply."))
    assert nested.extensions == {"code": "BAD_USER_INPUT"}


def test_parse_and_validation_errors_keep_their_codes() -> None:
    syntax = classify(GraphQLError("Syntax Error: Expected Name, found <EOF>."))
    assert syntax.extensions == {"code": "GRAPHQL_PARSE_FAILED"}
    unused = GraphQLError("Variable '$x' is never used.", _variable_definition("x"))
    assert classify(unused).extensions == {"code": "GRAPHQL_VALIDATION_FAILED"}
    limited = GraphQLError("too many", extensions={"code": "QUERY_TOO_LARGE"})
    assert classify(limited).extensions == {"code": "QUERY_TOO_LARGE"}


def test_a_value_we_cannot_serialize_stays_a_fault_of_ours(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The same kind of GraphQLError, raised by a field (it has a path): our bug.
    wrapped = GraphQLError(
        "Int cannot represent non-integer value: 'x'",
        path=["mission", "authorizedDeployments"],
        original_error=GraphQLError("Int cannot represent non-integer value: 'x'"),
    )
    with caplog.at_level(logging.ERROR, logger="ipgraph.errors"):
        safe = classify(wrapped)
    assert safe.extensions is not None
    assert safe.extensions["code"] == "INTERNAL_SERVER_ERROR"
    assert safe.extensions["correlationId"] in caplog.text


def test_variables_not_unicode_or_too_deep_are_named() -> None:
    document = parse("query($f: MissionFilter, $t: String, $ok: String) { __typename }")
    assert variable_problem(document, None, {"ok": "Bogotá ✓", "unused": "\ud800"}) is None
    text = variable_problem(document, None, {"t": "a\ud800b"})
    assert text is not None and text.extensions == {"code": "BAD_USER_INPUT", "variable": "t"}
    assert text.message.startswith("Variable '$t' has invalid value: the text holds a lone")
    inside = variable_problem(document, None, {"f": {"AND": [{"name": "\udfff"}]}})
    assert inside is not None and "at .AND[0].name" in inside.message
    key = variable_problem(document, None, {"f": {"\ud800": 1}})
    assert key is not None and "field name" in key.message
    deep: dict[str, object] = {}
    for _ in range(MAX_VARIABLE_DEPTH + 1):
        deep = {"AND": [deep]}
    too_deep = variable_problem(document, None, {"f": deep})
    assert too_deep is not None and "nested more than" in too_deep.message
    assert variable_problem(document, None, {"f": {"AND": [{}] * 3}}) is None


@pytest.mark.parametrize(
    ("accept", "wanted"),
    [
        (None, False),
        ("", False),
        ("application/json", False),
        ("*/*", False),
        ("application/graphql-response+json", True),
        ("Application/GraphQL-Response+JSON; charset=utf-8", True),
        ("application/json, application/graphql-response+json", True),
        ("application/graphql-response+json;q=0.9, application/json", False),
        ("application/graphql-response+json;q=0", False),
        ("application/graphql-response+json;q=0.5, */*;q=0.1", True),
        ("application/graphql-response+json;q=bad", False),
    ],
)
def test_the_media_type_follows_accept(accept: str | None, wanted: bool) -> None:
    assert wants_graphql_response(accept) is wanted


def test_refusals_are_ascii_json_and_coded_by_status() -> None:
    response = refusal('Unknown operation named "\ud800".', "BAD_REQUEST")
    assert response.body == (
        b'{"errors":[{"message":"Unknown operation named \\"\\ud800\\".",'
        b'"extensions":{"code":"BAD_REQUEST"}}]}'
    )
    assert code_for_status(405) == "METHOD_NOT_ALLOWED"
    assert code_for_status(404) == "NOT_FOUND"
    assert code_for_status(418) == "BAD_REQUEST"
    assert code_for_status(502) == "INTERNAL_SERVER_ERROR"
