"""The Cypher compiler as text: no database, the same way @neo4j/graphql's TCK tests do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graph import compile as cypher
from graph import filters, reads
from graph.capabilities import Capabilities
from graph.catalog import CATALOG, RELATIONS
from graph.cypher import SUBJECT, Return, Var, render
from graph.db import Database, create_driver
from graph.model import Label
from graph.plan import NodePlan, Page, RelationPlan, Shape
from graph.settings import Settings
from tests.cypherlint.client import CypherLinter
from tests.support import run_async

HOSTILE = "x'}) DETACH DELETE n //`"


def location_plan() -> NodePlan:
    return NodePlan(
        {
            Label.LOCATION: Shape(
                props={"name", "kind"},
                sources=True,
                relations={
                    "parent": RelationPlan("parent", NodePlan({Label.LOCATION: Shape({"name"})})),
                    "officers": RelationPlan(
                        "officers", NodePlan.of(Label.OFFICER), Page(5, ("Name", "id-1"), True)
                    ),
                },
            )
        }
    )


def test_values_travel_as_parameters_only() -> None:
    text, params = cypher.by_ids(Label.LOCATION, location_plan(), [HOSTILE])
    assert HOSTILE not in text
    assert params["p0"] == [HOSTILE]
    assert text.startswith("MATCH (n1:Location) WHERE n1.id IN $p0 RETURN n1 {")


def test_nested_fields_are_subqueries_of_one_statement() -> None:
    text, params = cypher.by_ids(Label.LOCATION, location_plan(), ["city-bogota"])
    assert text.count("MATCH") == 4  # root, parent, officers, officers' total
    assert "parent: COLLECT { MATCH (n1)-[r" in text
    # Paging: first + 1 rows to know whether more follow, after a (name, id) keyset.
    assert 6 in params.values()
    assert "Name" in params.values() and "id-1" in params.values()
    assert f"`officers{cypher.TOTAL_SUFFIX}`: size(COLLECT" in text
    assert "sources: [i2 IN range(0, size(coalesce(n1.sourceDocuments, [])) - 1)" in text


def test_total_is_only_counted_when_asked() -> None:
    plan = location_plan()
    plan.shapes[Label.LOCATION].relations["officers"].page = Page(5)
    text, _ = cypher.by_ids(Label.LOCATION, plan, ["x"])
    assert f"`officers{cypher.TOTAL_SUFFIX}`: null" in text


def test_unknown_property_is_refused_not_interpolated() -> None:
    plan = NodePlan({Label.MISSION: Shape(props={"name", "password"})})
    with pytest.raises(ValueError, match="no property 'password'"):
        cypher.by_ids(Label.MISSION, plan, ["x"])


def test_union_projection_switches_on_labels() -> None:
    plan = NodePlan({Label.MISSION: Shape({"name"}), Label.OFFICER: Shape({"rank"})})
    text, params = cypher.search(plan, "bogota", 10)
    assert "(n1:Mission OR n1:Officer)" in text
    assert "CASE WHEN n1:Mission THEN n1 {__typename: 'Mission', .id, .name}" in text
    assert "WHEN n1:Officer THEN n1 {__typename: 'Officer', .id, .rank}" in text
    assert params == {"p0": "bogota", "p1": 10}


def test_connection_anchors_relationship_filters_and_sorts_with_a_tiebreak() -> None:
    sort = filters.sort(Label.MISSION, "OFFICER_COUNT", descending=True)
    text, params = cypher.connection(
        Label.MISSION,
        NodePlan.of(Label.MISSION),
        Page(10, (3, "mission-x"), True),
        [
            filters.anchored("Mission", "within", "region-x"),
            filters.equals(Label.MISSION, "language", "French"),
        ],
        sort,
    )
    assert "MATCH (:Location {id: $p" in text  # an index seek, not a per-row EXISTS
    assert "ORDER BY k2 DESC, n1.id LIMIT" in text
    assert "WHERE k2 < $p2 OR (k2 = $p2 AND n1.id > $p3)" in text  # descending keyset
    assert params == {"p0": "region-x", "p1": "French", "p2": 3, "p3": "mission-x", "p4": 11}
    # The total matches the same nodes: the same parameters.
    assert text.endswith(
        "AS items, size(COLLECT { MATCH (:Location {id: $p0})<-[:PART_OF*0..5]-(:Location)"
        "<-[:LOCATED_IN]-(n1:Mission) WHERE n1.language = $p1 WITH DISTINCT n1 "
        "RETURN n1.id AS x5 }) AS total"
    )


def test_hop_and_depth_bounds_are_enforced() -> None:
    plan = NodePlan.of(Label.MISSION)
    with pytest.raises(ValueError):
        cypher.shortest_path(plan, "a", "b", 99)
    with pytest.raises(ValueError):
        cypher.neighborhood(plan, "a", 7, 10)
    text, _ = cypher.shortest_path(plan, "a", "b", 4)
    assert "shortestPath((a1)-[*..4]-(z2))" in text


def test_neighbours_are_of_the_model_s_entity_types_only() -> None:
    plan = NodePlan({label: Shape() for label in CATALOG.labels})
    with pytest.raises(ValueError):
        cypher.neighbors(plan, "a", cypher.Around(label=Label.FIGURE), Page(5))
    text, params = cypher.neighbors(plan, "a", cypher.Around(label=Label.MISSION), Page(5))
    # Only the type asked for is projected: no CASE over the others.
    assert "(b3:Mission)" in text and "CASE WHEN" not in text
    assert params["p0"] == "a"


def _search_plan() -> NodePlan:
    return NodePlan({Label.LOCATION: Shape({"name"}), Label.MISSION: Shape({"name"})})


def test_search_scans_where_the_engine_has_no_full_text_index() -> None:
    text, params = cypher.search(_search_plan(), "bogota", 10)
    assert text == (
        "MATCH (n1) WHERE (n1:Location OR n1:Mission) AND n1.searchText CONTAINS $p0 "
        "WITH n1 ORDER BY CASE WHEN n1.searchText STARTS WITH $p0 THEN 0 ELSE 1 END, "
        "n1.name, n1.id LIMIT $p1 RETURN CASE WHEN n1:Location THEN n1 {__typename: "
        "'Location', .id, .name} WHEN n1:Mission THEN n1 {__typename: 'Mission', .id, .name} "
        "END AS node"
    )
    assert params == {"p0": "bogota", "p1": 10}


def test_search_asks_the_full_text_index_and_keeps_only_what_contains_the_text() -> None:
    text, params = cypher.search(_search_plan(), "la paz", 5, caps=Capabilities(fulltext=True))
    assert text == (
        "CALL db.index.fulltext.queryNodes('entity_search', $p0) YIELD node AS n1, "
        "score AS score2 WHERE (n1:Location OR n1:Mission) AND n1.searchText CONTAINS $p1 "
        "WITH n1, score2 ORDER BY score2 DESC, n1.name, n1.id LIMIT $p2 RETURN CASE WHEN "
        "n1:Location THEN n1 {__typename: 'Location', .id, .name} WHEN n1:Mission THEN n1 "
        "{__typename: 'Mission', .id, .name} END AS node"
    )
    assert params == {
        "p0": "(la^4 OR la*^2 OR *la*) AND (paz^4 OR paz*^2 OR *paz*)",
        "p1": "la paz",
        "p2": 5,
    }


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("mali", "(mali^4 OR mali*^2 OR *mali*)"),
        ("d'ivoire", "(d'ivoire^4 OR d'ivoire*^2 OR *d'ivoire*)"),
        ("u.n.", "(u.n.^4 OR u.n.*^2 OR *u.n.*)"),
        ("a*b?", r"(a\*b\?^4 OR a\*b\?*^2 OR *a\*b\?*)"),
        (
            'x") OR (y',
            r"(x\"\)^4 OR x\"\)*^2 OR *x\"\)*) AND (\OR^4 OR \OR*^2 OR *\OR*) AND "
            r"(\(y^4 OR \(y*^2 OR *\(y*)",
        ),
        (
            "a\\b | c",
            r"(a\\b^4 OR a\\b*^2 OR *a\\b*) AND (\|^4 OR \|*^2 OR *\|*) AND "
            "(c^4 OR c*^2 OR *c*)",
        ),
        (
            "+-!:^[]{}~&/",
            r"(\+\-\!\:\^\[\]\{\}\~\&\/^4 OR \+\-\!\:\^\[\]\{\}\~\&\/*^2 OR "
            r"*\+\-\!\:\^\[\]\{\}\~\&\/*)",
        ),
    ],
)
def test_lucene_query_escapes_every_syntax_character(text: str, query: str) -> None:
    assert cypher.lucene_query(text) == query


def test_a_paged_relation_is_one_map_where_the_engine_returns_such_maps() -> None:
    text, _ = cypher.by_ids(
        Label.LOCATION, location_plan(), ["x"], caps=Capabilities(nested_maps=True)
    )
    assert "`@officers`" not in text  # keyed by the plan's key, here "officers"
    assert "officers: {items: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)" in text
    assert ", total: size(COLLECT {" in text
    assert cypher.TOTAL_SUFFIX not in text


def test_a_paged_relation_comes_side_by_side_where_the_engine_nulls_such_maps() -> None:
    text, _ = cypher.by_ids(Label.LOCATION, location_plan(), ["x"])
    assert "officers: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)" in text
    assert f"`officers{cypher.TOTAL_SUFFIX}`: size(COLLECT {{" in text
    assert "{items:" not in text


def test_region_paths_are_maps_or_parallel_columns_by_capability() -> None:
    partner = NodePlan({Label.PARTNER_AGENCY: Shape({"name"})})
    nodes = NodePlan({Label.LOCATION: Shape({"name"})})
    clean, _ = cypher.partners_of_region(
        partner, nodes, "region-africa", caps=Capabilities(nested_maps=True)
    )
    assert clean.endswith(
        "[x9 IN paths8 | {nodes: [y10 IN x9.nodes | y10 {__typename: 'Location', .id, .name}], "
        "relationships: [r11 IN x9.rels | {type: type(r11), from: startNode(r11).id, "
        "to: endNode(r11).id, fromName: startNode(r11).name, toName: endNode(r11).name, "
        "role: r11.role, since: r11.since, until: r11.until, "
        "note: r11.note, sources: [i12 IN range(0, size(coalesce(r11.sourceDocuments, [])) "
        "- 1) | {document: r11.sourceDocuments[i12], quote: r11.sourceQuotes[i12], asOf: CASE "
        "r11.sourceAsOf[i12] WHEN '' THEN null ELSE r11.sourceAsOf[i12] END, inferred: "
        "coalesce(r11.sourceInferred[i12], false), reasoning: CASE r11.sourceReasoning[i12] "
        "WHEN '' THEN null ELSE r11.sourceReasoning[i12] END}]}]}] AS paths"
    )
    side_by_side, _ = cypher.partners_of_region(partner, nodes, "region-africa")
    assert "] AS pathNodes, [x9 IN paths8 | [r11 IN x9.rels | {type: type(r11)" in side_by_side
    assert side_by_side.endswith("] AS pathRelationships")
    only_agencies, _ = cypher.partners_of_region(partner, nodes, "r", with_paths=False)
    # Only the agencies: all in one row, in order (no path column at all).
    assert only_agencies.endswith(" AS partner3 RETURN collect(partner3) AS partners")
    assert "paths" not in only_agencies


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_lucene_query_refuses_text_without_words(text: str) -> None:
    with pytest.raises(ValueError, match="at least one word"):
        cypher.lucene_query(text)


# -- composed filters and aggregates ---------------------------------------------------------


def where_of(label: str, *conditions: cypher.Condition) -> tuple[str, dict[str, Any]]:
    """The WHERE a page of ``label`` filtered by ``conditions`` tests (with its parameters)."""
    text, params = cypher.connection(label, NodePlan.of(label), Page(10), list(conditions))
    where = text.split(" WHERE ", 1)[1].split(" WITH DISTINCT n1 ", 1)[0]
    return where, params


def test_conditions_combine_with_and_or_and_not() -> None:
    french = filters.equals(Label.MISSION, "language", "French")
    armed = filters.equals(Label.MISSION, "armed", True)
    either = filters.any_of([french, filters.all_of([armed, filters.negate(french)])])
    assert where_of(Label.MISSION, either) == (
        "n1.language = $p0 OR (n1.armed = $p1 AND NOT coalesce(n1.language = $p0, false))",
        {"p0": "French", "p1": True, "p2": 11},
    )


def test_an_anchor_stays_a_seek_under_and_but_is_a_test_under_or() -> None:
    partner = filters.anchored(Label.MISSION, "partner", "partner-un")
    french = filters.equals(Label.MISSION, "language", "French")
    both, _ = cypher.connection(
        Label.MISSION, NodePlan.of(Label.MISSION), Page(10), [filters.all_of([partner, french])]
    )
    assert both.startswith(
        "RETURN COLLECT { MATCH (:PartnerAgency {id: $p0})<-[:WITH_PARTNER]-(n1:Mission) "
        "WHERE n1.language = $p1 WITH DISTINCT n1 "
    )
    assert where_of(Label.MISSION, filters.any_of([partner, french]))[0] == (
        "EXISTS { MATCH (:PartnerAgency {id: $p0})<-[:WITH_PARTNER]-(n1:Mission) } "
        "OR n1.language = $p1"
    )


def test_conditions_that_ask_nothing() -> None:
    nothing = cypher.Condition()
    assert filters.all_of([]) == nothing
    assert filters.any_of([nothing, filters.name_contains("x")]) == nothing
    assert where_of(Label.MISSION, filters.any_of([]))[0] == "false"
    assert where_of(Label.MISSION, filters.negate(nothing))[0] == "false"
    assert filters.related(Label.MISSION, "partners", "all") == nothing


def test_some_none_and_all_of_a_relation() -> None:
    police = [filters.equals(Label.PARTNER_AGENCY, "kind", "FOREIGN_POLICE")]
    found = "EXISTS { MATCH (n1)-[:WITH_PARTNER]->(t2:PartnerAgency)"
    some = filters.related(Label.MISSION, "partners", "some", police)
    assert where_of(Label.MISSION, some)[0] == f"{found} WHERE t2.kind = $p0 }}"
    none = filters.related(Label.MISSION, "partners", "none", police)
    assert where_of(Label.MISSION, none)[0] == f"NOT {found} WHERE t2.kind = $p0 }}"
    every = filters.related(Label.MISSION, "partners", "all", police)
    assert where_of(Label.MISSION, every)[0] == (
        f"NOT {found} WHERE NOT coalesce(t2.kind = $p0, false) }}"
    )
    without = filters.related(Label.MISSION, "partners", "none")
    assert where_of(Label.MISSION, without)[0] == f"NOT {found} }}"


def test_a_relation_filter_nests_and_follows_branches() -> None:
    # Places where some agency tied to them (three branches) works with a mission that
    # has no partner of another kind.
    only_police = filters.related(
        Label.MISSION,
        "partners",
        "all",
        [filters.equals(Label.PARTNER_AGENCY, "kind", "FOREIGN_POLICE")],
    )
    agency = filters.related(Label.PARTNER_AGENCY, "missions", "some", [only_police])
    where, params = where_of(
        Label.LOCATION, filters.related(Label.LOCATION, "partners", "some", [agency])
    )
    test = (
        "WHERE EXISTS { MATCH (t2)<-[:WITH_PARTNER]-(t3:Mission) WHERE NOT EXISTS { "
        "MATCH (t3)-[:WITH_PARTNER]->(t4:PartnerAgency) WHERE NOT coalesce(t4.kind = $p0, "
        "false) } }"
    )
    # Each branch follows the whole route from the place, every one testing the agency.
    inside = "MATCH (n1)<-[:PART_OF*0..5]-(:Location)"
    assert where == (
        "EXISTS { CALL (n1) { "
        f"{inside}<-[:BASED_IN]-(t2:PartnerAgency) {test} RETURN t2 UNION "
        f"{inside}<-[:LOCATED_IN]-(:Mission)-[:WITH_PARTNER]->(t2:PartnerAgency) {test} "
        "RETURN t2 UNION "
        f"{inside}<-[:POSTED_TO]-(:Officer)-[:MEMBER_OF]->(t2:PartnerAgency) {test} "
        "RETURN t2 } }"
    )
    assert params == {"p0": "FOREIGN_POLICE", "p1": 11}


def test_aggregates_over_a_relation() -> None:
    many = filters.aggregate(Label.MISSION, "officers", "count", ">=", 2)
    assert where_of(Label.MISSION, many)[0] == (
        "COUNT { MATCH (n1)<-[:SERVES_ON]-(b2:Officer) } >= $p0"
    )
    large = filters.aggregate(Label.LOCATION, "missions", "avg", ">", 100, "authorizedDeployments")
    # No aggregating function (Neo4j refuses one in a projection's subquery): a mean over
    # the list of values, bound once.
    assert where_of(Label.LOCATION, large)[0] == (
        "[l2 IN [COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(b3:Mission) "
        "WITH DISTINCT b3 WITH b3.authorizedDeployments AS v4 WHERE NOT (v4 IS NULL) "
        "RETURN v4 }] | CASE WHEN size(l2) = 0 THEN null "
        "ELSE reduce(s5 = 0.0, y6 IN l2 | s5 + y6) / size(l2) END][0] > $p0"
    )
    least = cypher.aggregate_expression(Var("n"), Label.LOCATION, "missions", "min", "startDate")
    assert render((Return((least,)),))[0] == (
        "RETURN COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(b2:Mission) "
        "WITH DISTINCT b2 WITH b2.startDate AS v3 WHERE NOT (v3 IS NULL) "
        "WITH v3 ORDER BY v3 LIMIT 1 RETURN v3 }[0]"
    )
    # Distinct targets: a route may reach one target along several paths.
    counted = cypher.aggregate_expression(Var("n"), Label.LOCATION, "officers")
    assert render((Return((counted,)),))[0] == (
        "RETURN size(COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)<-[:POSTED_TO]-"
        "(b2:Officer) RETURN DISTINCT b2.id AS x3 })"
    )


@pytest.mark.parametrize(
    ("label", "relation", "function", "prop"),
    [
        (Label.LOCATION, "missions", "avg", "name"),  # not a number
        (Label.LOCATION, "missions", "max", None),
        (Label.LOCATION, "missions", "count", "authorizedDeployments"),
        (Label.FIGURE, "subject", "min", "value"),  # any entity: no declared property
    ],
)
def test_an_aggregate_needs_a_number_property_of_the_target(
    label: str, relation: str, function: cypher.Aggregate, prop: str | None
) -> None:
    with pytest.raises(ValueError):
        cypher.aggregate_expression(SUBJECT, label, relation, function, prop)


def test_an_unknown_relation_is_refused() -> None:
    with pytest.raises(ValueError, match="no relation 'password'"):
        filters.related(Label.MISSION, "password", "some")
    with pytest.raises(ValueError, match="no relation 'password'"):
        filters.aggregate(Label.MISSION, "password", "count", ">", 1)


def test_a_route_prints_between_names_another_program_gives() -> None:
    route = RELATIONS[Label.LOCATION]["missions"].route
    assert cypher.path("this", route, "target") == (
        "(this)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(target:Mission)"
    )
    assert cypher.path("", route, "") == "()<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(:Mission)"


# -- the composed filters on each engine -------------------------------------------------------

Row = dict[str, Any]
Listed = tuple[NodePlan, list[cypher.Condition]]


def pages(
    live_settings: Settings, linter: CypherLinter, label: str, *asked: Listed
) -> list[list[Row]]:
    """The items of one page of ``label`` (all of them) per plan and conditions asked."""

    async def read() -> list[list[Row]]:
        assert live_settings.neo4j_uri is not None
        auth = (live_settings.neo4j_user, live_settings.neo4j_password.get_secret_value())
        driver = create_driver(live_settings.neo4j_uri, auth, retry_time=1)
        db = Database(driver, live_settings.neo4j_database, timeout=30, observer=linter.observe)
        try:
            return [(await reads.page(db, label, plan, Page(100_000), c))[0] for plan, c in asked]
        finally:
            await db.close()

    return run_async(read())


@pytest.mark.integration
def test_composed_filters_select_what_they_say(
    live_settings: Settings, linter: CypherLinter
) -> None:
    partners = NodePlan({Label.PARTNER_AGENCY: Shape({"kind"})})
    related = {"partners": RelationPlan("partners", partners)}
    plan = NodePlan({Label.MISSION: Shape({"language"}, relations=related)})
    (missions,) = pages(live_settings, linter, Label.MISSION, (plan, []))
    kinds = [p["kind"] for m in missions for p in m["partners"]]
    kind = max(set(kinds), key=kinds.count)  # the most common: each quantifier tells apart
    is_kind = [filters.equals(Label.PARTNER_AGENCY, "kind", kind)]
    french = filters.equals(Label.MISSION, "language", "French")
    partner = next(p["id"] for m in missions for p in m["partners"])
    cases: list[tuple[cypher.Condition, Callable[[Row], bool]]] = [
        (
            filters.related(Label.MISSION, "partners", "some", is_kind),
            lambda m: any(p["kind"] == kind for p in m["partners"]),
        ),
        (
            filters.related(Label.MISSION, "partners", "none", is_kind),
            lambda m: not any(p["kind"] == kind for p in m["partners"]),
        ),
        (
            filters.related(Label.MISSION, "partners", "all", is_kind),
            lambda m: all(p["kind"] == kind for p in m["partners"]),
        ),
        (filters.negate(french), lambda m: m.get("language") != "French"),
        (
            filters.any_of([french, filters.anchored(Label.MISSION, "partner", partner)]),
            lambda m: (
                m.get("language") == "French" or any(p["id"] == partner for p in m["partners"])
            ),
        ),
        (
            filters.aggregate(Label.MISSION, "partners", "count", ">=", 2),
            lambda m: len(m["partners"]) >= 2,
        ),
    ]
    found = pages(
        live_settings,
        linter,
        Label.MISSION,
        *((NodePlan.of(Label.MISSION), [condition]) for condition, _ in cases),
    )
    every = {m["id"] for m in missions}
    for (_, holds), items in zip(cases, found, strict=True):
        expected = {m["id"] for m in missions if holds(m)}
        assert set() < expected < every  # the case tells something apart
        assert {m["id"] for m in items} == expected


@pytest.mark.integration
def test_filters_over_routes_of_several_steps_and_branches(
    live_settings: Settings, linter: CypherLinter
) -> None:
    deployed = NodePlan({Label.MISSION: Shape({"authorizedDeployments"})})
    partners = NodePlan({Label.PARTNER_AGENCY: Shape({"kind"})})
    related = {
        "missions": RelationPlan("missions", deployed),  # inside the place, at any depth
        "partners": RelationPlan("partners", partners),  # three branches from each place
    }
    (places,) = pages(
        live_settings,
        linter,
        Label.LOCATION,
        (NodePlan({Label.LOCATION: Shape(relations=related)}), []),
    )
    values = {
        place["id"]: [
            m["authorizedDeployments"]
            for m in place["missions"]
            if m.get("authorizedDeployments") is not None
        ]
        for place in places
    }
    every = sorted(v for vs in values.values() for v in vs)
    middle = every[len(every) // 2]
    aggregates: dict[cypher.Aggregate, Callable[[list[int]], float]] = {
        "min": min,
        "max": max,
        "avg": lambda vs: sum(vs) / len(vs),
    }

    def above(of: Callable[[list[int]], float]) -> Callable[[Row], bool]:
        return lambda place: bool(values[place["id"]]) and of(values[place["id"]]) > middle

    cases: list[tuple[cypher.Condition, Callable[[Row], bool]]] = [
        (
            filters.aggregate(Label.LOCATION, "missions", f, ">", middle, "authorizedDeployments"),
            above(of),
        )
        for f, of in aggregates.items()
    ]
    kinds = [p["kind"] for place in places for p in place["partners"]]
    kind = max(set(kinds), key=kinds.count)
    is_kind = [filters.equals(Label.PARTNER_AGENCY, "kind", kind)]
    cases += [
        (
            filters.related(Label.LOCATION, "partners", "some", is_kind),
            lambda place: any(p["kind"] == kind for p in place["partners"]),
        ),
        (
            filters.related(Label.LOCATION, "partners", "all", is_kind),
            lambda place: all(p["kind"] == kind for p in place["partners"]),
        ),
    ]
    found = pages(
        live_settings,
        linter,
        Label.LOCATION,
        *((NodePlan.of(Label.LOCATION), [condition]) for condition, _ in cases),
    )
    for (_, holds), items in zip(cases, found, strict=True):
        expected = {place["id"] for place in places if holds(place)}
        assert set() < expected < {place["id"] for place in places}
        assert {place["id"] for place in items} == expected


def test_a_quote_search_asks_the_index_for_each_run_of_letters_and_digits() -> None:
    assert cypher.quote_words("37 liaison officers") == "*37* AND *liaison* AND *officers*"
    # Punctuation splits runs (the analyzer keeps "2,300" and "canada's" one word each).
    assert cypher.quote_words("canada's 2,300") == "*canada* AND *s* AND *2* AND *300*"
    assert cypher.quote_words("bogotá") == "*bogotá*"
    # Nothing the index can narrow by: every quote is read instead.
    assert cypher.quote_words("--") is None
    # A script the analyzer splits into one word per character.
    assert cypher.quote_words("東京") is None
