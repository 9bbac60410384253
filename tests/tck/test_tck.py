"""TCK tests, the way @neo4j/graphql keeps them: a GraphQL operation in, the whole Cypher
text and parameters out, compared with a checked-in snapshot. No database, no Node: the
real schema runs in-process against a database that records what it is sent.

Every case runs twice: on the common subset of the engines (``BASELINE``) and with every
feature (Neo4j), since statements differ between them.

``IPGRAPH_UPDATE_SNAPSHOTS=1 uv run pytest tests/tck`` rewrites the snapshots; without it a
missing or different snapshot fails with a diff.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from graphql import FieldNode, OperationDefinitionNode, StringValueNode, parse, visit
from graphql.language import Visitor

from graph import history
from graph.capabilities import BASELINE, Capabilities
from graph.catalog import CATALOG
from graph.model import RelType
from graph.settings import Role, Settings
from resolvers.auth import Principal
from resolvers.context import Context
from schema.schema import Schema, build_schema
from tests.support import run_async
from tests.tck.cases import AT, CASES, Case
from tests.tck.recording import RecordingDatabase, Sent

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("IPGRAPH_UPDATE_SNAPSHOTS") == "1"
CAPABILITIES = {
    "baseline": BASELINE,
    "full": Capabilities(fulltext=True, nested_maps=True, filtered_shortest_path=True),
}
EDITOR = Principal("tck-editor", Role.EDITOR)
MODEL_NAMES = frozenset({*CATALOG.labels, *(t.value for t in RelType)})


@pytest.fixture(scope="module")
def schema() -> Schema:
    return build_schema()


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Changes are stamped with the time they are made: one fixed time, for snapshots."""
    monkeypatch.setattr(history, "now", lambda: AT)


_sent: dict[tuple[str, str], list[Sent]] = {}


def sent_by(schema: Schema, case: Case, caps: str) -> list[Sent]:
    """The statements ``case`` sends (run once per capabilities, both tests read them)."""
    if (case.name, caps) not in _sent:
        _sent[case.name, caps] = _execute(schema, case, CAPABILITIES[caps])
    return _sent[case.name, caps]


def _execute(schema: Schema, case: Case, caps: Capabilities) -> list[Sent]:
    db = RecordingDatabase(caps, case.answers)
    context = Context(db=db, settings=Settings(_env_file=None), principal=EDITOR)
    result = run_async(
        schema.execute(case.operation, variable_values=case.variables, context_value=context)
    )
    assert result.errors is None, [error.formatted for error in result.errors]
    return db.sent


# -- snapshot files ------------------------------------------------------------------------
#
# A statement is written on several lines, broken before each top-level clause (outside any
# bracket or string), so a diff points at the clause that changed. The break replaces one
# space, and statements hold no newline: joining the lines with spaces gives back the exact
# statement, which ``parse_snapshot`` does and the test checks.

CLAUSE = re.compile(
    r"(?:OPTIONAL MATCH|MATCH|WITH|RETURN|UNWIND|CALL|UNION|CREATE|MERGE|SET|"
    r"DETACH DELETE|DELETE)\b"
)
# Words after which a clause keyword is part of an expression or a longer clause.
NOT_A_CLAUSE_AFTER = ("STARTS", "ENDS", "OPTIONAL", "DETACH")
HEADER = re.compile(r"// (\d+) (read|write|params)")


def break_clauses(text: str) -> str:
    assert "\n" not in text, "a statement holding a newline could not be restored"
    out, depth, quote = [], 0, ""
    for i, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote and text[i - 1] != "\\" else quote
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        at_clause = (
            ch == " "
            and depth == 0
            and not quote
            and CLAUSE.match(text, i + 1)
            and not text[:i].endswith(NOT_A_CLAUSE_AFTER)
        )
        out.append("\n" if at_clause else ch)
    return "".join(out)


def render(case: Case, sent: list[Sent]) -> str:
    lines = [f"// {line}" for line in case.operation.splitlines()]
    if case.variables:
        lines.append(f"// variables: {json.dumps(case.variables, sort_keys=True)}")
    if not sent:
        lines.append("// no statements")
    for number, statement in enumerate(sent, 1):
        lines += [f"// {number} {statement.kind}", break_clauses(statement.text)]
        lines += [f"// {number} params", _json(statement.params)]
    return "\n".join(lines) + "\n"


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)


