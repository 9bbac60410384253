"""The benchmark's hand-written Cypher (graph.floor) is sent by `ipgraph bench`, not by the
service, so the statement observer never sees it: Neo4j's front end checks it here."""

from __future__ import annotations

from typing import Any

import pytest

from graph import floor
from tests.cypherlint.client import CypherLinter

STATEMENTS = {
    name: value
    for name, value in vars(floor).items()
    if name.isupper()
    and isinstance(value, str)
    and value.lstrip().startswith(("MATCH", "RETURN", "CALL"))
}
PARAMS: dict[str, Any] = {"id": "gen-x", "text": "x", "query": "(x^4 OR x*^2 OR *x*)", "quote": "q"}


def test_every_floor_statement_is_found() -> None:
    assert {"ID_LOOKUP", "NESTED", "SEARCH_FULLTEXT", "GENERATED", "GENERATED_SIZES"} <= set(
        STATEMENTS
    )


@pytest.mark.integration  # Neo4j's front end runs in Node
@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_neo4j_accepts_the_floor_statement(linter: CypherLinter, name: str) -> None:
    statement = STATEMENTS[name]
    used = {key: value for key, value in PARAMS.items() if f"${key}" in statement}
    assert linter.lint(statement, used) == []
