"""Settings: read from the environment, bad values rejected with one clear line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.settings import Mode, Settings, describe_error
from tests.support import run_cli


def test_defaults_without_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEO4J_URI", "IPGRAPH_PORT", "IPGRAPH_MODE", "IPGRAPH_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.embedded
    assert settings.port == 8000
    assert settings.mode is Mode.DEVELOPMENT
    assert settings.data_dir == Path(".ipgraph")


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://db.example:7687")
    monkeypatch.setenv("IPGRAPH_PORT", "9001")
    monkeypatch.setenv("IPGRAPH_MODE", "production")
    monkeypatch.setenv("IPGRAPH_API_KEYS", "k" * 40 + ":reader")
    settings = Settings(_env_file=None)
    assert not settings.embedded
    assert settings.neo4j_uri == "neo4j://db.example:7687"
    assert settings.port == 9001
    assert settings.mode is Mode.PRODUCTION


def test_env_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IPGRAPH_PORT", raising=False)
    env = tmp_path / ".env"
    env.write_text("IPGRAPH_PORT=8123\n")
    assert Settings(_env_file=env).port == 8123


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("IPGRAPH_PORT", "not-a-port"),
        ("IPGRAPH_PORT", "70000"),
        ("IPGRAPH_MODE", "staging"),
        ("NEO4J_URI", "http://localhost:7474"),
        ("NEO4J_DATABASE", "bad name;"),
    ],
)
def test_bad_value_names_the_setting(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)
    line = describe_error(caught.value)
    assert line.startswith(f"invalid setting {name}:")
    assert "\n" not in line


def test_cli_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "IPGRAPH_MODE": "staging"}
    done = run_cli("migrate", env=env, cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "IPGRAPH_MODE" in lines[0]
