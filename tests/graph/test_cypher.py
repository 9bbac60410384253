"""The Cypher printer (graph/cypher.py): small trees in, the whole text and parameters out."""

from __future__ import annotations

from typing import Any

import pytest

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
    Collect,
    Comprehension,
    Const,
    Count,
    Desc,
    Exists,
    Expr,
    HasLabel,
    Index,
    IsNull,
    ListOf,
    Map,
    Match,
    Node,
    Not,
    Or,
    Param,
    Pattern,
    Prop,
    Quantified,
    Query,
    Reduce,
    Rel,
    Return,
    Slice,
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
from graph.model import PLACE_TO_PARTNER, Direction, Label, RelType, back, out


def returned(e: Expr) -> tuple[str, dict[str, Any]]:
    """``e`` printed as the one item of a RETURN (the text after ``RETURN ``)."""
    text, params = render((Return((e,)),))
    assert text.startswith("RETURN ")
    return text.removeprefix("RETURN "), params


def test_a_variable_is_named_once_and_keeps_its_name() -> None:
    n, m = Var("n"), Var("n")
    assert returned(ListOf((n, m, n))) == ("[n1, n2, n1]", {})


def test_a_parameter_object_is_one_parameter_wherever_it_appears() -> None:
    value, other = Param("x"), Param("x")
    assert returned(ListOf((value, other, value))) == ("[$p0, $p1, $p0]", {"p0": "x", "p1": "x"})


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "null"), (True, "true"), (False, "false"), (-1, "-1"), (0.5, "0.5"), ("", "''")],
)
def test_constants(value: Any, text: str) -> None:
    assert returned(Const(value)) == (text, {})


def test_a_string_constant_is_escaped() -> None:
    assert returned(Const("it's \\")) == (r"'it\'s \\'", {})


def test_properties_indexes_slices_and_calls() -> None:
    n, i = Var("n"), Var("i")
    e = ListOf(
        (
            Index(Prop(n, "sourceDocuments"), i),
            Slice(n, Param(3)),
            Prop(Call("startNode", (n,)), "id"),
            Call("collect", (n,), distinct=True),
            Call("coalesce", (Prop(n, "aliases"), ListOf(()))),
        )
    )
    assert returned(e) == (
        "[n1.sourceDocuments[i2], n1[..$p0], startNode(n1).id, collect(DISTINCT n1), "
        "coalesce(n1.aliases, [])]",
        {"p0": 3},
    )


def test_operators_are_parenthesized_only_where_precedence_asks() -> None:
    a, b, c = Var("a"), Var("b"), Var("c")
    assert returned(Binary("-", a, Binary("-", b, c)))[0] == "a1 - (b2 - c3)"
    assert returned(Binary("-", Binary("-", a, b), c))[0] == "a1 - b2 - c3"
    assert returned(Binary(">", Binary("+", a, b), c))[0] == "a1 + b2 > c3"
    assert returned(IsNull(Binary("+", a, b)))[0] == "a1 + b2 IS NULL"


def test_connectives_parenthesize_connectives() -> None:
    k, v = Var("k"), Param(3)
    keyset = Or((Binary(">", k, v), And((Binary("=", k, v), Binary(">", Prop(k, "id"), Param(1))))))
    assert returned(keyset) == ("k1 > $p0 OR (k1 = $p0 AND k1.id > $p1)", {"p0": 3, "p1": 1})
    assert returned(Not(Binary("=", k, v)))[0] == "NOT (k1 = $p0)"
    assert returned(Not(HasLabel(k, Label.FIGURE)))[0] == "NOT k1:Figure"
    assert returned(And((Or((k, k)), Not(k))))[0] == "(k1 OR k1) AND NOT k1"


def test_conjunction_and_disjunction_drop_what_asks_nothing() -> None:
    a, b = Var("a"), Var("b")
    assert conjunction([]) is None and disjunction([]) is None
    assert conjunction([None, a]) is a and disjunction([a]) is a
    assert conjunction([a, None, b]) == And((a, b))
    assert disjunction([a, b]) == Or((a, b))


