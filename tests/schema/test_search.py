"""Search on both engines: the same entities for the same text (Neo4j through its full-text
index, ArcadeDB by a scan), relevance order where the index gives one."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
from starlette.testclient import TestClient

from graph.migrations import QUOTE_INDEXES
from graph.model import ENTITY_LABELS
from graph.settings import Settings
from graph.text import search_key
from tests.conftest import gql

pytestmark = pytest.mark.integration

QUERY = """query($t: String!) { search(text: $t, first: 100) {
  __typename ... on Location { id } ... on Officer { id } ... on Mission { id }
  ... on PartnerAgency { id } ... on Branch { id } } }"""

# Whole words, starts and middles of words, several words, accents and case, words that
# span a field boundary, and every character Lucene would read as syntax.
TEXTS = [
    "bogota",
    "BOGOTÁ",
    "ota",
    "rcmp",
    "liaison officer",
    "nations",
    "mali",
    "de la",
    "d'",
    "(",
    "|",
    "*",
    "-",
    '"',
    "a OR b",
    "NOT",
    "\\",
    "zzzz-no-such-thing",
]


@pytest.fixture(scope="module")
def driver(live_settings: Settings) -> Iterator[neo4j.Driver]:
    assert live_settings.neo4j_uri is not None
    auth = (live_settings.neo4j_user, live_settings.neo4j_password.get_secret_value())
    with neo4j.GraphDatabase.driver(live_settings.neo4j_uri, auth=auth) as driver:
        yield driver


def scanned(driver: neo4j.Driver, database: str, text: str) -> set[str]:
    """Ids of the entities whose stored search text contains ``text``, by a plain scan."""
    labels = " OR ".join(f"n:{label}" for label in ENTITY_LABELS)
    records, _, _ = driver.execute_query(
        f"MATCH (n) WHERE ({labels}) AND n.searchText CONTAINS $t RETURN n.id AS id",
        t=search_key(text.strip()),
        database_=database,
    )
    return {record["id"] for record in records}


@pytest.mark.parametrize("text", TEXTS)
def test_search_finds_exactly_what_contains_the_text(
    client: TestClient, driver: neo4j.Driver, live_settings: Settings, text: str
) -> None:
    expected = scanned(driver, live_settings.neo4j_database, text)
    assert len(expected) <= 100, "pick a text with at most one page of matches"
    body = gql(client, QUERY, t=text)
    assert "errors" not in body, body
    found = [hit["id"] for hit in body["data"]["search"]]  # type: ignore[index]
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_whole_words_rank_before_parts_of_words(client: TestClient, engine: str) -> None:
    if engine != "neo4j":
        pytest.skip("relevance order comes from Neo4j's full-text index")
    body = gql(client, QUERY, t="mali")
    ids = [hit["id"] for hit in body["data"]["search"]]  # type: ignore[index]
    # "Malian" holds "mali" only as the start of a word: every entity with "Mali" as a
    # word ranks before those, whatever the alphabet says.
    malian = [i for i in ids if i.startswith("partner-malian")]
    whole = ["country-mali", "mission-minusma", "mission-op-mali"]
    assert len(malian) == 2 and set(whole) <= set(ids)
    assert max(ids.index(i) for i in whole) < min(ids.index(i) for i in malian)


def test_the_engine_under_test_has_the_capabilities_it_should(
    driver: neo4j.Driver, live_settings: Settings, engine: str
) -> None:
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type, state WHERE type = 'FULLTEXT' RETURN name, state",
        database_=live_settings.neo4j_database,
    )
    indexes = {record["name"]: record["state"] for record in records}
    if engine == "neo4j":
        assert indexes == dict.fromkeys(("entity_search", *QUOTE_INDEXES), "ONLINE")
    else:
        assert indexes == {}


@pytest.mark.parametrize("text", ["", "   ", "\u00a8", " \u00a8 \u0301 "])
def test_text_with_nothing_to_search_for_is_a_client_error(client: TestClient, text: str) -> None:
    # A diaeresis alone decomposes to a space and a combining mark: nothing is left.
    body = gql(client, QUERY, t=text)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]
