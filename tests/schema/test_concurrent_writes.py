"""Concurrent editors and a vanishing engine, on both engines (issue 15, B6).

Thirty editors write one entity, then one relationship, at the same moment through the
real service (uvicorn on a loopback port, one thread each): every change the service
acknowledged is in the graph afterwards. A writer may be refused with DATABASE_BUSY when
the engine's conflicts outlast the retry budget, never with a silent loss. Then the engine
goes away in the middle of a multi-statement write transaction, and nothing of it is left.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, LiteralString

import httpx
import pytest
from pydantic import SecretStr

from graph import writes
from graph.db import Database, Params, Row, create_driver
from graph.engine import BoltServer
from graph.errors import DatabaseBusy, DatabaseUnavailable
from graph.migrations import migrate
from graph.provenance import Source
from graph.settings import Settings
from tests.conftest import serving
from tests.cypherlint.client import CypherLinter
from tests.support import run_async
from web.app import create_app

pytestmark = pytest.mark.integration

EDITOR = "c" * 40
WRITERS = 30
OFFICER = "officer-race-0"
CITY = "city-race-0"


@pytest.fixture(scope="module")
def service(live_settings: Settings, linter: CypherLinter) -> Iterator[str]:
    # Thirty writers queue on one entity's locks: on a machine as busy as the parallel suite
    # makes it, the last can wait past the default 10 s deadline. These tests are about
    # conflicts, not deadlines (tests/graph/test_supervisor.py has those).
    settings = live_settings.model_copy(
        update={"api_keys": SecretStr(f"{EDITOR}:editor"), "query_timeout": 60.0}
    )
    with serving(create_app(settings, observer=linter.observe)) as url:
        yield f"{url}/graphql"


def post(url: str, query: str) -> tuple[int, dict[str, Any]]:
    with httpx.Client(timeout=60) as client:
        response = client.post(
            url, json={"query": query}, headers={"authorization": f"Bearer {EDITOR}"}
        )
    body: dict[str, Any] = response.json()
    return response.status_code, body


def all_at_once(url: str, queries: list[str]) -> list[tuple[int, dict[str, Any]]]:
    """Each query on its own thread and connection, all sent together."""
    with ThreadPoolExecutor(len(queries)) as pool:
        return list(pool.map(lambda query: post(url, query), queries))


def acknowledged(answers: list[tuple[int, dict[str, Any]]]) -> list[int]:
    """Indexes of the writes the service acknowledged; any other answer must be
    DATABASE_BUSY (503), the one refusal a lost race may end in."""
    done = []
    for index, (status, body) in enumerate(answers):
        if status == 200 and "errors" not in body:
            done.append(index)
        else:
            codes = {error["extensions"]["code"] for error in body["errors"]}
            assert (status, codes) == (503, {"DATABASE_BUSY"}), body
    return done


def sources_of(url: str, query: str, *path: str) -> set[str]:
    _, body = post(url, query)
    assert "errors" not in body, body
    found: Any = body["data"]
    for key in path:
        found = found[key]
    return {source["quote"] for source in found["sources"]}


@pytest.fixture
def fresh(service: str) -> Iterator[str]:
    """No entity with the id ``officer-race-0`` or ``city-race-0`` before or after the
    test."""

    def clean() -> None:
        for entity_id in (OFFICER, CITY):
            for typename in ("Officer", "Location"):
                post(service, f'mutation {{ delete{typename}(id: "{entity_id}") {{ id }} }}')

    clean()
    yield service
    clean()


def upsert(k: int) -> str:
    return (
        f'mutation {{ upsertOfficer(input: {{id: "{OFFICER}", name: "Racer {k}", '
        f'sources: [{{document: "d", quote: "q{k}"}}]}}) {{ id }} }}'
    )


def assert_recorded_once_each(url: str, quotes: set[str]) -> None:
    """The history holds one change per acknowledged write (each gave its own quote),
    each with its own number."""
    _, body = post(
        url,
        f'{{ history(id: "{OFFICER}", first: 100) {{ nodes {{ id sources {{ quote }} }} }} }}',
    )
    changes = body["data"]["history"]["nodes"]
    given = [source["quote"] for change in changes for source in change["sources"]]
    assert sorted(q for q in given if q in quotes) == sorted(quotes)
    assert len({change["id"] for change in changes}) == len(changes)


def test_concurrent_upserts_of_one_entity_lose_no_acknowledged_source(fresh: str) -> None:
    # The first round races to create the officer, the second to update it.
    for round_ in ("create", "update"):
        queries = [upsert(k) for k in range(WRITERS)]
        if round_ == "update":
            queries = [q.replace('quote: "q', 'quote: "u') for q in queries]
        done = acknowledged(all_at_once(fresh, queries))
        assert done, "no writer got through"
        prefix = "q" if round_ == "create" else "u"
        kept = sources_of(
            fresh, f'{{ officer(id: "{OFFICER}") {{ sources {{ quote }} }} }}', "officer"
        )
        assert {f"{prefix}{k}" for k in done} <= kept, round_
        if round_ == "update":
            assert_recorded_once_each(fresh, {f"u{k}" for k in done})
    # One officer, whatever the race to create it.
    _, body = post(fresh, '{ search(text: "racer") { ... on Officer { id } } }')
    assert body["data"]["search"].count({"id": OFFICER}) == 1


def test_concurrent_links_of_one_pair_lose_no_acknowledged_source(fresh: str) -> None:
    for mutation in (
        upsert(0),
        f'mutation {{ createLocation(input: {{id: "{CITY}", name: "Race City", kind: CITY, '
        'sources: [{document: "d", quote: "q"}]}) { id } }',
    ):
        assert "errors" not in post(fresh, mutation)[1]
    queries = [
        f'mutation {{ link(input: {{type: POSTED_TO, from: "{OFFICER}", to: "{CITY}", '
        f'sources: [{{document: "d", quote: "l{k}"}}]}}) {{ created }} }}'
        for k in range(WRITERS)
    ]
    answers = all_at_once(fresh, queries)
    done = acknowledged(answers)
    assert done, "no writer got through"
    # Exactly one writer created the relationship; the others added to it.
    assert [answers[i][1]["data"]["link"]["created"] for i in done].count(True) <= 1
    path = (
        f'{{ shortestPath(fromId: "{OFFICER}", toId: "{CITY}", maxHops: 1) '
        "{ relationships { type sources { quote } } } }"
    )
    _, body = post(fresh, path)
    steps = body["data"]["shortestPath"]["relationships"]
    assert [step["type"] for step in steps] == ["POSTED_TO"]
    kept = {source["quote"] for source in steps[0]["sources"]}
    assert {f"l{k}" for k in done} <= kept


def test_concurrent_creates_of_one_id_under_two_types_leave_one_entity(fresh: str) -> None:
    kinds = [("Officer", 'rank: "Sgt."'), ("Location", "kind: CITY")]
    queries = [
        f'mutation {{ create{kinds[k % 2][0]}(input: {{id: "{CITY}", name: "Race {k}", '
        f'{kinds[k % 2][1]}, sources: [{{document: "d", quote: "c{k}"}}]}}) {{ id }} }}'
        for k in range(WRITERS)
    ]
    answers = all_at_once(fresh, queries)
    assert len([body for _, body in answers if "errors" not in body]) == 1
    lost = {body["errors"][0]["extensions"]["code"] for _, body in answers if "errors" in body}
    assert lost <= {"CONFLICT", "DATABASE_BUSY"}
    _, body = post(fresh, f'{{ officer(id: "{CITY}") {{ id }} location(id: "{CITY}") {{ id }} }}')
    assert sorted(v is None for v in body["data"].values()) == [False, True]


def test_concurrent_part_of_both_ways_leave_no_cycle(fresh: str) -> None:
    ends = ("mission-race-a", "mission-race-b")
    for mission in ends:
        made = post(
            fresh,
            f'mutation {{ upsertMission(input: {{id: "{mission}", name: "Race", status: ACTIVE, '
            'category: "UN_MISSION", sources: [{document: "d", quote: "q"}]}) { id } }',
        )
        assert "errors" not in made[1], made
    try:
        queries = [
            f'mutation {{ link(input: {{type: PART_OF, from: "{ends[k % 2]}", '
            f'to: "{ends[1 - k % 2]}", sources: [{{document: "d", quote: "p{k}"}}]}}) '
            "{ created } }"
            for k in range(WRITERS)
        ]
        answers = all_at_once(fresh, queries)
        codes = {body["errors"][0]["extensions"]["code"] for _, body in answers if "errors" in body}
        assert codes <= {"CONFLICT", "DATABASE_BUSY"}
        parents = [
            post(fresh, f'{{ mission(id: "{mission}") {{ parent {{ id }} }} }}')[1]["data"]
            for mission in ends
        ]
        # One direction won; the other was refused as a cycle.
        assert sorted(p["mission"]["parent"] is None for p in parents) == [False, True]
    finally:
        for mission in ends:
            post(fresh, f'mutation {{ deleteMission(id: "{mission}") {{ id }} }}')


def test_a_writer_out_of_retries_is_busy_and_writes_nothing(live_settings: Settings) -> None:
    # No retries at all: on the embedded engine every writer that meets a conflict fails
    # (Neo4j makes them wait instead). Whoever failed left nothing; whoever did not, stays.
    async def scenario() -> tuple[set[str], set[str], set[str]]:
        assert live_settings.neo4j_uri is not None
        auth = (live_settings.neo4j_user, live_settings.neo4j_password.get_secret_value())
        driver = create_driver(live_settings.neo4j_uri, auth, retry_time=0)
        db = Database(driver, live_settings.neo4j_database, timeout=30)
        props = {"id": "officer-race-busy", "name": "Busy"}

        async def one(k: int) -> str:
            try:
                await writes.upsert(db, "Officer", props, [Source("d", f"b{k}")], author="t")
            except DatabaseBusy:
                return "busy"
            return "done"

        try:
            await writes.upsert(db, "Officer", props, [Source("d", "first")], author="t")
            outcome = await asyncio.gather(*(one(k) for k in range(WRITERS)))
            rows = await db.read(
                "MATCH (n:Officer {id: $id}) RETURN n.sourceQuotes AS quotes", props
            )
            await writes.delete(db, "Officer", props["id"], author="t")
        finally:
            await db.close()
        done = {f"b{k}" for k, result in enumerate(outcome) if result == "done"}
        busy = {f"b{k}" for k, result in enumerate(outcome) if result == "busy"}
        return done, busy, set(rows[0]["quotes"])

    done, busy, kept = run_async(scenario())
    assert done, "no writer got through"
    assert done <= kept
    assert not busy & kept


# -- the engine going away mid-transaction ---------------------------------------------------


class Cutting(Database):
    """Kills the engine (SIGKILL) just before sending the first statement that starts with
    ``cut_before``: the transaction has run its earlier statements and never commits."""

    def __init__(self, engine: BoltServer, cut_before: str) -> None:
        driver = create_driver(engine.uri, engine.auth, retry_time=1.0)
        super().__init__(driver, engine.database, timeout=60)
        self.engine, self.cut_before = engine, cut_before

    async def _run(self, target: Any, query: LiteralString, params: Params, *rest: Any) -> Any:
        if self.cut_before and query.startswith(self.cut_before):
            self.cut_before = ""
            pid = self.engine.pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            await asyncio.to_thread(self.engine.stop)
        return await super()._run(target, query, params, *rest)


STATE: LiteralString = (
    "MATCH (k:EntityId) WHERE k.id STARTS WITH 'cut-' RETURN 'EntityId' AS label, k.id AS id "
    "UNION ALL "
    "MATCH (m:Mission) WHERE m.id STARTS WITH 'cut-' RETURN 'Mission' AS label, m.id AS id"
)
MISSION = {"name": "Cut", "status": "ACTIVE", "category": "UN_MISSION"}
SOURCE = [Source("d", "q")]


def test_a_write_cut_by_the_engine_dying_leaves_no_partial_change(own_engine: BoltServer) -> None:
    engine = own_engine

    async def state(db: Database) -> list[Row]:
        return sorted(await db.read(STATE), key=lambda row: (row["label"], row["id"]))

    async def cut(cut_before: str, write: Any) -> list[Row]:
        db = Cutting(engine, cut_before)
        try:
            with pytest.raises(DatabaseUnavailable):
                await write(db)
            engine.start()
            return await state(db)
        finally:
            await db.close()

    async def scenario() -> None:
        db = Cutting(engine, "")
        try:
            await migrate(db)
            await writes.create(db, "Mission", {"id": "cut-kept", **MISSION}, SOURCE, author="t")
        finally:
            await db.close()
        both = [{"label": "EntityId", "id": "cut-kept"}, {"label": "Mission", "id": "cut-kept"}]

        # A create: its id registered and locked, then the engine dies before the entity.
        after = await cut(
            "CREATE (n:Mission)",
            lambda db: writes.create(
                db, "Mission", {"id": "cut-new", **MISSION}, SOURCE, author="t"
            ),
        )
        assert after == both
        # A delete: the relationships read, then the engine dies before the delete.
        after = await cut(
            "MATCH (n:Mission {id: $id}) MATCH (k:EntityId",
            lambda db: writes.delete(db, "Mission", "cut-kept", author="t"),
        )
        assert after == both
        # The id left free by the cut create can be taken.
        db = Cutting(engine, "")
        try:
            await writes.create(db, "Mission", {"id": "cut-new", **MISSION}, SOURCE, author="t")
        finally:
            await db.close()

    run_async(scenario())
