"""A deterministic synthetic graph with the seed's model, at any scale (``ipgraph generate``).

Same seed and scale, same graph: ids are positional (``gen-officer-41``) and every
random choice comes from one ``random.Random(seed)``. Rows are MERGEd by id, so a
second run rewrites the same graph.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph.model import Label, RelType
from graph.text import search_key

# What every generated fact cites: no document.
SYNTHETIC = "synthetic: ipgraph generate"
SOURCE = {
    "sourceDocuments": [SYNTHETIC],
    "sourceQuotes": ["Generated for scale tests; not a fact."],
    "sourceAsOf": [""],
    "sourceInferred": [False],
    "sourceReasoning": [""],
}

LANGUAGES = ("English", "French")
STATUSES = ("ACTIVE", "ACTIVE", "ACTIVE", "UNDER_REVIEW", "CLOSED")
AGENCY_KINDS = ("INTERNATIONAL_ORGANIZATION", "FOREIGN_POLICE", "CANADIAN_DEPARTMENT", "PROGRAM")
RANKS = ("Cst.", "Cpl.", "Sgt.", "S/Sgt.", "Insp.", "Supt.")

# The managing branch of every synthetic mission (one branch with ~2,000 missions:
# the benchmark's long plain list).
MANAGING_BRANCH = "gen-branch-3"


@dataclass(frozen=True)
class Scale:
    regions: int = 8
    countries: int = 50
    locations: int = 5000
    missions: int = 2000
    agencies: int = 200
    officers: int = 100_000

    @classmethod
    def times(cls, factor: float) -> Scale:
        base = cls()
        return cls(
            regions=max(1, round(base.regions * min(factor, 1.0))),
            countries=max(2, round(base.countries * min(factor, 1.0))),
            locations=max(10, round(base.locations * factor)),
            missions=max(5, round(base.missions * factor)),
            agencies=max(3, round(base.agencies * factor)),
            officers=max(10, round(base.officers * factor)),
        )


@dataclass
class Batch:
    """Rows of one kind: nodes of a label, or relationships of a type between two labels."""

    label: Label | None
    rel: tuple[RelType, Label, Label] | None
    rows: list[dict[str, Any]]


def _node(entity_id: str, name: str, **props: Any) -> dict[str, Any]:
    acronym = props.get("acronym")
    return {
        "id": entity_id,
        "props": {"name": name, "searchText": search_key(name, acronym), **props, **SOURCE},
    }


def _rel(source: str, target: str, **props: Any) -> dict[str, Any]:
    return {"from": source, "to": target, "props": {**props, **SOURCE}}


def generate(scale: Scale, seed: int = 42) -> Iterator[Batch]:
    """The graph, as batches in dependency order (nodes before their relationships)."""
    rnd = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    L, B, O, P, M = (  # noqa: E741
        Label.LOCATION,
        Label.BRANCH,
        Label.OFFICER,
        Label.PARTNER_AGENCY,
        Label.MISSION,
    )
    regions = [f"gen-region-{i}" for i in range(scale.regions)]
    countries = [f"gen-country-{i}" for i in range(scale.countries)]
    cities = [f"gen-city-{i}" for i in range(scale.locations - scale.regions - scale.countries)]

    yield Batch(
        L,
        None,
        [
            _node(r, f"Region {i}", kind="REGION", grouping="OPERATIONS")
            for i, r in enumerate(regions)
        ],
    )
    # Points for a map at scale, from a generator of their own: the rest of the graph is
    # the same with or without them. Said to be synthetic, as every generated fact is.
    spot = random.Random(f"{seed}-coordinates")  # noqa: S311 - reproducible test data

    def point() -> dict[str, Any]:
        return {
            "latitude": round(spot.uniform(-60, 70), 5),
            "longitude": round(spot.uniform(-180, 180), 5),
            "coordinatesSource": SYNTHETIC,
            "coordinatesReasoning": "Generated for scale tests; not a place.",
        }

    yield Batch(
        L,
        None,
        [_node(c, f"Country {i}", kind="COUNTRY", **point()) for i, c in enumerate(countries)],
    )
    yield Batch(
        L, None, [_node(c, f"City {i}", kind="CITY", **point()) for i, c in enumerate(cities)]
    )
    yield Batch(
        None,
        (RelType.PART_OF, L, L),
        [_rel(c, regions[i % len(regions)]) for i, c in enumerate(countries)],
    )
    yield Batch(
        None,
        (RelType.PART_OF, L, L),
        [_rel(c, countries[i % len(countries)]) for i, c in enumerate(cities)],
    )

    branches = [f"gen-branch-{i}" for i in range(6)]
    yield Batch(
        B,
        None,
        [_node(branches[0], "Synthetic sector", kind="SECTOR")]
        + [_node(b, f"Synthetic branch {i}", kind="BRANCH") for i, b in enumerate(branches[1:], 1)],
    )
    yield Batch(None, (RelType.PART_OF, B, B), [_rel(b, branches[0]) for b in branches[1:]])

    agencies = [f"gen-partner-{i}" for i in range(scale.agencies)]
    yield Batch(
        P,
        None,
        [
            _node(a, f"Agency {i}", acronym=f"AG{i}", kind=rnd.choice(AGENCY_KINDS))
            for i, a in enumerate(agencies)
        ],
    )
    yield Batch(None, (RelType.BASED_IN, P, L), [_rel(a, rnd.choice(cities)) for a in agencies])

    missions = [f"gen-mission-{i}" for i in range(scale.missions)]
    yield Batch(
        M,
        None,
        [
            _node(
                m,
                f"Mission {i}",
                acronym=f"MSN{i}",
                status=rnd.choice(STATUSES),
                category="PEACE_OPERATION",
                language=rnd.choice(LANGUAGES),
                armed=rnd.random() < 0.5,
                authorizedDeployments=rnd.randint(1, 60),
            )
            for i, m in enumerate(missions)
        ],
    )
    # Missions sit in countries (so a country's missions are its own, as the peer sees them).
    yield Batch(
        None, (RelType.LOCATED_IN, M, L), [_rel(m, rnd.choice(countries)) for m in missions]
    )
    yield Batch(None, (RelType.MANAGED_BY, M, B), [_rel(m, MANAGING_BRANCH) for m in missions])
    yield Batch(
        None,
        (RelType.WITH_PARTNER, M, P),
        [_rel(m, a) for m in missions for a in rnd.sample(agencies, rnd.randint(1, 3))],
    )

    officers = [f"gen-officer-{i}" for i in range(scale.officers)]
    yield Batch(
        O,
        None,
        [
            _node(o, f"Officer {i}", rank=rnd.choice(RANKS), role="Police officer")
            for i, o in enumerate(officers)
        ],
    )
    yield Batch(None, (RelType.POSTED_TO, O, L), [_rel(o, rnd.choice(cities)) for o in officers])
    yield Batch(
        None, (RelType.MEMBER_OF, O, B), [_rel(o, rnd.choice(branches[1:])) for o in officers]
    )
    yield Batch(
        None,
        (RelType.MEMBER_OF, O, P),
        [_rel(o, rnd.choice(agencies)) for o in officers if rnd.random() < 0.5],
    )
    yield Batch(
        None,
        (RelType.SERVES_ON, O, M),
        [_rel(o, m) for o in officers for m in rnd.sample(missions, rnd.randint(1, 3))],
    )
