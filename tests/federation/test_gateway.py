"""ipgraph as an Apollo Federation 2 subgraph, proven against a real gateway.

A second subgraph (``reviews-subgraph.mjs``, Apollo's own ``@apollo/subgraph``) extends ipgraph's
entities and points back at them by reference; ``gateway.mjs`` composes both live subgraphs with
``@apollo/composition`` and serves the supergraph with ``@apollo/gateway``. Queries then cross the
gateway both ways: ipgraph → reviews (entity fields added by reviews) and reviews → ipgraph
(references resolved through ipgraph's ``_entities``).

To cover a new ipgraph entity (Branch, Officer, PartnerAgency, Mission…): add a row to ``ENTITIES``
below, and its name to ``EXTENDS`` in ``reviews-subgraph.mjs`` (with an advisory ``about`` it).
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.engine import free_port

pytestmark = pytest.mark.integration

HERE = Path(__file__).resolve().parent
# The gateway docker-compose runs too: shipped code, so it lives outside tests/.
GATEWAY_DIR = HERE.parent.parent / "gateway"
READY_TIMEOUT = 60.0
READY = re.compile(r"\bready at (\S+)")


@dataclass(frozen=True)
class Entity:
    """One of ipgraph's federated entity types, with a seeded instance to resolve."""

    typename: str
    known_id: str
    selection: str
    expected: dict[str, Any]


# ipgraph's entities (all `@key(fields: "id")`), each with an id the seed has.
ENTITIES = [
    Entity("Location", "city-bogota", "id name kind", {"name": "Bogota", "kind": "CITY"}),
    Entity("Mission", "mission-minusma", "id acronym status", {"acronym": "MINUSMA"}),
    Entity(
        "Branch",
        "branch-international-operations",
        "id name",
        {"name": "International Operations Branch"},
    ),
    Entity("Officer", "lo-bogota", "id role", {"role": "Liaison Officer"}),
    Entity("PartnerAgency", "partner-un", "id acronym", {"acronym": "UN"}),
]


# --- Node processes ---------------------------------------------------------------------------


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("the federation tests need Node.js 20+ and npm")
    for folder in (HERE, GATEWAY_DIR):
        if not (folder / "node_modules").is_dir():
            # First run on a fresh clone: install the pinned packages from their lock file.
            subprocess.run(
                ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=folder,
                check=True,
            )
    return node


