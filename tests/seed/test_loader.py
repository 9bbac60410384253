"""The seed loader (``seed.loader``) and ``ipgraph seed``.

Validation (``load_files``) is checked on small seed folders written per test; the
one-transaction write (``apply``, ``Database.write``) against the session's engine;
the command itself by running the real CLI, each run on a fresh embedded engine.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

from cli.main import open_database
from graph import history, loading, writes
from graph.db import Database
from graph.errors import ConstraintViolation
from graph.model import ENTITY_LABELS, REL_ENDPOINTS, Label, RelType
from graph.settings import Settings
from seed.loader import DATA_DIR, SeedData, SeedError, apply, load_files
from seed.schema import DOCUMENTS
from tests.cypherlint.client import CypherLinter
from tests.support import run_async, run_cli

T = TypeVar("T")

SOURCE = {"document": DOCUMENTS[0], "quote": "a quote"}


def minimal_files(prefix: str = "") -> dict[str, list[dict[str, Any]]]:
    """One valid entry per entity file, two relationships and a figure."""

    def entry(**fields: Any) -> dict[str, Any]:
        return {**fields, "sources": [dict(SOURCE)]}

    return {
        "branches.yaml": [entry(id=f"{prefix}branch-a", name="Branch A", kind="BRANCH")],
        "officers.yaml": [entry(id=f"{prefix}officer-a", name="Officer A")],
        "locations.yaml": [entry(id=f"{prefix}city-a", name="City A", kind="CITY")],
        "partners.yaml": [entry(id=f"{prefix}partner-a", name="Partner A", kind="PROGRAM")],
        "missions.yaml": [
            entry(id=f"{prefix}mission-a", name="Mission A", status="ACTIVE", category="UN_MISSION")
        ],
        "relationships.yaml": [
            entry(type="POSTED_TO", **{"from": f"{prefix}officer-a"}, to=f"{prefix}city-a"),
            entry(type="MANAGED_BY", **{"from": f"{prefix}mission-a"}, to=f"{prefix}branch-a"),
        ],
        "figures.yaml": [
            entry(
                id=f"{prefix}fig-a",
                label="A figure",
                measure="things-counted",
                value=3,
                subject=f"{prefix}mission-a",
            )
        ],
    }


MINIMAL_IDS = ["branch-a", "officer-a", "city-a", "partner-a", "mission-a", "fig-a"]


def write_files(folder: Path, files: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, entries in files.items():
        (folder / name).write_text(
            yaml.safe_dump(entries, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return folder


def problems_in(folder: Path) -> list[str]:
    with pytest.raises(SeedError) as info:
        load_files(folder)
    assert str(info.value) == f"{len(info.value.problems)} problem(s) in the seed files"
    return info.value.problems


# --------------------------------------------------------------------------- validation


def test_minimal_files_load(tmp_path: Path) -> None:
    data = load_files(write_files(tmp_path, minimal_files()))
    assert {entity_id: label for entity_id, (label, _) in data.entities.items()} == {
        "branch-a": Label.BRANCH,
        "officer-a": Label.OFFICER,
        "city-a": Label.LOCATION,
        "partner-a": Label.PARTNER_AGENCY,
        "mission-a": Label.MISSION,
    }
    assert [(r.type, r.from_, r.to) for r in data.relationships] == [
        ("POSTED_TO", "officer-a", "city-a"),
        ("MANAGED_BY", "mission-a", "branch-a"),
    ]
    assert [(f.id, f.subject) for f in data.figures] == [("fig-a", "mission-a")]


# (file, entry to append, the start of the one problem expected)
INVALID_ENTRIES = [
    pytest.param(
        "missions.yaml",
        {"id": "mission-b", "name": "B", "status": "PAUSED", "category": "UN_MISSION"},
        "missions.yaml:10: entry mission-b: field status: Input should be 'ACTIVE'",
        id="bad-enum",
    ),
    pytest.param(
        "locations.yaml",
        {"id": "city-b", "name": "B", "kind": "VILLAGE"},
        "locations.yaml:9: entry city-b: field kind: Input should be 'REGION'",
        id="wrong-kind",
    ),
    pytest.param(
        "branches.yaml",
        {"id": "branch-b", "name": "B", "kind": "BRANCH", "descripton": "typo"},
        "branches.yaml:10: entry branch-b: field descripton: unknown field (did you mean "
        "description?)",
        id="misspelt-field",
    ),
    pytest.param(
        "officers.yaml",
        {"id": "Officer B", "name": "B"},
        "officers.yaml:6: entry 'Officer B': field id: should be a lower-case slug",
        id="id-not-a-slug",
    ),
    pytest.param(
        "partners.yaml",
        {"name": "B", "kind": "PROGRAM"},
        "partners.yaml:7: entry #2: field id: Field required",
        id="no-id",
    ),
    pytest.param(
        "figures.yaml",
        {"id": "fig-b", "label": "B", "measure": "b", "value": 1, "qualifier": "roughly"},
        "figures.yaml:13: entry fig-b: field qualifier: Input should be 'exactly'",
        id="figure-field",
    ),
    pytest.param(
        "relationships.yaml",
        {"type": "LIVES_IN", "from": "officer-a", "to": "city-a"},
        "relationships.yaml:13: entry LIVES_IN officer-a -> city-a: field type: Input should be",
        id="unknown-relationship-type",
    ),
]


@pytest.mark.parametrize(("filename", "entry", "expected"), INVALID_ENTRIES)
def test_a_problem_names_file_entry_and_field(
    tmp_path: Path, filename: str, entry: dict[str, Any], expected: str
) -> None:
    files = minimal_files()
    files[filename].append({**entry, "sources": [dict(SOURCE)]})
    (problem,) = problems_in(write_files(tmp_path, files))
    assert problem.startswith(expected), problem


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Lines: the entry starts at 1, its sources at 6, the first source's fields at 7.
        ({"document": "005_unknown.txt", "quote": "q"}, "7: {}: field sources[0].document: Input"),
        ({"document": DOCUMENTS[1]}, "7: {}: field sources[0].quote: Field required"),
        ({**SOURCE, "asOf": "May 2020"}, "9: {}: field sources[0].asOf: should be a date written"),
        ({**SOURCE, "inferred": True}, "7: {}: field sources[0]: an inferred source needs"),
        ({**SOURCE, "reasoning": "because"}, "7: {}: field sources[0]: reasoning is only"),
    ],
)
def test_a_bad_source_is_named_down_to_its_field(
    tmp_path: Path, source: dict[str, Any], expected: str
) -> None:
    files = minimal_files()
    files["figures.yaml"][0]["sources"] = [source]
    (problem,) = problems_in(write_files(tmp_path, files))
    assert problem.startswith(f"figures.yaml:{expected.format('entry fig-a')}"), problem


def test_an_entry_without_sources_is_rejected(tmp_path: Path) -> None:
    files = minimal_files()
    files["partners.yaml"][0]["sources"] = []
    (problem,) = problems_in(write_files(tmp_path, files))
    assert problem.startswith("partners.yaml:4: entry partner-a: field sources: List should")


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    files = minimal_files()
    files["locations.yaml"].append({"id": "branch-a", "name": "X", "kind": "CITY", **_sourced()})
    files["figures.yaml"].append(
        {"id": "mission-a", "label": "X", "measure": "x", "value": 1, **_sourced()}
    )
    files["figures.yaml"].append(
        {"id": "fig-a", "label": "X", "measure": "x", "value": 2, **_sourced()}
    )
    assert problems_in(write_files(tmp_path, files)) == [
        "locations.yaml:7: entry branch-a: field id: duplicate of an entry in branches.yaml",
        "figures.yaml:9: entry mission-a: field id: duplicate id",
        "figures.yaml:16: entry fig-a: field id: duplicate id",
    ]


def _sourced() -> dict[str, Any]:
    return {"sources": [dict(SOURCE)]}


def test_relationship_endpoints(tmp_path: Path) -> None:
    files = minimal_files()
    files["relationships.yaml"] += [
        # A branch is not posted anywhere: only officers are.
        {"type": "POSTED_TO", "from": "branch-a", "to": "city-a", **_sourced()},
        {"type": "POSTED_TO", "from": "officer-a", "to": "city-nowhere", **_sourced()},
        {"type": "MEMBER_OF", "from": "officer-x", "to": "partner-y", **_sourced()},
        # The same relationship twice.
        {"type": "MANAGED_BY", "from": "mission-a", "to": "branch-a", **_sourced()},
    ]
    assert problems_in(write_files(tmp_path, files)) == [
        "relationships.yaml:13: entry POSTED_TO branch-a -> city-a: field type: "
        "POSTED_TO cannot join Branch to Location",
        "relationships.yaml:21: entry POSTED_TO officer-a -> city-nowhere: field to: "
        "no entity has id 'city-nowhere'",
        "relationships.yaml:26: entry MEMBER_OF officer-x -> partner-y: field from: "
        "no entity has id 'officer-x'",
        "relationships.yaml:27: entry MEMBER_OF officer-x -> partner-y: field to: "
        "no entity has id 'partner-y'",
        "relationships.yaml:31: entry MANAGED_BY mission-a -> branch-a: duplicate relationship",
    ]


def test_figure_subject_must_exist(tmp_path: Path) -> None:
    files = minimal_files()
    files["figures.yaml"][0]["subject"] = "mission-ghost"
    assert problems_in(write_files(tmp_path, files)) == [
        "figures.yaml:5: entry fig-a: field subject: no entity has id 'mission-ghost'"
    ]


def test_invalid_yaml_reports_the_line(tmp_path: Path) -> None:
    folder = write_files(tmp_path, minimal_files())
    (folder / "partners.yaml").write_text(
        "- id: partner-a\n  name: Partner A\n kind: PROGRAM\n", encoding="utf-8"
    )
    assert problems_in(folder) == [
        "partners.yaml:3: not valid YAML (column 2): expected <block end>, but found "
        "'<block mapping start>' (while parsing a block collection at line 1)"
    ]


def test_missing_file_and_wrong_shape(tmp_path: Path) -> None:
    folder = write_files(tmp_path, minimal_files())
    (folder / "officers.yaml").unlink()
    (folder / "branches.yaml").write_text("id: branch-a\n", encoding="utf-8")
    # References to entities that may be in the unread files are left unchecked.
    assert problems_in(folder) == [
        "branches.yaml:1: must be a list of entries (`- id: …`)",
        "officers.yaml: file is missing",
    ]


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    files = minimal_files()
    files["missions.yaml"][0]["status"] = "PAUSED"
    files["missions.yaml"][0]["armed"] = "sometimes"
    files["locations.yaml"].append({"id": "city-b", "name": "B", "kind": "VILLAGE", **_sourced()})
    files["relationships.yaml"].append(
        {"type": "POSTED_TO", "from": "officer-a", "to": "city-nowhere", **_sourced()}
    )
    files["figures.yaml"][0]["subject"] = "officer-ghost"
    folder = write_files(tmp_path, files)
    (folder / "partners.yaml").write_text("- id: [partner-a\n", encoding="utf-8")
    problems = problems_in(folder)
    # With partners.yaml unread, a reference that may name a partner agency (any figure
    # subject) is left unchecked; a location is still checked.
    assert problems == [
        "locations.yaml:9: entry city-b: field kind: Input should be 'REGION', 'COUNTRY', "
        "'TERRITORY', 'CITY' or 'SITE'",
        "partners.yaml:2: not valid YAML (column 1): expected ',' or ']', but got "
        "'<stream end>' (while parsing a flow sequence at line 1)",
        "missions.yaml:3: entry mission-a: field status: Input should be 'ACTIVE', "
        "'UNDER_REVIEW' or 'CLOSED'",
        "missions.yaml:8: entry mission-a: field armed: should be true or false",
        "relationships.yaml:15: entry POSTED_TO officer-a -> city-nowhere: field to: "
        "no entity has id 'city-nowhere'",
    ]


def test_an_invalid_entry_is_reported_once(tmp_path: Path) -> None:
    files = minimal_files()
    files["missions.yaml"][0]["status"] = "PAUSED"
    problems = problems_in(write_files(tmp_path, files))
    # Not also "field from: no entity has id 'mission-a'" (MANAGED_BY) and
    # "field subject: no entity has id 'mission-a'" (the figure).
    assert len(problems) == 1, problems
    assert problems[0].startswith("missions.yaml:3: entry mission-a: field status: ")


# --------------------------------------------------------------------------- one transaction


class Interrupted(Exception):
    """Raised from inside the write transaction, after its statements ran."""


PROBE = "test-loader-probe-"
# The entities, not the registry nodes that hold their ids (``graph.writes``).
PROBE_NODES = (
    "MATCH (n) WHERE n.id STARTS WITH $prefix AND NOT n:EntityId RETURN n.id AS id ORDER BY id"
)
PROBE_RELS = (
    "MATCH (a)-[r]->(b) WHERE a.id STARTS WITH $prefix "
    "RETURN type(r) AS type, a.id AS from, b.id AS to ORDER BY type"
)
PROBE_DELETE = "MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n"
# The history's changes of the probe's entities and relationships.
PROBE_CHANGES = (
    "MATCH (c:Change) WHERE c.entity STARTS WITH $prefix OR c.fromId STARTS WITH $prefix "
    "RETURN c.seq AS seq, c.by AS by, c.action AS action, c.entity AS entity"
)


@pytest.mark.integration
def test_database_write_applies_all_statements_or_none(
    live_settings: Settings, linter: CypherLinter
) -> None:
    first = f"{PROBE}branch"

    async def scenario() -> list[str]:
        db = open_database(live_settings, linter.observe)
        try:
            try:
                with pytest.raises(ConstraintViolation):
                    await db.write(
                        [
                            ("CREATE (n:Branch {id: $id})", {"id": first}),
                            # Violates the unique id constraint: org-rcmp is seeded.
                            ("CREATE (n:Branch {id: $id})", {"id": "org-rcmp"}),
                        ]
                    )
                rows = await db.read(
                    "MATCH (n:Branch) WHERE n.id IN $ids RETURN n.id AS id ORDER BY id",
                    {"ids": [first, "org-rcmp"]},
                )
                return [row["id"] for row in rows]
            finally:
                await db.write([(PROBE_DELETE, {"prefix": PROBE})])
        finally:
            await db.close()

    assert run_async(scenario()) == ["org-rcmp"]


@pytest.mark.integration
def test_apply_writes_in_one_transaction(
    live_settings: Settings, linter: CypherLinter, tmp_path: Path
) -> None:
    data = load_files(write_files(tmp_path, minimal_files(PROBE)))
    progress: list[tuple[str, int, int]] = []

    def interrupt_before_commit(stage: str, done: int, total: int) -> None:
        progress.append((stage, done, total))
        if stage == "writing" and done == total:
            raise Interrupted

    async def probe(db: Database) -> tuple[list[str], list[tuple[str, str, str]]]:
        nodes = await db.read(PROBE_NODES, {"prefix": PROBE})
        rels = await db.read(PROBE_RELS, {"prefix": PROBE})
        return [n["id"] for n in nodes], [(r["type"], r["from"], r["to"]) for r in rels]

    async def changes(db: Database) -> list[dict[str, Any]]:
        return [row for row in await db.read(PROBE_CHANGES, {"prefix": PROBE}) if row["seq"] > seen]

    seen = 0

    async def scenario() -> None:
        nonlocal seen
        # The loader's own statements are linted by test_loader_statements_pass_neo4j_front_end.
        loader_db = open_database(live_settings)
        db = open_database(live_settings, linter.observe)
        seen = max([row["seq"] for row in await db.read(PROBE_CHANGES, {"prefix": PROBE})] or [0])
        try:
            # Every statement runs, then the transaction fails before its commit.
            with pytest.raises(Interrupted):
                await apply(loader_db, data, interrupt_before_commit)
            total = progress[-1][2]
            assert total >= 8  # a statement per label and relationship type
            assert progress == [("writing", done, total) for done in range(total + 1)]
            assert await probe(db) == ([], [])
            assert await changes(db) == []  # the history is part of the transaction

            # Uninterrupted, the same load writes all of it...
            report = await apply(loader_db, data, lambda *_: None)
            assert report.statements == total
            assert {name: c.created for name, c in report.nodes.items()} == dict.fromkeys(
                ["Branch", "Officer", "Location", "PartnerAgency", "Mission", "Figure"], 1
            )
            assert {name: c.created for name, c in report.relationships.items()} == {
                "POSTED_TO": 1,
                "MANAGED_BY": 1,
                "DESCRIBES": 1,
            }
            assert await probe(db) == (
                sorted(f"{PROBE}{name}" for name in MINIMAL_IDS),
                [
                    ("DESCRIBES", f"{PROBE}fig-a", f"{PROBE}mission-a"),
                    ("MANAGED_BY", f"{PROBE}mission-a", f"{PROBE}branch-a"),
                    ("POSTED_TO", f"{PROBE}officer-a", f"{PROBE}city-a"),
                ],
            )
            # Each created entity, figure and relationship is one change, by the seed.
            recorded = await changes(db)
            assert len(recorded) == len(MINIMAL_IDS) + 3
            assert {(row["by"], row["action"]) for row in recorded} == {("seed", "CREATED")}
            # ...and a second load finds nothing to do, and records nothing.
            again = await apply(loader_db, data)
            assert (again.changed, again.statements) == (False, 0)
            assert len(await changes(db)) == len(recorded)
            # What the seed made can be reverted (the officer goes, with its post), and
            # so can that revert (both come back).
            loaded = await probe(db)
            (made,) = [row["seq"] for row in recorded if row["entity"] == f"{PROBE}officer-a"]
            undone = await writes.revert(db, made, author="tester")
            ids, rels = await probe(db)
            assert f"{PROBE}officer-a" not in ids and len(rels) == 2
            await writes.revert(db, undone.seq, author="tester")
            assert await probe(db) == loaded
        finally:
            try:
                await db.write([(PROBE_DELETE, {"prefix": PROBE})])
            finally:
                await db.close()
                await loader_db.close()

    run_async(scenario())


@pytest.mark.integration  # Neo4j's front end runs in Node
def test_loader_statements_pass_neo4j_front_end(linter: CypherLinter) -> None:
    rows = {"rows": [{"id": "x", "from": "x", "to": "y", "props": {"name": "x"}}]}
    statements: list[tuple[str, dict[str, Any]]] = [
        (loading.COUNTS, {}),
        (loading.IS_EMPTY, {}),
        (history.RECORD, {"changes": [{"at": "2026-01-01T00:00:00.000Z", "by": "seed"}]}),
    ]
    for label in Label:
        statements += [
            (loading.node_upsert(label), rows),
            (loading.node_snapshot(label), {"ids": ["x"]}),
        ]
    pairs = {(rel, a, b) for rel, ends in REL_ENDPOINTS.items() for a, b in ends}
    pairs |= {(RelType.DESCRIBES, Label.FIGURE, label) for label in ENTITY_LABELS}
    for rel, source, target in sorted(pairs):
        statements += [
            (loading.rel_upsert(rel, source, target), rows),
            (loading.rel_snapshot(rel, source, target), {"froms": ["x"]}),
        ]
    rejected = {
        " ".join(query.split()): [d["message"] for d in diagnostics]
        for query, params in statements
        if (diagnostics := linter.lint(query, params))
    }
    assert rejected == {}


# --------------------------------------------------------------------------- ipgraph seed

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _seed_command(data_dir: Path, *args: str, terminal: bool = False) -> tuple[int, str, str]:
    """``ipgraph seed`` on the embedded engine in ``data_dir``: exit code, stdout, stderr."""
    env = {
        **os.environ,
        "IPGRAPH_DATA_DIR": str(data_dir),
        # Always the embedded engine (an empty string overrides a .env file).
        "NEO4J_URI": "",
        "NEO4J_DATABASE": "neo4j",
        "COLUMNS": "120",
        # rich draws its progress bar only on a terminal; TTY_COMPATIBLE=1 makes it
        # write what a terminal would get.
        "TTY_COMPATIBLE": "1" if terminal else "0",
        "NO_COLOR": "1",
    }
    result = run_cli("seed", *args, env=env, timeout=240)
    return result.returncode, _ANSI.sub("", result.stdout), _ANSI.sub("", result.stderr)


def _report_table(stdout: str) -> dict[str, tuple[int, int, int, int]]:
    """Rows of the printed report: name -> (created, updated, unchanged, in graph)."""
    rows = {}
    for line in stdout.splitlines():
        cells = [cell.strip() for cell in line.split("│")]
        if len(cells) == 5 and all(cell.isdigit() for cell in cells[1:]):
            created, updated, unchanged, in_graph = (int(cell) for cell in cells[1:])
            rows[cells[0]] = (created, updated, unchanged, in_graph)
    return rows


def _expected_counts(data: SeedData) -> Counter[str]:
    """Nodes per label and relationships per type the seed files describe."""
    counts: Counter[str] = Counter(label.value for label, _ in data.entities.values())
    counts["Figure"] = len(data.figures)
    counts.update(rel.type.value for rel in data.relationships)
    counts["DESCRIBES"] = sum(1 for figure in data.figures if figure.subject is not None)
    return counts


def _edit(folder: Path, filename: str, change: Callable[[list[dict[str, Any]]], None]) -> None:
    path = folder / filename
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(entries)
    path.write_text(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True), "utf-8")


def _broken_copy(folder: Path, *, with_valid_change: bool = False) -> Path:
    """The curated files with two mistakes (and, optionally, one valid edit besides)."""
    shutil.copytree(DATA_DIR, folder)

    def send_bogota_to_atlantis(entries: list[dict[str, Any]]) -> None:
        (rel,) = [e for e in entries if e["type"] == "POSTED_TO" and e["from"] == "lo-bogota"]
        rel["to"] = "city-atlantis"

    def misqualify(entries: list[dict[str, Any]]) -> None:
        (figure,) = [e for e in entries if e["id"] == "fig-liaison-officers"]
        figure["qualifier"] = "roughly"

    def rename_bogota(entries: list[dict[str, Any]]) -> None:
        (city,) = [e for e in entries if e["id"] == "city-bogota"]
        city["name"] = "Santa Fe de Bogota"

    _edit(folder, "relationships.yaml", send_bogota_to_atlantis)
    _edit(folder, "figures.yaml", misqualify)
    if with_valid_change:
        _edit(folder, "locations.yaml", rename_bogota)
    return folder


def _line_of(path: Path, text: str) -> int:
    """The number of the one line of ``path`` that holds ``text``."""
    lines = path.read_text("utf-8").splitlines()
    (number,) = [n for n, line in enumerate(lines, 1) if text in line]
    return number


@pytest.mark.integration
def test_seed_command(tmp_path: Path) -> None:
    data_dir = tmp_path / "engine"
    expected = _expected_counts(load_files())
    broken = _broken_copy(tmp_path / "broken")
    rel_line = _line_of(broken / "relationships.yaml", "to: city-atlantis")
    fig_line = _line_of(broken / "figures.yaml", "qualifier: roughly")
    problems = [
        f"relationships.yaml:{rel_line}: entry POSTED_TO lo-bogota -> city-atlantis: "
        "field to: no entity has id 'city-atlantis'",
        f"figures.yaml:{fig_line}: entry fig-liaison-officers: field qualifier: "
        "Input should be 'exactly', 'more than', 'up to', 'about' or 'hundreds'",
        "ipgraph: 2 problem(s) in the seed files; nothing was written",
    ]

    # 1. Broken files, empty database: rejected, each problem on its own line.
    code, out, err = _seed_command(data_dir, "--from", str(broken))
    assert code == 1, err
    assert err.splitlines()[-3:] == problems
    assert out == ""

    # 2. The curated files: everything is created (the broken run wrote nothing), the
    #    progress of the write is shown, and the counts per label and type are printed.
    code, out, err = _seed_command(data_dir, terminal=True)
    assert code == 0, err
    table = _report_table(out)
    assert table == {name: (count, 0, 0, count) for name, count in expected.items()}, out
    (statements,) = re.findall(r"seed applied in one transaction \((\d+) statements\)", out)
    assert re.search(rf"writing\b.*\b{statements}/{statements}\b", err), err

    # 3. Broken files again, now with a valid edit among them: rejected, nothing written.
    broken = _broken_copy(tmp_path / "broken-with-edit", with_valid_change=True)
    code, out, err = _seed_command(data_dir, "--from", str(broken))
    assert code == 1, err
    assert err.splitlines()[-3:] == problems

    # 4. The curated files once more: no change (the renamed city was never written), and
    #    nothing to write.
    code, out, err = _seed_command(data_dir)
    assert code == 0, err
    table = _report_table(out)
    assert table == {name: (0, 0, count, count) for name, count in expected.items()}, out
    assert "no change: the graph already matches the seed files" in out
    assert "seed applied" not in out
