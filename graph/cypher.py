"""A small Cypher syntax tree and the one printer that turns it into text and parameters.

Statements are built as trees of the frozen dataclasses below (``graph.compile`` builds
them) and printed by ``render``, which names variables (``n1``, ``b2``…) and parameters
(``$p0``, ``$p1``…) as it prints: nothing upstream formats Cypher text. A client's value
only ever enters a tree as a ``Param``. Labels and relationship types come from the model
(``graph.model``); property keys, function names, variable hints and ``Const`` values from
the code. The printer still quotes every label, type, key and column name it writes, so
none can read as syntax (a map key may be a client's alias).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, LiteralString, TypeAlias, assert_never

from graph.model import Direction, RelType, Route

Statement = tuple[LiteralString, dict[str, Any]]

# -- expressions ---------------------------------------------------------------------------


# eq=False: two variables are never the same variable, whatever their hints; the printer
# names each object once (hint + number) and prints that name wherever it appears.
@dataclass(frozen=True, eq=False)
class Var:
    hint: str = "v"


# eq=False: one object is one parameter, however often it appears (a keyset value in two
# comparisons, a filter in a page's items and in its total).
@dataclass(frozen=True, eq=False)
class Param:
    value: Any


@dataclass(frozen=True)
class Subject:
    """The node a condition is about, printed as the variable of the nearest enclosing
    ``About``: conditions are built before the statement that will name that variable."""


SUBJECT = Subject()


@dataclass(frozen=True)
class About:
    """``body`` with ``SUBJECT`` standing for ``subject``."""

    subject: Var
    body: Expr


@dataclass(frozen=True)
class Const:
    """A constant of the code (a client's value is a ``Param``)."""

    value: bool | int | float | str | None


@dataclass(frozen=True)
class Prop:
    subject: Expr
    key: str


@dataclass(frozen=True)
class Index:
    subject: Expr
    index: Expr


@dataclass(frozen=True)
class Slice:
    """``subject[..end]``."""

    subject: Expr
    end: Expr


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Expr, ...] = ()
    distinct: bool = False


Operator = Literal["=", "<", ">", "<=", ">=", "IN", "CONTAINS", "STARTS WITH", "+", "-", "/"]


@dataclass(frozen=True)
class Binary:
    op: Operator
    left: Expr
    right: Expr


@dataclass(frozen=True)
class And:
    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class IsNull:
    operand: Expr


@dataclass(frozen=True)
class HasLabel:
    subject: Expr
    label: str


@dataclass(frozen=True)
class Case:
    """``CASE WHEN condition THEN value … END``, or with ``subject`` ``CASE subject WHEN
    value THEN value … END``."""

    whens: tuple[tuple[Expr, Expr], ...]
    otherwise: Expr | None = None
    subject: Expr | None = None


@dataclass(frozen=True)
class ListOf:
    items: tuple[Expr, ...]


# A bare key is the projected node's own property (``.key``).
Entry: TypeAlias = "str | tuple[str, Expr]"


@dataclass(frozen=True)
class Map:
    """``{key: value, …}``, or with ``of`` the map projection ``n {.key, key: value, …}``."""

    entries: tuple[Entry, ...]
    of: Expr | None = None


@dataclass(frozen=True)
class Comprehension:
    """``[var IN source WHERE where | project]``."""

    var: Var
    source: Expr
    project: Expr | None = None
    where: Expr | None = None


@dataclass(frozen=True)
class Quantified:
    """``all(var IN source WHERE where)``, and ``any``, ``none``, ``single``."""

    quantifier: Literal["all", "any", "none", "single"]
    var: Var
    source: Expr
    where: Expr


@dataclass(frozen=True)
class Reduce:
    """``reduce(acc = init, var IN source | step)``."""

    acc: Var
    init: Expr
    var: Var
    source: Expr
    step: Expr


@dataclass(frozen=True)
class Exists:
    body: Query


@dataclass(frozen=True)
class Count:
    body: Query


@dataclass(frozen=True)
class Collect:
    body: Query


Expr: TypeAlias = (
    "Var | Param | Subject | About | Const | Prop | Index | Slice | Call | Binary | And | Or"
    " | Not | IsNull | HasLabel | Case | ListOf | Map | Comprehension | Quantified | Reduce"
    " | Exists | Count | Collect"
)


def conjunction(parts: Iterable[Expr | None]) -> Expr | None:
    """Every part (``None`` parts ask nothing): ``None`` if none is left."""
    kept = tuple(part for part in parts if part is not None)
    return None if not kept else kept[0] if len(kept) == 1 else And(kept)


