"""The code's rooms: layers call downward only (cli/ → web/ → schema/ → resolvers/ →
graph/; seed/ and bench/ use graph/), no module imports another that imports it back,
and no Cypher outside graph/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("graph", "resolvers", "schema", "seed", "web", "bench", "cli")
# What each package may import from the project (beyond itself).
ALLOWED = {
    "graph": set(),
    "resolvers": {"graph"},
    "seed": {"graph"},
    "schema": {"resolvers", "graph", "seed"},
    # The HTTP application serves the schema; the benchmark drives a running service
    # from outside; the command line starts either.
    "web": {"schema", "resolvers", "graph", "seed"},
    "bench": {"graph"},
    "cli": {"web", "bench", "schema", "resolvers", "graph", "seed"},
}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules ``path`` imports, at any depth (imports inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found |= {name for name in names if name in modules}
    return found


def test_layers_call_downward_only() -> None:
    modules = _modules()
    wrong = []
    for name, path in modules.items():
        package = name.split(".")[0]
        for imported in _imports(path, modules):
            target = imported.split(".")[0]
            if target != package and target not in ALLOWED[package]:
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


def test_no_module_imports_one_that_imports_it_back() -> None:
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    cycles = set()

    def visit(name: str, trail: list[str]) -> None:
        for nxt in graph.get(name, ()):
            if nxt in trail:
                cycle = trail[trail.index(nxt) :]
                cycles.add(" -> ".join([*cycle, nxt]))
            elif len(trail) < 12:
                visit(nxt, [*trail, nxt])

    for name in graph:
        visit(name, [name])
    # A package's __init__ importing its own modules is not a cycle of concern.
    assert sorted(c for c in cycles if "__init__" not in c) == []


CYPHER = re.compile(r"\b(MATCH|MERGE|OPTIONAL MATCH|DETACH DELETE|CREATE CONSTRAINT) *\(")


def _strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def test_cypher_lives_in_graph_only() -> None:
    outside = [
        str(path.relative_to(ROOT))
        for name, path in _modules().items()
        if not name.startswith("graph") and any(CYPHER.search(s) for s in _strings(path))
    ]
    assert outside == []