@dataclass
class NodeProcess:
    """A Node script (of this folder, or a path), its stdout+stderr collected line by line."""

    name: str
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    url: str = ""
    _queue: queue.Queue[str | None] = field(default_factory=queue.Queue)
    _reader: threading.Thread | None = None

    @classmethod
    def start(cls, node: str, script: str | Path, *args: str) -> NodeProcess:
        path = HERE / script
        process = subprocess.Popen(
            [node, str(path), *args],
            cwd=path.parent,
            env={**os.environ, "NO_COLOR": "1"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        started = cls(path.name, process)
        started._reader = threading.Thread(target=started._pump, daemon=True)
        started._reader.start()
        return started

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> str:
        """The URL from the script's ``ready at URL`` line; fails if it exits or times out first."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{self.name} not ready in {timeout:.0f}s:\n{self.output}")
            try:
                line = self._queue.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                self.process.wait(5)
                raise AssertionError(
                    f"{self.name} exited ({self.process.returncode}) before it was ready:\n"
                    + self.output
                )
            self.lines.append(line)
            if match := READY.search(line):
                self.url = match.group(1)
                return self.url

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self._reader is not None:
            self._reader.join(5)
        while True:
            try:
                line = self._queue.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.lines.append(line)
        if self.process.stdout is not None:
            self.process.stdout.close()


@dataclass
class Federation:
    ipgraph: str
    reviews: str
    gateway: str
    composition: list[str]
    supergraph: Path


@pytest.fixture(scope="module")
def federation(live_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    """ipgraph + the reviews subgraph, composed and served by a real Apollo gateway."""
    node = _node()
    ipgraph = f"{live_server}/graphql"
    supergraph = tmp_path_factory.mktemp("federation") / "supergraph.graphql"
    started: list[NodeProcess] = []
    try:
        reviews = NodeProcess.start(node, "reviews-subgraph.mjs", "--port", str(free_port()))
        started.append(reviews)
        reviews_url = reviews.wait_ready()
        gateway = NodeProcess.start(
            node,
            GATEWAY_DIR / "gateway.mjs",
            "--port",
            str(free_port()),
            "--supergraph-out",
            str(supergraph),
            f"ipgraph={ipgraph}",
            f"reviews={reviews_url}",
        )
        started.append(gateway)
        gateway_url = gateway.wait_ready()
        composition = [line for line in gateway.lines if line.startswith("composition:")]
        yield Federation(ipgraph, reviews_url, gateway_url, composition, supergraph)
    finally:
        for process in reversed(started):
            process.stop()
        for process in started:
            # Whatever the scripts said (composition output, gateway/subgraph errors) ends up in
            # the test log: pytest -s / -rA shows it.
            print(f"--- {process.name} output ---\n{process.output}")


def post(url: str, query: str, **variables: Any) -> dict[str, Any]:
    with httpx.Client(timeout=30) as http:
        response = http.post(url, json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def data(url: str, query: str, **variables: Any) -> dict[str, Any]:
    body = post(url, query, **variables)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]
    return result


# --- ipgraph alone: the subgraph protocol -----------------------------------------------------


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e.typename)
def test_service_sdl_declares_the_key(live_server: str, entity: Entity) -> None:
    sdl = data(f"{live_server}/graphql", "{ _service { sdl } }")["_service"]["sdl"]
    assert '@key(fields: "id")' in sdl
    # Every entity is also a Relay Node (README, Relay global objects).
    assert re.search(rf'\btype {entity.typename} implements Node\s+@key\(fields: "id"\)', sdl)
    assert "https://specs.apollo.dev/federation/v2." in sdl  # a Federation 2 subgraph
    union = data(f"{live_server}/graphql", '{ __type(name: "_Entity") { possibleTypes { name } } }')
    assert entity.typename in {t["name"] for t in union["__type"]["possibleTypes"]}


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e.typename)
def test_entities_resolves_known_ids_and_null_for_unknown(live_server: str, entity: Entity) -> None:
    query = f"""
      query Entities($representations: [_Any!]!) {{
        _entities(representations: $representations) {{
          __typename
          ... on {entity.typename} {{ {entity.selection} }}
        }}
      }}
    """
    representations: Sequence[dict[str, str]] = [
        {"__typename": entity.typename, "id": entity.known_id},
        {"__typename": entity.typename, "id": "nope"},
    ]
    found = data(f"{live_server}/graphql", query, representations=representations)["_entities"]
    assert len(found) == 2
    assert found[0]["__typename"] == entity.typename
    assert found[0]["id"] == entity.known_id
    assert {key: found[0][key] for key in entity.expected} == entity.expected
    assert found[1] is None


# --- through the gateway ----------------------------------------------------------------------


def test_composition_has_no_errors(
    federation: Federation, capsys: pytest.CaptureFixture[str]
) -> None:
    # Shown in the test run's output even when the test passes (CI logs keep the hints).
    with capsys.disabled():
        print("\n".join(["", "composition output of gateway.mjs:", *federation.composition]))
    assert federation.composition, "gateway.mjs printed no composition output"
    summary = federation.composition[-1]
    assert re.fullmatch(r"composition: 0 error\(s\), \d+ hint\(s\)", summary), summary
    assert not [line for line in federation.composition if " error [" in line]
    supergraph = federation.supergraph.read_text(encoding="utf-8")
    assert '@join__graph(name: "ipgraph"' in supergraph
    assert '@join__graph(name: "reviews"' in supergraph
    # The routers' cost hints (schema.cost_hints) survive composition, for demand control.
    assert re.search(r"missions: \[Mission!\]! .*@listSize\(assumedSize: 2000", supergraph)
    assert re.search(r"officerCount: Int! .*@cost\(weight: \d+\)", supergraph)
    assert 'slicingArguments: ["first"]' in supergraph


def test_ipgraph_entity_gains_fields_from_the_other_subgraph(federation: Federation) -> None:
    location = data(
        federation.gateway,
        '{ location(id: "city-bogota") { id name kind advisories { id title } } }',
    )["location"]
    assert location["name"] == "Bogota"  # from ipgraph
    assert location["kind"] == "CITY"
    assert [a["title"] for a in location["advisories"]] == [
        "Bogota liaison post: reduced staffing"
    ]  # from reviews


def test_ipgraph_graph_walk_then_the_other_subgraph(federation: Federation) -> None:
    location = data(
        federation.gateway,
        '{ location(id: "city-bogota") { parent { id name advisories { id } } } }',
    )["location"]
    assert location["parent"]["id"] == "country-colombia"
    assert location["parent"]["name"] == "Colombia"
    assert {a["id"] for a in location["parent"]["advisories"]} == {
        "adv-bogota-1",
        "adv-colombia-1",
    }


def test_other_subgraph_references_resolve_through_ipgraph_entities(
    federation: Federation,
) -> None:
    advisories = data(
        federation.gateway,
        "{ advisories { id title location { id name kind parent { name } } } }",
    )["advisories"]
    by_id = {a["id"]: a for a in advisories}
    assert set(by_id) == {"adv-bogota-1", "adv-colombia-1", "adv-kingston-1"}
    bogota = by_id["adv-bogota-1"]["location"]
    assert bogota == {
        "id": "city-bogota",
        "name": "Bogota",
        "kind": "CITY",
        "parent": {"name": "Colombia"},
    }
    assert by_id["adv-colombia-1"]["location"]["kind"] == "COUNTRY"
    assert by_id["adv-colombia-1"]["location"]["name"] == "Colombia"
    kingston = by_id["adv-kingston-1"]["location"]
    assert kingston["name"] == "Kingston"
    assert kingston["parent"] is not None


def test_entity_union_members_resolve_through_ipgraph(federation: Federation) -> None:
    advisory = data(
        federation.gateway,
        """{ advisory(id: "adv-bogota-1") {
              about { __typename
                ... on Location { id name advisories { id } }
                ... on Officer { id name }
                ... on Branch { id name }
              }
            } }""",
    )["advisory"]
    about = advisory["about"]
    # Three ipgraph types in one list: the gateway batches one _entities call.
    assert [(s["__typename"], s["id"], s["name"]) for s in about] == [
        ("Location", "city-bogota", "Bogota"),
        ("Location", "country-colombia", "Colombia"),
        ("Officer", "lo-bogota", "RCMP Liaison Officer, Bogota"),
        ("Branch", "branch-international-operations", "International Operations Branch"),
    ]
    # And back into the reviews subgraph from there (a three-hop plan).
    assert {a["id"] for a in about[1]["advisories"]} == {"adv-bogota-1", "adv-colombia-1"}


def test_gateway_reports_unknown_ids_as_null(federation: Federation) -> None:
    assert data(federation.gateway, '{ location(id: "nope") { name advisories { id } } }') == {
        "location": None
    }
