"""Disagreements between figures and editors' ranks, on the seeded graph, both engines:
the seed's two disagreements come out, a rank moves a claim (and is recorded in the
history, and reverts), deprecated claims are left out unless asked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from cli.main import open_database
from graph.model import ENTITY_LABELS
from graph.settings import Settings
from seed import loader
from tests.conftest import gql, with_api_keys
from tests.cypherlint.client import CypherLinter
from tests.schema.test_mutations import EDITOR, READER, run
from tests.support import run_async

pytestmark = pytest.mark.integration

Row = dict[str, Any]

DISAGREEMENTS = """query($subject: ID, $measure: String, $all: Boolean! = false) {
  disagreements(subjectId: $subject, measure: $measure, includeDeprecated: $all) {
    subject { __typename ... on Branch { id } }
    measure
    claims { id value qualifier asOf rank rankReason sources { document quote } }
    spread { low high difference }
  }
}"""
PERSONNEL = ("branch-international-operations", "rcmp-personnel-overseas")
DEPLOYED = ("branch-international-peace-operations", "police-deployed-to-peace-missions")


@pytest.fixture(scope="module")
def editor(live_settings: Settings, linter: CypherLinter) -> Iterator[TestClient]:
    with with_api_keys(live_settings, linter, f"{EDITOR}:editor,{READER}:reader") as client:
        yield client


def ok(client: TestClient, query: str, **variables: Any) -> Row:
    body = gql(client, query, **variables)
    assert "errors" not in body, body["errors"]
    return body["data"]  # type: ignore[return-value]


def groups(client: TestClient, **variables: Any) -> list[Row]:
    found: list[Row] = ok(client, DISAGREEMENTS, **variables)["disagreements"]
    return found


def test_the_seeds_two_disagreements_come_out_with_their_claims_and_spread(
    client: TestClient,
) -> None:
    found = {(g["subject"]["id"], g["measure"]): g for g in groups(client)}
    assert set(found) == {PERSONNEL, DEPLOYED}

    personnel = found[PERSONNEL]
    # Undated claims after dated ones (equal ranks).
    assert [(c["value"], c["asOf"]) for c in personnel["claims"]] == [(40, "2020-02"), (37, None)]
    assert personnel["spread"] == {"low": 37, "high": 40, "difference": 3}
    deployed = found[DEPLOYED]
    assert sorted((c["value"], c["qualifier"]) for c in deployed["claims"]) == [
        (2300, "exactly"),
        (2500, "more than"),
    ]
    assert deployed["spread"] == {"low": 2300, "high": 2500, "difference": 200}
    for group in found.values():
        for claim in group["claims"]:
            assert claim["rank"] == "NORMAL" and claim["sources"], claim
            # Every claim is one of the figures of that subject and measure.
            (figure,) = [
                f
                for f in ok(client, FIGURES, subject=group["subject"]["id"])["figures"]
                if f["id"] == claim["id"]
            ]
            assert figure["measure"] == group["measure"]


FIGURES = """query($subject: ID, $all: Boolean! = false) {
  figures(subjectId: $subject, includeDeprecated: $all) { id measure value rank }
}"""


def test_figures_of_one_measure_that_agree_are_no_disagreement(client: TestClient) -> None:
    measures: dict[tuple[str, str], set[tuple[float, str]]] = {}
    subjects = " ".join(f"... on {label} {{ id }}" for label in ENTITY_LABELS)
    every = ok(client, f"{{ figures {{ measure value qualifier subject {{ {subjects} }} }} }}")
    for figure in every["figures"]:
        if figure["subject"] is not None:
            key = (figure["subject"]["id"], figure["measure"])
            measures.setdefault(key, set()).add((figure["value"], figure["qualifier"]))
    differing = {key for key, claims in measures.items() if len(claims) > 1}
    found = {(g["subject"]["id"], g["measure"]) for g in groups(client)}
    assert found == differing


def test_narrowed_by_subject_and_measure(client: TestClient) -> None:
    assert [g["measure"] for g in groups(client, subject=PERSONNEL[0])] == [PERSONNEL[1]]
    assert [g["subject"]["id"] for g in groups(client, measure=DEPLOYED[1])] == [DEPLOYED[0]]
    assert groups(client, subject=PERSONNEL[0], measure=DEPLOYED[1]) == []
    assert groups(client, subject="no-such-entity") == []


def _rank(client: TestClient, figure: str, rank: str, reason: str, key: str | None = EDITOR) -> Row:
    return run(
        client,
        f'mutation {{ rankFigure(id: "{figure}", rank: {rank}, reason: "{reason}") '
        "{ id rank rankReason } }",
        key,
    )


def _history(client: TestClient, figure: str) -> list[Row]:
    body = run(
        client,
        f'{{ history(id: "{figure}", first: 5) {{ nodes {{ id by action entityType '
        "properties { name before after } } } }",
    )
    nodes: list[Row] = body["data"]["history"]["nodes"]
    return nodes


def _revert(client: TestClient, change: str) -> None:
    body = run(client, f'mutation {{ revert(changeId: "{change}") {{ id }} }}')
    assert "errors" not in body, body


def test_a_rank_orders_the_claims_and_deprecated_ones_go_unless_asked(editor: TestClient) -> None:
    preferred = _rank(editor, "fig-liaison-officers", "PREFERRED", "The branch's own count")
    assert preferred["data"]["rankFigure"] == {
        "id": "fig-liaison-officers",
        "rank": "PREFERRED",
        "rankReason": "The branch's own count",
    }
    deprecated = _rank(editor, "fig-police-deployed-2300", "DEPRECATED", "Superseded")
    assert "errors" not in deprecated, deprecated
    try:
        found = {(g["subject"]["id"], g["measure"]): g for g in groups(editor)}
        # Preferred first, whatever the date.
        assert [c["value"] for c in found[PERSONNEL]["claims"]] == [37, 40]
        assert found[PERSONNEL]["claims"][0]["rankReason"] == "The branch's own count"
        # One claim left of the other measure: no disagreement, unless deprecated ones count.
        assert DEPLOYED not in found
        with_all = {(g["subject"]["id"], g["measure"]): g for g in groups(editor, all=True)}
        assert [(c["value"], c["rank"]) for c in with_all[DEPLOYED]["claims"]] == [
            (2500, "NORMAL"),
            (2300, "DEPRECATED"),
        ]
        # Figures read as the disagreements do: deprecated ones left out unless asked.
        subject = DEPLOYED[0]
        shown = [f["id"] for f in ok(editor, FIGURES, subject=subject)["figures"]]
        every = [f["id"] for f in ok(editor, FIGURES, subject=subject, all=True)["figures"]]
        assert "fig-police-deployed-2300" not in shown
        assert set(every) - set(shown) == {"fig-police-deployed-2300"}
        nested = ok(
            editor,
            """query($id: ID!) { branch(id: $id) {
              figures { id } all: figures(includeDeprecated: true) { id rank } } }""",
            id=subject,
        )["branch"]
        assert [f["id"] for f in nested["figures"]] == [
            f["id"] for f in nested["all"] if f["rank"] != "DEPRECATED"
        ]
        assert nested["all"][-1] == {"id": "fig-police-deployed-2300", "rank": "DEPRECATED"}
    finally:
        for figure in ("fig-police-deployed-2300", "fig-liaison-officers"):
            (last, *_) = _history(editor, figure)
            _revert(editor, last["id"])
    assert {(g["subject"]["id"], g["measure"]) for g in groups(editor)} == {PERSONNEL, DEPLOYED}


def test_a_rank_is_recorded_in_the_history_with_its_reason(editor: TestClient) -> None:
    body = _rank(editor, "fig-rcmp-members-overseas", "DEPRECATED", "A story, not a count")
    assert "errors" not in body, body
    (change, *_) = _history(editor, "fig-rcmp-members-overseas")
    assert change["action"] == "UPDATED" and change["entityType"] == "Figure"
    assert change["by"] != "seed"
    assert {p["name"]: (p["before"], p["after"]) for p in change["properties"]} == {
        "rank": ("NORMAL", "DEPRECATED"),
        "rankReason": (None, "A story, not a count"),
    }
    _revert(editor, change["id"])
    (figure,) = [
        f
        for f in ok(editor, FIGURES, subject=PERSONNEL[0], all=True)["figures"]
        if f["id"] == "fig-rcmp-members-overseas"
    ]
    assert figure["rank"] == "NORMAL"


@pytest.mark.parametrize(
    ("figure", "rank", "reason", "code"),
    [
        ("fig-liaison-officers", "PREFERRED", "", "BAD_USER_INPUT"),  # a reason is required
        ("fig-liaison-officers", "PREFERRED", "   ", "BAD_USER_INPUT"),
        ("fig-liaison-officers", "PREFERRED", "x" * 2001, "BAD_USER_INPUT"),
        ("fig-no-such-figure", "PREFERRED", "why", "NOT_FOUND"),
        ("mission-op-mali", "PREFERRED", "why", "NOT_FOUND"),  # an entity, not a figure
        ("Not A Slug", "PREFERRED", "why", "BAD_USER_INPUT"),
    ],
)
def test_a_bad_rank_is_refused_and_changes_nothing(
    editor: TestClient, figure: str, rank: str, reason: str, code: str
) -> None:
    before = groups(editor, all=True)
    body = _rank(editor, figure, rank, reason)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == code, body
    assert groups(editor, all=True) == before


def test_readers_cannot_rank(editor: TestClient) -> None:
    body = _rank(editor, "fig-liaison-officers", "PREFERRED", "why", key=READER)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
    body = _rank(editor, "fig-liaison-officers", "PREFERRED", "why", key=None)
    assert body["errors"][0]["extensions"]["code"] in {"UNAUTHENTICATED", "FORBIDDEN"}, body


def test_a_measure_argument_follows_the_model_rule(client: TestClient) -> None:
    body = gql(client, DISAGREEMENTS, measure="x" * 81)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]


def test_loading_the_seed_files_again_keeps_an_editors_rank(
    editor: TestClient, live_settings: Settings, linter: CypherLinter
) -> None:
    body = _rank(editor, "fig-peace-missions", "PREFERRED", "Both documents agree")
    assert "errors" not in body, body

    async def reload() -> loader.SeedReport:
        db = open_database(live_settings, linter.observe)
        try:
            return await loader.apply(db, loader.load_files())
        finally:
            await db.close()

    try:
        report = run_async(reload())
        assert report.nodes["Figure"].updated == 0
        (figure,) = [
            f
            for f in ok(editor, FIGURES, subject=DEPLOYED[0], all=True)["figures"]
            if f["id"] == "fig-peace-missions"
        ]
        assert figure["rank"] == "PREFERRED"
    finally:
        (last, *_) = _history(editor, "fig-peace-missions")
        _revert(editor, last["id"])


FIGURES_BY_LABEL = """query($text: String!) {
  figures(text: $text, includeDeprecated: true) { id label } }"""


def test_figures_are_found_by_label(client: TestClient) -> None:
    """What the explorer's search finds figures with: every figure whose label holds the
    text, whatever its case, and only those."""
    every = ok(client, "{ figures(includeDeprecated: true) { id label } }")["figures"]
    word = every[0]["label"].split()[0]
    found = ok(client, FIGURES_BY_LABEL, text=word.upper())["figures"]
    assert {f["id"] for f in found} == {
        f["id"] for f in every if word.casefold() in f["label"].casefold()
    }
    assert ok(client, FIGURES_BY_LABEL, text="zzz-no-such-label")["figures"] == []
    for bad in ("   ", "x" * 201):
        error = gql(client, FIGURES_BY_LABEL, text=bad)["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "`text`" in error["message"]
