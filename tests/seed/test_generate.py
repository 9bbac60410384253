"""`ipgraph generate`: deterministic, idempotent, and fast enough to say so (tiny scale here;
the full-scale figures are in BENCHMARKS.md)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import neo4j
import pytest

from graph.engine import EmbeddedEngine
from seed.generate import Scale, generate
from tests.support import run_cli

pytestmark = pytest.mark.integration


def test_same_seed_same_graph_and_a_different_seed_differs() -> None:
    first = [b.rows for b in generate(Scale.times(0.002), seed=7)]
    again = [b.rows for b in generate(Scale.times(0.002), seed=7)]
    other = [b.rows for b in generate(Scale.times(0.002), seed=8)]
    assert first == again
    assert first != other
    # Countries and cities get synthetic points for a map, said to be synthetic.
    places = [row["props"] for rows in first for row in rows if "kind" in row.get("props", {})]
    placed = [props for props in places if props["kind"] in ("COUNTRY", "CITY")]
    assert placed and all(-90 <= props["latitude"] <= 90 for props in placed)
    assert all(-180 <= props["longitude"] <= 180 for props in placed)
    assert {props["coordinatesSource"] for props in placed} == {"synthetic: ipgraph generate"}


def test_generate_loads_the_graph_and_reports_its_rate(tmp_path: Path) -> None:
    env = {**os.environ, "IPGRAPH_DATA_DIR": str(tmp_path), "NEO4J_URI": ""}
    outputs = []
    for _ in range(2):  # the second run rewrites the same rows
        done = run_cli("generate", "--scale", "0.002", "--batch", "500", env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    expected_rows = sum(len(b.rows) for b in generate(Scale.times(0.002)))
    for output in outputs:
        match = re.search(r"generated ([\d,]+) rows .* in [\d.]+ s: ([\d,]+) rows/s", output)
        assert match, output
        assert int(match.group(1).replace(",", "")) == expected_rows
        assert int(match.group(2).replace(",", "")) > 0

    shape = Scale.times(0.002)
    with (
        EmbeddedEngine(tmp_path, "neo4j") as engine,
        neo4j.GraphDatabase.driver(engine.uri, auth=engine.auth) as driver,
    ):
        records, _, _ = driver.execute_query(
            "RETURN COUNT { (:Officer) } AS officers, COUNT { (:Mission) } AS missions, "
            "COUNT { (:Location) } AS locations, COUNT { ()-[:SERVES_ON]->() } AS serves",
            database_="neo4j",
        )
    counts = records[0]
    assert counts["officers"] == shape.officers
    assert counts["missions"] == shape.missions
    assert counts["locations"] == shape.locations
    assert counts["serves"] >= shape.officers
