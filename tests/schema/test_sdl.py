"""The SDL is a contract: the checked-in file and the code must agree."""

from __future__ import annotations

from schema.schema import build_schema
from tests.conftest import ROOT
from tests.support import run_cli

SDL_FILE = ROOT / "schema" / "ipgraph.graphql"


def test_checked_in_sdl_matches_the_code() -> None:
    expected = SDL_FILE.read_text(encoding="utf-8")
    actual = build_schema().as_str() + "\n"
    assert actual == expected, (
        "schema/ipgraph.graphql is stale: run "
        "`uv run ipgraph export-schema -o schema/ipgraph.graphql` and review the diff"
    )


def test_export_schema_prints_the_sdl() -> None:
    done = run_cli("export-schema")
    assert done.returncode == 0, done.stderr
    assert done.stdout == SDL_FILE.read_text(encoding="utf-8")
    assert 'type Location implements Node @key(fields: "id")' in done.stdout