def parse_snapshot(text: str) -> list[Sent]:
    """The statements a snapshot holds (the lines before the first header describe the case)."""
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        header = HEADER.fullmatch(line)
        if header:
            sections.append((header[2], []))
        elif sections:
            sections[-1][1].append(line)
    found = []
    for (kind, body), (_, params) in zip(sections[::2], sections[1::2], strict=True):
        found.append(Sent(kind, " ".join(body), json.loads("\n".join(params))))
    return found


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as they read back from JSON (tuples are lists)."""
    loaded: dict[str, Any] = json.loads(_json(params))
    return loaded


# -- client values -------------------------------------------------------------------------


def client_strings(case: Case) -> set[str]:
    """Every string the client sent: literals in the operation and values of variables (a
    representation's ``__typename`` aside: it names a type, checked against a list)."""
    found: set[str] = set()

    class Strings(Visitor):
        def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
            found.add(node.value)

    visit(parse(case.operation), Strings())

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "__typename":
                    walk(item)

    walk(case.variables)
    return found


# -- tests -----------------------------------------------------------------------------------


def snapshot_path(case: Case, caps: str) -> Path:
    return SNAPSHOTS / f"{case.name}.{caps}.cypher"


@pytest.mark.parametrize("caps", list(CAPABILITIES))
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_statements_match_the_snapshot(schema: Schema, case: Case, caps: str) -> None:
    sent = sent_by(schema, case, caps)
    actual = render(case, sent)
    # The file is a lossless writing of the statements: what it holds is what was sent.
    assert parse_snapshot(actual) == [Sent(s.kind, s.text, _plain(s.params)) for s in sent]
    path = snapshot_path(case, caps)
    expected = path.read_text(encoding="utf-8") if path.exists() else None
    if expected == actual:
        return
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
        return
    if expected is None:
        pytest.fail(f"no snapshot {path.name}; IPGRAPH_UPDATE_SNAPSHOTS=1 writes it")
    diff = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), "snapshot", "sent", lineterm=""
    )
    pytest.fail(
        f"{path.name} differs (IPGRAPH_UPDATE_SNAPSHOTS=1 rewrites it):\n" + "\n".join(diff)
    )


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_client_values_travel_as_parameters_only(schema: Schema, case: Case) -> None:
    # Names of the model's types, checked against it, are the one exception.
    assert set(case.names) <= MODEL_NAMES, case.names
    strings = client_strings(case) - set(case.names)
    for caps in CAPABILITIES:
        for statement in sent_by(schema, case, caps):
            leaked = sorted(s for s in strings if s and s in statement.text)
            assert leaked == [], f"client values in the text of: {statement.text}"


def test_every_snapshot_belongs_to_a_case() -> None:
    wanted = {snapshot_path(case, caps) for case in CASES for caps in CAPABILITIES}
    stale = sorted(set(SNAPSHOTS.glob("*.cypher")) - wanted)
    if UPDATE:
        for path in stale:
            path.unlink()
        return
    assert stale == [], "snapshots of no case (IPGRAPH_UPDATE_SNAPSHOTS=1 removes them)"


def test_every_root_field_has_a_case(schema: Schema) -> None:
    root_types = (schema._schema.query_type, schema._schema.mutation_type)
    # _service answers from the schema alone: it sends nothing.
    fields = {name for root in root_types if root for name in root.fields} - {"_service"}
    covered = {
        selection.name.value
        for case in CASES
        for definition in parse(case.operation).definitions
        if isinstance(definition, OperationDefinitionNode)
        for selection in definition.selection_set.selections
        if isinstance(selection, FieldNode)
    }
    assert sorted(fields - covered) == []


def test_client_strings_are_literals_and_variables() -> None:
    case = Case(
        "x",
        "query($t: String!) { search(text: $t) { ... on Branch { id } } "
        'figures(subjectId: "s-1") { id } }',
        {"t": "text", "reps": [{"__typename": "Branch", "id": "b-1"}], "n": 3},
    )
    assert client_strings(case) == {"text", "s-1", "b-1"}


def test_case_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
