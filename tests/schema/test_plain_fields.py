"""Plain objects completed in one loop (``schema.execution.PlainFields``) answer exactly
as graphql-core does: the query suite runs against the seeded graph through both
executors, and data and errors must be equal, case by case."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bench.run import OPERATIONS
from cli.main import open_database
from graph.settings import Role, Settings
from resolvers.auth import Principal
from resolvers.context import Context
from schema import execution
from schema.schema import build_schema
from tests.cypherlint.client import CypherLinter
from tests.support import run_async
from tests.tck.cases import CASES
from web.examples import EXAMPLES

pytestmark = pytest.mark.integration

# The TCK's made-up ids, and seeded entities of the same types to ask for instead.
SEEDED = {
    "branch-tck-ops": "branch-international-peace-operations",
    "lo-tck-bogota": "lo-bogota",
    "city-tck-bogota": "city-bogota",
    "partner-tck-un": "partner-un",
    "mission-tck-mali": "mission-op-mali",
}
# The benchmark's operations, on seeded entities rather than generated ones.
BENCH_VARIABLES = {
    "id_lookup": {"id": "mission-op-mali"},
    "nested": {"id": "country-colombia"},
    "region_partners": {"id": "region-western-hemisphere"},
    "search": {"text": "mission"},
    "big_list": {"id": "branch-international-peace-operations"},
    "history": {"id": "city-bogota"},
}
# Rows the plain path must not complete, left to graphql-core's words: a mission with no
# name (non-null) and one whose status is no value of the enum, written by hand.
BROKEN = [
    ("mission-plain-nameless", {"status": "ACTIVE", "category": "UN_MISSION"}),
    ("mission-plain-bogus", {"name": "Bogus", "status": "BOGUS", "category": "UN_MISSION"}),
]
ERRORS = [
    f'{{ mission(id: "{mission}") {{ id name status category aliases }} }}' for mission, _ in BROKEN
] + [
    '{ entities(ids: ["mission-plain-nameless", "city-bogota", "mission-plain-bogus"]) '
    "{ __typename ... on Mission { id name status } ... on Location { id name kind } } }",
    '{ branch(id: "branch-international-peace-operations") { id missions { id name } } }',
]


MAKE_BROKEN = "CREATE (m:Mission) SET m = $props"
DROP_BROKEN = "MATCH (m:Mission) WHERE m.id IN $ids DETACH DELETE m"


def _seeded(text: str) -> str:
    for made_up, real in SEEDED.items():
        text = text.replace(made_up, real)
    return text


def corpus() -> list[tuple[str, str, dict[str, Any]]]:
    found: list[tuple[str, str, dict[str, Any]]] = []
    for case in CASES:
        if case.operation.lstrip().startswith("mutation"):
            continue
        variables = json.loads(_seeded(json.dumps(case.variables)))
        found.append((f"tck:{case.name}", _seeded(case.operation), variables))
    found += [(f"example:{e['name']}", e["query"], {}) for e in EXAMPLES]
    found += [
        (f"bench:{op.name}", op.query, BENCH_VARIABLES[op.name])
        for op in OPERATIONS
        if op.name in BENCH_VARIABLES
    ]
    found += [(f"edge:{k}", query, {}) for k, query in enumerate(ERRORS)]
    return found


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
