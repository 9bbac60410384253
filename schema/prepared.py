"""Prepared read operations: a repeated query answered without Strawberry's per-request
machinery.

Front ends send the same few operations again and again. Once a query text has parsed
and validated cleanly (``schema.limits.Documents``), each of its query operations is
compiled once (``prepare``) into a tree of steps: for every field of the response,
where its value comes from (a root field's resolver; a key of the parent's row, read as
``schema.schema.read_field`` reads it; or the field's own resolver) and how it is
completed (a leaf's coercion, an object's fields, a list's items, an entity union by
the row's ``__typename``). A request for it (``Prepared.run``) coerces its variables,
calls the root resolvers, which plan and run one Cypher statement each exactly as on
the general path, and walks the rows down the tree. Skipped: Strawberry's view and its
extension hooks, graphql-core's execution context and field collection, and a resolve
info per field.

Only the success path is taken. Whatever this path does not cover returns ``None``, and
the caller answers through Strawberry as it always did: at compile time, an operation
that is no query, any directive, introspection and the federation fields; at run time,
variables graphql-core refuses, a resolver's error, a null where the schema says
non-null, a value its scalar refuses, a row of an unexpected shape or type. Reads have no
effects, so the cost of going back is the read run again, within the request's one
deadline. The answers of this path are therefore the general path's wherever they could
differ, and ``tests/schema/test_prepared.py`` runs the query suite through both paths
and compares whole responses.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import OrderedDict
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLAbstractType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    Visitor,
    get_operation_ast,
    is_abstract_type,
    is_object_type,
    visit,
)
from graphql.execution.collect_fields import (
    FieldDetails,
    FragmentDetails,
    collect_fields,
    collect_subfields,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from graphql.pyutils import Path, is_awaitable
from graphql.type.definition import GraphQLResolveInfoHelpers

from graph.db import QueryStats, collect_stats, on_statement
from schema.errors import variable_problem
from schema.execution import FALLBACK, Leaf, complete_leaf, leaf_of, root_span
from schema.extensions import CitationRead, citation, cypher_stats
from schema.limits import Documents

# Root fields this path leaves to Strawberry: the federation's (``_entities`` resolves
# its union through Strawberry's own type resolution; ``_service`` returns an object).
NOT_PREPARED = frozenset({"_entities", "_service"})

# A step reading its parent's type name.
_TYPENAME = "__typename"

_NO_VARIABLES = VariableValues({}, {})

# Steps one prepared operation may hold (fragments spread, each union member compiled):
# larger operations gain little from skipping per-request work, and all prepared
# operations stay in memory (``Operations``).
MAX_STEPS = 2_000


async def _gather(work: Any) -> list[Any]:
    return list(await asyncio.gather(*work))


# Resolvers here start no work of their own to track (graphql-core's helpers are its
# execution's; ours never use them).
_HELPERS = GraphQLResolveInfoHelpers(_gather, lambda _work: None)


class Unprepared(Exception):
    """What this path does not take, found while compiling: the operation is not prepared."""


@dataclass(frozen=True, slots=True)
class Step:
    """One field of the response: ``key`` its response key; its value is ``row[read]`` of
    the parent's row, or, with ``read`` None, what its resolver returns (root fields
    always); ``paths`` whether anything at or below it needs a response path (a resolver
    reads it)."""

    key: str
    field: GraphQLField | None  # None: __typename
    nodes: tuple[FieldNode, ...]
    parent: GraphQLObjectType
    read: str | None
    arguments: bool
    complete: Completion | None
    paths: bool


@dataclass(frozen=True, slots=True)
class Many:
    """A list of ``item`` values."""

    nullable: bool
    item: Completion
    paths: bool


@dataclass(frozen=True, slots=True)
class Fields:
    """An object of ``type`` made of ``steps``."""

    nullable: bool
    type: GraphQLObjectType
    steps: tuple[Step, ...]
    paths: bool


@dataclass(frozen=True, slots=True)
class Typed:
    """A union or interface: the object type named by the row's ``__typename`` (the
    statements project it for every entity), each with its own fields."""

    nullable: bool
    by_type: Mapping[str, Fields]
    paths: bool


Completion = Leaf | Many | Fields | Typed


def _paths(completion: Completion) -> bool:
    return not isinstance(completion, Leaf) and completion.paths


class _Directives(Visitor):
    found = False

    def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
        self.found = True


def _has_directives(document: DocumentNode) -> bool:
    seen = _Directives()
    visit(document, seen)
    return seen.found


class _Compiler:
    def __init__(
        self,
        schema: GraphQLSchema,
        operation: OperationDefinitionNode,
        fragments: dict[str, FragmentDetails],
        key_of: Callable[[str], str],
    ) -> None:
        self.schema = schema
        self.operation = operation
        self.fragments = fragments
        self.key_of = key_of
        self.size = 0

    def roots(self, query: GraphQLObjectType) -> tuple[Step, ...]:
        collected = collect_fields(
            self.schema, self.fragments, _NO_VARIABLES, query, self.operation
        )
        return self.steps(query, collected.grouped_field_set, root=True)

    def steps(
        self, parent: GraphQLObjectType, grouped: Mapping[str, list[FieldDetails]], root: bool
    ) -> tuple[Step, ...]:
        steps: list[Step] = []
        self.size += len(grouped)
        if self.size > MAX_STEPS:
            raise Unprepared("too large")  # held in memory per operation: kept small
        for key, details in grouped.items():
            if any(d.defer_usage is not None or d.fragment_variable_values for d in details):
                raise Unprepared(key)
            nodes = tuple(d.node for d in details)
            name = nodes[0].name.value
            if name == _TYPENAME:
                steps.append(Step(key, None, nodes, parent, _TYPENAME, False, None, False))
                continue
            if name.startswith("__") or (root and name in NOT_PREPARED):
                raise Unprepared(name)  # introspection, federation
            field = parent.fields[name]
            default = bool(getattr(field.resolve, "_is_default", False))
            definition = field.extensions.get("strawberry-definition")
            if default and (root or definition is None):
                raise Unprepared(name)  # a root field read from a row, or not Strawberry's
            read = self.key_of(definition.python_name) if default else None
            complete = self.completion(field.type, details)
            paths = read is None or _paths(complete)
            arguments = bool(nodes[0].arguments)
            steps.append(Step(key, field, nodes, parent, read, arguments, complete, paths))
        return tuple(steps)

    def completion(self, type_: GraphQLOutputType, details: list[FieldDetails]) -> Completion:
        leaf = leaf_of(type_, "")
        if leaf is not None:
            return leaf
        nullable = not isinstance(type_, GraphQLNonNull)
        inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        if isinstance(inner, GraphQLList):
            item = self.completion(inner.of_type, details)
            return Many(nullable, item, _paths(item))
        if is_object_type(inner):
            assert isinstance(inner, GraphQLObjectType)
            return self.fields(nullable, inner, details)
        if is_abstract_type(inner):
            assert isinstance(inner, GraphQLAbstractType)
            by_type = {
                possible.name: self.fields(nullable, possible, details)
                for possible in self.schema.get_possible_types(inner)
            }
            return Typed(nullable, by_type, any(f.paths for f in by_type.values()))
        raise Unprepared(str(type_))

    def fields(
        self, nullable: bool, object_type: GraphQLObjectType, details: list[FieldDetails]
    ) -> Fields:
        collected = collect_subfields(
            self.schema, self.fragments, _NO_VARIABLES, self.operation, object_type, details
        )
        steps = self.steps(object_type, collected.grouped_field_set, root=False)
        return Fields(nullable, object_type, steps, any(step.paths for step in steps))


def prepare(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    key_of: Callable[[str], str],
) -> Prepared | None:
    """The query operation ``operation_name`` of a validated ``document``, compiled; None
    when this path does not take it (module doc). ``key_of`` maps a field's Python name to
    its key in a row (``read_field``'s rule)."""
    operation = get_operation_ast(document, operation_name)
    query = schema.query_type
    if operation is None or operation.operation is not OperationType.QUERY or query is None:
        return None
    definitions = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
    if _has_directives(document) or any(d.variable_definitions for d in definitions):
        return None
    fragments = {d.name.value: FragmentDetails(d) for d in definitions}
    compiler = _Compiler(schema, operation, fragments, key_of)
    try:
        roots = compiler.roots(query)
    except Unprepared:
        return None
    named = {d.name.value: d for d in definitions}
    return Prepared(schema, document, operation_name, operation, named, roots, compiler.size)


class _Abandon(Exception):
    """This request leaves the prepared path (module doc)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """A prepared operation's response body: ``data`` and ``extensions``."""

    data: dict[str, Any]
    extensions: dict[str, Any]


@dataclass(frozen=True, eq=False)
class Prepared:
    """One compiled query operation (``prepare``); ``size``: the steps compiled, every
    member of a union included."""

    schema: GraphQLSchema
    document: DocumentNode
    operation_name: str | None
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    roots: tuple[Step, ...]
    size: int

    async def run(
        self, context: Any, variables: Mapping[str, Any], *, with_stats: bool = False
    ) -> Answer | None:
        """The response to this operation with ``variables``, or None: this request goes
        to the general path (nothing of it is kept)."""
        if variable_problem(self.document, self.operation_name, variables):
            return None
        values = get_variable_values(
            self.schema, self.operation.variable_definitions or (), dict(variables)
        )
        if isinstance(values, list):
            return None  # graphql-core's words for refused variables
        read = CitationRead(context.db, mutation=False)
        stats: QueryStats | None = None
        with ExitStack() as stack:
            stack.enter_context(on_statement(read.touched))
            if with_stats:
                stats = stack.enter_context(collect_stats())
            try:
                data = await _Run(self, context, values).data()
            except _Abandon:
                return None
        extensions = citation(await read.version())
        if stats is not None:
            extensions.update(cypher_stats(stats))
        return Answer(data, extensions)


async def _settled(pending: list[tuple[int, Any]]) -> list[Any]:
    """The root fields' values, read concurrently as graphql-core reads them. The first
    failure abandons the attempt at once, the others cancelled (their statements end on
    their own: ``graph.db``), so the general path gets what is left of the deadline."""
    if not pending:  # no root field reads anything (`{ __typename }`)
        return []
    if len(pending) == 1:
        try:
            return [await pending[0][1]]
        except Exception:
            raise _Abandon from None
    tasks = [asyncio.ensure_future(work) for _, work in pending]
    await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    failed = any(t.done() and not t.cancelled() and t.exception() for t in tasks)
    if failed:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise _Abandon
    return [task.result() for task in tasks]


class _Run:
    """One request's walk of a prepared operation."""

    def __init__(self, prepared: Prepared, context: Any, variables: VariableValues) -> None:
        self.prepared = prepared
        self.context = context
        self.variables = variables
        self.arguments: dict[int, dict[str, Any]] = {}

    def info(self, step: Step, path: Path | None) -> GraphQLResolveInfo[Any]:
        assert step.field is not None and path is not None
        prepared = self.prepared
        return GraphQLResolveInfo(
            step.nodes[0].name.value,
            list(step.nodes),
            step.field.type,
            step.parent,
            path,
            prepared.schema,
            prepared.fragments,
            None,
            prepared.operation,
            self.variables,
            self.context,
            is_awaitable,
            None,
            _HELPERS,
        )

    def resolve(self, step: Step, source: Any, path: Path | None) -> Any:
        """``step``'s value from its resolver, as graphql-core calls it (arguments bound
        once per request)."""
        assert step.field is not None and step.field.resolve is not None
        arguments: dict[str, Any] = {}
        if step.arguments:
            known = self.arguments.get(id(step))
            if known is None:
                known = self.arguments[id(step)] = get_argument_values(
                    step.field, step.nodes[0], self.variables
                )
            arguments = known
        return step.field.resolve(source, self.info(step, path), **arguments)

    async def data(self) -> dict[str, Any]:
        roots = self.prepared.roots
        values: dict[int, Any] = {}
        paths: dict[int, Path] = {}
        pending: list[tuple[int, Any]] = []
        try:
            for step in roots:
                if step.field is not None:
                    path = paths[id(step)] = Path(None, step.key, step.parent.name)
                    value = values[id(step)] = self.resolve(step, None, path)
                    if inspect.isawaitable(value):
                        name = step.nodes[0].name.value
                        traced = root_span(step.parent.name, name, step.key, value)
                        pending.append((id(step), traced))
        except Exception:
            for work in [*values.values(), *(traced for _, traced in pending)]:
                if inspect.iscoroutine(work):
                    work.close()
            raise _Abandon from None
        values.update(zip((key for key, _ in pending), await _settled(pending), strict=True))
        data: dict[str, Any] = {}
        for step in roots:
            if step.field is None:
                data[step.key] = step.parent.name
            else:
                data[step.key] = self.complete(step.complete, values[id(step)], paths[id(step)])
        return data

    def complete(self, completion: Completion | None, value: Any, path: Path | None) -> Any:
        if type(completion) is Leaf:
            try:
                done = complete_leaf(completion, value)
            except Exception:  # graphql-core words the error: let it
                raise _Abandon from None
            if done is FALLBACK:
                raise _Abandon
            return done
        assert completion is not None and not isinstance(completion, Leaf)
        if value is None:
            if completion.nullable:
                return None
            raise _Abandon
        if type(completion) is Many:
            if type(value) is not list:
                raise _Abandon
            item = completion.item
            if not completion.paths:
                return [self.complete(item, one, None) for one in value]
            return [self.complete(item, one, Path(path, i, None)) for i, one in enumerate(value)]
        if type(completion) is Typed:
            fields = (
                completion.by_type.get(str(value.get(_TYPENAME))) if type(value) is dict else None
            )
            if fields is None:
                raise _Abandon
            return self.object(fields, value, path)
        assert isinstance(completion, Fields)
        return self.object(completion, value, path)

    def object(self, fields: Fields, row: Any, path: Path | None) -> dict[str, Any]:
        if type(row) is not dict:
            raise _Abandon  # Strawberry's own objects: its resolvers read them
        done: dict[str, Any] = {}
        for step in fields.steps:
            read = step.read
            if read == _TYPENAME:
                done[step.key] = fields.type.name
                continue
            here = Path(path, step.key, fields.type.name) if step.paths else None
            if read is not None:
                if read not in row:
                    raise _Abandon  # read_field fails loudly on a key the plan forgot
                value = row[read]
            else:
                try:
                    value = self.resolve(step, row, here)
                except Exception:
                    raise _Abandon from None
                if inspect.isawaitable(value):
                    if inspect.iscoroutine(value):
                        value.close()
                    raise _Abandon
            done[step.key] = self.complete(step.complete, value, here)
        return done


class Operations:
    """Prepared operations by query text and operation name: an operation is prepared
    the first time it is asked for after its text has validated cleanly
    (``schema.limits.Documents``). What they hold is kept under ``max_bytes``, least
    recently used out first: each entry is charged its text and ``STEP_BYTES`` a
    compiled step (an operation not prepared is remembered as such, charged its text)."""

    def __init__(
        self,
        schema: GraphQLSchema,
        documents: Documents,
        key_of: Callable[[str], str],
        max_bytes: int = 64 * 1024 * 1024,
    ) -> None:
        self.schema = schema
        self.documents = documents
        self.key_of = key_of
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[str, str | None], Prepared | None] = OrderedDict()
        self._bytes = 0

    def get(self, query: str, operation_name: str | None) -> Prepared | None:
        key = (query, operation_name)
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key]
        checked = self.documents.get(query)
        if checked is None or checked.errors is None or checked.errors:
            return None  # not seen yet (the general path parses and validates it) or refused
        if get_operation_ast(checked.document, operation_name) is None:
            return None  # no such operation: kept out, so names sent cannot grow the cache
        found = self._entries[key] = prepare(
            self.schema, checked.document, operation_name, self.key_of
        )
        self._bytes += _charge(query, found)
        while self._bytes > self.max_bytes and self._entries:
            (old_query, _), old = self._entries.popitem(last=False)
            self._bytes -= _charge(old_query, old)
        return found

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)


# What a compiled step holds (a dataclass, its tuple and references), roughly, in bytes.
STEP_BYTES = 400


def _charge(query: str, prepared: Prepared | None) -> int:
    return len(query) + (0 if prepared is None else STEP_BYTES * prepared.size)