def disjunction(parts: Iterable[Expr]) -> Expr | None:
    """Any of the parts: ``None`` if there are none."""
    kept = tuple(parts)
    return None if not kept else kept[0] if len(kept) == 1 else Or(kept)


# -- patterns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    var: Var | Subject | None = None
    label: str | None = None
    props: tuple[tuple[str, Expr], ...] = ()


@dataclass(frozen=True)
class Rel:
    var: Var | None = None
    types: tuple[RelType, ...] = ()
    direction: Direction | None = None  # None: either way
    hops: tuple[int | None, int] | None = None  # *min..max; None: exactly one


@dataclass(frozen=True)
class Pattern:
    start: Node
    steps: tuple[tuple[Rel, Node], ...] = ()
    path: Var | None = None  # ``path = (…)``
    shortest: bool = False


def route_pattern(
    start: Node, route: Route, end: Node, last: Var | None = None, *, path: Var | None = None
) -> Pattern:
    """The pattern of a model route (``graph.model.Step``s) from ``start`` to ``end``: every
    node after the start carries its step's label (``end`` too), inner nodes nothing else;
    ``last`` names the last relationship."""
    steps = []
    for index, step in enumerate(route):
        final = index == len(route) - 1
        hops = None if step.hops == (1, 1) else step.hops
        rel = Rel(last if final else None, step.types, step.direction, hops)
        node = replace(end, label=step.to) if final else Node(label=step.to)
        steps.append((rel, node))
    return Pattern(start, tuple(steps), path)


# -- clauses -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alias:
    """``expr AS name``; a ``str`` name is a column of the result, named by the code."""

    expr: Expr
    name: Var | str


@dataclass(frozen=True)
class Desc:
    expr: Expr


Item: TypeAlias = "Expr | Alias"
Order: TypeAlias = "Expr | Desc"


@dataclass(frozen=True)
class Match:
    pattern: Pattern
    where: Expr | None = None
    optional: bool = False


@dataclass(frozen=True)
class With:
    """``WITH items ORDER BY … LIMIT … WHERE …``, in the order Cypher reads them: the
    ``WHERE`` filters what the rest projects."""

    items: tuple[Item, ...]
    distinct: bool = False
    order_by: tuple[Order, ...] = ()
    limit: Expr | None = None
    where: Expr | None = None


@dataclass(frozen=True)
class Return:
    items: tuple[Item, ...]
    distinct: bool = False


@dataclass(frozen=True)
class Unwind:
    source: Expr
    var: Var


@dataclass(frozen=True)
class CallSubquery:
    """``CALL (imports) { body }``."""

    imports: tuple[Var | Subject, ...]
    body: Query | Union


@dataclass(frozen=True)
class CallProcedure:
    """``CALL name(args) YIELD column AS var, … WHERE …``."""

    name: str
    args: tuple[Expr, ...]
    yields: tuple[tuple[str, Var], ...]
    where: Expr | None = None


@dataclass(frozen=True)
class Union:
    parts: tuple[Query, ...]
    # ``UNION ALL``: every row of every part (no distinct pass over them).
    keep_all: bool = False


Clause: TypeAlias = "Match | With | Return | Unwind | CallSubquery | CallProcedure"
Query: TypeAlias = "tuple[Clause, ...]"


# -- the printer ---------------------------------------------------------------------------


def render(query: Query | Union) -> Statement:
    """The statement's text and its parameters."""
    printer = _Printer()
    text = printer.body(query)
    # Built from code constants and quoted model names; values are parameters. (mypy
    # treats LiteralString as str; a checker enforcing PEP 675 would need a cast.)
    return text, printer.params


def render_pattern(pattern: Pattern, names: Mapping[Var, str]) -> str:
    """A pattern alone, its variables named by the caller: for a statement another
    program completes and runs (the benchmark peer's, whose library names ``this``)."""
    return _Printer({var: _symbol(name) for var, name in names.items()}).pattern(pattern)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# openCypher's reserved words: a name spelled like one is quoted wherever it is written.
