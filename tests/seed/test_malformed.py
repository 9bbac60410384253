"""Malformed seed files (issue 15, B11): every mistake is reported with its file, line,
entry and field, all at once, never as a traceback, and nothing is written.

Validation (``load_files``) needs no database: folders are written per test, either the
minimal files of ``test_loader`` or a copy of the curated files with one mistake. The
command runs for real at the end; the last test checks, against the session's engine,
that a rejected load leaves the graph as it was.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from cli.main import open_database
from graph import loading
from graph.db import Database
from graph.rules import MAX_SOURCES
from graph.settings import Settings
from seed.loader import DATA_DIR, SeedError, load_files
from seed.schema import DOCUMENTS
from tests.cypherlint.client import CypherLinter
from tests.seed.test_loader import minimal_files, problems_in, write_files
from tests.support import run_async, run_cli

DOC = DOCUMENTS[0]
SOURCES = f"  sources:\n  - document: {DOC}\n    quote: a quote\n"

# ``file:line: entry <id>: field <field>: reason``, the parts that apply.
PROBLEM = re.compile(r"[\w.]+\.yaml(?::\d+)?: (?:entry [^:]+: )?(?:field [^:]+: )?\S.*")


def curated_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seed"
    shutil.copytree(DATA_DIR, folder)
    return folder


def append(folder: Path, filename: str, text: str) -> int:
    """Add YAML text at the end of a file; the number of its first line."""
    path = folder / filename
    content = path.read_bytes()
    if content and not content.endswith(b"\n"):
        content += b"\n"
    path.write_bytes(content + text.encode("utf-8"))
    return content.count(b"\n") + 1


def minimal(tmp_path: Path, **raw: str) -> Path:
    """The minimal files, some of them replaced by raw YAML text."""
    folder = write_files(tmp_path / "seed", minimal_files())
    for stem, text in raw.items():
        (folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return folder


def officer(entry_id: str, *fields: str) -> str:
    """An officer entry: ``id``, ``name`` (unless given), the fields, one source."""
    lines = [f"- id: {entry_id}"]
    if not any(f.startswith("name:") for f in fields):
        lines.append("  name: An officer")
    lines += [f"  {f}" for f in fields]
    return "\n".join(lines) + "\n" + SOURCES


def mission(entry_id: str, *fields: str) -> str:
    head = f"- id: {entry_id}\n  name: A mission\n  status: ACTIVE\n  category: UN_MISSION\n"
    return head + "".join(f"  {f}\n" for f in fields) + SOURCES


def rel(rel_type: str, frm: str, to: str, *fields: str) -> str:
    head = f"- type: {rel_type}\n  from: {frm}\n  to: {to}\n"
    return head + "".join(f"  {f}\n" for f in fields) + SOURCES


# --------------------------------------------------------------------------- reproductions


def test_an_unquoted_impossible_date_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    # YAML 1.1 makes `2020-02-31` a date, and PyYAML raised ValueError on it.
    folder = curated_copy(tmp_path)
    start = append(folder, "missions.yaml", mission("mission-zz", "startDate: 2020-02-31"))
    assert problems_in(folder) == [
        f"missions.yaml:{start + 4}: entry mission-zz: field startDate: "
        "2020-02-31 is not a date in the calendar"
    ]


def test_an_unquoted_real_date_is_the_text_written(tmp_path: Path) -> None:
    folder = curated_copy(tmp_path)
    append(folder, "missions.yaml", mission("mission-zz", "startDate: 2020-02-15"))
    data = load_files(folder)
    assert data.entities["mission-zz"][1].startDate == "2020-02-15"  # type: ignore[attr-defined]


def test_a_latin1_byte_is_reported_with_line_and_offset(tmp_path: Path) -> None:
    folder = curated_copy(tmp_path)
    start = append(folder, "officers.yaml", officer("officer-zz", "rank: Zergeant"))
    path = folder / "officers.yaml"
    content = path.read_bytes()
    offset = content.index(b"Zergeant") + 1
    path.write_bytes(content.replace(b"Zergeant", b"Z\xe9rgeant"))
    assert problems_in(folder) == [
        f"officers.yaml:{start + 2}: not UTF-8: byte 0xe9 at offset {offset} (column 10); "
        "save the file as UTF-8"
    ]


def test_a_folder_named_like_a_file(tmp_path: Path) -> None:
    folder = curated_copy(tmp_path)
    (folder / "partners.yaml").unlink()
    (folder / "partners.yaml").mkdir()
    # Relationships to partner agencies cannot be checked, and are not each reported.
    assert problems_in(folder) == ["partners.yaml: is a folder, not a file"]


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    folder = curated_copy(tmp_path)
    start = append(folder, "officers.yaml", officer("officer-zz", "name: A", "name: B"))
    assert problems_in(folder) == [
        f"officers.yaml:{start + 2}: entry officer-zz: field name: "
        f"duplicate key (first given at line {start + 1})"
    ]


def test_a_nul_in_a_name_is_refused(tmp_path: Path) -> None:
    folder = curated_copy(tmp_path)
    start = append(folder, "officers.yaml", officer("officer-zz", 'name: "A\\0B"'))
    assert problems_in(folder) == [
        f"officers.yaml:{start + 1}: entry officer-zz: field name: contains control characters"
    ]


def test_a_part_of_cycle_names_its_ids(tmp_path: Path) -> None:
    folder = curated_copy(tmp_path)
    # city-bogota is PART_OF country-colombia, itself PART_OF region-western-hemisphere.
    start = append(
        folder, "relationships.yaml", rel("PART_OF", "region-western-hemisphere", "city-bogota")
    )
    (problem,) = problems_in(folder)
    assert re.fullmatch(
        rf"relationships\.yaml:{start + 2}: entry PART_OF region-western-hemisphere -> "
        r"city-bogota: field to: closes a PART_OF cycle: city-bogota -> country-colombia -> "
        rf"region-western-hemisphere -> city-bogota \(entries at lines \d+, \d+, {start}\)",
        problem,
    ), problem


# --------------------------------------------------------------------------- files


def test_a_missing_folder(tmp_path: Path) -> None:
    assert problems_in(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: is not a folder"]


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = minimal(tmp_path)
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "branches.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    # Root reads a file whatever its mode: the refusal is simulated.
    monkeypatch.setattr(Path, "read_bytes", refuse)
    # The mission's MANAGED_BY cannot be checked (its branch may be in the file).
    assert problems_in(folder) == ["branches.yaml: cannot be read: Permission denied"]


def test_every_byte_that_is_not_utf8_is_reported_and_the_rest_still_checked(
    tmp_path: Path,
) -> None:
    text = officer("officer-a") + officer("officer-b", "rank: \xe9", "role: \xe0 \xe8")
    folder = minimal(tmp_path)
    (folder / "officers.yaml").write_bytes(text.encode("latin-1") + b"- id: officer-c\n  name: C\n")
    problems = problems_in(folder)
    assert [p.split(" at offset")[0] for p in problems] == [
        "officers.yaml:8: not UTF-8: byte 0xe9",
        "officers.yaml:9: not UTF-8: byte 0xe0",
        "officers.yaml:9: not UTF-8: byte 0xe8",
        "officers.yaml:13: entry officer-c: field sources: Field required",
    ]


def test_a_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    folder = minimal(tmp_path, officers=officer("officer-a") + "- id: officer-b\n  name: [B\n")
    assert problems_in(folder) == [
        "officers.yaml:8: not valid YAML (column 1): expected ',' or ']', but got "
        "'<stream end>' (while parsing a flow sequence at line 7)"
    ]


def test_a_raw_control_character_is_refused_with_its_line(tmp_path: Path) -> None:
    folder = minimal(tmp_path, officers=officer("officer-a", "rank: A\x00B"))
    assert problems_in(folder) == [
        "officers.yaml:3: not valid YAML: the character U+0000 is not allowed "
        "(control characters never are)"
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("id: officer-a\nname: A\n", 1, id="a mapping"),
        pytest.param("# officers\nofficer-a\n", 2, id="text"),
        pytest.param("42\n", 1, id="a number"),
    ],
)
def test_the_top_level_must_be_a_list(tmp_path: Path, text: str, line: int) -> None:
    folder = minimal(tmp_path, officers=text)
    assert problems_in(folder) == [f"officers.yaml:{line}: must be a list of entries (`- id: …`)"]


def test_an_empty_file_has_no_entries(tmp_path: Path) -> None:
    folder = minimal(tmp_path, officers="# none yet\n")
    # The one relationship to the officer now names no entity.
    assert problems_in(folder) == [
        "relationships.yaml:2: entry POSTED_TO officer-a -> city-a: field from: "
        "no entity has id 'officer-a'"
    ]


def test_entries_must_be_mappings(tmp_path: Path) -> None:
    text = officer("officer-a") + "- officer-b\n- [officer-c]\n-\n"
    assert problems_in(minimal(tmp_path, officers=text)) == [
        "officers.yaml:6: entry #2: must be a mapping of field: value",
        "officers.yaml:7: entry #3: must be a mapping of field: value",
        "officers.yaml:8: entry #4: must be a mapping of field: value",
    ]


def test_duplicate_keys_anywhere_are_all_reported(tmp_path: Path) -> None:
    text = (
        officer("officer-a")
        + "- id: officer-b\n  id: officer-c\n  name: B\n  sources:\n"
        + f"  - document: {DOC}\n    quote: one\n    quote: two\n"
    )
    assert problems_in(minimal(tmp_path, officers=text)) == [
        "officers.yaml:7: entry officer-b: field id: duplicate key (first given at line 6)",
        "officers.yaml:12: entry officer-b: field sources[0].quote: "
        "duplicate key (first given at line 11)",
    ]


def test_aliases_are_read_and_tags_refused(tmp_path: Path) -> None:
    anchored = officer("officer-a").replace("  sources:\n", "  sources: &src\n")
    aliased = "- id: officer-b\n  name: B\n  sources: *src\n"
    data = load_files(minimal(tmp_path, officers=anchored + aliased))
    officers: Any = data.entities
    assert officers["officer-b"][1].sources == officers["officer-a"][1].sources
    # A problem inside an aliased value is found where the value is written.
    anchored = anchored.replace("quote: a quote", "quote: ''")
    assert problems_in(minimal(tmp_path / "bad", officers=anchored + aliased)) == [
        "officers.yaml:5: entry officer-a: field sources[0].quote: "
        "String should have at least 1 character",
        "officers.yaml:5: entry officer-b: field sources[0].quote: "
        "String should have at least 1 character",
    ]
    merged = "- <<: {id: officer-b}\n  name: B\n" + SOURCES
    assert problems_in(minimal(tmp_path / "merge", officers=merged)) == [
        "officers.yaml:1: entry #1: merge keys (<<) are not supported",
        "officers.yaml:1: entry #1: field id: Field required",
        "relationships.yaml:2: entry POSTED_TO officer-a -> city-a: field from: "
        "no entity has id 'officer-a'",
    ]
    tagged = officer("officer-a", "rank: !!binary AAAA", "role: !!timestamp 2020-02-31")
    assert problems_in(minimal(tmp_path / "tags", officers=tagged)) == [
        "officers.yaml:3: entry officer-a: field rank: the tag !!binary is not supported here "
        "(quote the value)",
        "officers.yaml:4: entry officer-a: field role: the tag !!timestamp is not supported "
        "here (quote the value)",
    ]


def test_aliases_cannot_expand_without_bound(tmp_path: Path) -> None:
    laughs = "- id: officer-a\n  name: A\n  x0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 8):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        laughs += f"  x{level}: &a{level} [{refs}]\n"
    (problem,) = problems_in(minimal(tmp_path, officers=laughs + SOURCES))
    assert re.fullmatch(
        r"officers\.yaml:3: holds over 1,000,000 values \(aliases expanding\?\)", problem
    )
    loop = "- &loop\n  id: officer-a\n  name: A\n  aliases: [*loop]\n" + SOURCES
    assert problems_in(minimal(tmp_path / "loop", officers=loop)) == [
        "officers.yaml:1: entry officer-a: field aliases[0].aliases[0].aliases[0].aliases[0]: "
        "nested too deeply",
        "officers.yaml:6: entry officer-a: field aliases[0].aliases[0].aliases[0].sources[0]: "
        "nested too deeply",
    ]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    deep = officer("officer-a", "rank: " + "[" * 20 + "]" * 20)
    (problem,) = problems_in(minimal(tmp_path, officers=deep))
    assert problem.startswith("officers.yaml:3: entry officer-a: field rank"), problem
    assert problem.endswith(": nested too deeply"), problem
    very_deep = officer("officer-a", "rank: " + "[" * 5000 + "]" * 5000)
    (problem,) = problems_in(minimal(tmp_path / "deeper", officers=very_deep))
    assert problem.startswith("officers.yaml"), problem


# --------------------------------------------------------------------------- unquoted values


def test_unquoted_values_are_read_as_the_field_wants(tmp_path: Path) -> None:
    officers = officer(
        "officer-a",
        "name: no",  # YAML 1.1: False
        "aliases: [yes, 2020-02-15, 3.10, 1e3, ~x]",
        "rank: 0123",
        "role: true",
    ).replace("    quote: a quote\n", "    quote: 2020\n    asOf: 2020\n    inferred: false\n")
    missions = mission(
        "mission-a",
        "armed: true",
        "authorizedDeployments: 22",
        "startDate: 2004",
        "endDate: 2019-10-16",
        "acronym: ON",
    )
    folder = minimal(tmp_path, officers=officers, missions=missions)
    data = load_files(folder)
    found: Any = data.entities["officer-a"][1]
    assert (found.name, found.aliases, found.rank, found.role) == (
        "no",
        ["yes", "2020-02-15", "3.10", "1e3", "~x"],
        "0123",
        "true",
    )
    assert (found.sources[0].quote, found.sources[0].asOf, found.sources[0].inferred) == (
        "2020",
        "2020",
        False,
    )
    found = data.entities["mission-a"][1]
    assert (found.armed, found.authorizedDeployments, found.startDate, found.endDate) == (
        True,
        22,
        "2004",
        "2019-10-16",
    )
    assert found.acronym == "ON"


@pytest.mark.parametrize(
    ("field", "reason"),
    [
        ("armed: yes", "field armed: should be true or false"),
        ("armed: 'true'", "field armed: should be true or false"),
        ("authorizedDeployments: '22'", "field authorizedDeployments: Input should be a valid"),
        ("authorizedDeployments: 22.5", "field authorizedDeployments: Input should be a valid"),
        ("authorizedDeployments: 1_000", "field authorizedDeployments: Input should be a valid"),
        ("authorizedDeployments: 100001", "field authorizedDeployments: Input should be less"),
        ("startDate: 2020-02-15 10:00:00", "field startDate: should be a date written YYYY"),
        ("startDate: 2020-13", "field startDate: 2020-13 is not a date in the calendar"),
        ("startDate: 0000", "field startDate: 0000 is not a date in the calendar"),
        ("startDate: May 2020", "field startDate: should be a date written YYYY"),
        ("startDate: 2023-02-29", "field startDate: 2023-02-29 is not a date in the calendar"),
        ("status: no", "field status: Input should be 'ACTIVE'"),
        ("language: english", "field language: Input should be 'English' or 'French'"),
    ],
)
def test_values_follow_the_model_rules(tmp_path: Path, field: str, reason: str) -> None:
    text = mission("mission-a", field)
    if field.startswith("status:"):
        text = text.replace("  status: ACTIVE\n", "")
    (problem,) = problems_in(minimal(tmp_path, missions=text))
    assert problem.startswith(f"missions.yaml:{text.count(chr(10), 0, text.index(field)) + 1}: ")
    assert problem.split(": ", 1)[1].startswith(f"entry mission-a: {reason}"), problem


def test_an_inferred_source_needs_a_real_boolean(tmp_path: Path) -> None:
    text = officer("officer-a").replace(
        "    quote: a quote\n", "    quote: a quote\n    inferred: yes\n    reasoning: r\n"
    )
    assert problems_in(minimal(tmp_path, officers=text)) == [
        "officers.yaml:6: entry officer-a: field sources[0].inferred: should be true or false"
    ]


# --------------------------------------------------------------------------- text rules


@pytest.mark.parametrize(
    ("stem", "text", "line", "field"),
    [
        ("officers", officer("officer-a", 'name: "A\\0B"'), 2, "name"),
        ("officers", officer("officer-a", 'aliases: [ok, "x\\x07y"]'), 3, "aliases[1]"),
        ("officers", officer("officer-a", 'rank: "\\e[31mred"'), 3, "rank"),
        (
            "officers",
            officer("officer-a").replace("quote: a quote", 'quote: "a\\x1fquote"'),
            5,
            "sources[0].quote",
        ),
        (
            "relationships",
            rel("POSTED_TO", "officer-a", "city-a", 'note: "\\x7f"'),
            4,
            "note",
        ),
        (
            "figures",
            '- id: fig-a\n  label: "\\0"\n  measure: a\n  value: 3\n' + SOURCES,
            2,
            "label",
        ),
    ],
)
def test_control_characters_are_refused_in_every_text(
    tmp_path: Path, stem: str, text: str, line: int, field: str
) -> None:
    (problem,) = problems_in(minimal(tmp_path, **{stem: text}))
    assert re.fullmatch(
        rf"{stem}\.yaml:{line}: entry [^:]+: field {re.escape(field)}: contains control "
        "characters",
        problem,
    ), problem


def test_control_characters_of_the_file_never_reach_the_terminal(tmp_path: Path) -> None:
    text = officer("officer-a", '"ra\\e[2Jnk": x') + officer('"officer\\e[2J"')
    problems = problems_in(minimal(tmp_path, officers=text))
    assert problems == [
        "officers.yaml:3: entry officer-a: field 'ra\\x1b[2Jnk': unknown field "
        "(did you mean rank?)",
        "officers.yaml:7: entry 'officer\\x1b[2J': field id: should be a lower-case slug "
        "like city-bogota",
    ]
    assert not any("\x1b" in p for p in problems)


def test_lengths_are_bounded(tmp_path: Path) -> None:
    text = officer(
        "officer-a", f"name: {'n' * 201}", f"aliases: [{'a' * 201}]", f"role: {'r' * 201}"
    )
    text += officer("officer-" + "x" * 80)
    assert [p.split(": ", 1)[1] for p in problems_in(minimal(tmp_path, officers=text))] == [
        "entry officer-a: field name: String should have at most 200 characters",
        "entry officer-a: field aliases[0]: String should have at most 200 characters",
        "entry officer-a: field role: String should have at most 200 characters",
        f"entry officer-{'x' * 80}: field id: String should have at most 80 characters",
    ]


def test_sources_are_bounded_as_an_editors_write_is(tmp_path: Path) -> None:
    source = f"  - document: {DOC}\n    quote: a quote\n"
    most = officer("officer-a") + source * (MAX_SOURCES - 1)
    load_files(minimal(tmp_path, officers=most))
    too_many = officer("officer-a") + source * MAX_SOURCES
    assert problems_in(minimal(tmp_path / "more", officers=too_many)) == [
        f"officers.yaml:3: entry officer-a: field sources: holds {MAX_SOURCES + 1} sources; "
        f"an entry takes at most {MAX_SOURCES}"
    ]


def test_an_unknown_field_suggests_the_known_one(tmp_path: Path) -> None:
    text = officer("officer-a", "rnak: Sergeant")
    assert problems_in(minimal(tmp_path, officers=text)) == [
        "officers.yaml:3: entry officer-a: field rnak: unknown field (did you mean rank?)"
    ]


# --------------------------------------------------------------------------- the whole


def _places() -> str:
    return "".join(
        f"- id: {place_id}\n  name: {place_id}\n  kind: {kind}\n" + SOURCES
        for place_id, kind in (
            ("city-a", "CITY"),
            ("country-b", "COUNTRY"),
            ("region-c", "REGION"),
        )
    )


def test_every_part_of_cycle_and_self_loop_is_reported(tmp_path: Path) -> None:
    files = minimal_files()
    files["branches.yaml"].append({**files["branches.yaml"][0], "id": "branch-b"})
    files["partners.yaml"].append({**files["partners.yaml"][0], "id": "partner-b"})
    folder = write_files(tmp_path / "seed", files)
    (folder / "locations.yaml").write_text(_places(), encoding="utf-8")
    text = (
        rel("POSTED_TO", "officer-a", "city-a")  # 1
        + rel("PART_OF", "city-a", "country-b")  # 7
        + rel("PART_OF", "country-b", "region-c")  # 13
        + rel("PART_OF", "region-c", "city-a")  # 19: closes a -> b -> c
        + rel("PART_OF", "country-b", "city-a")  # 25: closes a -> b
        + rel("PART_OF", "mission-a", "mission-a")  # 31
        + rel("PART_OF", "branch-a", "branch-b")  # 37
        + rel("PART_OF", "branch-b", "branch-a")  # 43
        + rel("PART_OF", "partner-a", "partner-b")  # 49
        + rel("MEMBER_OF", "partner-b", "partner-a")  # 55: another type: no cycle
    )
    (folder / "relationships.yaml").write_text(text, encoding="utf-8")
    cycle = "field to: closes a PART_OF cycle"
    assert problems_in(folder) == [
        f"relationships.yaml:21: entry PART_OF region-c -> city-a: {cycle}: "
        "city-a -> country-b -> region-c -> city-a (entries at lines 7, 13, 19)",
        f"relationships.yaml:27: entry PART_OF country-b -> city-a: {cycle}: "
        "city-a -> country-b -> city-a (entries at lines 7, 25)",
        "relationships.yaml:33: entry PART_OF mission-a -> mission-a: field to: "
        "mission-a cannot be PART_OF itself",
        f"relationships.yaml:45: entry PART_OF branch-b -> branch-a: {cycle}: "
        "branch-a -> branch-b -> branch-a (entries at lines 37, 43)",
    ]


def test_spans_do_not_end_before_they_start(tmp_path: Path) -> None:
    missions = (
        mission("mission-a", "startDate: 2020-05", "endDate: 2019")
        + mission("mission-b", "startDate: 2020-05-01", "endDate: 2020-05-01")
        + mission("mission-c", "startDate: 2020-05-02", "endDate: 2020-05-01")
    )
    relationships = rel("POSTED_TO", "officer-a", "city-a", "since: 2021", "until: 2020-12-31")
    relationships += rel("MANAGED_BY", "mission-a", "branch-a", "since: 2020", "until: 2020")
    folder = minimal(tmp_path, missions=missions, relationships=relationships)
    assert problems_in(folder) == [
        "missions.yaml:6: entry mission-a: field endDate: 2019 is before startDate 2020-05",
        "missions.yaml:24: entry mission-c: field endDate: 2020-05-01 is before startDate "
        "2020-05-02",
        "relationships.yaml:5: entry POSTED_TO officer-a -> city-a: field until: "
        "2020-12-31 is before since 2021",
    ]


def test_all_problems_of_all_files_at_once(tmp_path: Path) -> None:
    folder = minimal(
        tmp_path,
        branches="- id: branch-a\n  name: [A\n",
        officers=officer("officer-a", "name: A", "name: B"),
        missions=mission("mission-a", "startDate: 2020-02-31"),
        relationships=rel("POSTED_TO", "officer-a", "city-a") + rel("PART_OF", "city-a", "city-a"),
    )
    (folder / "figures.yaml").write_bytes(b"- id: fig-a\n  label: \xff\n  measure: a\n  value: 3\n")
    problems = problems_in(folder)
    assert problems == [
        "branches.yaml:3: not valid YAML (column 1): expected ',' or ']', but got "
        "'<stream end>' (while parsing a flow sequence at line 2)",
        "officers.yaml:3: entry officer-a: field name: duplicate key (first given at line 2)",
        "missions.yaml:5: entry mission-a: field startDate: "
        "2020-02-31 is not a date in the calendar",
        "relationships.yaml:9: entry PART_OF city-a -> city-a: field to: "
        "city-a cannot be PART_OF itself",
        "figures.yaml:2: not UTF-8: byte 0xff at offset 21 (column 10); save the file as UTF-8",
        "figures.yaml:1: entry fig-a: field sources: Field required",
    ]
    assert all(PROBLEM.fullmatch(p) for p in problems), problems


def test_no_mangled_file_ends_in_anything_but_a_seed_error(tmp_path: Path) -> None:
    """Random damage to valid files: each either loads or is refused with problems in the
    documented form, never with another exception."""
    pristine = write_files(tmp_path / "pristine", minimal_files())
    pieces = [b":", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!", b"\t", b'"', b"'"]
    pieces += [b"|", b">", b"%", b"@", b"`", b"?", b"#", b"\x00", b"\xff", b"\n", b"  ", b"~"]
    pieces += [b"2020-02-31", b"no", b"<<: ", b"\\", b"\xc3", b"\xef\xbb\xbf", b"---\n"]
    rng = random.Random(15)
    for attempt in range(300):
        folder = tmp_path / f"mangled-{attempt}"
        shutil.copytree(pristine, folder)
        for _ in range(rng.randint(1, 3)):
            path = folder / rng.choice(sorted(minimal_files()))
            content = bytearray(path.read_bytes())
            at = rng.randrange(len(content) + 1)
            action = rng.randrange(3)
            if action == 0:
                content[at:at] = rng.choice(pieces)
            elif action == 1:
                del content[at : at + rng.randint(1, 20)]
            else:
                content[at:at] = bytes([rng.randrange(256)])
            path.write_bytes(bytes(content))
        try:
            load_files(folder)
        except SeedError as exc:
            assert exc.problems
            bad = [p for p in exc.problems if not PROBLEM.fullmatch(p)]
            assert not bad, (attempt, bad)


# --------------------------------------------------------------------------- the command


def _broken_curated(tmp_path: Path) -> Path:
    """The curated files with a valid edit among reproductions of every kind of mistake."""
    folder = curated_copy(tmp_path)
    locations = folder / "locations.yaml"
    locations.write_text(
        locations.read_text("utf-8").replace("name: Bogota\n", "name: Santa Fe de Bogota\n"),
        encoding="utf-8",
    )
    append(folder, "missions.yaml", mission("mission-zz", "startDate: 2020-02-31"))
    append(folder, "officers.yaml", officer("officer-zz", "name: A", "name: B"))
    append(folder, "relationships.yaml", rel("PART_OF", "region-western-hemisphere", "city-bogota"))
    figures = folder / "figures.yaml"
    figures.write_bytes(figures.read_bytes() + b"# \xe9\n")
    (folder / "partners.yaml").unlink()
    (folder / "partners.yaml").mkdir()
    return folder


def _seed(folder: Path, env: dict[str, str]) -> tuple[int, str, str]:
    done = run_cli("seed", "--from", str(folder), env={**os.environ, **env, "NO_COLOR": "1"})
    return done.returncode, done.stdout, done.stderr


def test_the_command_lists_the_problems_without_a_traceback(tmp_path: Path) -> None:
    folder = _broken_curated(tmp_path)
    with pytest.raises(SeedError) as info:
        load_files(folder)
    problems = info.value.problems
    # Nothing listens there: were the files accepted, the command would fail to connect.
    code, out, err = _seed(folder, {"NEO4J_URI": "bolt://127.0.0.1:9", "COLUMNS": "400"})
    assert code == 1, err
    assert out == ""
    assert "Traceback" not in err
    assert err.splitlines() == [
        *problems,
        f"ipgraph: {len(problems)} problem(s) in the seed files; nothing was written",
    ]
    assert len(problems) == 5, problems


@pytest.mark.integration
def test_a_rejected_load_leaves_the_graph_untouched(
    live_settings: Settings, linter: CypherLinter, tmp_path: Path
) -> None:
    folder = _broken_curated(tmp_path)

    async def state(db: Database) -> tuple[dict[str, int], list[Any]]:
        # The valid edit among the mistakes renames Bogota; the counts would show any
        # entity or relationship added.
        rows = await db.read(
            "MATCH (n:Location {id: $id}) RETURN n.id AS id, n.name AS name", {"id": "city-bogota"}
        )
        return await loading.counts(db), [(row["id"], row["name"]) for row in rows]

    async def snapshot() -> tuple[dict[str, int], list[Any]]:
        db = open_database(live_settings, linter.observe)
        try:
            return await state(db)
        finally:
            await db.close()

    before = run_async(snapshot())
    assert before[1] == [("city-bogota", "Bogota")]
    code, _, err = _seed(folder, live_settings.database_environment())
    assert code == 1, err
    assert "Traceback" not in err
    assert "nothing was written" in err.splitlines()[-1]
    assert run_async(snapshot()) == before
