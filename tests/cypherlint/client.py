"""Python side of the Neo4j Cypher linter (``lint.mjs``): Neo4j's own Cypher front end."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graph.catalog import PROPERTY_KEYS
from graph.model import Label, RelType

HERE = Path(__file__).parent

# Procedures the service calls (Neo4j's full-text search, graph.capabilities): declaring
# the list makes the linter flag a call to any other, or one with the wrong arguments.
PROCEDURES: list[str] = [
    "db.awaitIndex",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
]


class CypherLinter:
    """Lints each distinct statement once; keeps the failures for the test that caused them."""

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("the Cypher linter needs Node.js 20+ and npm")
        if not (HERE / "node_modules").is_dir():
            # First run on a fresh clone: install the pinned linter from its lock file.
            subprocess.run(
                ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True
            )
        self._proc = subprocess.Popen(
            [node, str(HERE / "lint.mjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = {}
        self._next = 0
        self.failures: list[str] = []
        self.checked = 0

    def lint(self, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Diagnostics (errors and warnings) Neo4j's front end reports for this statement."""
        key = (query, frozenset(params))
        with self._lock:
            if key in self._seen:
                return self._seen[key]
            assert self._proc.stdin is not None and self._proc.stdout is not None
            self._next += 1
            request = {
                "id": self._next,
                "query": query,
                "parameters": {name: _sample(value) for name, value in params.items()},
                "labels": [label.value for label in Label],
                "relationshipTypes": [rel.value for rel in RelType],
                "propertyKeys": list(PROPERTY_KEYS),
                "procedures": PROCEDURES,
            }
            self._proc.stdin.write(json.dumps(request, default=str) + "\n")
            self._proc.stdin.flush()
            reply = json.loads(self._proc.stdout.readline())
            diagnostics = [d for d in reply["diagnostics"] if d["severity"] <= 2]
            self._seen[key] = diagnostics
            self.checked += 1
            return diagnostics

    def observe(self, query: str, params: Mapping[str, Any]) -> None:
        """Statement observer for ``graph.db.Database``: records what Neo4j would reject."""
        diagnostics = self.lint(query, params)
        if diagnostics:
            messages = "; ".join(d["message"] for d in diagnostics)
            self.failures.append(f"{' '.join(query.split())}\n  -> {messages}")

    def close(self) -> None:
        if self._proc.stdin:
            self._proc.stdin.close()
        self._proc.wait(5)
        if self._proc.stdout:
            self._proc.stdout.close()


def _sample(value: Any) -> Any:
    # The linter only needs to know a parameter exists; JSON-able sample values do.
    return value if value is not None else ""
