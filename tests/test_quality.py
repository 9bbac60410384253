"""The project's static gates run with the tests: ruff (lint and format) and mypy strict."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_static_gate(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_tests_run_coroutines_through_run_async() -> None:
    """``asyncio.run`` fails in any test after a browser test (Playwright keeps a loop on the
    main thread) when the tiers run in one session: tests use ``tests.support.run_async``."""
    root = ROOT / "tests"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "node_modules" not in path.parts
        and path.name not in ("support.py", "test_quality.py")
        and "asyncio.run(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
