"""The query suite: every read the project knows (TCK cases, GraphiQL's examples, the
benchmark's operations) on the seeded graph, and rows written by hand that a fast path
must leave to graphql-core. Run through two execution paths by the tests that prove
those paths answer alike (``test_plain_fields``, ``test_prepared``)."""

from __future__ import annotations

import json
from typing import Any

from bench.run import OPERATIONS
from tests.tck.cases import CASES
from web.examples import EXAMPLES

# The TCK's made-up ids, and seeded entities of the same types to ask for instead.
SEEDED = {
    "branch-tck-ops": "branch-international-peace-operations",
    "lo-tck-bogota": "lo-bogota",
    "city-tck-bogota": "city-bogota",
    "partner-tck-un": "partner-un",
    "mission-tck-mali": "mission-op-mali",
}
# The benchmark's operations, on seeded entities rather than generated ones.
BENCH_VARIABLES = {
    "id_lookup": {"id": "mission-op-mali"},
    "nested": {"id": "country-colombia"},
    "region_partners": {"id": "region-western-hemisphere"},
    "search": {"text": "mission"},
    "big_list": {"id": "branch-international-peace-operations"},
    "history": {"id": "city-bogota"},
}
# Rows the plain path must not complete, left to graphql-core's words: a mission with no
# name (non-null) and one whose status is no value of the enum, written by hand.
BROKEN = [
    ("mission-plain-nameless", {"status": "ACTIVE", "category": "UN_MISSION"}),
    ("mission-plain-bogus", {"name": "Bogus", "status": "BOGUS", "category": "UN_MISSION"}),
]
ERRORS = [
    f'{{ mission(id: "{mission}") {{ id name status category aliases }} }}' for mission, _ in BROKEN
] + [
    '{ entities(ids: ["mission-plain-nameless", "city-bogota", "mission-plain-bogus"]) '
    "{ __typename ... on Mission { id name status } ... on Location { id name kind } } }",
    '{ branch(id: "branch-international-peace-operations") { id missions { id name } } }',
]


MAKE_BROKEN = "CREATE (m:Mission) SET m = $props"
DROP_BROKEN = "MATCH (m:Mission) WHERE m.id IN $ids DETACH DELETE m"


def _seeded(text: str) -> str:
    for made_up, real in SEEDED.items():
        text = text.replace(made_up, real)
    return text


def corpus() -> list[tuple[str, str, dict[str, Any]]]:
    found: list[tuple[str, str, dict[str, Any]]] = []
    for case in CASES:
        if case.operation.lstrip().startswith("mutation"):
            continue
        variables = json.loads(_seeded(json.dumps(case.variables)))
        found.append((f"tck:{case.name}", _seeded(case.operation), variables))
    found += [(f"example:{e['name']}", e["query"], {}) for e in EXAMPLES]
    found += [
        (f"bench:{op.name}", op.query, BENCH_VARIABLES[op.name])
        for op in OPERATIONS
        if op.name in BENCH_VARIABLES
    ]
    found += [(f"edge:{k}", query, {}) for k, query in enumerate(ERRORS)]
    return found
