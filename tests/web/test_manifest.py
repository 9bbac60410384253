"""The shipped trusted-documents manifest (``web/trusted-documents.json``): what
``ipgraph trusted-documents`` writes, GraphiQL's examples and the explorer's operations
exactly, each valid against the schema, so a service running registered operations only
still serves both pages. (``test_persisted_live`` runs them on the engines.)"""

from __future__ import annotations

import json
from pathlib import Path

from schema.persisted import DocumentPolicy, load_manifest, sha256_hex
from schema.schema import build_schema
from tests.support import run_cli
from web.examples import EXAMPLES
from web.explorer import explorer_model
from web.manifest import SHIPPED_MANIFEST, manifest_text, shipped_documents

STALE = (
    "web/trusted-documents.json is stale: run "
    "`uv run ipgraph trusted-documents -o web/trusted-documents.json` and review the diff"
)


def test_the_checked_in_manifest_is_what_the_command_writes(tmp_path: Path) -> None:
    checked_in = SHIPPED_MANIFEST.read_text(encoding="utf-8")
    assert manifest_text(shipped_documents()) == checked_in, STALE
    written = tmp_path / "manifest.json"
    done = run_cli("trusted-documents", "-o", str(written))
    assert done.returncode == 0, done.stderr
    assert written.read_text(encoding="utf-8") == checked_in, STALE
    printed = run_cli("trusted-documents")
    assert printed.stdout == checked_in


def test_it_lists_graphiqls_examples_and_the_explorers_operations_and_nothing_else() -> None:
    manifest = json.loads(SHIPPED_MANIFEST.read_text(encoding="utf-8"))
    model = explorer_model()
    expected = [
        *(example["query"] for example in EXAMPLES),
        *model["operations"].values(),
        *model["questions"].values(),
    ]
    assert sorted(manifest.values()) == sorted(expected)
    assert all(key == sha256_hex(text) for key, text in manifest.items())


def test_the_service_loads_it_and_lets_exactly_those_run() -> None:
    manifest = load_manifest(SHIPPED_MANIFEST, build_schema()._schema)
    policy = DocumentPolicy(manifest)
    model = explorer_model()
    for text in [example["query"] for example in EXAMPLES] + list(model["operations"].values()):
        assert policy.resolve(text, None, None) == text
        assert policy.resolve(None, f"sha256:{sha256_hex(text)}", None) == text


def test_serve_refuses_a_bad_manifest_before_starting_anything(tmp_path: Path) -> None:
    import os

    bad = tmp_path / "persisted-documents.json"
    bad.write_text(json.dumps({sha256_hex("{ nope }"): "{ nope }"}), encoding="utf-8")
    env = {
        **os.environ,
        "IPGRAPH_TRUSTED_DOCUMENTS": str(bad),
        "IPGRAPH_DATA_DIR": str(tmp_path / "data"),
    }
    done = run_cli("serve", env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "IPGRAPH_TRUSTED_DOCUMENTS" in done.stderr
    assert sha256_hex("{ nope }") in done.stderr
    assert "Cannot query field 'nope'" in done.stderr
    assert not (tmp_path / "data").exists()  # no engine was started
