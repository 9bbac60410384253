"""docker-compose.yml and the Dockerfile, checked without a Docker engine."""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


@pytest.mark.integration  # runs Debian's docker-compose
def test_compose_file_is_valid_for_docker_compose() -> None:
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.fail("docker-compose is not installed (.ci/run installs Debian's docker-compose)")
    done = subprocess.run(
        [tool, "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        env={**os.environ, "NEO4J_PASSWORD": "a-test-password"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_neo4j_service_is_neo4j5_with_volume_and_healthcheck() -> None:
    neo4j = _compose()["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert "RETURN 1" in " ".join(neo4j["healthcheck"]["test"])


def test_api_waits_for_a_healthy_neo4j_and_is_configured_by_env() -> None:
    api = _compose()["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = api["environment"]
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert {"NEO4J_USER", "NEO4J_PASSWORD", "IPGRAPH_HOST", "IPGRAPH_MODE"} <= set(env)


def test_dockerfile_is_small_and_runs_unprivileged() -> None:
    lines = [
        line.strip()
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    text = "\n".join(lines)
    assert lines[0].startswith("FROM python:3.11-slim")
    assert "pip install --no-cache-dir uv==" in text
    # Installs exactly what uv.lock pins, without dev tools or the embedded engine.
    syncs = [line for line in lines if "uv sync" in line]
    assert syncs and all("--frozen" in s and "--no-default-groups" in s for s in syncs)
    users = [line for line in lines if line.startswith("USER ")]
    assert users and users[-1] != "USER root"
    assert 'CMD ["ipgraph", "serve"]' in text
    for folder in ("graph", "resolvers", "schema", "seed"):
        assert f"COPY {folder} ./{folder}" in text


def test_gateway_composes_ipgraph_once_the_api_is_healthy() -> None:
    gateway = _compose()["services"]["gateway"]
    assert gateway["depends_on"]["api"]["condition"] == "service_healthy"
    command = " ".join(gateway["command"])
    assert "node gateway.mjs" in command
    assert "ipgraph=http://api:8000/graphql" in command
    # Shipped code lives outside tests/.
    assert (ROOT / "gateway" / "gateway.mjs").is_file()
    assert "./gateway:/gateway:ro" in gateway["volumes"]
    assert not any(volume.startswith("./tests") for volume in gateway["volumes"])


@pytest.mark.integration  # runs Debian's docker-compose
def test_compose_refuses_to_start_without_a_password() -> None:
    tool = shutil.which("docker-compose")
    assert tool is not None
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    done = subprocess.run(
        [tool, "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "NEO4J_PASSWORD" in done.stderr


def test_published_ports_are_loopback_only() -> None:
    for name, service in _compose()["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} on every interface"
