"""The look-ahead (resolvers/selection.py): Strawberry's selected fields in, read plans out.

Selections are built by hand, as Strawberry hands them to resolvers (the first test checks
that against the real schema): directives already carry their variables' values, and
literal arguments come as text ("5").
"""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from graph.capabilities import BASELINE
from graph.catalog import Catalog
from graph.model import ENTITY_LABELS, Label
from graph.plan import NodePlan, Page, RelationPlan, Shape
from graph.settings import Settings
from resolvers import queries
from resolvers.context import Context
from resolvers.errors import BadInput
from resolvers.paging import encode_cursor
from resolvers.selection import (
    connection_node_shape,
    fields_of,
    merge,
    merged_field,
    node_plan,
    shape_of,
    wants_total,
)
from schema.schema import build_schema
from tests.support import run_async
from tests.tck.recording import RecordingDatabase

B, O, L, P, M, F = (  # noqa: E741 - as in graph.model
    Label.BRANCH,
    Label.OFFICER,
    Label.LOCATION,
    Label.PARTNER_AGENCY,
    Label.MISSION,
    Label.FIGURE,
)


def field(
    name: str,
    *selections: Selection,
    alias: str | None = None,
    arguments: dict[str, Any] | None = None,
    directives: dict[str, dict[str, Any]] | None = None,
) -> SelectedField:
    return SelectedField(name, directives or {}, arguments or {}, list(selections), alias)


def spread(
    type_condition: str, *selections: Selection, directives: dict[str, Any] | None = None
) -> FragmentSpread:
    return FragmentSpread("F", type_condition, directives or {}, list(selections))


def inline(
    type_condition: str | None, *selections: Selection, directives: dict[str, Any] | None = None
) -> InlineFragment:
    return InlineFragment(type_condition, list(selections), directives or {})


def officers(*selections: Selection, alias: str | None = None, **arguments: Any) -> SelectedField:
    return field("officers", *selections, alias=alias, arguments=arguments)


def names(fields: list[SelectedField]) -> list[str]:
    return [f.alias or f.name for f in fields]


def one(label: Label, shape: Shape | None = None) -> NodePlan:
    return NodePlan({label: shape or Shape()})


SKIP = {"skip": {"if": True}}
NO_SKIP = {"skip": {"if": False}}
INCLUDE = {"include": {"if": True}}
NO_INCLUDE = {"include": {"if": False}}


def test_strawberry_hands_selections_over_as_these_tests_build_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    captured: list[list[Selection]] = []

    def spy(selections: list[Selection], type_name: str, catalog: Catalog) -> NodePlan:
        captured.append(list(selections))
        return node_plan(selections, type_name, catalog)

    monkeypatch.setattr(queries, "node_plan", spy)
    operation = """query($yes: Boolean!) { location(id: "x") {
        name @include(if: $yes) few: officers(first: 5) { totalCount } ...F ... on Location { id }
    } } fragment F on Location { kind }"""
    context = Context(db=RecordingDatabase(BASELINE), settings=Settings(_env_file=None))
    result = run_async(
        build_schema().execute(operation, variable_values={"yes": True}, context_value=context)
    )
    assert result.errors is None
    assert captured == [
        [
            field("name", directives={"include": {"if": True}}),
            officers(field("totalCount"), alias="few", first="5"),
            spread("Location", field("kind")),
            inline("Location", field("id")),
        ]
    ]


# -- fields_of ---------------------------------------------------------------------------


def test_fields_of_keeps_fields_in_order_without_looking_inside_them() -> None:
    parent = field("parent", field("id"))
    found = fields_of([field("__typename"), field("name"), parent], "Location")
    assert found == [field("__typename"), field("name"), parent]


def test_fields_of_opens_fragments_on_the_type_nested_or_untyped() -> None:
    selections = [
        field("id"),
        spread("Mission", field("name"), spread("Mission", field("status"))),
        inline(None, field("acronym")),
        inline("Mission", field("armed")),
    ]
    assert names(fields_of(selections, "Mission")) == ["id", "name", "status", "acronym", "armed"]


