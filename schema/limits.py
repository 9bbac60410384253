"""Abuse limits checked before any database work: query depth, aliases, tokens, the
size of the document once its fragments are spread, an estimated node count, and the
request body size.

Defaults follow graphql-armor (depth 6 to 10, 15 aliases, 1,000 to 2,000 tokens) and
GitHub's GraphQL API (pages of at most 100, at most 500,000 nodes per request).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    NameNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
    is_leaf_type,
)
from graphql.validation import OverlappingFieldsCanBeMergedRule
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from graph.catalog import CATALOG, Catalog
from graph.model import REL_ENDPOINTS
from resolvers.documents import FACT_CAP
from resolvers.paging import DEFAULT_PAGE, MAX_PAGE
from resolvers.queries import (
    MAX_DISAGREEMENTS,
    MAX_EVENTS,
    MAX_IDS,
    MAX_NEIGHBORS,
    MAX_RELATIONSHIPS,
    NEIGHBORHOOD_PATHS,
)
from schema.errors import refusal
from schema.shape import SIZE_CAP, expansion

# The relationships tying one item of a relation's page (``{Target}RelatedEdge``): one,
# or a few when it is reached through several places inside.
TIES_ESTIMATE = 5
# An entity's neighbour groups (``neighborGroups``), one per entity type, relationship type
# and direction: the model's label pairs, each read both ways, bound them.
NEIGHBOR_GROUPS = 2 * sum(len(pairs) for pairs in REL_ENDPOINTS.values())

# How many items a list field that is not a relation of the model may hold (a relation's
# estimate is declared with it, in graph.catalog). Fields whose size an argument sets
# (`first`, `ids`) are counted from it instead: see ``_list_size``.
LIST_ESTIMATES: dict[tuple[str, str], int] = {
    ("Query", "figures"): 1_000,
    ("Query", "disagreements"): MAX_DISAGREEMENTS,
    ("DocumentFacts", "entities"): FACT_CAP,
    ("DocumentFacts", "relationships"): FACT_CAP,
    ("DocumentFacts", "figures"): FACT_CAP,
    ("EvidenceQuote", "entities"): FACT_CAP,
    ("EvidenceQuote", "relationships"): FACT_CAP,
    ("EvidenceQuote", "figures"): FACT_CAP,
    # The claims of one measure about one subject: a few documents each give theirs.
    ("Disagreement", "claims"): 20,
    ("Query", "partnersConnectedToRegion"): 200,
    ("Query", "relationships"): MAX_RELATIONSHIPS,
    ("Query", "timeline"): MAX_EVENTS,
    ("DeleteResult", "relationships"): MAX_RELATIONSHIPS,
    ("RegionPartner", "paths"): 20,
    ("Path", "nodes"): 12,
    ("Path", "relationships"): 12,
    ("Subgraph", "nodes"): NEIGHBORHOOD_PATHS * 3,
    ("Subgraph", "edges"): NEIGHBORHOOD_PATHS * 3,
    ("Query", "neighborGroups"): NEIGHBOR_GROUPS,
    # The largest page, and a few relationships joining each neighbour to the entity.
    ("NeighborPage", "nodes"): MAX_NEIGHBORS,
    ("NeighborPage", "edges"): MAX_NEIGHBORS * TIES_ESTIMATE,
    # A change's properties are the model's at most; a deleted hub's relationships many.
    ("Change", "properties"): 30,
    ("Change", "relationships"): 100,
    ("Change", "sourcesBefore"): 50,
}
# Lists of provenance entries: every entity, relationship and figure has a few.
SOURCES_ESTIMATE = 5
# Figures describing one entity.
FIGURES_ESTIMATE = 50
# Root fields counted from an argument: the page asked for, or how many ids are given.
PAGED_BY_FIRST = frozenset({"search", "searchEvidence", "documents"})
# (root fields: a connection's own `nodes` is its page)
COUNTED_BY_LIST_ARGUMENT = frozenset({"entities", "nodes", "_entities"})
# Anything else that is a list of objects is counted at the largest page: never as one.
UNKNOWN_LIST = MAX_PAGE


# Characters of query text parsed at most. graphql-core's lexer reads one character at a
# time (0.1 to 0.2 µs each, on the event loop): the token limit bounds how many tokens,
# not how long they are, and a 1 MiB string literal or comment (the body limit) costs
# 0.12 to 0.25 s of CPU to parse. 256 KiB parse in under 50 ms; long values belong in
# variables.
MAX_QUERY_CHARS = 262_144
# Work graphql-core's overlapping-fields rule may spend comparing fields of one response
# name (two units a comparison, up to 2 µs a unit): its own default (500,000) allowed
# 0.5 s of CPU for 390 copies of `parent { id }` (5 KB). 20,000 allows 140 copies of a
# leaf field in one selection set, or 89 of one with a selection of its own, fragments
# included (the example operations and GraphiQL's introspection query spend at most 30),
# and costs at most about 40 ms.
OVERLAP_BUDGET = 20_000


# What the document cache (``Documents``) may hold in all, in characters of query text.
CACHED_CHARS = 16 * 1024 * 1024


@dataclass
class Checked:
    """A query text's parsed document and, once validated, what validation found."""

    document: DocumentNode
    errors: list[GraphQLError] | None = None


