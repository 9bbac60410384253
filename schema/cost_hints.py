"""Cost hints for routers: federation's demand-control directives, ``@listSize`` and
``@cost``, published in the SDL from the sizes ipgraph's own request limit counts with
(``schema.limits.declared_size``), so a router estimating an operation's cost before it
plans the operation assumes what ipgraph assumes:

- a list of objects of a declared size (a relation's estimate in the model, a bounded
  list): ``@listSize(assumedSize: N)``;
- a page (a connection, ``search``): ``@listSize(slicingArguments: ["first"],
  sizedFields: ["edges", "nodes"] for a connection, assumedSize: 20, the page without
  ``first``, requireOneSlicingArgument: false)``;
- a list as long as the ids given (``entities``): ``@listSize(assumedSize: 500)``, the
  most ids taken;
- a count or an aggregate of a relation: ``@cost(weight: N)``, N the relation's
  estimate. It returns one number, but the engine walks the items it counts.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema, get_named_type
from strawberry import UNSET
from strawberry.federation.schema_directives import Cost, ListSize

from graph.catalog import CATALOG, Catalog
from resolvers.paging import DEFAULT_PAGE
from resolvers.queries import MAX_IDS
from schema.limits import Counted, declared_size


def _list_size(
    assumed: int, slicing: list[str] | None = None, sized: list[str] | None = None
) -> ListSize:
    """A ``@listSize`` with only the arguments that apply (Strawberry prints no UNSET one;
    ``requireOneSlicingArgument`` is false where there is a slicing argument, since the
    page has a default size, ``assumed``)."""
    unset: Any = UNSET
    return ListSize(
        assumed_size=assumed,
        slicing_arguments=slicing or unset,
        sized_fields=sized or unset,
        require_one_slicing_argument=False if slicing else unset,
    )


def hints(parent: str, name: str, field: Any, catalog: Catalog = CATALOG) -> list[object]:
    """The demand-control directives of ``parent.name`` (a GraphQL field), if any."""
    named = get_named_type(field.type)
    size = declared_size(parent, name, field.type, named, catalog)
    if size is Counted.BY_FIRST:
        sized = ["edges", "nodes"] if named.name.endswith("Connection") else None
        return [_list_size(DEFAULT_PAGE, ["first"], sized)]
    if size is Counted.BY_LIST_ARGUMENT:
        return [_list_size(MAX_IDS)]
    if isinstance(size, int):
        return [_list_size(size)]
    counted = catalog.counts.get(parent, {}).get(name)
    relation = counted or catalog.aggregates.get(parent, {}).get(name)
    if relation is not None:
        return [Cost(weight=catalog.relations[parent][relation].estimate)]
    return []


def annotate(schema: GraphQLSchema, catalog: Catalog = CATALOG) -> int:
    """Give every field of ``schema`` built by Strawberry its hints (``hints``), on the
    Strawberry field, so that a schema built again from the same types publishes them.
    Fields that have them already are left as they are. Returns the fields given some."""
    given = 0
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("_"):
            continue  # introspection's and federation's own types
        for name, field in type_.fields.items():
            definition = field.extensions.get("strawberry-definition")
            if definition is None or name.startswith("_"):
                continue
            if any(isinstance(d, Cost | ListSize) for d in definition.directives):
                continue
            found = hints(type_.name, name, field, catalog)
            if found:
                definition.directives = [*definition.directives, *found]
                given += 1
    return given
