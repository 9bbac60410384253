"""A faster completion for objects made only of plain leaf fields.

Rows come from one Cypher statement already holding every selected field (``graph``
projects exactly what the query asks), so an object whose selected fields are all
scalars or enums read from its row needs no resolver call and no ``info`` per field:
``PlainFields`` completes it in one loop. graphql-core's path builds a resolve info,
calls Strawberry's wrapper and our ``read_field``, checks for awaitables and coerces,
field by field: for a list of 2,000 missions that was most of the request's time.

Only the success path is taken here. Whatever it does not cover (a field with a
resolver or arguments, an object-valued field, a row that is not a dict, a null where
the schema says non-null, a value the scalar refuses, field middleware) goes back to
graphql-core for the whole object, which then answers exactly as it always did, errors
included. Tests run the query suite both ways and compare (``tests/schema``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    is_leaf_type,
)
from opentelemetry import trace
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph.telemetry import recording

# A value graphql-core would turn into an error: go back to its path for this object.
FALLBACK = object()

_TRACER = trace.get_tracer("ipgraph.schema")
T = TypeVar("T")


def root_span(type_name: str, field: str, key: str, work: Awaitable[T]) -> Awaitable[T]:
    """``work`` (a root field's resolution) in a span of its own: one per root field, the
    Cypher statements it runs inside it; ``work`` itself when no spans are recorded
    (``graph.telemetry``)."""
    if not recording():
        return work
    return _in_span(
        f"{type_name}.{field}", {"graphql.field.name": field, "graphql.field.path": key}, work
    )


async def _in_span(name: str, attributes: dict[str, str], work: Awaitable[T]) -> T:
    with _TRACER.start_as_current_span(name, attributes=attributes):
        return await work


@dataclass(frozen=True)
class Leaf:
    """How a plain field is read and completed: its key in the row, whether it may be
    null, and its leaf type (``many``: a list of them, ``items_nullable`` for those)."""

    key: str
    nullable: bool
    many: bool
    items_nullable: bool
    coerce: Callable[[Any], Any]


def leaf_of(field_type: GraphQLOutputType, key: str) -> Leaf | None:
    nullable = not isinstance(field_type, GraphQLNonNull)
    inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    many = isinstance(inner, GraphQLList)
    items_nullable = True
    if isinstance(inner, GraphQLList):
        item = inner.of_type
        items_nullable = not isinstance(item, GraphQLNonNull)
        inner = item.of_type if isinstance(item, GraphQLNonNull) else item
        if isinstance(inner, GraphQLList):
            return None  # lists of lists: not in this schema, left to graphql-core
    if not is_leaf_type(inner):
        return None
    leaf: GraphQLLeafType = inner
    return Leaf(key, nullable, many, items_nullable, leaf.coerce_output_value)


def plain_fields(object_type: GraphQLObjectType, key_of: Callable[[str], str]) -> dict[str, Leaf]:
    """The fields of ``object_type`` served straight from its row: leaf-typed, no
    arguments, and resolved by Strawberry's default resolver (``_is_default``), which
    reads ``row[key_of(python_name)]``."""
    found: dict[str, Leaf] = {}
    for name, field in object_type.fields.items():
        definition = field.extensions.get("strawberry-definition")
        if field.args or definition is None or not getattr(field.resolve, "_is_default", False):
            continue
        leaf = leaf_of(field.type, key_of(definition.python_name))
        if leaf is not None:
            found[name] = leaf
    return found


def complete_leaf(leaf: Leaf, value: Any) -> Any:
    if value is None:
        return None if leaf.nullable else FALLBACK
    coerce = leaf.coerce
    if not leaf.many:
        done = coerce(value)
        return FALLBACK if done is None else done
    if not isinstance(value, list):
        return FALLBACK
    items: list[Any] = []
    for item in value:
        if item is None:
            if not leaf.items_nullable:
                return FALLBACK
            items.append(None)
            continue
        done = coerce(item)
        if done is None:
            return FALLBACK
        items.append(done)
    return items


class PlainFields(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution, with plain objects completed in one loop (module doc).

    ``key_of`` maps a field's Python name to its key in a row (``read_field``'s rule);
    the tables of plain fields are built per object type on first use."""

    key_of: Callable[[str], str] = staticmethod(lambda name: name)  # set by build_schema
    _plain: dict[str, dict[str, Leaf]] | None = None

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        result = super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )
        if path.prev is None and self.is_awaitable(result):
            name = field_details_list[0].node.name.value
            return root_span(parent_type.name, name, str(path.key), result)
        return result

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Any,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        if (
            type(source_value) is dict
            and path is not None
            and position_context is None
            and not (self.middleware_manager and self.middleware_manager.middlewares)
        ):
            done = self._plain_object(parent_type, source_value, grouped_field_set)
            if done is not None:
                return done
        return super().execute_fields(
            parent_type, source_value, path, grouped_field_set, position_context
        )

    def _plain_object(
        self, parent_type: GraphQLObjectType, row: dict[str, Any], grouped_field_set: Any
    ) -> dict[str, Any] | None:
        tables = type(self)._plain
        if tables is None:
            tables = type(self)._plain = {}
        plain = tables.get(parent_type.name)
        if plain is None:
            plain = tables[parent_type.name] = plain_fields(parent_type, type(self).key_of)
        result: dict[str, Any] = {}
        for response_name, field_details_list in grouped_field_set.items():
            name = field_details_list[0].node.name.value
            if name == "__typename":
                result[response_name] = parent_type.name
                continue
            leaf = plain.get(name)
            if leaf is None or leaf.key not in row:
                return None
            try:
                value = complete_leaf(leaf, row[leaf.key])
            except Exception:  # graphql-core words the error: let it
                return None
            if value is FALLBACK:
                return None
            result[response_name] = value
        return result