def test_fields_of_leaves_out_fragments_on_other_types() -> None:
    selections = [spread("Location", field("kind")), inline("Branch", field("acronym"))]
    assert fields_of([*selections, field("id")], "Mission") == [field("id")]


def test_fields_of_on_a_union_member_takes_the_member_and_the_union() -> None:
    selections = [
        field("__typename"),
        inline("Location", field("kind")),
        inline("Mission", field("status")),
        spread("SearchResult", field("never-a-field-of-a-union")),
    ]
    assert names(fields_of(selections, "Location", "SearchResult")) == [
        "__typename",
        "kind",
        "never-a-field-of-a-union",
    ]
    # A field typed Location (a region partner's path node, a mission's locations) takes
    # a fragment on an entity union too: `partner { ...OnAnyEntity }` (the explorer's
    # Label fragment) once lost its fields, and `name` failed as INTERNAL.
    assert names(fields_of(selections, "Location")) == [
        "__typename",
        "kind",
        "never-a-field-of-a-union",
    ]
    on_any = spread("SearchResult", inline("PartnerAgency", field("id"), field("name")))
    assert names(fields_of([on_any], "PartnerAgency")) == ["id", "name"]
    assert names(fields_of([spread("_Entity", field("id"))], "Mission")) == ["id"]


@pytest.mark.parametrize(
    ("directives", "kept"),
    [
        (SKIP, False),
        (NO_SKIP, True),
        (INCLUDE, True),
        (NO_INCLUDE, False),
        ({**NO_SKIP, **INCLUDE}, True),
        ({**SKIP, **INCLUDE}, False),
        ({**NO_SKIP, **NO_INCLUDE}, False),
        ({"deprecated": {}}, True),
    ],
)
def test_skip_and_include_apply_to_fields_and_fragments(
    directives: dict[str, Any], kept: bool
) -> None:
    selections = [
        field("name", directives=directives),
        spread("Mission", field("status"), directives=directives),
        inline("Mission", field("armed"), directives=directives),
        inline(None, field("acronym"), directives=directives),
        field("id"),
    ]
    expected = ["name", "status", "armed", "acronym", "id"] if kept else ["id"]
    assert names(fields_of(selections, "Mission")) == expected


def test_a_skipped_field_inside_a_fragment_is_left_out() -> None:
    selections = [spread("Mission", field("name", directives=SKIP), field("status"))]
    assert names(fields_of(selections, "Mission")) == ["status"]


# -- node_plan and shape_of ----------------------------------------------------------------


def test_node_plan_of_an_object_type_projects_its_properties_and_relations() -> None:
    selections = [
        field("__typename"),
        field("id"),
        field("name"),
        spread("Location", field("kind")),
        field("parent", field("name"), field("grouping")),
        field("children", field("id")),
    ]
    assert node_plan(selections, "Location") == NodePlan(
        {
            L: Shape(
                props={"id", "name", "kind"},
                relations={
                    "parent": RelationPlan("parent", one(L, Shape({"name", "grouping"}))),
                    "children": RelationPlan("children", one(L, Shape({"id"}))),
                },
            )
        }
    )


def test_node_plan_of_the_figure_type() -> None:
    selections = [field("label"), field("value"), field("sources"), field("asOf")]
    assert node_plan(selections, "Figure") == one(F, Shape({"label", "value", "asOf"}, True))


@pytest.mark.parametrize("union", ["SearchResult", "_Entity"])
def test_node_plan_of_a_union_has_a_shape_for_every_entity_label(union: str) -> None:
    selections = [
        field("__typename"),
        inline("Location", field("kind"), field("parent", field("id"))),
        spread("Mission", field("status")),
        inline(union, field("name")),  # a fragment on the union itself reaches every member
    ]
    plan = node_plan(selections, union)
    assert list(plan.shapes) == list(ENTITY_LABELS)
    assert plan == NodePlan(
        {
            B: Shape({"name"}),
            O: Shape({"name"}),
            L: Shape(
                {"kind", "name"},
                relations={"parent": RelationPlan("parent", one(L, Shape({"id"})))},
            ),
            P: Shape({"name"}),
            M: Shape({"status", "name"}),
        }
    )


