"""Routers' cost hints in the SDL (``schema.cost_hints``): every list of objects says its
size, as the request limit counts it (one declaration each), and counts say what they
walk."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import (
    GraphQLObjectType,
    IntValueNode,
    ListValueNode,
    ObjectTypeDefinitionNode,
    get_named_type,
    parse,
    print_ast,
)

from graph.catalog import CATALOG
from resolvers.paging import DEFAULT_PAGE
from schema.limits import Counted, declared_size, is_object_list
from schema.schema import Schema, build_schema


@pytest.fixture(scope="module")
def schema() -> Schema:
    return build_schema([])


def _published(schema: Schema) -> dict[tuple[str, str], dict[str, dict[str, Any]]]:
    """The SDL's directives, by (type, field): name -> arguments, as printed."""
    found: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for definition in parse(schema.as_str()).definitions:
        if not isinstance(definition, ObjectTypeDefinitionNode):
            continue
        for field in definition.fields or ():
            directives: dict[str, dict[str, Any]] = {}
            for directive in field.directives or ():
                arguments: dict[str, Any] = {}
                for argument in directive.arguments or ():
                    value = argument.value
                    if isinstance(value, IntValueNode):
                        arguments[argument.name.value] = int(value.value)
                    elif isinstance(value, ListValueNode):
                        arguments[argument.name.value] = [print_ast(v) for v in value.values]
                    else:
                        arguments[argument.name.value] = print_ast(value)
                directives[directive.name.value] = arguments
            found[(definition.name.value, field.name.value)] = directives
    return found


def test_every_list_of_objects_publishes_the_size_the_limit_counts(schema: Schema) -> None:
    published = _published(schema)
    checked = 0
    for type_ in schema._schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("_"):
            continue
        for name, field in type_.fields.items():
            if name.startswith("_"):
                continue
            size = declared_size(type_.name, name, field.type, get_named_type(field.type))
            hint = published[(type_.name, name)].get("listSize")
            if size is Counted.BY_FIRST:
                assert hint is not None, (type_.name, name)
                assert hint["slicingArguments"] == ['"first"']
                assert hint["assumedSize"] == DEFAULT_PAGE
                assert hint["requireOneSlicingArgument"] == "false"
            elif isinstance(size, int):
                assert hint == {"assumedSize": size}, (type_.name, name)
            elif size is Counted.BY_LIST_ARGUMENT:
                assert hint is not None and hint["assumedSize"] >= 100
            else:
                # A connection's page is sized on the connection; anything else is one
                # object, or a list of scalars.
                assert hint is None, (type_.name, name)
                assert size is Counted.NOT_A_LIST or not is_object_list(field.type)
            checked += hint is not None
    assert checked > 60


def test_connections_are_sized_by_their_page(schema: Schema) -> None:
    hint = _published(schema)[("Query", "missions")]["listSize"]
    assert hint["sizedFields"] == ['"edges"', '"nodes"']


def test_counts_cost_what_they_walk(schema: Schema) -> None:
    published = _published(schema)
    for label, counts in CATALOG.counts.items():
        for name, relation in counts.items():
            estimate = CATALOG.relations[label][relation].estimate
            assert published[(label, name)]["cost"] == {"weight": estimate}
    for label, aggregates in CATALOG.aggregates.items():
        for name, relation in aggregates.items():
            estimate = CATALOG.relations[label][relation].estimate
            assert published[(label, name)]["cost"] == {"weight": estimate}


def test_the_hints_are_imported_from_federation_and_given_once(schema: Schema) -> None:
    sdl = schema.as_str()
    first_line = sdl.splitlines()[0]
    assert '"@cost"' in first_line and '"@listSize"' in first_line
    again = build_schema([]).as_str()  # the shared types keep one hint each
    assert again.count("@listSize(") == sdl.count("@listSize(")
    assert "@listSize(assumedSize: 5) @listSize" not in again
