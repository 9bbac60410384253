"""Persisted documents with real npm clients against the service on the engines:
GraphQL Codegen's client preset writes ``persisted-documents.json`` from
``operations/*.graphql`` against the checked-in SDL; the service takes it as
``IPGRAPH_TRUSTED_DOCUMENTS`` and runs what the generated client sends (``documentId``),
refusing anything else; Apollo Client's ``PersistedQueryLink`` registers and reuses a
hash by automatic persisted queries, and cannot register one where only the manifest's
operations may run (``client.mjs``)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.settings import Settings
from schema.persisted import sha256_hex
from tests.conftest import serving
from tests.cypherlint.client import CypherLinter
from web.app import create_app

pytestmark = pytest.mark.integration

HARNESS = Path(__file__).parent
GENERATED = HARNESS / "generated" / "persisted-documents.json"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("the documents tests need Node.js 20+ and npm (scripts/test installs them)")
    if not (HARNESS / "node_modules").is_dir():
        # First run on a fresh clone: the pinned packages, from the lock file.
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HARNESS, check=True
        )
    return node


def _run(*args: str) -> Any:
    done = subprocess.run(
        [_node(), *args], cwd=HARNESS, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def manifest() -> Path:
    """persisted-documents.json as Codegen's client preset writes it, generated now."""
    GENERATED.unlink(missing_ok=True)
    _run("node_modules/@graphql-codegen/cli/cjs/bin.js", "--config", "codegen.yml")
    return GENERATED


@pytest.fixture(scope="module")
def trusted_server(manifest: Path, live_settings: Settings, linter: CypherLinter) -> Iterator[str]:
    settings = live_settings.model_copy(update={"trusted_documents": manifest})
    with serving(create_app(settings, observer=linter.observe)) as url:
        yield f"{url}/graphql"


@pytest.fixture
def open_server(live_settings: Settings, linter: CypherLinter) -> Iterator[str]:
    with serving(create_app(live_settings, observer=linter.observe)) as url:
        yield f"{url}/graphql"


def client(mode: str, url: str) -> Any:
    return json.loads(_run("client.mjs", mode, url).stdout)


def test_codegens_manifest_is_what_the_generated_client_names(manifest: Path) -> None:
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    assert len(entries) == 2
    # Codegen's keys are "sha256:<hex of the text>": the service takes them as written.
    for key, text in entries.items():
        assert key == f"sha256:{sha256_hex(text)}"
    generated = (HARNESS / "generated" / "graphql.ts").read_text(encoding="utf-8")
    assert sorted(re.findall(r'"hash":"(sha256:[0-9a-f]{64})"', generated)) == sorted(entries)


def test_the_generated_client_runs_by_document_id_and_nothing_else_runs(
    trusted_server: str,
) -> None:
    seen = client("documents", trusted_server)
    mission = seen["missionPost"]
    assert mission["status"] == 200, mission
    assert mission["body"]["data"]["mission"]["name"].startswith("United Nations")
    search = seen["searchGet"]
    assert search["status"] == 200, search
    assert search["body"]["data"]["search"], search
    refused = seen["freeText"]
    assert refused["status"] == 403
    [error] = refused["body"]["errors"]
    assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"
    assert error["message"].startswith("Only registered operations may run here: ")


def test_apollo_clients_persisted_query_link_registers_then_sends_the_hash(
    open_server: str,
) -> None:
    seen = client("apq", open_server)
    assert seen["first"]["data"] == seen["second"]["data"]
    assert seen["first"]["data"]["mission"]["id"] == "mission-minusma"
    shapes = [(r["withText"], r["status"], r["codes"]) for r in seen["requests"]]
    assert shapes == [
        (False, 200, ["PERSISTED_QUERY_NOT_FOUND"]),  # the hash: unknown
        (True, 200, []),  # the hash and the text: registered and run
        (False, 200, []),  # the next client: the hash alone is enough
    ]
    assert len({r["hash"] for r in seen["requests"]}) == 1


def test_apollo_clients_link_cannot_register_where_only_the_manifest_runs(
    trusted_server: str,
) -> None:
    seen = client("apq", trusted_server)
    assert "Only registered operations may run here" in seen["first"]["error"]
    shapes = [(r["withText"], r["status"], r["codes"]) for r in seen["requests"]]
    assert shapes[:2] == [
        (False, 200, ["PERSISTED_QUERY_NOT_FOUND"]),
        (True, 403, ["PERSISTED_QUERY_NOT_ALLOWED"]),
    ]