def test_node_plan_of_an_unknown_type_fails() -> None:
    with pytest.raises(KeyError):
        node_plan([field("id")], "Subgraph")


def test_shape_of_ignores_fields_that_resolvers_compute() -> None:
    # __typename comes with every projection; a field outside the catalog is not read.
    fields = [field("__typename"), field("id"), field("notInTheGraph", field("x"))]
    assert shape_of(fields, L) == Shape({"id"})


def test_shape_of_reads_properties_of_its_own_label_only() -> None:
    # "rank" is an Officer's: on a Location it is no property (nor anything else).
    assert shape_of([field("rank"), field("grouping")], L) == Shape({"grouping"})
    assert shape_of([field("rank"), field("grouping")], O) == Shape({"rank"})


def test_shape_of_sources() -> None:
    fields = [field("sources", field("document")), field("sources", field("quote"), alias="s")]
    assert shape_of(fields, M) == Shape(sources=True)


def test_shape_of_counts_by_label() -> None:
    fields = [field("officerCount"), field("missionCount"), field("partnerCount")]
    assert shape_of(fields, L).counts == {
        "officerCount": "officers",
        "missionCount": "missions",
        "partnerCount": "partners",
    }
    assert shape_of(fields, B).counts == {"officerCount": "officers", "missionCount": "missions"}
    assert shape_of(fields, M).counts == {"officerCount": "officers", "partnerCount": "partners"}
    assert shape_of(fields, P).counts == {"missionCount": "missions"}
    assert shape_of(fields, O) == Shape()


def test_shape_of_figures_with_their_subject_as_a_union() -> None:
    figures = field(
        "figures",
        field("value"),
        field("sources", field("quote")),
        field("subject", field("__typename"), inline("Branch", field("acronym"))),
    )
    subject = NodePlan({label: Shape() for label in ENTITY_LABELS})
    subject.shapes[B] = Shape({"acronym"})
    # The rank always: the field leaves deprecated claims out unless asked.
    assert shape_of([figures], M) == Shape(
        figures=Shape(
            {"value", "rank"},
            sources=True,
            relations={"subject": RelationPlan("subject", subject)},
        )
    )


def test_figures_under_two_aliases_share_one_projection() -> None:
    fields = [field("figures", field("value")), field("figures", field("label"), alias="more")]
    assert shape_of(fields, B) == Shape(figures=Shape({"value", "label", "rank"}))


def test_a_relation_to_any_entity_selected_twice_is_merged_per_label() -> None:
    fields = [
        field("subject", inline("Branch", field("name"))),
        field("subject", inline("Branch", field("kind")), inline("Mission", field("status"))),
    ]
    plan = shape_of(fields, F).relations["subject"].node
    assert plan.shapes[B] == Shape({"name", "kind"})
    assert plan.shapes[M] == Shape({"status"})
    assert plan.shapes[O] == Shape()


def test_a_relation_under_several_aliases_is_one_merged_projection() -> None:
    fields = [
        field("children", field("id"), field("children", field("name")), alias="a"),
        field("children", field("kind"), field("children", field("kind")), alias="b"),
        field("children", field("officerCount")),
        field("parent", field("name")),
        field("parent", field("sources"), alias="up"),
    ]
    grandchildren = RelationPlan("children", one(L, Shape({"name", "kind"})))
    assert shape_of(fields, L) == Shape(
        relations={
            "children": RelationPlan(
                "children",
                one(
                    L,
                    Shape(
                        {"id", "kind"},
                        counts={"officerCount": "officers"},
                        relations={"children": grandchildren},
                    ),
                ),
            ),
            "parent": RelationPlan("parent", one(L, Shape({"name"}, sources=True))),
        }
    )


