"""Driver errors come out of graph/ as the project's own, by what they mean to a client:
engines word the same refusal differently (ArcadeDB by message, Neo4j by code)."""

from __future__ import annotations

import pytest
from neo4j.exceptions import (
    ClientError,
    DatabaseError,
    Neo4jError,
    ServiceUnavailable,
    TransientError,
)

from graph.db import _translate
from graph.errors import (
    DatabaseBusy,
    DatabaseUnavailable,
    GraphError,
    QueryFailed,
    QueryTimeout,
    QueryTooLarge,
)


def neo4j_error(kind: type[Neo4jError], code: str, message: str) -> Exception:
    """An error as the driver builds it from a server's failure message (its class is
    chosen by the code, as the driver does)."""
    error = Neo4jError._hydrate_neo4j(code=code, message=message)
    assert isinstance(error, kind)
    return error


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ServiceUnavailable("gone"), DatabaseUnavailable),
        # Neo4j's transaction timeout, and ArcadeDB's command timeout (same code).
        (
            neo4j_error(
                ClientError,
                "Neo.ClientError.Transaction.TransactionTimedOut",
                "the command exceeded the arcadedb.command.timeout of 5000ms",
            ),
            QueryTimeout,
        ),
        # ArcadeDB's collect limit: a general error, known by its message.
        (
            neo4j_error(
                DatabaseError,
                "Neo.DatabaseError.General.UnknownError",
                "Limit of allowed elements for in-heap collect() in a single query "
                "exceeded (524288).",
            ),
            QueryTooLarge,
        ),
        # Neo4j's memory pool: known by its code.
        (
            neo4j_error(
                TransientError,
                "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
                "The allocation of an extra 2.0 MiB would use more than the limit",
            ),
            QueryTooLarge,
        ),
        (
            neo4j_error(TransientError, "Neo.TransientError.Transaction.DeadlockDetected", "x"),
            DatabaseBusy,
        ),
        (neo4j_error(ClientError, "Neo.ClientError.Statement.SyntaxError", "bad"), QueryFailed),
    ],
)
def test_driver_errors_become_the_projects_own(
    error: Exception, expected: type[GraphError]
) -> None:
    assert type(_translate(error)) is expected
