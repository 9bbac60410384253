"""The request cost estimate (schema/limits.py) on the schema alone: every list counts,
from one declaration each, and fragments cost what their text costs, however spread."""

from __future__ import annotations

import pytest
from graphql import GraphQLObjectType, GraphQLSchema, get_named_type, parse, validate

from graph.catalog import RELATIONS
from graph.model import Label
from schema.limits import declared_size, node_limit_rule
from schema.schema import build_schema

LIMIT = 500_000


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema([])._schema


def cost_error(schema: GraphQLSchema, query: str, limit: int = LIMIT) -> str | None:
    errors = validate(schema, parse(query), [node_limit_rule(limit)])
    return errors[0].message if errors else None


def test_nested_plain_lists_count_by_their_estimates(schema: GraphQLSchema) -> None:
    # Depth 9 with one page: each partners/missions list multiplies by its estimate.
    query = """{ missions(first: 100) { nodes { id partners { id missions { id partners {
        id missions { id partners { id missions { id } } } } } } } } }"""
    message = cost_error(schema, query)
    assert message is not None and "the limit is 500,000" in message
    one_level = "{ missions(first: 100) { nodes { id partners { id } } } }"
    assert cost_error(schema, one_level) is None  # 100 + 100 * 20


def test_the_figure_is_the_sum_of_pages_times_estimates(schema: GraphQLSchema) -> None:
    # 100 missions, each with up to 20 partners, each with up to 200 missions.
    query = "{ missions(first: 100) { nodes { partners { missions { id } } } } }"
    message = cost_error(schema, query, limit=1)
    assert message is not None
    assert message.startswith(f"The query could return up to {100 + 100 * 20 + 100 * 20 * 200:,}")


def test_fragments_spread_many_times_are_costed_once_each(schema: GraphQLSchema) -> None:
    # 60 fragments, each spreading the next twice: 2^60 copies of the innermost list.
    # Expanding the spreads would never finish; the estimate is exact and immediate.
    chain = "\n".join(f"fragment F{i} on Location {{ ...F{i + 1} ...F{i + 1} }}" for i in range(60))
    query = (
        '{ location(id: "city-bogota") { ...F0 } }\n'
        + chain
        + "\nfragment F60 on Location { children { id } }"
    )
    message = cost_error(schema, query)
    assert message is not None
    estimate = RELATIONS[Label.LOCATION]["children"].estimate
    assert f"up to {2**60 * estimate:,} nodes" in message


def test_every_list_of_objects_has_a_declared_size(schema: GraphQLSchema) -> None:
    undeclared = [
        f"{type_.name}.{name}"
        for type_ in schema.type_map.values()
        if isinstance(type_, GraphQLObjectType) and not type_.name.startswith("__")
        for name, field in type_.fields.items()
        if declared_size(type_.name, name, field.type, get_named_type(field.type)) is None
    ]
    assert undeclared == []


def test_introspection_is_not_counted(schema: GraphQLSchema) -> None:
    query = "{ __schema { types { fields { args { type { ofType { name } } } } } } }"
    assert cost_error(schema, query) is None