def test_relations_of_each_label_reach_their_target_label() -> None:
    fields = [field(name, field("id")) for name in ("postedTo", "branch", "agencies", "missions")]
    assert shape_of(fields, O).relations == {
        "postedTo": RelationPlan("postedTo", one(L, Shape({"id"}))),
        "branch": RelationPlan("branch", one(B, Shape({"id"}))),
        "agencies": RelationPlan("agencies", one(P, Shape({"id"}))),
        "missions": RelationPlan("missions", one(M, Shape({"id"}))),
    }


# -- connections -------------------------------------------------------------------------


def test_a_connection_is_keyed_by_its_response_key_and_pages_by_its_arguments() -> None:
    cursor = encode_cursor("NAME", "Tck Officer", "lo-tck")
    fields = [
        officers(field("nodes", field("name")), first=2),
        officers(field("totalCount"), alias="many", first="50", after=cursor),
    ]
    assert shape_of(fields, L).relations == {
        "@officers": RelationPlan("officers", one(O, Shape({"name"})), Page(2)),
        "@many": RelationPlan(
            "officers", one(O), Page(50, after=("Tck Officer", "lo-tck"), total=True)
        ),
    }


def test_a_connection_without_first_takes_the_default_page() -> None:
    relation = shape_of([officers(field("pageInfo", field("hasNextPage")))], B).relations
    assert relation == {"@officers": RelationPlan("officers", one(O), Page(20))}


def test_only_branches_locations_and_missions_have_a_connection() -> None:
    # An officer's "missions" is a plain list; no label has "officers" but these three.
    assert set(shape_of([officers(first=1)], M).relations) == {"@officers"}
    assert shape_of([officers(first=1)], P) == Shape()


@pytest.mark.parametrize("first", [-1, 101, "many", True])
def test_a_connection_page_out_of_range_is_bad_input(first: Any) -> None:
    with pytest.raises(BadInput):
        shape_of([officers(first=first)], L)


def test_connection_node_shape_merges_edges_node_and_nodes() -> None:
    connection = officers(
        field("totalCount"),
        field("pageInfo", field("endCursor")),
        field(
            "edges", field("cursor"), field("node", field("name"), field("postedTo", field("id")))
        ),
        field("edges", field("node", field("rank")), alias="more"),
        field("nodes", field("role")),
        spread("OfficerConnection", field("nodes", field("description"))),
        inline("OfficerEdge", field("node", field("aliases"))),  # not a connection's field
    )
    assert connection_node_shape(connection, O) == Shape(
        {"name", "rank", "role", "description"},
        relations={"postedTo": RelationPlan("postedTo", one(L, Shape({"id"})))},
    )


def test_connection_node_shape_reads_edge_fragments_and_skips() -> None:
    connection = officers(
        field(
            "edges",
            spread("OfficerEdge", field("node", field("name"))),
            field("node", field("rank"), directives=SKIP),
        ),
        field("nodes", field("role"), directives=NO_INCLUDE),
    )
    assert connection_node_shape(connection, O) == Shape({"name"})


def test_connection_node_shape_of_cursors_only_is_empty() -> None:
    connection = officers(field("edges", field("cursor")), field("totalCount"))
    assert connection_node_shape(connection, O) == Shape()


@pytest.mark.parametrize(
    ("selections", "wanted"),
    [
        ([field("totalCount")], True),
        ([field("totalCount", alias="count")], True),
        ([spread("OfficerConnection", field("totalCount"))], True),
        ([inline(None, field("totalCount"))], True),
        ([field("nodes", field("id")), field("pageInfo", field("hasNextPage"))], False),
        ([field("totalCount", directives=SKIP)], False),
        ([spread("OfficerConnection", field("totalCount"), directives=NO_INCLUDE)], False),
        ([spread("LocationConnection", field("totalCount"))], False),
        ([field("edges", field("totalCount"))], False),
    ],
)
def test_wants_total_only_when_total_count_is_selected(
    selections: list[Selection], wanted: bool
) -> None:
    assert wants_total(officers(*selections), O) is wanted


