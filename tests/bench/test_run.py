"""`ipgraph bench` runs end to end on a tiny generated graph (with the @neo4j/graphql peer)
and writes well-formed results. Benchmarks are commands, not timed tests: nothing here
asserts a speed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bench.run import OPERATIONS
from tests.support import run_cli

pytestmark = pytest.mark.integration


def test_bench_runs_and_reports(tmp_path: Path) -> None:
    env = {**os.environ, "IPGRAPH_DATA_DIR": str(tmp_path / "data"), "NEO4J_URI": ""}
    done = run_cli("bench", "--seconds", "0.5", env=env, timeout=300)
    assert done.returncode == 1 and "run `ipgraph generate` first" in done.stderr

    generated = run_cli("generate", "--scale", "0.002", "--batch", "1000", env=env, timeout=300)
    assert generated.returncode == 0, generated.stderr
    out = tmp_path / "bench.json"
    done = run_cli(
        *("bench", "--seconds", "0.5", "--warmup", "0.2", "--concurrency", "1,2", "--peer"),
        *("--out", str(out)),
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(out.read_text())
    assert report["options"]["warmup"] == 0.2
    assert report["machine"]["cpus"] >= 1
    assert "strawberry-graphql" in report["versions"] and "@neo4j/graphql" in report["versions"]
    rows = {(r["operation"], r["target"], r["concurrency"]): r for r in report["results"]}
    for op in OPERATIONS:
        for target in ("ipgraph", "driver", "peer"):
            for concurrency in (1, 2):
                if target == "peer" and not op.peer:
                    assert (op.name, target, concurrency) not in rows
                    continue
                row = rows[(op.name, target, concurrency)]
                assert row["requests"] > 0 and row["errors"] == 0, row
                assert 0 < row["p50_ms"] <= row["p99_ms"]
        # Operations answering a list are also measured through /export (as CSV).
        for concurrency in (1, 2):
            exported = rows.get((op.name, "export", concurrency))
            assert (exported is not None) == op.exportable, op.name
            if exported:
                assert exported["requests"] > 0 and exported["errors"] == 0, exported
        # One Cypher statement per request for ipgraph's reads, whatever the operation; a
        # write sends its own (the history's record among them).
        assert rows[(op.name, "ipgraph", 1)]["statements_per_request"] == op.statements
    ratio = {(r["operation"], r["concurrency"]): r for r in report["ratios"]}
    assert {"p50_vs_driver", "rps_vs_peer", "p50_export_vs_graphql"} <= set(ratio[("nested", 1)])
    assert "ipgraph bench" in done.stdout and f"results written to {out}" in done.stdout