def test_case_with_conditions_and_with_a_subject() -> None:
    n = Var("n")
    general = Case(((HasLabel(n, Label.MISSION), Const(0)),), otherwise=Const(1))
    simple = Case(((Const(""), Const(None)),), otherwise=Prop(n, "asOf"), subject=Prop(n, "asOf"))
    assert returned(ListOf((general, simple)))[0] == (
        "[CASE WHEN n1:Mission THEN 0 ELSE 1 END, CASE n1.asOf WHEN '' THEN null ELSE n1.asOf END]"
    )


def test_maps_and_map_projections() -> None:
    n, m = Var("n"), Var("m")
    inner = Map((("id", Prop(m, "id")),))
    projection = Map((("__typename", Const("Mission")), "id", ("parent", inner)), of=n)
    assert returned(projection)[0] == "n1 {__typename: 'Mission', .id, parent: {id: m2.id}}"


def test_names_that_are_not_plain_are_quoted() -> None:
    n = Var("n")
    keys = Map((("@officers", n), ("officers__total", n), ("end", n), ("a`b", n)))
    assert returned(keys)[0] == "{`@officers`: n1, officers__total: n1, `end`: n1, `a``b`: n1}"
    assert render((Return((Alias(n, "order"),)),))[0] == "RETURN n1 AS `order`"


def test_list_comprehension_quantifier_and_reduce() -> None:
    x, xs, acc = Var("x"), Var("xs"), Var("acc")
    e = ListOf(
        (
            Comprehension(x, xs, Prop(x, "id"), where=IsNull(x)),
            Comprehension(x, xs),
            Quantified("none", x, xs, HasLabel(x, Label.FIGURE)),
            Reduce(acc, ListOf(()), x, xs, Binary("+", acc, ListOf((x,)))),
        )
    )
    assert returned(e)[0] == (
        "[[x1 IN xs2 WHERE x1 IS NULL | x1.id], [x1 IN xs2], none(x1 IN xs2 WHERE x1:Figure), "
        "reduce(acc3 = [], x1 IN xs2 | acc3 + [x1])]"
    )


def test_subquery_expressions() -> None:
    n, b = Var("n"), Var("b")
    found: Query = (Match(Pattern(Node(n), ((Rel(types=(RelType.PART_OF,)), Node(b)),))),)
    listed = Collect((*found, Return((Alias(Prop(b, "id"), Var("x")),))))
    assert returned(ListOf((Exists(found), Count(found), listed)))[0] == (
        "[EXISTS { MATCH (n1)-[:PART_OF]-(b2) }, COUNT { MATCH (n1)-[:PART_OF]-(b2) }, "
        "COLLECT { MATCH (n1)-[:PART_OF]-(b2) RETURN b2.id AS x3 }]"
    )


def test_subject_stands_for_the_nearest_about() -> None:
    n, t = Var("n"), Var("t")
    # A condition on related nodes inside a condition on the listed node.
    inner = Binary("=", Prop(SUBJECT, "kind"), Param("CITY"))
    related = Exists(
        (
            Match(
                Pattern(Node(SUBJECT), ((Rel(direction=Direction.OUT), Node(t)),)), About(t, inner)
            ),
        )
    )
    e = About(n, And((Binary("=", Prop(SUBJECT, "name"), Param("x")), related)))
    assert returned(e) == (
        "n1.name = $p0 AND EXISTS { MATCH (n1)-[]->(t2) WHERE t2.kind = $p1 }",
        {"p0": "x", "p1": "CITY"},
    )


def test_subject_outside_about_is_refused() -> None:
    with pytest.raises(ValueError, match="SUBJECT outside of About"):
        returned(Prop(SUBJECT, "name"))