# -- merge -------------------------------------------------------------------------------


def test_merge_unites_props_sources_counts_and_figures() -> None:
    a = Shape({"name"}, counts={"officerCount": "officers"}, figures=Shape({"value"}))
    b = Shape({"kind"}, sources=True, counts={"missionCount": "missions"})
    c = Shape(figures=Shape({"label"}, sources=True))
    assert merge(merge(a, b), c) == Shape(
        {"name", "kind"},
        sources=True,
        figures=Shape({"value", "label"}, sources=True),
        counts={"officerCount": "officers", "missionCount": "missions"},
    )
    assert merge(b, a).figures == Shape({"value"})


def test_merge_joins_a_plain_relation_deeply() -> None:
    deep = RelationPlan("parent", one(L, Shape({"name"})))
    a = Shape(relations={"parent": RelationPlan("parent", one(L, Shape({"id"})))})
    b = Shape(
        relations={
            "parent": RelationPlan("parent", one(L, Shape({"kind"}, relations={"parent": deep})))
        }
    )
    assert merge(a, b) == Shape(
        relations={
            "parent": RelationPlan(
                "parent", one(L, Shape({"id", "kind"}, relations={"parent": deep}))
            )
        }
    )


def test_merge_keeps_relations_of_either_side_and_leaves_both_unchanged() -> None:
    a = Shape({"id"}, relations={"parent": RelationPlan("parent", one(L, Shape({"name"})))})
    b = Shape(relations={"children": RelationPlan("children", one(L, Shape({"kind"})))})
    before = (repr(a), repr(b))
    merged = merge(a, b)
    assert set(merged.relations) == {"parent", "children"}
    assert (repr(a), repr(b)) == before


def test_merge_answers_two_pages_of_a_connection_key_with_the_longer_one() -> None:
    # The same connection under aliases of the field holding it: rows come ordered, first + 1
    # after the cursor, so the longer page answers the shorter (its resolver cuts at its own
    # first); shapes and totals combine.
    cursor = ("Tck Officer", "lo-tck")
    few = RelationPlan("officers", one(O, Shape({"name"})), Page(1, after=cursor))
    many = RelationPlan("officers", one(O, Shape({"rank"})), Page(5, after=cursor, total=True))
    expected = RelationPlan("officers", one(O, Shape({"name", "rank"})), Page(5, cursor, True))
    for a, b in ((few, many), (many, few)):
        merged = merge(Shape(relations={"@officers": a}), Shape(relations={"@officers": b}))
        assert merged.relations == {"@officers": expected}


def test_merge_refuses_pages_of_one_connection_key_after_different_cursors() -> None:
    # They cannot share rows, and the resolver reads one page per key: an error, not a
    # page answering one of them silently.
    start = RelationPlan("officers", one(O), Page(2))
    later = RelationPlan("officers", one(O), Page(2, after=("Tck Officer", "lo-tck")))
    with pytest.raises(BadInput, match="different cursors"):
        merge(Shape(relations={"@officers": start}), Shape(relations={"@officers": later}))


def test_merge_refuses_two_connections_under_one_key() -> None:
    officers_page = RelationPlan("officers", one(O), Page(2))
    missions_page = RelationPlan("missions", one(M), Page(2))
    with pytest.raises(BadInput, match="different aliases"):
        merge(Shape(relations={"@x": officers_page}), Shape(relations={"@x": missions_page}))


def test_merge_joins_a_relation_to_any_entity_label_by_label() -> None:
    left = NodePlan({label: Shape() for label in ENTITY_LABELS})
    left.shapes[B] = Shape({"name"})
    right = NodePlan({label: Shape() for label in ENTITY_LABELS})
    right.shapes[B] = Shape({"acronym"})
    right.shapes[M] = Shape({"status"}, counts={"officerCount": "officers"})
    merged = merge(
        Shape(relations={"subject": RelationPlan("subject", left)}),
        Shape(relations={"subject": RelationPlan("subject", right)}),
    )
    expected = NodePlan({label: Shape() for label in ENTITY_LABELS})
    expected.shapes[B] = Shape({"name", "acronym"})
    expected.shapes[M] = Shape({"status"}, counts={"officerCount": "officers"})
    assert merged.relations == {"subject": RelationPlan("subject", expected)}
    assert list(merged.relations["subject"].node.shapes) == list(ENTITY_LABELS)


