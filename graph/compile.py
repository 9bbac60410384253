"""Compile read plans (``graph.plan``) into ONE parameterized Cypher statement each.

Nested fields become nested ``COLLECT {}`` subqueries inside map projections, so
a request costs one statement per root field whatever its depth or list sizes.
Each statement is a syntax tree (``graph.cypher``) printed once; these are pure functions
of their input, so the text is unit-tested without a database. Labels, relationship types
and property keys come from ``graph.model`` and ``graph.catalog`` only; every value is a
``Param``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from graph.capabilities import BASELINE, Capabilities
from graph.catalog import CATALOG, Catalog
from graph.cypher import (
    SUBJECT,
    About,
    Alias,
    And,
    Binary,
    Call,
    CallProcedure,
    CallSubquery,
    Case,
    Clause,
    Collect,
    Comprehension,
    Const,
    Count,
    Desc,
    Entry,
    Exists,
    Expr,
    HasLabel,
    Index,
    IsNull,
    Item,
    ListOf,
    Map,
    Match,
    Node,
    Not,
    Or,
    Order,
    Param,
    Pattern,
    Prop,
    Quantified,
    Query,
    Reduce,
    Rel,
    Return,
    Slice,
    Statement,
    Subject,
    Union,
    Unwind,
    Var,
    With,
    conjunction,
    disjunction,
    render,
    render_pattern,
    route_pattern,
)
from graph.migrations import QUOTE_INDEXES, SEARCH_INDEX
from graph.model import (
    AGGREGATES,
    NODE_SPAN,
    REL_PROPERTIES,
    REL_SPAN,
    ClaimRank,
    Direction,
    Label,
    Relation,
    RelType,
    Route,
    ValueKind,
    back,
)
from graph.plan import AggregatePlan, NodePlan, Page, RelationPlan, Shape

# -- conditions and sort keys (built by graph.filters) ---------------------------------------


@dataclass(frozen=True)
class Anchor:
    """An index seek on another entity (``start``: its label and id) and the route from it
    to the listed node (with ``scope``, only along what is in it)."""

    start: Node
    route: Route
    scope: Scope | None = None

    def match(self, listed: Var | Subject) -> Match:
        return route_match(self.start, self.route, Node(listed), scope=self.scope)


@dataclass(frozen=True)
class Condition:
    """A list filter on the listed node (``SUBJECT`` in ``where``): index seeks that anchor
    the match at other entities, and a predicate. ``Condition()`` asks nothing."""

    anchors: tuple[Anchor, ...] = ()
    where: Expr | None = None

    @property
    def predicate(self) -> Expr | None:
        """The whole condition as one predicate, for a condition combined with OR or NOT
        or applied to related nodes: there its anchors are ``EXISTS`` tests, not seeks."""
        return conjunction([*(Exists((a.match(SUBJECT),)) for a in self.anchors), self.where])


def all_of(conditions: Iterable[Condition]) -> Condition:
    """Every condition: their anchors stay index seeks, their predicates are ANDed."""
    listed = list(conditions)
    return Condition(
        tuple(anchor for c in listed for anchor in c.anchors),
        conjunction(c.where for c in listed),
    )


@dataclass(frozen=True)
class Sort:
    key: Expr  # over SUBJECT
    descending: bool = False


BY_NAME = Sort(Prop(SUBJECT, "name"))


@dataclass(frozen=True)
class Period:
    """A stretch of days: one date at its precision (``asOf``: "2004" is every day of
    2004), or from one date to another (a timeline's ``from``, ``to``), either side open.

    As of a period, only nodes and relationships whose span (the model's ``NODE_SPAN``,
    ``REL_SPAN``) takes in some day of it take part; a span's dates keep their precision
    too, and a missing start or end leaves that side open, so an undated fact always
    takes part."""

    first_day: Param | None
    last_day: Param | None

    @classmethod
    def on(cls, date: str) -> Period:
        """The days of one checked date (``graph.rules``): YYYY, YYYY-MM or YYYY-MM-DD."""
        return cls(Param(first_day(date)), Param(last_day(date)))

    @classmethod
    def between(cls, start: str | None, end: str | None) -> Period:
        return cls(
            None if start is None else Param(first_day(start)),
            None if end is None else Param(last_day(end)),
        )

    def _sides(self, start: Expr, end: Expr) -> tuple[tuple[Expr, Expr], ...]:
        """Each open side of a span and the test that it meets the period: its start on or
        before the period's last day, its end on or after its first."""
        return (
            *(
                ()
                if self.last_day is None
                else ((start, Binary("<=", _first(start), self.last_day)),)
            ),
            *(() if self.first_day is None else ((end, Binary(">=", _last(end), self.first_day)),)),
        )

    def holds(self, x: Expr, span: tuple[str, str]) -> Expr:
        """Whether ``x``'s span, ``(start, end)`` properties, takes in the period (a
        missing side is open)."""
        sides = self._sides(Prop(x, span[0]), Prop(x, span[1]))
        return conjunction([Or((IsNull(side), test)) for side, test in sides]) or Const(True)

    def takes(self, date: Expr) -> Expr:
        """Whether a date (null: none) falls in the period."""
        return And((Not(IsNull(date)), *(test for _, test in self._sides(date, date))))


# A date's first and last day at any precision: "2004" + "-01-01", "2004-02" + "-31" (no
# month has more days, and as text it sorts after every day of the month).
_FIRST, _LAST = "-01-01", "-12-31"


def first_day(date: str) -> str:
    """The first day of a date at its precision: what orders dates of mixed precision."""
    return date + _FIRST[len(date) - 4 :]


def last_day(date: str) -> str:
    return date + _LAST[len(date) - 4 :]


def _first(date: Expr) -> Expr:
    return _padded(date, _FIRST)


def _last(date: Expr) -> Expr:
    return _padded(date, _LAST)


def _padded(date: Expr, days: str) -> Expr:
    return Binary(
        "+", date, Call("substring", (Const(days), Binary("-", Call("size", (date,)), Const(4))))
    )


def _indexes(items: Expr) -> Call:
    """``range(0, size(items) - 1)``: the positions of a list (of a fact's parallel
    source lists, say)."""
    return Call("range", (Const(0), Binary("-", Call("size", (items,)), Const(1))))


def _distinct_documents(x: Expr, counted: Iterable[Expr | None] = (), i: Var | None = None) -> Expr:
    """The documents ``x``'s sources cite, each once (one document may give two quotes);
    with ``counted`` (tests of source ``i``), only those of the sources that count."""
    i = i or Var("i")
    documents = Call("coalesce", (Prop(x, "sourceDocuments"), ListOf(())))
    found = Var("found")
    document = Index(Prop(x, "sourceDocuments"), i)
    new = conjunction([*counted, Not(Binary("IN", document, found))])
    assert new is not None
    return Reduce(
        found,
        ListOf(()),
        i,
        _indexes(documents),
        Case(((new, Binary("+", found, ListOf((document,)))),), otherwise=found),
    )


@dataclass(frozen=True)
class Evidence:
    """An evidence scope (``evidence``): a fact takes part when at least ``min_documents``
    distinct documents support it through sources that count, those of ``documents``
    (None: any) and, with ``exclude_inferred``, only sources stated rather than inferred."""

    documents: Param | None
    exclude_inferred: bool
    min_documents: Param

    @classmethod
    def of(
        cls, documents: list[str] | None, exclude_inferred: bool, min_documents: int
    ) -> Evidence:
        return cls(
            None if documents is None else Param(documents), exclude_inferred, Param(min_documents)
        )

    def holds(self, x: Expr) -> Expr:
        """Whether the sources of ``x`` (a node or relationship) satisfy the scope."""
        i = Var("i")
        document = Index(Prop(x, "sourceDocuments"), i)
        counts = (
            None if self.documents is None else Binary("IN", document, self.documents),
            None
            if not self.exclude_inferred
            else Not(Call("coalesce", (Index(Prop(x, "sourceInferred"), i), Const(False)))),
        )
        distinct = _distinct_documents(x, counts, i)
        return Binary(">=", Call("size", (distinct,)), self.min_documents)


@dataclass(frozen=True)
class Scope:
    """What part of the graph a read sees: as of a ``period`` (``asOf``) and within an
    ``evidence`` scope. A fact outside it does not take part: not listed, not followed,
    not counted, and no path passes through it."""

    period: Period | None = None
    evidence: Evidence | None = None

    def node(self, x: Expr) -> Expr:
        return self._keeps(x, NODE_SPAN)

    def relationship(self, x: Expr) -> Expr:
        return self._keeps(x, REL_SPAN)

    def _keeps(self, x: Expr, span: tuple[str, str]) -> Expr:
        tests = [
            None if self.period is None else self.period.holds(x, span),
            None if self.evidence is None else self.evidence.holds(x),
        ]
        return conjunction(tests) or Const(True)

    def along(self, path: Var) -> Expr:
        """Whether every node and relationship of ``path`` is in the scope."""
        n, r = Var("n"), Var("r")
        return And(
            (
                Quantified("all", n, Call("nodes", (path,)), self.node(n)),
                Quantified("all", r, Call("relationships", (path,)), self.relationship(r)),
            )
        )


@dataclass(frozen=True)
class Target:
    """What a statement is compiled for: what the engine can do, the model it serves
    (the model's catalog; another one in tests) and the part of the graph it sees."""

    caps: Capabilities = BASELINE
    catalog: Catalog = CATALOG
    scope: Scope | None = None


# -- what differs between engines (graph.capabilities) -------------------------------------

# A paged relation comes back as {items, total} under its key; on an engine that returns
# null for such a map, the total comes under its key plus this suffix ("#": no GraphQL
# alias can hold it, so no other field's key can be the same).
TOTAL_SUFFIX = "#total"


def _paged(caps: Capabilities, key: str, items: Expr, total: Expr) -> tuple[Entry, ...]:
    if caps.nested_maps:
        return ((key, Map((("items", items), ("total", total)))),)
    # Side by side (the engine returns null for the map): graph.reads folds them.
    return ((key, items), (key + TOTAL_SUFFIX, total))


def _paths(
    caps: Capabilities, path: Var, paths: Var, nodes: Expr, steps: Expr
) -> tuple[Alias, ...]:
    """The columns holding ``paths``, each ``{nodes, relationships}`` (``nodes`` and
    ``steps`` of the map ``path``)."""
    if caps.nested_maps:
        pair = Map((("nodes", nodes), ("relationships", steps)))
        return (Alias(Comprehension(path, paths, pair), "paths"),)
    # Side by side (the engine returns null for those maps): graph.reads pairs them.
    return (
        Alias(Comprehension(path, paths, nodes), "pathNodes"),
        Alias(Comprehension(path, paths, steps), "pathRelationships"),
    )


def _candidates(
    caps: Capabilities, n: Var, labels: Expr | None, text: str, first: Param
) -> tuple[Clause, ...]:
    """The nodes of ``labels`` whose ``searchText`` contains ``text``, best first: by the
    relevance a full-text index gives where the engine has one, else those that start with
    the text first."""
    contained = Param(text)
    kept = conjunction((labels, Binary("CONTAINS", Prop(n, "searchText"), contained)))
    by_name = (Prop(n, "name"), Prop(n, "id"))
    if caps.fulltext:
        score = Var("score")
        query = (Const(SEARCH_INDEX), Param(lucene_query(text)))
        yields = (("node", n), ("score", score))
        return (
            CallProcedure("db.index.fulltext.queryNodes", query, yields, kept),
            With((n, score), order_by=(Desc(score), *by_name), limit=first),
        )
    starts = Binary("STARTS WITH", Prop(n, "searchText"), contained)
    starting_first = Case(((starts, Const(0)),), otherwise=Const(1))
    return (
        Match(Pattern(Node(n)), kept),
        With((n,), order_by=(starting_first, *by_name), limit=first),
    )


# -- projections -----------------------------------------------------------------------------

# List properties a node may lack (written by an older version, say): served as [].
LIST_PROPERTIES = frozenset({"aliases"})

# Figures describing a node: the figure's ``subject`` relation (graph.model) read backwards.
_FIGURES: Route = (back(RelType.DESCRIBES, to=Label.FIGURE),)

# Figures come preferred first, deprecated last (``ClaimRank``), then by date and id.
_RANK_ORDER: tuple[tuple[Expr, Expr], ...] = (
    (Const(ClaimRank.PREFERRED.value), Const(0)),
    (Const(ClaimRank.DEPRECATED.value), Const(2)),
)


def _rank_order(f: Var) -> Expr:
    return Case(_RANK_ORDER, otherwise=Const(1), subject=Prop(f, "rank"))


def _date_order(f: Var) -> tuple[Expr, ...]:
    # Undated last, said outright: engines order nulls differently.
    as_of = Prop(f, "asOf")
    return (Case(((IsNull(as_of), Const(1)),), otherwise=Const(0)), as_of)


def _figure_order(f: Var) -> tuple[Expr, ...]:
    return (_rank_order(f), *_date_order(f))


def _current(f: Var) -> Expr:
    """Not deprecated: the claims a read shows unless deprecated ones are asked for."""
    return Not(Binary("=", Prop(f, "rank"), Const(ClaimRank.DEPRECATED.value)))


def _node(v: Var, plan: NodePlan, t: Target) -> Expr:
    if len(plan.shapes) == 1:
        ((label, shape),) = plan.shapes.items()
        return _shape(v, label, shape, t)
    return Case(
        tuple(
            (HasLabel(v, label), _shape(v, label, shape, t)) for label, shape in plan.shapes.items()
        )
    )


def _shape(
    v: Var,
    label: str,
    shape: Shape,
    t: Target,
    key: Expr | None = None,
    extra: tuple[Entry, ...] = (),
) -> Map:
    """``v``'s projection; ``key`` comes back as ``__key`` (what a page is ordered by),
    ``extra`` entries beside the shape's."""
    entries: list[Entry] = [("__typename", Const(label)), "id"]
    allowed = t.catalog.properties[label]
    for prop in sorted(shape.props - {"id"}):
        if prop not in allowed:
            raise ValueError(f"{label} has no property {prop!r}")
        if prop in LIST_PROPERTIES:
            entries.append((prop, Call("coalesce", (Prop(v, prop), ListOf(())))))
        else:
            entries.append(prop)
    if shape.sources:
        entries.append(("sources", _sources(v)))
    if shape.figures is not None:
        f = Var("f")
        figure = _shape(f, Label.FIGURE, shape.figures, t)
        entries.append(
            (
                "figures",
                Collect(
                    (
                        Match(route_pattern(Node(v), _FIGURES, Node(f))),
                        With((f,), order_by=(*_figure_order(f), Prop(f, "id"))),
                        Return((Alias(figure, Var("x")),)),
                    )
                ),
            )
        )
    for name, relation in sorted(shape.counts.items()):
        count = aggregate_expression(v, label, relation, catalog=t.catalog, scope=t.scope)
        entries.append((name, count))
    for name, asked in sorted(shape.aggregates.items()):
        # Flat keys ("missionsAggregate.authorizedDeployments.min"): the API assembles
        # them (a map of subqueries comes back null from some engines).
        if asked.count:
            found = aggregate_expression(v, label, asked.relation, catalog=t.catalog, scope=t.scope)
            entries.append((f"{name}.count", found))
        for prop, function in sorted(asked.values):
            found = aggregate_expression(
                v,
                label,
                asked.relation,
                _function(function),
                prop,
                catalog=t.catalog,
                scope=t.scope,
            )
            entries.append((f"{name}.{prop}.{function}", found))
    for name, plan in sorted(shape.relations.items()):
        related = _related(v, label, plan, t)
        if plan.page is None:
            entries.append((name, related))
        else:
            total = (
                aggregate_expression(
                    v, label, plan.relation, catalog=t.catalog, direct=plan.direct, scope=t.scope
                )
                if plan.page.total
                else Const(None)
            )
            entries.extend(_paged(t.caps, name, related, total))
    if key is not None:
        entries.append(("__key", key))
    entries.extend(extra)
    return Map(tuple(entries), of=v)


def follow(
    relation: Relation,
    start: Var | Subject,
    end: Var,
    last: Var | None = None,
    where: Expr | None = None,
    *,
    scope: Scope | None = None,
) -> Query:
    """``MATCH`` along a model relation from ``start`` to ``end`` (``last``: its last
    relationship; ``where``: a test of ``end``; ``scope``: only along what is in it). A
    relation with branches is a ``UNION`` of whole routes, one per branch, each testing
    ``end``.

    Each branch follows the route itself rather than continuing from the places the route
    reached: a subquery per place reached repeats its setup thousands of times (a region
    holds about 600 places on the scale-1 graph). On that graph, the agencies tied to a
    region came 1.3 times faster on Neo4j and 1.5 times on ArcadeDB (BENCHMARKS.md, run I).
    """

    def match(a: Var | Subject, route: Route, b: Var, r: Var | None, test: Expr | None) -> Match:
        return route_match(Node(a), route, Node(b), r, test, scope=scope)

    if not relation.branches:
        return (match(start, relation.route, end, last, where),)
    union = Union(
        tuple(
            (match(start, route, end, last, where), Return((end,)))
            for route in relation.whole_routes
        )
    )
    return (CallSubquery((start,), union),)


def route_match(
    start: Node,
    route: Route,
    end: Node,
    last: Var | None = None,
    where: Expr | None = None,
    *,
    scope: Scope | None = None,
    path: Var | None = None,
) -> Match:
    """``MATCH`` of a model route from ``start`` to ``end`` testing ``where``; with
    ``scope``, only along what is in it (the path named ``path``, or a name of its own)."""
    if scope is not None and path is None:
        path = Var("p")
    pattern = route_pattern(start, route, end, last, path=path)
    along = None if scope is None or path is None else scope.along(path)
    return Match(pattern, conjunction([along, where]))


def path(start: str, route: Route, end: str) -> str:
    """The text of a route's pattern between nodes named ``start`` and ``end`` ("": no
    name), for a statement another program completes (the benchmark peer's)."""
    a, b = Var(), Var()
    names = {var: name for var, name in ((a, start), (b, end)) if name}
    pattern = route_pattern(Node(a if start else None), route, Node(b if end else None))
    return render_pattern(pattern, names)


Aggregate = Literal["count", "min", "max", "avg"]


def _function(name: str) -> Aggregate:
    if name not in ("min", "max", "avg"):
        raise ValueError(f"no aggregate {name!r}")
    return name  # type: ignore[return-value]  # checked above


def aggregate_expression(
    subject: Var | Subject,
    label: str,
    relation_name: str,
    function: Aggregate = "count",
    prop: str | None = None,
    *,
    catalog: Catalog = CATALOG,
    direct: bool = False,
    scope: Scope | None = None,
) -> Expr:
    """``function`` over the distinct targets of ``label``'s relation ``relation_name`` from
    ``subject``: how many there are (``count``), or the least, greatest or mean value of
    their numeric property ``prop`` (null when no target has it); ``direct``: along its
    narrow route; ``scope``: only along what is in it."""
    relation = catalog.relations[label][relation_name].along(direct)
    b = Var("b")
    if function == "count":
        if prop is not None:
            raise ValueError("count counts targets, not a property")
        if relation.one_hop:
            return Count(follow(relation, subject, b, scope=scope))
        # Distinct targets, as the count field counts them (paths would count twice).
        distinct = Return((Alias(Prop(b, "id"), Var("x")),), distinct=True)
        return Call("size", (Collect((*follow(relation, subject, b, scope=scope), distinct)),))
    kinds = _NUMBERS if function == "avg" else _ORDERED
    if prop is None or not _of_kind(catalog, relation.target, prop, kinds):
        raise ValueError(
            f"{function} needs a {' or '.join(kinds)} property of {relation.target}, not {prop!r}"
        )
    # The targets' values, without aggregating functions: Neo4j refuses an aggregate in a
    # subquery of a projection ("implicit grouping expressions"), so the least and
    # greatest are the first of an ordered list, the mean a sum over a list.
    v = Var("v")
    values: Query = (
        *follow(relation, subject, b, scope=scope),
        With((b,), distinct=True),
        With((Alias(Prop(b, prop), v),), where=Not(IsNull(v))),
    )
    if function in ("min", "max"):
        first = With((v,), order_by=(v if function == "min" else Desc(v),), limit=Const(1))
        return Index(Collect((*values, first, Return((v,)))), Const(0))
    found, total, x = Var("l"), Var("s"), Var("y")
    size = Call("size", (found,))
    mean = Case(
        ((Binary("=", size, Const(0)), Const(None)),),
        otherwise=Binary("/", Reduce(total, Const(0.0), x, found, Binary("+", total, x)), size),
    )
    # The list is bound once (a one-item comprehension) and read twice.
    return Index(Comprehension(found, ListOf((Collect((*values, Return((v,)))),)), mean), Const(0))


# What a mean is taken of; what the least and greatest are taken of (dates as the
# documents give them: ISO text orders as time does).
_NUMBERS = (ValueKind.INT, ValueKind.FLOAT)
_ORDERED = (*_NUMBERS, ValueKind.DATE)


def _of_kind(catalog: Catalog, label: str | None, prop: str, kinds: tuple[ValueKind, ...]) -> bool:
    if label is None:  # any entity: no property is declared for all
        return False
    return any(p.name == prop and p.kind in kinds for p in catalog.declared[label])


def _related(v: Var, label: str, plan: RelationPlan, t: Target) -> Expr:
    relation = t.catalog.relations[label][plan.relation].along(plan.direct)
    b, x = Var("b"), Var("x")
    by_name: tuple[Order, ...] = (Prop(b, "name"), Prop(b, "id"))
    if not relation.many:
        # A stated (not wholly inferred) relationship first.
        r = Var("r") if relation.stated_first else None
        rank: tuple[Order, ...] = () if r is None else (_stated(r),)
        first = With((b,) if r is None else (b, r), order_by=(*rank, *by_name), limit=Const(1))
        one = Return((Alias(_node(b, plan.node, t), x),))
        return Index(Collect((*follow(relation, v, b, r, scope=t.scope), first, one)), Const(0))
    if plan.page is None:
        return Collect(
            (
                *follow(relation, v, b, scope=t.scope),
                With((b,), distinct=not relation.one_hop, order_by=by_name),
                Return((Alias(_node(b, plan.node, t), x),)),
            )
        )
    page = plan.page
    ((target, shape),) = plan.node.shapes.items()
    name = Prop(b, "name")
    ties = (("__ties", _ties(relation, v, b, t.scope)),) if plan.ties else ()
    # The ties' subquery names ``v`` again: carried through the WITHs, since ArcadeDB
    # forgets an outer variable a WITH does not name (the ties then match from anywhere).
    kept = (b, v) if plan.ties else (b,)
    return Collect(
        (
            *follow(relation, v, b, scope=t.scope),
            With(kept, distinct=True, where=_after(name, b, page)),
            With(kept, order_by=by_name, limit=Param(page.first + 1)),
            Return((Alias(_shape(b, target, shape, t, key=name, extra=ties), x),)),
        )
    )


def _ties(relation: Relation, v: Var, b: Var, scope: Scope | None) -> Expr:
    """The relationships of the route's last step that tie ``b`` to ``v`` (both bound: one
    item of a page), a stated one first: what the item's edge serves."""
    assert not relation.branches, f"{relation.name}: ties of a branching route"
    r = Var("r")
    # Each once (a place with two parents is reached twice), in an order that does not
    # change between requests: the first is the one whose role and dates the edge serves.
    ends = (Prop(Call("startNode", (r,)), "id"), Prop(Call("endNode", (r,)), "id"))
    return Collect(
        (
            *follow(relation, v, b, r, scope=scope),
            With((r,), distinct=True),
            With((r,), order_by=(_stated(r), *ends, Call("type", (r,)))),
            Return((Alias(_step(r), Var("x")),)),
        )
    )


def _after(key: Expr, n: Var, page: Page, descending: bool = False) -> Expr | None:
    """The keyset: rows after the cursor's (key, id) in the page's order."""
    if page.after is None:
        return None
    value, last_id = page.after
    v = Param(value)
    beyond = Binary("<" if descending else ">", key, v)
    return Or((beyond, And((Binary("=", key, v), Binary(">", Prop(n, "id"), Param(last_id))))))


def _stated(r: Var) -> Expr:
    """Whether ``r`` is wholly inferred: false (a stated relationship) sorts first."""
    i = Var("i")
    return Quantified("all", i, Call("coalesce", (Prop(r, "sourceInferred"), ListOf(()))), i)


def _sources(v: Var) -> Expr:
    """Provenance lists (see ``graph.model.SOURCE_KEYS``) as a list of maps; "" → null."""
    i = Var("i")

    def at(key: str) -> Expr:
        return Index(Prop(v, key), i)

    def nullable(key: str) -> Expr:
        return Case(((Const(""), Const(None)),), otherwise=at(key), subject=at(key))

    documents = Call("coalesce", (Prop(v, "sourceDocuments"), ListOf(())))
    source = Map(
        (
            ("document", at("sourceDocuments")),
            ("quote", at("sourceQuotes")),
            ("asOf", nullable("sourceAsOf")),
            ("inferred", Call("coalesce", (at("sourceInferred"), Const(False)))),
            ("reasoning", nullable("sourceReasoning")),
        )
    )
    return Comprehension(i, _indexes(documents), source)


def _step(r: Var) -> Map:
    """A relationship as the API serves it (``PathStep``; ``provenance.step_row`` in Python)."""
    return Map(
        (
            ("type", Call("type", (r,))),
            ("from", Prop(Call("startNode", (r,)), "id")),
            ("to", Prop(Call("endNode", (r,)), "id")),
            # Names travel with ids so that a table of relationships reads on its own.
            ("fromName", Prop(Call("startNode", (r,)), "name")),
            ("toName", Prop(Call("endNode", (r,)), "name")),
            *((prop.name, Prop(r, prop.name)) for prop in REL_PROPERTIES),
            ("sources", _sources(r)),
        )
    )


def _step_order(r: Expr) -> tuple[Order, ...]:
    """Relationships in a stable order: by start id, type and end id."""
    return (
        Prop(Call("startNode", (r,)), "id"),
        Call("type", (r,)),
        Prop(Call("endNode", (r,)), "id"),
    )


def _along(t: Target, path: Var, where: Expr | None = None) -> Expr | None:
    """``where``, and with a scope, that all of ``path`` is in it."""
    return conjunction([where, None if t.scope is None else t.scope.along(path)])


def _no_figures(path: Var) -> Expr:
    x = Var("x")
    return Quantified("none", x, Call("nodes", (path,)), HasLabel(x, Label.FIGURE))


def _seek(v: Var, entity_id: Param, t: Target) -> Union:
    """The entity with this id, whatever its label (an index seek per label)."""
    return Union(
        tuple(
            (Match(Pattern(Node(v, label, (("id", entity_id),)))), Return((v,)))
            for label in t.catalog.labels
        )
    )


def _seek_all(v: Var, ids: Param, t: Target) -> Union:
    """Entities whose id is in the list, whatever their label (an index seek per label)."""
    return Union(
        tuple(
            (Match(Pattern(Node(v, label)), Binary("IN", Prop(v, "id"), ids)), Return((v,)))
            for label in t.catalog.labels
        )
    )


# -- statements ------------------------------------------------------------------------------


def by_ids(
    label: str,
    plan: NodePlan,
    ids: list[str],
    *,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Statement:
    """Nodes of ``label`` with these ids (one row each, key ``node``); with ``scope``, what
    they relate to within it (the nodes asked for by id are served whatever it is)."""
    t = Target(caps, catalog, scope)
    n = Var("n")
    return render(
        (
            Match(Pattern(Node(n, label)), Binary("IN", Prop(n, "id"), Param(ids))),
            Return((Alias(_shape(n, label, plan.shapes[label], t), "node"),)),
        )
    )


def any_by_ids(
    plan: NodePlan, ids: list[str], *, caps: Capabilities = BASELINE, catalog: Catalog = CATALOG
) -> Statement:
    """Entities with these ids, whatever their label (one row each, key ``node``)."""
    t = Target(caps, catalog)
    n = Var("n")
    return render(
        (CallSubquery((), _seek_all(n, Param(ids), t)), Return((Alias(_node(n, plan, t), "node"),)))
    )


def timeline(
    plan: NodePlan,
    ids: list[str],
    period: Period,
    limit: int,
    *,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
) -> Statement:
    """The dated events of these entities that fall in ``period``: a row per entity found
    (``node``, and ``starts``, ``ends``: its own span's dates in the period, or null), and
    one row (``node`` null) whose ``dated`` holds their relationships with a since or
    until in the period, each once, at most ``limit`` in all, each flagged ``__starts``
    and ``__ends`` for which."""
    t = Target(caps, catalog)
    n, r, found = Var("n"), Var("r"), Var("found")
    start, end = (Prop(n, key) for key in NODE_SPAN)
    since, until = (Prop(r, key) for key in REL_SPAN)
    step = _step(r)
    flagged = Map(
        (*step.entries, ("__starts", period.takes(since)), ("__ends", period.takes(until)))
    )
    seek = CallSubquery((), _seek_all(n, Param(ids), t))
    # One limit over every entity's relationships: a busy hub among 500 ids stops the
    # read at the limit, not after all of them.
    dated = Collect(
        (
            Unwind(found, n),
            Match(
                Pattern(Node(n), ((Rel(r), Node()),)),
                Or((period.takes(since), period.takes(until))),
            ),
            With((r,), distinct=True),
            With((r,), order_by=_step_order(r), limit=Param(limit)),
            Return((Alias(flagged, Var("x")),)),
        )
    )
    nothing = Const(None)
    entities: Query = (
        seek,
        Return(
            (
                Alias(_node(n, plan, t), "node"),
                Alias(Case(((period.takes(start), start),)), "starts"),
                Alias(Case(((period.takes(end), end),)), "ends"),
                Alias(ListOf(()), "dated"),
            )
        ),
    )
    relationships: Query = (
        seek,
        With((Alias(Call("collect", (n,)), found),)),
        Return(
            (
                Alias(nothing, "node"),
                Alias(nothing, "starts"),
                Alias(nothing, "ends"),
                Alias(dated, "dated"),
            )
        ),
    )
    return render(Union((entities, relationships)))


def between(ids: list[str], limit: int, *, catalog: Catalog = CATALOG) -> Statement:
    """The relationships whose two ends are both among these entities (a row each, key
    ``step``), at most ``limit``, ordered by start id, type and end id."""
    t = Target(catalog=catalog)
    a, z, r = Var("a"), Var("z"), Var("r")
    listed = Param(ids)
    found = Pattern(Node(a), ((Rel(r, direction=Direction.OUT), Node(z)),))
    ends = And((Binary("IN", Prop(z, "id"), listed), Not(HasLabel(z, Label.FIGURE))))
    return render(
        (
            CallSubquery((), _seek_all(a, listed, t)),
            Match(found, ends),
            With((r,), order_by=_step_order(r), limit=Param(limit)),
            Return((Alias(_step(r), "step"),)),
        )
    )


def _matching(n: Var, label: str, conditions: list[Condition]) -> Query:
    """The ``label`` nodes the conditions keep, each once, as ``n``: anchored at the other
    entities a condition names (index seeks), else a scan of the label."""
    condition = all_of(conditions)
    found = [a.match(n) for a in condition.anchors] or [Match(Pattern(Node(n, label)))]
    *seeks, last = found
    where = None if condition.where is None else About(n, condition.where)
    return (
        *seeks,
        Match(last.pattern, conjunction([last.where, where])),
        With((n,), distinct=True),
    )


def connection(
    label: str,
    plan: NodePlan,
    page: Page,
    conditions: list[Condition],
    sort: Sort = BY_NAME,
    *,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Statement:
    """A page of ``label`` nodes (``items``, each with ``__key``) and, if asked, ``total``;
    with ``scope``, those in it, and what they relate to within it."""
    t = Target(caps, catalog, scope)
    n, k = Var("n"), Var("k")
    if scope is not None:
        conditions = [*conditions, Condition(where=scope.node(SUBJECT))]
    matching = _matching(n, label, conditions)
    items = Collect(
        (
            *matching,
            With((n, Alias(About(n, sort.key), k)), where=_after(k, n, page, sort.descending)),
            With(
                (n, k),
                order_by=(Desc(k) if sort.descending else k, Prop(n, "id")),
                limit=Param(page.first + 1),
            ),
            Return((Alias(_shape(n, label, plan.shapes[label], t, key=k), Var("x")),)),
        )
    )
    total: Expr = Const(None)
    if page.total:
        total = Call("size", (Collect((*matching, Return((Alias(Prop(n, "id"), Var("x")),)))),))
    return render((Return((Alias(items, "items"), Alias(total, "total"))),))


def aggregate(
    label: str,
    asked: AggregatePlan,
    conditions: list[Condition],
    *,
    catalog: Catalog = CATALOG,
) -> Statement:
    """Numbers over every ``label`` node the conditions keep: one row, flat keys
    (``count``, ``authorizedDeployments.min``) as in a projection's aggregates."""
    n = Var("n")
    kinds = {p.name: p.kind for p in catalog.declared[label]}
    columns: list[Item] = [Alias(Call("count", (n,)), "count")]
    for prop, function in sorted(asked.values):
        if function not in AGGREGATES.get(kinds.get(prop, ValueKind.TEXT), ()):
            raise ValueError(f"{label} has no {function} of {prop!r}")
        columns.append(Alias(Call(function, (Prop(n, prop),)), f"{prop}.{function}"))
    return render((*_matching(n, label, conditions), Return(tuple(columns))))


def search(
    plan: NodePlan,
    text: str,
    first: int,
    *,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
) -> Statement:
    """Entities whose normalized name, aliases or acronym contain ``text`` (normalized).

    With a full-text index (Neo4j, ``graph.capabilities``) the index finds the
    candidates and orders them by relevance (a whole word before a word's start before a
    word's middle); without it, a scan orders names that start with the text first. Both
    keep exactly the entities whose ``searchText`` contains the text, so both engines
    answer with the same entities.
    """
    t = Target(caps, catalog)
    n = Var("n")
    labels = disjunction(HasLabel(n, label) for label in plan.shapes)
    found = _candidates(t.caps, n, labels, text, Param(first))
    return render((*found, Return((Alias(_node(n, plan, t), "node"),))))


# Characters Lucene's query parser reads as syntax.
_LUCENE_SPECIAL = frozenset('\\+-!():^[]"{}~*?|&/')
_LUCENE_OPERATORS = frozenset({"AND", "OR", "NOT"})


def lucene_query(text: str) -> str:
    """A full-text query finding every entity whose text holds each word of ``text`` (whole,
    as a start, or inside a word), scoring whole words highest: ``bogota`` →
    ``(bogota^4 OR bogota*^2 OR *bogota*)``. Every character of the text is escaped, so
    it never reads as query syntax."""
    words = text.split()
    if not words:
        raise ValueError("a full-text query needs at least one word")
    clauses = []
    for word in words:
        escaped = "".join("\\" + ch if ch in _LUCENE_SPECIAL else ch for ch in word)
        if word in _LUCENE_OPERATORS:  # an escaped letter makes it a word again
            escaped = "\\" + escaped
        clauses.append(f"({escaped}^4 OR {escaped}*^2 OR *{escaped}*)")
    return " AND ".join(clauses)


def figures(
    plan: NodePlan,
    subject_id: str | None,
    *,
    text: str | None = None,
    deprecated: bool = False,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
) -> Statement:
    """Figures, all or those describing one entity (its ``subject`` relation, when
    selected, comes with the rest of the projection), or whose label holds ``text``
    (lower-case): preferred first, deprecated last (only when asked), then by label,
    date and id."""
    t = Target(caps, catalog)
    f = Var("f")
    about = None
    if subject_id is not None:
        subject = t.catalog.relations[Label.FIGURE]["subject"]
        described = Node(props=(("id", Param(subject_id)),))
        about = Exists((Match(route_pattern(Node(f), subject.route, described)),))
    labelled = (
        None
        if text is None
        else Binary("CONTAINS", Call("toLower", (Prop(f, "label"),)), Param(text))
    )
    kept = conjunction((about, labelled, None if deprecated else _current(f)))
    return render(
        (
            Match(Pattern(Node(f, Label.FIGURE)), kept),
            With(
                (f,),
                order_by=(_rank_order(f), Prop(f, "label"), *_date_order(f), Prop(f, "id")),
            ),
            Return((Alias(_shape(f, Label.FIGURE, plan.shapes[Label.FIGURE], t), "node"),)),
        )
    )


def disagreements(
    subjects: NodePlan,
    claims: NodePlan,
    subject_id: str | None,
    measure: str | None,
    limit: int,
    *,
    deprecated: bool = False,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
) -> Statement:
    """Figures of one measure about one subject that differ (in value or qualifier): a
    row per such group, at most ``limit``, by subject id and measure, with ``subject``,
    ``measure``, ``claims`` (preferred first) and the ``low`` and ``high`` values.
    Deprecated claims take part only when asked for."""
    t = Target(caps, catalog)
    f, s = Var("f"), Var("s")
    about = t.catalog.relations[Label.FIGURE]["subject"]
    described = Node(s, props=(("id", Param(subject_id)),) if subject_id is not None else ())
    kept = conjunction(
        (
            None if measure is None else Binary("=", Prop(f, "measure"), Param(measure)),
            None if deprecated else _current(f),
        )
    )
    m, found, low, high, qualifiers = (
        Var("measure"),
        Var("claims"),
        Var("low"),
        Var("high"),
        Var("qualifiers"),
    )
    value = Prop(f, "value")
    claim = _shape(f, Label.FIGURE, claims.shapes[Label.FIGURE], t)
    differ = Or((Binary("<", low, high), Binary(">", Call("size", (qualifiers,)), Const(1))))
    return render(
        (
            Match(route_pattern(Node(f, Label.FIGURE), about.route, described), kept),
            With((s, f), order_by=(*_figure_order(f), Prop(f, "id"))),
            With(
                (
                    s,
                    Alias(Prop(f, "measure"), m),
                    Alias(Call("collect", (claim,)), found),
                    Alias(Call("min", (value,)), low),
                    Alias(Call("max", (value,)), high),
                    Alias(Call("collect", (Prop(f, "qualifier"),), distinct=True), qualifiers),
                ),
                where=differ,
            ),
            With((s, m, found, low, high), order_by=(Prop(s, "id"), m), limit=Param(limit)),
            Return(
                (
                    Alias(_node(s, subjects, t), "subject"),
                    Alias(m, "measure"),
                    Alias(found, "claims"),
                    Alias(low, "low"),
                    Alias(high, "high"),
                )
            ),
        )
    )


def partners_of_region(
    partner: NodePlan,
    path_nodes: NodePlan | None,
    region_id: str,
    *,
    with_paths: bool = True,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Statement:
    """Partner agencies tied to any place inside a region, with the paths that tie them
    (with ``scope``, only along what is in it).

    Routes: an agency based there; a mission located there that works with the
    agency; an officer posted there who belongs to the agency.
    """
    t = Target(caps, catalog, scope)
    # The model's relation Location.partners: its route to every place inside, then
    # each of its branches from a place to an agency.
    relation = t.catalog.relations[Label.LOCATION]["partners"]
    region, agency = Var("region"), Var("agency")
    anchor = Match(Pattern(Node(region, Label.LOCATION, (("id", Param(region_id)),))))
    by_name = (Prop(agency, "name"), Prop(agency, "id"))
    if not with_paths:
        # Only the agencies: no path is built or kept, each agency found once, all in
        # one row (key ``partners``). On Neo4j one record holding 200 agencies came a
        # third faster than a record each (27 against 38 ms; ArcadeDB 55 against 59).
        projected = Var("partner")
        return render(
            (
                anchor,
                *follow(relation, region, agency, scope=t.scope),
                With((agency,), distinct=True, order_by=by_name),
                With((Alias(_node(agency, partner, t), projected),)),
                Return((Alias(Call("collect", (projected,)), "partners"),)),
            )
        )
    # With paths, a subquery per place stays: whole routes (``follow``) gained nothing
    # here (scale-1 region, run I: ArcadeDB 137 ms, whole routes 147, or 132 with UNION
    # ALL; Neo4j 68, 70 and 62), as building thousands of paths outweighs the subqueries.
    place, hier, route = Var("place"), Var("hier"), Var("route")
    branches = Union(
        tuple(
            (
                route_match(Node(place), branch, Node(agency), scope=t.scope, path=route),
                Return((agency, route)),
            )
            for branch in relation.branches
        )
    )
    ns, rs, paths = Var("ns"), Var("rs"), Var("paths")
    # A path reads from the region down to the place, then on to the agency.
    joined_nodes = Binary("+", Call("nodes", (hier,)), Call("tail", (Call("nodes", (route,)),)))
    joined_rels = Binary("+", Call("relationships", (hier,)), Call("relationships", (route,)))
    collected = Call("collect", (Map((("nodes", ns), ("rels", rs))),))
    x, y, r = Var("x"), Var("y"), Var("r")
    nodes: Expr = ListOf(())
    if path_nodes is not None:
        nodes = Comprehension(y, Prop(x, "nodes"), _node(y, path_nodes, t))
    steps = Comprehension(r, Prop(x, "rels"), _step(r))
    return render(
        (
            anchor,
            route_match(Node(region), relation.route, Node(place), scope=t.scope, path=hier),
            CallSubquery((place,), branches),
            With((agency, Alias(joined_nodes, ns), Alias(joined_rels, rs))),
            With((agency, Alias(collected, paths)), order_by=by_name),
            Return(
                (
                    Alias(_node(agency, partner, t), "partner"),
                    *_paths(t.caps, x, paths, nodes, steps),
                )
            ),
        )
    )


def shortest_path(
    nodes: NodePlan,
    from_id: str,
    to_id: str,
    max_hops: int,
    *,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Statement:
    """The shortest undirected path between two entities, not passing through figures
    (with ``scope``, only through what is in it)."""
    t = Target(caps, catalog, scope)
    if not 1 <= max_hops <= 15:
        raise ValueError("max_hops out of range")
    a, z, p, x, r = Var("a"), Var("z"), Var("p"), Var("x"), Var("r")
    # Where the engine tests a condition on the path only after finding the shortest one
    # (graph.capabilities), a path as of a date is searched by length instead: every path
    # that held, the shortest kept. Slower, never wrong; the request's deadline bounds it.
    by_length = t.scope is not None and not t.caps.filtered_shortest_path
    hops = (1, max_hops) if by_length else (None, max_hops)
    shortest = Pattern(Node(a), ((Rel(hops=hops), Node(z)),), path=p, shortest=not by_length)
    found: Query = (Match(shortest, _along(t, p, _no_figures(p))),)
    if by_length:
        found = (*found, With((p,), order_by=(Call("length", (p,)),), limit=Const(1)))
    return render(
        (
            CallSubquery((), _seek(a, Param(from_id), t)),
            CallSubquery((), _seek(z, Param(to_id), t)),
            *found,
            Return(
                (
                    Alias(Comprehension(x, Call("nodes", (p,)), _node(x, nodes, t)), "nodes"),
                    Alias(Comprehension(r, Call("relationships", (p,)), _step(r)), "relationships"),
                )
            ),
        )
    )


def neighborhood(
    nodes: NodePlan,
    entity_id: str,
    depth: int,
    limit: int,
    *,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Statement:
    """Entities within ``depth`` hops of one entity and the relationships between them
    (with ``scope``, only through what is in it)."""
    t = Target(caps, catalog, scope)
    if not 1 <= depth <= 3:
        raise ValueError("depth out of range")
    s, p, found, ps, truncated = Var("s"), Var("p"), Var("found"), Var("ps"), Var("truncated")
    r, rels, acc, reached, x, ns = (
        Var("r"),
        Var("rels"),
        Var("acc"),
        Var("reached"),
        Var("x"),
        Var("ns"),
    )
    most = Param(limit)
    nothing = ListOf((Const(None),))
    ends = ListOf((Call("startNode", (r,)), Call("endNode", (r,))))
    return render(
        (
            CallSubquery((), _seek(s, Param(entity_id), t)),
            Match(
                Pattern(Node(s), ((Rel(hops=(1, depth)), Node()),), path=p),
                _along(t, p, _no_figures(p)),
                optional=True,
            ),
            With((s, Alias(Call("collect", (p,)), found))),
            With(
                (
                    s,
                    Alias(Slice(found, most), ps),
                    Alias(Binary(">", Call("size", (found,)), most), truncated),
                )
            ),
            # UNWIND of an empty list drops the row: [null] keeps the center, alone.
            Unwind(Case(((ListOf(()), nothing),), otherwise=ps, subject=ps), p),
            Unwind(Case(((IsNull(p), nothing),), otherwise=Call("relationships", (p,))), r),
            With((s, truncated, Alias(Call("collect", (r,), distinct=True), rels))),
            With(
                (
                    s,
                    truncated,
                    rels,
                    Alias(Reduce(acc, ListOf((s,)), r, rels, Binary("+", acc, ends)), reached),
                )
            ),
            Unwind(reached, x),
            With((s, truncated, rels, Alias(Call("collect", (x,), distinct=True), ns))),
            Return(
                (
                    Alias(_node(s, nodes, t), "center"),
                    Alias(Comprehension(x, ns, _node(x, nodes, t)), "nodes"),
                    Alias(Comprehension(r, rels, _step(r)), "relationships"),
                    Alias(truncated, "truncated"),
                )
            ),
        )
    )


@dataclass(frozen=True)
class Around:
    """Which of an entity's direct neighbours a read takes: of one entity type (``label``),
    joined by one relationship type, running one way from the entity (None: any)."""

    label: str | None = None
    rel_type: RelType | None = None
    direction: Direction | None = None


def _neighbours(s: Var, r: Var, b: Var, around: Around, t: Target) -> Match:
    """``MATCH`` of the relationships ``r`` joining ``s`` to a neighbouring entity ``b``
    that ``around`` keeps (figures are no neighbours, as in a neighbourhood); with a scope,
    only where the entity, the relationship and the neighbour are all in it (a
    neighbourhood's paths of one hop: the entity out of scope has no neighbours)."""
    if around.label is not None and around.label not in t.catalog.labels:
        raise ValueError(f"{around.label!r} is no entity type")
    types = () if around.rel_type is None else (around.rel_type,)
    pattern = Pattern(Node(s), ((Rel(r, types, around.direction), Node(b, around.label)),))
    scoped = () if t.scope is None else (t.scope.node(s), t.scope.relationship(r), t.scope.node(b))
    entity = _any_entity(b, t) if around.label is None else None
    return Match(pattern, conjunction([entity, *scoped]))


def _entity_type(v: Var, t: Target) -> Expr:
    """The entity type (its label, also its GraphQL type name) of ``v``, as text."""
    return Case(tuple((HasLabel(v, label), Const(label)) for label in t.catalog.labels))


def _direction(r: Var, s: Var) -> Expr:
    """Which way ``r`` runs from ``s``: OUT when ``s`` is its start."""
    starts = Binary("=", Call("startNode", (r,)), s)
    return Case(((starts, Const(Direction.OUT.value)),), otherwise=Const(Direction.IN.value))


def neighbor_groups(
    entity_id: str,
    *,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Statement:
    """The direct neighbours of one entity counted by entity type, relationship type and
    direction: a row each (``type``, ``relationship``, ``direction``, ``count``: distinct
    neighbours), most first, then by type, relationship and direction; no row for an
    unknown id or an entity without neighbours (with ``scope``, only what is in it)."""
    t = Target(caps, catalog, scope)
    s, r, b = Var("s"), Var("r"), Var("b")
    kind, rel, way, count = Var("type"), Var("relationship"), Var("direction"), Var("count")
    return render(
        (
            CallSubquery((), _seek(s, Param(entity_id), t)),
            _neighbours(s, r, b, Around(), t),
            With(
                (
                    Alias(_entity_type(b, t), kind),
                    Alias(Call("type", (r,)), rel),
                    Alias(_direction(r, s), way),
                    Alias(Call("count", (b,), distinct=True), count),
                )
            ),
            With((kind, rel, way, count), order_by=(Desc(count), kind, rel, way)),
            Return(
                (
                    Alias(kind, "type"),
                    Alias(rel, "relationship"),
                    Alias(way, "direction"),
                    Alias(count, "count"),
                )
            ),
        )
    )


def neighbors(
    nodes: NodePlan,
    entity_id: str,
    around: Around,
    page: Page,
    *,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
    scope: Scope | None = None,
) -> Statement:
    """A page of the direct neighbours of one entity that ``around`` keeps, by name and id
    after the page's cursor (``page.first + 1`` of them, to tell whether more follow): one
    row (none for an unknown id) with ``items``, each neighbour projected with its name as
    ``__key`` and, as ``__edges``, the relationships ``around`` keeps between it and the
    entity, in a stable order; and ``total``, how many neighbours there are in all (when
    ``page.total``, else null). With ``scope``, only what is in it."""
    t = Target(caps, catalog, scope)
    s, r, b, x = Var("s"), Var("r"), Var("b"), Var("x")
    name = Prop(b, "name")
    e, y = Var("e"), Var("y")
    edges = Collect(
        (
            _neighbours(s, e, b, around, t),
            With((e,), order_by=_step_order(e)),
            Return((Alias(_step(e), y),)),
        )
    )
    # Of one type, only its projection: no CASE over the others.
    shapes = nodes.shapes if around.label is None else {around.label: nodes.shapes[around.label]}
    projected = {
        label: _shape(b, label, shape, t, key=name, extra=(("__edges", edges),))
        for label, shape in shapes.items()
    }
    node: Expr = (
        next(iter(projected.values()))
        if len(projected) == 1
        else Case(tuple((HasLabel(b, label), shape) for label, shape in projected.items()))
    )
    items = Collect(
        (
            _neighbours(s, r, b, around, t),
            # The entity carried through: ArcadeDB forgets an outer variable a WITH does not
            # name, and the edges' subquery matches from it again.
            With((s, b), distinct=True, where=_after(name, b, page)),
            With((s, b), order_by=(name, Prop(b, "id")), limit=Param(page.first + 1)),
            Return((Alias(node, x),)),
        )
    )
    total: Expr = Const(None)
    if page.total:
        distinct = Return((Alias(Prop(b, "id"), x),), distinct=True)
        total = Call("size", (Collect((_neighbours(s, r, b, around, t), distinct)),))
    return render(
        (
            CallSubquery((), _seek(s, Param(entity_id), t)),
            Return((Alias(items, "items"), Alias(total, "total"))),
        )
    )


# -- documents: what the sources cite --------------------------------------------------------

# Facts each of a document's lists holds at most, by id (its count says how many in all).
FACT_CAP = 100


@dataclass(frozen=True)
class Facts:
    """What a read asks of the facts documents support: the lists (None: not asked) and
    whether their counts are."""

    entities: NodePlan | None = None
    figures: NodePlan | None = None
    relationships: bool = False
    counts: bool = False

    @property
    def asked(self) -> bool:
        return (
            self.entities is not None
            or self.figures is not None
            or self.relationships
            or self.counts
        )


def _cites(v: Var, name: Expr, sole: bool) -> Expr:
    """``v``'s sources quote the document ``name`` (``sole``: and no other document)."""
    documents = Prop(v, "sourceDocuments")
    cited = Binary("IN", name, documents)
    if not sole:
        return cited
    x = Var("x")
    return And((cited, Quantified("all", x, documents, Binary("=", x, name))))


def _any_entity(v: Var, t: Target) -> Expr:
    found = disjunction(HasLabel(v, label) for label in t.catalog.labels)
    assert found is not None
    return found


def _between_entities(r: Var, where: Expr | None = None) -> Match:
    """Every relationship between entities (a figure's link to its subject is the
    figure's) that ``where`` keeps."""
    besides = Not(Binary("=", Call("type", (r,)), Const(RelType.DESCRIBES.value)))
    return Match(
        Pattern(Node(), ((Rel(r, direction=Direction.OUT), Node()),)),
        conjunction([besides, where]),
    )


def _sourced(n: Var, t: Target, where: Expr | None = None) -> Match:
    """Every node that carries sources (an entity or a figure) that ``where`` keeps."""
    kinds = Or((_any_entity(n, t), HasLabel(n, Label.FIGURE)))
    return Match(Pattern(Node(n)), conjunction([kinds, where]))


def _fact_columns(prefix: str, name: Expr, facts: Facts, sole: bool, t: Target) -> list[Alias]:
    """The facts citing the document ``name`` (``sole``: only it) as columns: each list
    asked for (at most ``FACT_CAP``, by id) and, if asked, how many of each there are."""
    n, f, r = Var("n"), Var("f"), Var("r")
    entities = Match(Pattern(Node(n)), And((_any_entity(n, t), _cites(n, name, sole))))
    figures = Match(Pattern(Node(f, Label.FIGURE)), _cites(f, name, sole))
    relationships = _between_entities(r, _cites(r, name, sole))
    x, cap = Var("x"), Const(FACT_CAP)
    columns: list[Alias] = []
    if facts.entities is not None:
        listed = (
            entities,
            With((n,), order_by=(Prop(n, "id"),), limit=cap),
            Return((Alias(_node(n, facts.entities, t), x),)),
        )
        columns.append(Alias(Collect(listed), f"{prefix}entities"))
    if facts.figures is not None:
        figure = _shape(f, Label.FIGURE, facts.figures.shapes[Label.FIGURE], t)
        listed = (
            figures,
            With((f,), order_by=(Prop(f, "id"),), limit=cap),
            Return((Alias(figure, x),)),
        )
        columns.append(Alias(Collect(listed), f"{prefix}figures"))
    if facts.relationships:
        listed = (
            relationships,
            With((r,), order_by=_step_order(r), limit=cap),
            Return((Alias(_step(r), x),)),
        )
        columns.append(Alias(Collect(listed), f"{prefix}relationships"))
    if facts.counts:
        columns += [
            Alias(Count((entities,)), f"{prefix}entityCount"),
            Alias(Count((figures,)), f"{prefix}figureCount"),
            Alias(Count((relationships,)), f"{prefix}relationshipCount"),
        ]
    return columns


def _cited_names(name: Var, t: Target) -> Union:
    """Every document name: catalogued, or cited by an entity, figure or relationship."""
    d, n, r = Var("d"), Var("n"), Var("r")
    return Union(
        (
            (Match(Pattern(Node(d, Label.DOCUMENT))), Return((Alias(Prop(d, "id"), name),))),
            (
                _sourced(n, t),
                Unwind(Prop(n, "sourceDocuments"), name),
                Return((name,)),
            ),
            (
                _between_entities(r),
                Unwind(Prop(r, "sourceDocuments"), name),
                Return((name,)),
            ),
        )
    )


def documents(
    names: list[str],
    supports: Facts,
    orphans: Facts,
    *,
    dated: bool = False,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
) -> Statement:
    """These documents, by name: a row each with its catalogue entry (``title``,
    ``publisher``, null when it has none), ``cited`` (whether any fact quotes it), with
    ``dated`` the latest dates its quotes give (``nodeDates``, ``betweenDates``, as
    ``document_list`` gives them), and the facts asked of ``supports`` (``supports.*``
    columns) and of ``orphans`` (``orphans.*``: the facts no other document supports)."""
    t = Target(caps, catalog)
    name, d, n, r = Var("name"), Var("d"), Var("n"), Var("r")
    found: Query = (Unwind(Param(names), name), With((name,), distinct=True, order_by=(name,)))
    sourced = _sourced(n, t, _cites(n, name, False))
    linked = _between_entities(r, _cites(r, name, False))
    columns: list[Alias] = [
        Alias(name, "id"),
        Alias(Prop(d, "title"), "title"),
        Alias(Prop(d, "publisher"), "publisher"),
        Alias(Or((Exists((sourced,)), Exists((linked,)))), "cited"),
    ]
    if dated:
        # As a page of the listing gives them (``document_list``), for a page of one.
        one = ListOf((name,))
        columns.append(Alias(Collect((sourced, *_latest_dates(n, one))), "nodeDates"))
        columns.append(Alias(Collect((linked, *_latest_dates(r, one))), "betweenDates"))
    columns += _fact_columns("supports.", name, supports, False, t)
    columns += _fact_columns("orphans.", name, orphans, True, t)
    return render(
        (
            *found,
            Match(Pattern(Node(d, Label.DOCUMENT, (("id", name),))), optional=True),
            Return(tuple(columns)),
        )
    )


def _latest_dates(v: Var, page: Expr) -> tuple[Clause, ...]:
    """Per document of ``page``, the latest date ``v``'s quotes of it give (``v`` matched
    by the caller's first clause): rows ``{document, date}``."""
    i, doc, at, latest = Var("i"), Var("doc"), Var("at"), Var("latest")
    return (
        Unwind(_indexes(Prop(v, "sourceDocuments")), i),
        With(
            (
                Alias(Index(Prop(v, "sourceDocuments"), i), doc),
                Alias(Index(Prop(v, "sourceAsOf"), i), at),
            ),
            where=And((Binary("IN", doc, page), Not(Binary("=", at, Const(""))))),
        ),
        With((doc, Alias(Call("max", (at,)), latest))),
        Return((Alias(Map((("document", doc), ("date", latest))), Var("row")),)),
    )


def document_list(
    after: str | None,
    first: int,
    *,
    counts: bool = False,
    orphans: bool = False,
    dated: bool = False,
    catalog: Catalog = CATALOG,
) -> Statement:
    """A page of document names (catalogued or cited), after ``after``, by name: one row
    with the ``page``, the ``catalogue`` entries among it, and, as asked, rows of how many
    facts cite each (``nodeCounts``, ``betweenCounts``: ``{document, figure, sole,
    facts}``, ``sole`` for facts no other document supports) and the latest dates their
    quotes give (``nodeDates``, ``betweenDates``). One pass over the facts per column,
    however many documents the page holds."""
    t = Target(catalog=catalog)
    name, page, n, r, d = Var("name"), Var("page"), Var("n"), Var("r"), Var("d")
    later = None if after is None else Binary(">", name, Param(after))
    x = Var("x")
    on_page = Quantified("any", x, Prop(n, "sourceDocuments"), Binary("IN", x, page))
    facts = _sourced(n, t, on_page)
    between_page = Quantified("any", x, Prop(r, "sourceDocuments"), Binary("IN", x, page))
    between = _between_entities(r, between_page)

    def counted(v: Var, matched: Match, figure: Expr) -> Collect:
        cited, doc, sole, found = Var("cited"), Var("doc"), Var("sole"), Var("facts")
        is_figure = Var("figure")
        row = Map((("document", doc), ("figure", is_figure), ("sole", sole), ("facts", found)))
        one = Binary("=", Call("size", (cited,)), Const(1))
        return Collect(
            (
                matched,
                # The page carried through (ArcadeDB loses outer variables past a WITH).
                With((v, page, Alias(_distinct_documents(v), cited))),
                Unwind(cited, doc),
                With(
                    (Alias(figure, is_figure), doc, Alias(one, sole)),
                    where=Binary("IN", doc, page),
                ),
                With((is_figure, doc, sole, Alias(Call("count", (doc,)), found))),
                Return((Alias(row, Var("row")),)),
            )
        )

    columns: list[Alias] = [
        Alias(page, "page"),
        Alias(
            Collect(
                (
                    Match(Pattern(Node(d, Label.DOCUMENT)), Binary("IN", Prop(d, "id"), page)),
                    Return(
                        (
                            Alias(
                                Map(
                                    (
                                        ("id", Prop(d, "id")),
                                        ("title", Prop(d, "title")),
                                        ("publisher", Prop(d, "publisher")),
                                    )
                                ),
                                Var("row"),
                            ),
                        )
                    ),
                )
            ),
            "catalogue",
        ),
    ]
    if counts or orphans:
        columns.append(Alias(counted(n, facts, HasLabel(n, Label.FIGURE)), "nodeCounts"))
        columns.append(Alias(counted(r, between, Const(False)), "betweenCounts"))
    if dated:
        columns.append(Alias(Collect((facts, *_latest_dates(n, page))), "nodeDates"))
        columns.append(Alias(Collect((between, *_latest_dates(r, page))), "betweenDates"))
    return render(
        (
            CallSubquery((), _cited_names(name, t)),
            With((name,), where=later),
            With((name,), order_by=(name,), limit=Param(first)),
            With((Alias(Call("collect", (name,)), page),)),
            Return(tuple(columns)),
        )
    )


def quote_words(text: str) -> str | None:
    """The full-text query whose hits include every quote holding ``text`` (lower-case):
    each run of letters and digits of it inside some word (the index's analyzer splits
    quotes into lower-case words; a run lies inside one of them). None: the text has no
    such run, or one of a script the analyzer splits into a word per character (Han,
    kana), and the index cannot narrow the search."""
    runs = re.findall(r"[^\W_]+", text)
    if not runs or not all(_LATIN.fullmatch(run) for run in runs):
        return None
    return " AND ".join(f"*{run}*" for run in runs)


# Runs of Latin letters and digits: the analyzer keeps each inside one word.
_LATIN = re.compile(r"[0-9a-z\u00df-\u024f]+")


def evidence_search(
    text: str,
    first: int,
    entities: NodePlan,
    figures: NodePlan,
    *,
    caps: Capabilities = BASELINE,
    catalog: Catalog = CATALOG,
) -> Statement:
    """The verbatim quotes that contain ``text`` (lower-case; compared with each quote
    lower-cased), at most ``first``, by document and quote: a row each with the
    ``document`` (its name), ``title`` (from its catalogue entry, or null), the ``quote``,
    and the ``entities``, ``figures`` and ``relationships`` it supports (at most
    ``FACT_CAP`` of each, by id) with how many of each there are."""
    t = Target(caps, catalog)
    n, r, i = Var("n"), Var("r"), Var("i")
    document, quote = Var("document"), Var("quote")
    wanted = Param(text)

    def holds(v: Var) -> Expr:
        q = Var("q")
        return Quantified(
            "any", q, Prop(v, "sourceQuotes"), Binary("CONTAINS", Call("toLower", (q,)), wanted)
        )

    def quotes(v: Var) -> tuple[Clause, ...]:
        """Each of ``v``'s quotes that holds the text, with its document."""
        return (
            Unwind(_indexes(Prop(v, "sourceQuotes")), i),
            With(
                (
                    v,
                    Alias(Index(Prop(v, "sourceDocuments"), i), document),
                    Alias(Index(Prop(v, "sourceQuotes"), i), quote),
                ),
                where=Binary("CONTAINS", Call("toLower", (quote,)), wanted),
            ),
        )

    nothing = Const(None)
    # With the engine's full-text indexes, their candidates (every quote holding the text
    # among them); else every fact's quotes are read.
    words = quote_words(text) if t.caps.fulltext else None
    if words is None:
        nodes: Clause = _sourced(n, t, holds(n))
        between: Clause = _between_entities(r, holds(r))
    else:
        node_index, between_index = QUOTE_INDEXES
        nodes = CallProcedure(
            "db.index.fulltext.queryNodes",
            (Const(node_index), Param(words)),
            (("node", n),),
            holds(n),
        )
        between = CallProcedure(
            "db.index.fulltext.queryRelationships",
            (Const(between_index), Param(words)),
            (("relationship", r),),
            holds(r),
        )
    # Facts as references until a quote's page is chosen: a quote that thousands of facts
    # share (a generated graph's) is projected 100 at a time, not whole.
    fact, link = Var("fact"), Var("link")
    on_nodes: Query = (
        nodes,
        *quotes(n),
        Return((document, quote, Alias(n, fact), Alias(nothing, link))),
    )
    on_relationships: Query = (
        between,
        *quotes(r),
        Return((document, quote, Alias(nothing, fact), Alias(r, link))),
    )
    d, x = Var("d"), Var("x")
    facts, links = Var("facts"), Var("links")
    cap = Const(FACT_CAP)

    def first_of(source: Var, kept: Expr | None, order: tuple[Order, ...], shown: Expr) -> Expr:
        kept_only: tuple[Clause, ...] = () if kept is None else (With((x,), where=kept),)
        return Collect(
            (
                Unwind(source, x),
                *kept_only,
                With((x,), order_by=order, limit=cap),
                Return((Alias(shown, Var("shown")),)),
            )
        )

    def count_of(source: Var, kept: Expr) -> Expr:
        return Call("size", (Comprehension(x, source, where=kept),))

    by_id: tuple[Order, ...] = (Prop(x, "id"),)
    figure = _shape(x, Label.FIGURE, figures.shapes[Label.FIGURE], t)
    entity = _node(x, entities, t)
    is_figure = HasLabel(x, Label.FIGURE)
    return render(
        (
            # Each (fact, quote) row once already: a fact holds a document's quote once.
            CallSubquery((), Union((on_nodes, on_relationships), keep_all=True)),
            With(
                (
                    document,
                    quote,
                    Alias(Call("collect", (fact,)), facts),
                    Alias(Call("collect", (link,)), links),
                )
            ),
            With((document, quote, facts, links), order_by=(document, quote), limit=Param(first)),
            Match(Pattern(Node(d, Label.DOCUMENT, (("id", document),))), optional=True),
            Return(
                (
                    Alias(document, "document"),
                    Alias(Prop(d, "title"), "title"),
                    Alias(quote, "quote"),
                    Alias(first_of(facts, Not(is_figure), by_id, entity), "entities"),
                    Alias(first_of(facts, is_figure, by_id, figure), "figures"),
                    Alias(first_of(links, None, _step_order(x), _step(x)), "relationships"),
                    Alias(count_of(facts, Not(is_figure)), "entityCount"),
                    Alias(count_of(facts, is_figure), "figureCount"),
                    Alias(Call("size", (links,)), "relationshipCount"),
                )
            ),
        )
    )
