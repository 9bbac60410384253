"""Plain objects completed in one loop (``schema.execution.PlainFields``) answer exactly
as graphql-core does: the query suite runs against the seeded graph through both
executors, and data and errors must be equal, case by case."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cli.main import open_database
from graph.settings import Role, Settings
from resolvers.auth import Principal
from resolvers.context import Context
from schema import execution
from schema.schema import build_schema
from tests.cypherlint.client import CypherLinter
from tests.schema.suite import BROKEN, DROP_BROKEN, ERRORS, MAKE_BROKEN, corpus
from tests.support import run_async

pytestmark = pytest.mark.integration


async def _answer(
    schema: Any, db: Any, settings: Settings, query: str, variables: dict[str, Any]
) -> Any:
    context = Context(db=db, settings=settings, principal=Principal("reader", Role.READER))
    result = await schema.execute(query, variable_values=variables, context_value=context)
    errors = sorted(json.dumps(error.formatted, sort_keys=True) for error in result.errors or ())
    return result.data, errors


def test_plain_fields_answer_as_graphql_core(
    live_settings: Settings, linter: CypherLinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, standard = build_schema(), build_schema(plain_fields=False)
    taken = 0
    plain_object = execution.PlainFields._plain_object

    def counted(self: Any, *args: Any) -> Any:
        nonlocal taken
        done = plain_object(self, *args)
        taken += done is not None
        return done

    monkeypatch.setattr(execution.PlainFields, "_plain_object", counted)

    async def scenario() -> list[str]:
        db = open_database(live_settings, linter.observe)
        differ = []
        try:
            for mission, props in BROKEN:
                await db.write([(MAKE_BROKEN, {"props": {"id": mission, **props}})])
            cases = corpus()
            assert len(cases) > 100
            for name, query, variables in cases:
                ours = await _answer(fast, db, live_settings, query, variables)
                theirs = await _answer(standard, db, live_settings, query, variables)
                if ours != theirs:
                    differ.append(f"{name}: {ours} != {theirs}")
            broken = [await _answer(fast, db, live_settings, query, {}) for query in ERRORS[:2]]
            assert all(errors for _, errors in broken), broken  # graphql-core's errors, kept
        finally:
            await db.write([(DROP_BROKEN, {"ids": [mission for mission, _ in BROKEN]})])
            await db.close()
        return differ

    assert run_async(scenario()) == []
    # The plain path did the work it is for (many objects), not nothing.
    assert taken > 500