# -- one field selected twice under one response key (GraphQL merges the selections) ---------


def test_figures_with_a_subject_under_two_aliases_are_merged() -> None:
    subject = field("subject", inline("Branch", field("name")))
    other = field("subject", inline("Mission", field("status")), inline("Branch", field("id")))
    fields = [field("figures", subject), field("figures", field("value"), other, alias="more")]
    expected = NodePlan({label: Shape() for label in ENTITY_LABELS})
    expected.shapes[B] = Shape({"name", "id"})
    expected.shapes[M] = Shape({"status"})
    assert shape_of(fields, L) == Shape(
        figures=Shape({"value", "rank"}, relations={"subject": RelationPlan("subject", expected)})
    )


def test_a_connection_selected_twice_under_one_key_keeps_both_selections() -> None:
    fields = [
        officers(field("nodes", field("name")), first=2),
        spread("Location", officers(field("totalCount"), first=2)),
    ]
    relation = shape_of(fields_of(fields, "Location"), L).relations["@officers"]
    assert relation == RelationPlan("officers", one(O, Shape({"name"})), Page(2, total=True))


def test_a_connection_selected_twice_under_an_alias_merges_edges_nodes_and_relations() -> None:
    fields = [
        officers(field("edges", field("node", field("rank"))), alias="few", first="3"),
        inline(
            None, officers(field("nodes", field("postedTo", field("id"))), alias="few", first=3)
        ),
        officers(field("nodes", field("postedTo", field("name"))), alias="few", first="3"),
        officers(field("totalCount"), first=1),
    ]
    posted = RelationPlan("postedTo", one(L, Shape({"id", "name"})))
    assert shape_of(fields_of(fields, "Location"), L).relations == {
        "@few": RelationPlan(
            "officers", one(O, Shape({"rank"}, relations={"postedTo": posted})), Page(3)
        ),
        "@officers": RelationPlan("officers", one(O), Page(1, total=True)),
    }


def test_a_connection_inside_aliases_of_its_holder_is_one_page_answering_both() -> None:
    fields = [
        field("children", officers(field("nodes", field("name")), first=1), alias="a"),
        field("children", officers(field("totalCount"), field("nodes", field("rank")), first=4)),
    ]
    children = shape_of(fields, L).relations["children"].node.shapes[L]
    assert children.relations == {
        "@officers": RelationPlan("officers", one(O, Shape({"name", "rank"})), Page(4, total=True))
    }


def test_a_relation_to_any_entity_inside_aliases_of_its_holder_is_merged_per_label() -> None:
    fields = [
        field("figures", field("subject", inline("Mission", field("name")))),
        field("figures", field("subject", inline("Mission", field("status"))), alias="more"),
        field("figures", field("subject", field("__typename")), alias="most"),
    ]
    figures = shape_of(fields, B).figures
    assert figures is not None
    subject = figures.relations["subject"].node
    assert subject.shapes[M] == Shape({"name", "status"})
    assert all(subject.shapes[label] == Shape() for label in ENTITY_LABELS if label != M)


def test_merged_field_takes_every_selection_in_order() -> None:
    first = field("mission", field("name"), arguments={"id": "m"})
    again = field("mission", spread("Mission", field("status")), arguments={"id": "m"})
    assert merged_field([first, again]) == field(
        "mission", field("name"), spread("Mission", field("status")), arguments={"id": "m"}
    )
    assert merged_field([first]) == first