_RESERVED = frozenset(
    "ALL ASC ASCENDING BY CREATE DELETE DESC DESCENDING DETACH EXISTS LIMIT MATCH MERGE ON "  # noqa: SIM905
    "OPTIONAL ORDER REMOVE RETURN SET SKIP WHERE WITH UNION UNWIND AND AS CONTAINS DISTINCT "
    "ENDS IN IS NOT OR STARTS XOR CASE ELSE END THEN WHEN NULL TRUE FALSE CONSTRAINT DO FOR "
    "REQUIRE UNIQUE MANDATORY SCALAR OF ADD DROP CALL YIELD COUNT COLLECT".split()
)


def _symbol(name: str) -> str:
    if _NAME.fullmatch(name) and name.upper() not in _RESERVED:
        return name
    return "`" + name.replace("`", "``") + "`"


def _const(value: bool | int | float | str | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _precedence(e: Expr) -> int:
    """How tightly an expression binds (Cypher's order): looser ones are parenthesized."""
    match e:
        case Or():
            return 1
        case And():
            return 2
        case Not():
            return 3
        case Binary(op="/"):
            return 6
        case Binary(op="+" | "-"):
            return 5
        case Binary() | IsNull():
            return 4
        case About(body=body):
            return _precedence(body)
        case _:
            return 9


class _Printer:
    def __init__(self, names: Mapping[Var, str] | None = None) -> None:
        self.params: dict[str, Any] = {}
        self._param_names: dict[Param, str] = {}
        self._names: dict[Var, str] = dict(names or {})
        self._subjects: list[Var] = []

    def name(self, var: Var) -> str:
        if var not in self._names:
            self._names[var] = f"{var.hint}{len(self._names) + 1}"
        return self._names[var]

    def param(self, param: Param) -> str:
        if param not in self._param_names:
            name = f"p{len(self._param_names)}"
            self._param_names[param] = name
            self.params[name] = param.value
        return "$" + self._param_names[param]

    def subject(self, var: Var | Subject) -> str:
        if isinstance(var, Var):
            return self.name(var)
        if not self._subjects:
            raise ValueError("SUBJECT outside of About: no node to stand for")
        return self.name(self._subjects[-1])

    def wrap(self, e: Expr, at_least: int) -> str:
        """``e``, parenthesized when it binds less tightly than ``at_least``."""
        text = self.expr(e)
        return f"({text})" if _precedence(e) < at_least else text

    def expr(self, e: Expr) -> str:
        match e:
            case Var():
                return self.name(e)
            case Param():
                return self.param(e)
            case Subject():
                return self.subject(e)
            case About(subject, body):
                self._subjects.append(subject)
                try:
                    return self.expr(body)
                finally:
                    self._subjects.pop()
            case Const(value):
                return _const(value)
            case Prop(subject, key):
                return f"{self.wrap(subject, 9)}.{_symbol(key)}"
            case Index(subject, index):
                return f"{self.wrap(subject, 9)}[{self.expr(index)}]"
            case Slice(subject, end):
                return f"{self.wrap(subject, 9)}[..{self.expr(end)}]"
            case Call(function, args, distinct):
                listed = ", ".join(self.expr(arg) for arg in args)
                return f"{function}({'DISTINCT ' if distinct else ''}{listed})"
            case Binary(op, left, right):
                # Left-associative: a right operand as loose as the operator is parenthesized.
                level = _precedence(e)
                return f"{self.wrap(left, level)} {op} {self.wrap(right, level + 1)}"
            # An AND inside an OR (or the reverse) is parenthesized for the reader.
            case And(parts):
                return " AND ".join(self.wrap(part, 3) for part in parts)
            case Or(parts):
                return " OR ".join(self.wrap(part, 3) for part in parts)
            case Not(operand):
                return f"NOT {self.wrap(operand, 9)}"
            case IsNull(operand):
                return f"{self.wrap(operand, 5)} IS NULL"
            case HasLabel(subject, label):
                return f"{self.wrap(subject, 9)}:{_symbol(label)}"
            case Case(whens, otherwise, subject):
                text = "CASE" if subject is None else f"CASE {self.expr(subject)}"
                for when, then in whens:
                    text += f" WHEN {self.expr(when)} THEN {self.expr(then)}"
                if otherwise is not None:
                    text += f" ELSE {self.expr(otherwise)}"
                return text + " END"
            case ListOf(items):
                return "[" + ", ".join(self.expr(item) for item in items) + "]"
            case Map(entries, of):
                projected = "" if of is None else self.wrap(of, 9) + " "
                return projected + "{" + ", ".join(self.entry(entry) for entry in entries) + "}"
            case Comprehension(var, source, project, where):
                text = f"[{self.name(var)} IN {self.expr(source)}"
                if where is not None:
                    text += f" WHERE {self.expr(where)}"
                if project is not None:
                    text += f" | {self.expr(project)}"
                return text + "]"
            case Quantified(quantifier, var, source, where):
                return (
                    f"{quantifier}({self.name(var)} IN {self.expr(source)} "
                    f"WHERE {self.expr(where)})"
                )
            case Reduce(acc, init, var, source, step):
                return (
                    f"reduce({self.name(acc)} = {self.expr(init)}, {self.name(var)} IN "
                    f"{self.expr(source)} | {self.expr(step)})"
                )
            case Exists(body):
                return f"EXISTS {{ {self.query(body)} }}"
            case Count(body):
                return f"COUNT {{ {self.query(body)} }}"
            case Collect(body):
                return f"COLLECT {{ {self.query(body)} }}"
            case _:
                assert_never(e)

    def entry(self, entry: Entry) -> str:
        if isinstance(entry, str):
            return "." + _symbol(entry)
        key, value = entry
        return f"{_symbol(key)}: {self.expr(value)}"

    def node(self, node: Node) -> str:
        text = "" if node.var is None else self.subject(node.var)
        if node.label is not None:
            text += ":" + _symbol(node.label)
        if node.props:
            props = ", ".join(f"{_symbol(key)}: {self.expr(value)}" for key, value in node.props)
            text += (" " if text else "") + f"{{{props}}}"
        return f"({text})"

    def rel(self, rel: Rel) -> str:
        text = "" if rel.var is None else self.name(rel.var)
        if rel.types:
            text += ":" + "|".join(_symbol(t) for t in rel.types)
        if rel.hops is not None:
            low, high = rel.hops
            text += f"*{'' if low is None else int(low)}..{int(high)}"
        if rel.direction is Direction.OUT:
            return f"-[{text}]->"
        if rel.direction is Direction.IN:
            return f"<-[{text}]-"
        return f"-[{text}]-"

    def pattern(self, pattern: Pattern) -> str:
        named = "" if pattern.path is None else f"{self.name(pattern.path)} = "
        text = self.node(pattern.start)
        for rel, node in pattern.steps:
            text += self.rel(rel) + self.node(node)
        return named + (f"shortestPath({text})" if pattern.shortest else text)

    def item(self, item: Item) -> str:
        if not isinstance(item, Alias):
            return self.expr(item)
        name = item.name if isinstance(item.name, str) else self.name(item.name)
        return f"{self.expr(item.expr)} AS {_symbol(name)}"

    def order(self, order: Order) -> str:
        return f"{self.expr(order.expr)} DESC" if isinstance(order, Desc) else self.expr(order)

    def where(self, where: Expr | None) -> str:
        return "" if where is None else f" WHERE {self.expr(where)}"

    def projection(self, items: tuple[Item, ...], distinct: bool) -> str:
        return ("DISTINCT " if distinct else "") + ", ".join(self.item(i) for i in items)

    def clause(self, clause: Clause) -> str:
        match clause:
            case Match(pattern, where, optional):
                optionally = "OPTIONAL " if optional else ""
                return f"{optionally}MATCH {self.pattern(pattern)}{self.where(where)}"
            case With(items, distinct, order_by, limit, where):
                text = "WITH " + self.projection(items, distinct)
                if order_by:
                    text += " ORDER BY " + ", ".join(self.order(o) for o in order_by)
                if limit is not None:
                    text += f" LIMIT {self.expr(limit)}"
                return text + self.where(where)
            case Return(items, distinct):
                return "RETURN " + self.projection(items, distinct)
            case Unwind(source, var):
                return f"UNWIND {self.expr(source)} AS {self.name(var)}"
            case CallSubquery(imports, body):
                names = ", ".join(self.subject(var) for var in imports)
                return f"CALL ({names}) {{ {self.body(body)} }}"
            case CallProcedure(name, args, yields, where):
                listed = ", ".join(self.expr(arg) for arg in args)
                columns = ", ".join(f"{_symbol(col)} AS {self.name(var)}" for col, var in yields)
                return f"CALL {name}({listed}) YIELD {columns}{self.where(where)}"
            case _:
                assert_never(clause)

    def query(self, query: Query) -> str:
        return " ".join(self.clause(clause) for clause in query)

    def body(self, body: Query | Union) -> str:
        if isinstance(body, Union):
            joint = " UNION ALL " if body.keep_all else " UNION "
            return joint.join(self.query(part) for part in body.parts)
        return self.query(body)