class Documents:
    """Parsed and validated documents by query text, shared by one app's requests.

    Clients repeat their operations: a repeated text skips parsing, the size check and
    validation (its errors, if any, are answered again). Keyed by the text, so a lookup
    costs one string hash, where graphql-core's documents hash their whole tree each
    time. Only texts that parsed are kept (syntax errors take Strawberry's path, through
    the error policy), at most ``maxsize`` of them and ``CACHED_CHARS`` characters in
    all, least recently used out first. The validation rules of one app never change,
    so they need no part in the key."""

    def __init__(self, maxsize: int = 1000, max_chars: int = CACHED_CHARS) -> None:
        self.maxsize = maxsize
        self.max_chars = max_chars
        self._entries: OrderedDict[str, Checked] = OrderedDict()
        self._chars = 0

    def get(self, text: str) -> Checked | None:
        entry = self._entries.get(text)
        if entry is not None:
            self._entries.move_to_end(text)
        return entry

    def put(self, text: str, document: DocumentNode) -> Checked:
        entry = self._entries.get(text)
        if entry is None:
            entry = self._entries[text] = Checked(document)
            self._chars += len(text)
            while self._entries and (
                len(self._entries) > self.maxsize or self._chars > self.max_chars
            ):
                old, _ = self._entries.popitem(last=False)
                self._chars -= len(old)
        return entry

    def __len__(self) -> int:
        return len(self._entries)


class BoundedValidation(SchemaExtension):
    """Parsing and validation, once per query text (``Documents``), kept linear in the
    document.

    A query text longer than ``MAX_QUERY_CHARS`` is not parsed at all. Before any
    validation rule runs, the document's size once its fragments are spread is
    measured without spreading them (``schema.shape``): past ``max_selections`` it is
    refused, and so are fragment cycles and unknown fragments, which have no expansion.
    Only then do the rules run (graphql-core runs them all in one pass, so a rule refusing
    the document could not stop a sibling walking every spread). Everything after
    validation (Strawberry's ``info.selected_fields``, the planner) also expands spreads,
    so the bound holds for it too. graphql-core's overlapping-fields rule, quadratic in
    fields of one name, is held to ``OVERLAP_BUDGET``.
    """

    def __init__(self, max_selections: int, documents: Documents | None = None) -> None:
        self.max_selections = max_selections
        self.documents = documents if documents is not None else Documents()
        self.too_long: GraphQLError | None = None
        self.checked: Checked | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query
        if context.graphql_document is None and query is not None:
            if len(query) > MAX_QUERY_CHARS:
                # Strawberry parses nothing when the document is already there (its way
                # of custom parsing): a stand-in, refused in on_validate, naming the
                # operation asked for so that Strawberry finds it.
                context.graphql_document = _stand_in(context.operation_name)
                self.too_long = GraphQLError(
                    f"The query text is {len(query):,} characters long; the limit is "
                    f"{MAX_QUERY_CHARS:,}. Send long values as variables.",
                    extensions={"code": "QUERY_TOO_LARGE"},
                )
            else:
                self.checked = self.documents.get(query)
                if self.checked is not None:
                    context.graphql_document = self.checked.document
        yield
        if self.checked is None and self.too_long is None and query is not None:
            document = context.graphql_document
            if document is not None:  # parsed (a syntax error leaves none)
                self.checked = self.documents.put(query, document)

    def on_validate(self) -> Iterator[None]:
        # Errors set here, before the yield, are what Strawberry answers with (it then
        # runs no rule itself); set after it, they would come too late.
        context = self.execution_context
        document = context.graphql_document
        assert document is not None, "validation runs on a parsed document"
        checked = (
            self.checked if self.checked is not None and self.checked.document is document else None
        )
        if checked is not None and checked.errors is not None:
            errors = checked.errors
        else:
            errors = self._validate(context.schema._schema, document, context.validation_rules)
            if checked is not None:
                checked.errors = errors
        # The cached list is shared between requests: copied, never changed.
        context.pre_execution_errors = list(errors)
        yield

    def _validate(
        self, schema: GraphQLSchema, document: DocumentNode, rules: Any
    ) -> list[GraphQLError]:
        problem = self.too_long or self.refusal(document)
        if problem is not None:
            return [problem]
        budgeted = tuple(
            _BudgetedOverlap if rule is OverlappingFieldsCanBeMergedRule else rule for rule in rules
        )
        return [
            _too_complex(error) if error.message == "Validation aborted." else error
            for error in validate_document(schema, document, budgeted)
        ]

    def refusal(self, document: DocumentNode) -> GraphQLError | None:
        """Why ``document`` is refused before validation, if it is."""
        try:
            expanded = expansion(document)
        except GraphQLError as error:  # a fragment cycle or an unknown fragment
            return error
        if expanded.size <= self.max_selections:
            return None
        figure = (
            f"more than {SIZE_CAP - 1:,}" if expanded.size >= SIZE_CAP else f"{expanded.size:,}"
        )
        return GraphQLError(
            f"The query expands to {figure} selections once its fragments are spread "
            "(fields, fragments, arguments and directives, counted each time a fragment "
            f"repeats them); the limit is {self.max_selections:,}. Spread fragments fewer "
            "times or select fewer fields.",
            expanded.largest,
            extensions={"code": "QUERY_TOO_LARGE"},
        )