def test_root_merges_the_fields_under_the_resolvers_response_key() -> None:
    class Path:
        key = "a"

    class Info:
        path = Path()
        selected_fields = [
            field("mission", field("name"), alias="a"),
            field("mission", field("status"), alias="b"),  # never handed over, left out anyway
            field("mission", field("acronym"), alias="a"),
        ]

    assert queries.root(Info()) == field("mission", field("name"), field("acronym"), alias="a")


# Each root field, its arguments, and two selections under it.
ROOTS = [
    ("mission", '(id: "mission-tck-mali")', "name", "status partners { id }"),
    ("missions", "(first: 2)", "nodes { name }", "totalCount edges { node { status } }"),
    ("entities", '(ids: ["mission-tck-mali"])', "... on Mission { name }", "__typename"),
    ("search", '(text: "Tck Mali")', "... on Mission { name }", "... on Location { kind }"),
    ("figures", "", "value", "label subject { ... on Mission { name } }"),
    (
        "partnersConnectedToRegion",
        '(regionId: "region-tck-west")',
        "partner { id }",
        "paths { nodes { __typename } }",
    ),
    (
        "shortestPath",
        '(fromId: "lo-tck-bogota", toId: "partner-tck-un")',
        "nodes { ... on Officer { name } }",
        "nodes { ... on PartnerAgency { acronym } }",
    ),
    ("neighborhood", '(id: "city-tck-bogota")', "center { __typename }", "nodes { __typename }"),
    (
        "neighbors",
        '(id: "branch-tck-ops")',
        "nodes { ... on Officer { name } }",
        "totalCount nodes { ... on Mission { status } }",
    ),
]
# The same field twice under one response key: directly, in a named fragment on Query, in
# inline fragments with and without a type condition.
TWICE = {
    "direct": "{{ {a} {b} }}",
    "fragment": "{{ {a} ...Q }} fragment Q on Query {{ {b} }}",
    "inline": "{{ {a} ... on Query {{ {b} }} }}",
    "untyped-inline": "{{ ... {{ {a} }} ... @include(if: true) {{ {b} }} }}",
}


def _run(operation: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[SelectedField], Any]:
    """The fields ``queries.root`` returned and the statements sent."""
    roots: list[SelectedField] = []
    real_root = queries.root

    def spy(info: Any) -> SelectedField:
        roots.append(real_root(info))
        return roots[-1]

    with monkeypatch.context() as patch:
        patch.setattr(queries, "root", spy)
        db = RecordingDatabase(BASELINE)
        context = Context(db=db, settings=Settings(_env_file=None))
        result = run_async(build_schema().execute(operation, context_value=context))
    assert result.errors is None, result.errors
    return roots, db.sent


@pytest.mark.parametrize("form", list(TWICE))
@pytest.mark.parametrize(("name", "arguments", "a", "b"), ROOTS, ids=[r[0] for r in ROOTS])
def test_a_root_field_selected_twice_is_planned_as_one_selection_of_both(
    monkeypatch: pytest.MonkeyPatch, form: str, name: str, arguments: str, a: str, b: str
) -> None:
    once_roots, once_sent = _run(f"{{ {name}{arguments} {{ {a} {b} }} }}", monkeypatch)
    twice = TWICE[form].format(a=f"{name}{arguments} {{ {a} }}", b=f"{name}{arguments} {{ {b} }}")
    twice_roots, twice_sent = _run(twice, monkeypatch)
    assert len(once_sent) == 1
    assert twice_sent == once_sent
    assert len(twice_roots) == 1
    assert twice_roots[0].selections == once_roots[0].selections


def test_root_fields_under_other_response_keys_stay_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    roots, sent = _run(
        '{ a: mission(id: "mission-tck-mali") { name } ...Q mission(id: "mission-tck-mali") '
        '{ acronym } } fragment Q on Query { a: mission(id: "mission-tck-mali") { status } }',
        monkeypatch,
    )
    assert [(r.alias, names(fields_of(r.selections, "Mission"))) for r in roots] == [
        ("a", ["name", "status"]),
        (None, ["acronym"]),
    ]
    assert len(sent) == 2