def test_patterns() -> None:
    a, z, r, p = Var("a"), Var("z"), Var("r"), Var("p")
    seek = Node(label=Label.LOCATION, props=(("id", Param("x")),))
    typed = Rel(r, (RelType.WORKS_WITH, RelType.MEMBER_OF), Direction.IN, (0, 5))
    shortest = Pattern(Node(a), ((Rel(hops=(None, 4)), Node(z)),), path=p, shortest=True)
    text, params = render(
        (
            Match(Pattern(seek, ((typed, Node(a, Label.BRANCH)),))),
            Match(shortest),
            Match(Pattern(Node(a), ((Rel(direction=Direction.OUT), Node()),)), optional=True),
        )
    )
    assert text == (
        "MATCH (:Location {id: $p0})<-[r1:WORKS_WITH|MEMBER_OF*0..5]-(a2:Branch) "
        "MATCH p3 = shortestPath((a2)-[*..4]-(z4)) "
        "OPTIONAL MATCH (a2)-[]->()"
    )
    assert params == {"p0": "x"}


def test_a_route_of_the_model_is_a_pattern() -> None:
    start, end, last = Var("s"), Var("e"), Var("r")
    route = (back(RelType.LOCATED_IN, to=Label.MISSION), out(RelType.WITH_PARTNER, to=None))
    pattern = route_pattern(Node(start), route, Node(end), last)
    assert (
        render((Match(pattern),))[0]
        == "MATCH (s1)<-[:LOCATED_IN]-(:Mission)-[r2:WITH_PARTNER]->(e3)"
    )
    by_name = route_pattern(Node(start), PLACE_TO_PARTNER[1], Node(end))
    assert render_pattern(by_name, {start: "this", end: "target"}) == (
        "(this)<-[:LOCATED_IN]-(:Mission)-[:WITH_PARTNER]->(target:PartnerAgency)"
    )


def test_projection_clauses() -> None:
    n, k, x = Var("n"), Var("k"), Var("x")
    text, params = render(
        (
            Match(Pattern(Node(n, Label.MISSION)), Binary("IN", Prop(n, "id"), Param(["a"]))),
            With((n, Alias(Prop(n, "name"), k)), distinct=True, where=Binary(">", k, Param("m"))),
            With((n, k), order_by=(Desc(k), Prop(n, "id")), limit=Param(6)),
            Unwind(ListOf((n,)), x),
            Return((Alias(x, "node"), k), distinct=True),
        )
    )
    assert text == (
        "MATCH (n1:Mission) WHERE n1.id IN $p0 "
        "WITH DISTINCT n1, n1.name AS k2 WHERE k2 > $p1 "
        "WITH n1, k2 ORDER BY k2 DESC, n1.id LIMIT $p2 "
        "UNWIND [n1] AS x3 "
        "RETURN DISTINCT x3 AS node, k2"
    )
    assert params == {"p0": ["a"], "p1": "m", "p2": 6}


def test_call_subqueries_unions_and_procedures() -> None:
    m, b, n, score = Var("m"), Var("b"), Var("n"), Var("score")
    union = Union(
        tuple(
            (
                Match(Pattern(Node(m), ((Rel(types=(t,), direction=Direction.IN), Node(b)),))),
                Return((b,)),
            )
            for t in (RelType.BASED_IN, RelType.POSTED_TO)
        )
    )
    text, params = render(
        (
            CallSubquery((), (Match(Pattern(Node(m, Label.LOCATION))), Return((m,)))),
            CallSubquery((m,), union),
            CallProcedure(
                "db.index.fulltext.queryNodes",
                (Const("entity_search"), Param("q")),
                (("node", n), ("score", score)),
                HasLabel(n, Label.MISSION),
            ),
            Return((b, n)),
        )
    )
    assert text == (
        "CALL () { MATCH (m1:Location) RETURN m1 } "
        "CALL (m1) { MATCH (m1)<-[:BASED_IN]-(b2) RETURN b2 UNION "
        "MATCH (m1)<-[:POSTED_TO]-(b2) RETURN b2 } "
        "CALL db.index.fulltext.queryNodes('entity_search', $p0) YIELD node AS n3, "
        "score AS score4 WHERE n3:Mission "
        "RETURN b2, n3"
    )
    assert params == {"p0": "q"}


def test_labels_and_types_are_quoted_like_any_name() -> None:
    n = Var("n")
    assert render((Match(Pattern(Node(n, "Odd Label"))),))[0] == "MATCH (n1:`Odd Label`)"