def _stand_in(operation_name: str | None) -> DocumentNode:
    """``query <operation_name> { __typename }``, built, not parsed (any name will do)."""
    typename = FieldNode(name=NameNode(value="__typename"), arguments=(), directives=())
    operation = OperationDefinitionNode(
        operation=OperationType.QUERY,
        name=NameNode(value=operation_name) if operation_name else None,
        variable_definitions=(),
        directives=(),
        selection_set=SelectionSetNode(selections=(typename,)),
    )
    return DocumentNode(definitions=(operation,))


class _BudgetedOverlap(OverlappingFieldsCanBeMergedRule):
    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.rule_context.remaining_complexity_budget = OVERLAP_BUDGET


def _too_complex(error: GraphQLError) -> GraphQLError:
    # graphql-core aborts validation so when a rule's work budget runs out.
    return GraphQLError(
        "The query is too complex to validate: too many fields of one name in one "
        "selection set, or fragments spread too often. Select fewer fields.",
        error.nodes,
        extensions={"code": "QUERY_TOO_LARGE"},
    )


def node_limit_rule(max_nodes: int, catalog: Catalog = CATALOG) -> type[ValidationRule]:
    """A validation rule refusing operations that could return more than ``max_nodes``
    objects: every list of objects counts (a connection or ``search`` its page, ``first``
    or 100 when it is a variable; ``entities`` its ids; a relation its estimate from
    ``graph.catalog``; any other list ``LIST_ESTIMATES``), multiplied down the tree.

    The cost grows linearly with the document: each fragment is costed once, then scaled.
    """

    class NodeLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            schema = self.context.schema
            root = schema.get_root_type(node.operation)
            if root is None:
                return
            fragments = {
                d.name.value: d
                for d in self.context.document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            total = _Cost(schema, fragments, catalog).of(node.selection_set, root)
            if total > max_nodes:
                self.report_error(
                    GraphQLError(
                        f"The query could return up to {total:,} nodes; the limit is "
                        f"{max_nodes:,}. Ask for smaller pages or fewer nested lists.",
                        node,
                        extensions={"code": "QUERY_TOO_LARGE"},
                    )
                )

    return NodeLimit


class _Cost:
    """The estimated objects under a selection set, for one object of its parent type.

    Linear in the document: a selection set's cost for one parent object is computed
    once and multiplied by how many parents there are (fragments spread many times, or
    spread inside each other, cost no more than their text)."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        catalog: Catalog,
    ):
        self.schema = schema
        self.catalog = catalog
        self.fragments = fragments
        self._known: dict[tuple[int, str], int] = {}
        self._open: set[tuple[int, str]] = set()

    def of(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType) -> int:
        if selection_set is None:
            return 0
        key = (id(selection_set), parent.name)
        if key in self._known:
            return self._known[key]
        if key in self._open:  # a fragment cycle: another rule reports it
            return 0
        self._open.add(key)
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self._type(condition.name.value) if condition else parent
                total += self.of(selection.selection_set, target or parent)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    target = self._type(fragment.type_condition.name.value)
                    total += self.of(fragment.selection_set, target or parent)
        self._open.discard(key)
        self._known[key] = total
        return total

    def _type(self, name: str) -> GraphQLNamedType | None:
        return self.schema.get_type(name)

    def _field(self, field: FieldNode, parent: GraphQLNamedType) -> int:
        name = field.name.value
        if name.startswith("__") or not isinstance(parent, GraphQLObjectType):
            # Introspection is bounded by the schema; unions have no fields of their own.
            return 0
        definition = parent.fields.get(name)
        if definition is None:
            return 0  # an unknown field: another rule reports it
        named = get_named_type(definition.type)
        below = self.of(field.selection_set, named)
        size = _list_size(parent.name, name, definition.type, named, field, self.catalog)
        # A single object or a scalar adds nothing itself; a list adds its items.
        return below if size is None else size + size * below


def is_object_list(type_: GraphQLOutputType) -> bool:
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    return isinstance(inner, GraphQLList) and not is_leaf_type(get_named_type(inner))


def _list_size(
    parent: str,
    name: str,
    type_: GraphQLOutputType,
    named: GraphQLNamedType,
    field: FieldNode,
    catalog: Catalog,
) -> int | None:
    """How many objects the field may return for one parent object (None: not a list)."""
    size = declared_size(parent, name, type_, named, catalog)
    if size is Counted.NOT_A_LIST:
        return None
    if size is Counted.BY_FIRST:
        return _first(field)
    if size is Counted.BY_LIST_ARGUMENT:
        return _list_argument_length(field)
    return UNKNOWN_LIST if size is None else size


class Counted(Enum):
    NOT_A_LIST = "one object or a scalar (or a connection's page, counted on the connection)"
    BY_FIRST = "the page asked for (`first`)"
    BY_LIST_ARGUMENT = "the number of ids or representations given"


def declared_size(
    parent: str,
    name: str,
    type_: GraphQLOutputType,
    named: GraphQLNamedType,
    catalog: Catalog = CATALOG,
) -> int | Counted | None:
    """Where the size of ``parent.name`` comes from: a number, an argument, or None when
    nothing declares it (counted as ``UNKNOWN_LIST``; a test keeps that from happening)."""
    if named.name.endswith("Connection") or name in PAGED_BY_FIRST:
        return Counted.BY_FIRST
    if parent == "Query" and name in COUNTED_BY_LIST_ARGUMENT:
        return Counted.BY_LIST_ARGUMENT
    if not is_object_list(type_):
        return Counted.NOT_A_LIST
    if named.name.endswith("Edge") or (parent.endswith("Connection") and name == "nodes"):
        return Counted.NOT_A_LIST  # the connection's page, counted on the connection
    if name == "sources":
        return SOURCES_ESTIMATE
    if parent.endswith("RelatedEdge") and name == "relationships":
        return TIES_ESTIMATE
    relation = catalog.relations.get(parent, {}).get(name)
    if relation is not None:
        return relation.estimate
    if name == "figures" and parent in catalog.types:
        return FIGURES_ESTIMATE
    return LIST_ESTIMATES.get((parent, name))


def _first(field: FieldNode) -> int:
    for argument in field.arguments or ():
        if argument.name.value == "first":
            if isinstance(argument.value, IntValueNode):
                return max(0, int(argument.value.value))
            return MAX_PAGE  # a variable: assume the largest page it could be
    return DEFAULT_PAGE


def _list_argument_length(field: FieldNode) -> int:
    for argument in field.arguments or ():
        if argument.name.value in ("ids", "representations") and isinstance(
            argument.value, ListValueNode
        ):
            return len(argument.value.values)
    return MAX_IDS  # a variable (or a single id): assume the most the field accepts


class BodyLimit:
    """Refuses request bodies larger than ``max_bytes`` with 413, before parsing them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"The request body is larger than {self.max_bytes:,} bytes."
        await refusal(message, "PAYLOAD_TOO_LARGE")(scope, receive, send)


class _TooLarge(Exception):
    pass
