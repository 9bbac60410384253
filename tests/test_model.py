"""Proof that everything derives from the model: a test-only model with one more entity
type (a vessel, with a property of its own and two relations) gets its GraphQL types,
root fields, filters and mutations, its compiled Cypher, its validation and its cost
estimate, with no code but its declaration."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import parse, validate

from graph.capabilities import BASELINE
from graph.catalog import Catalog
from graph.model import (
    ENTITIES,
    Count,
    EntityType,
    Label,
    Property,
    Relation,
    RelType,
    ValueKind,
    back,
    out,
)
from graph.settings import Role, Settings
from resolvers.auth import Principal
from resolvers.context import Context
from resolvers.errors import BadInput
from schema.limits import node_limit_rule
from schema.schema import build_schema
from tests.support import run_async
from tests.tck.recording import RecordingDatabase

VESSEL = EntityType(
    "Vessel",
    "vessels",
    "A ship carrying a mission's police officers.",
    (
        Property("name", ValueKind.TEXT, required=True, max_length=200),
        Property("aliases", ValueKind.TEXTS, max_length=200),
        Property("tonnage", ValueKind.INT, minimum=0, maximum=500_000, sortable=True),
        Property("flag", ValueKind.TEXT, max_length=80, filterable=True),
    ),
    (
        Relation(
            "homePort", Label.LOCATION, (out(RelType.BASED_IN, to=Label.LOCATION),), many=False
        ),
        Relation(
            "missions", Label.MISSION, (out(RelType.SERVES_ON, to=Label.MISSION),), estimate=7
        ),
        Relation("crew", Label.OFFICER, (back(RelType.SERVES_ON, to=Label.OFFICER),), estimate=300),
    ),
    counts=(Count("crewCount", "crew", sortable=True),),
    one_description="One vessel by id, or null.",
    list_description="Vessels.",
)
EXTENDED = (*ENTITIES, VESSEL)
CATALOG = Catalog(EXTENDED)
EDITOR = Principal("model-proof", Role.EDITOR)


@pytest.fixture(scope="module")
def schema() -> Any:
    return build_schema(entities=EXTENDED)


def run(schema: Any, operation: str) -> tuple[Any, RecordingDatabase]:
    db = RecordingDatabase(BASELINE)
    context = Context(db=db, settings=Settings(_env_file=None), principal=EDITOR, catalog=CATALOG)
    result = run_async(schema.execute(operation, context_value=context))
    return result, db


def test_the_sdl_has_the_new_type_and_everything_around_it(schema: Any) -> None:
    sdl = schema.as_str()
    assert 'type Vessel implements Node @key(fields: "id")' in sdl
    for expected in (
        "tonnage: Int",
        "homePort: Location",
        "missions: [Mission!]!",
        "crewCount: Int!",
        "  vessel(\n    id: ID!\n",
        "    evidence: EvidenceScope\n  ): Vessel\n",
        "  vessels(\n    first: Int\n    after: String\n    filter: VesselFilter\n"
        "    orderBy: VesselOrder\n",
        "input VesselFilter",
        "flag: String = null",
        "enum VesselOrderField",
        "CREW_COUNT",
        "createVessel(input: VesselInput!): Vessel!",
        "updateVessel(id: ID!, input: VesselPatch!): Vessel!",
        "union SearchResult = Branch | Officer | Location | PartnerAgency | Mission | Vessel",
    ):
        assert expected in sdl, expected
    # The model's own schema does not have it.
    assert "Vessel" not in build_schema().as_str()


def test_reads_of_the_new_type_compile_to_cypher_over_its_label(schema: Any) -> None:
    result, db = run(
        schema,
        '{ vessel(id: "vessel-1") { id name tonnage homePort { id } crewCount '
        "missions { name } } }",
    )
    assert result.errors is None
    (sent,) = db.sent
    assert "(n1:Vessel)" in sent.text
    assert ":BASED_IN]->" in sent.text and ":Location)" in sent.text
    assert ":SERVES_ON]->" in sent.text and ":Mission)" in sent.text
    assert "<-[" in sent.text and ":SERVES_ON]-" in sent.text  # the crew count
    assert ".tonnage" in sent.text
    assert list(sent.params.values()) == [["vessel-1"]]


def test_lists_of_the_new_type_filter_and_order_by_its_declared_fields(schema: Any) -> None:
    result, db = run(
        schema,
        '{ vessels(filter: {flag: "Canada"}, orderBy: {field: TONNAGE, direction: DESC}) '
        "{ nodes { id } } }",
    )
    assert result.errors is None
    (sent,) = db.sent
    assert ":Vessel)" in sent.text
    assert ".flag = $" in sent.text
    assert ".tonnage" in sent.text and "DESC" in sent.text
    assert "Canada" in sent.params.values()


def test_writes_of_the_new_type_are_validated_by_its_rules(schema: Any) -> None:
    result, db = run(
        schema,
        'mutation { createVessel(input: {id: "vessel-1", name: "HMCS X", tonnage: -5, '
        'sources: [{document: "d", quote: "q"}]}) { id } }',
    )
    assert result.errors is not None
    (error,) = result.errors
    assert isinstance(error.original_error, BadInput)
    assert error.original_error.extensions == {"field": "input.tonnage"}
    assert "greater than or equal to 0" in error.message
    assert db.sent == []  # refused at the edge: nothing reached the database


def _cost(schema: Any, operation: str, limit: int) -> list[str]:
    graphql_schema = schema._schema
    errors = validate(graphql_schema, parse(operation), [node_limit_rule(limit, CATALOG)])
    return [e.message for e in errors]


def test_lists_of_the_new_type_count_their_declared_estimate(schema: Any) -> None:
    # 10 vessels, each with up to 300 crew (the relation's estimate): 10 + 3,000.
    operation = "{ vessels(first: 10) { nodes { crew { id } } } }"
    assert _cost(schema, operation, 3_010) == []
    (message,) = _cost(schema, operation, 3_009)
    assert "3,010 nodes" in message
