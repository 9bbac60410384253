"""The Cypher compiler as text: no database, the same way @neo4j/graphql's TCK tests do."""

from __future__ import annotations

import pytest

from graph import compile as cypher
from graph import filters
from graph.capabilities import Capabilities
from graph.model import Label
from graph.plan import NodePlan, Page, RelationPlan, Shape

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
    assert "`parent`: COLLECT { MATCH (n1)-[r" in text
    # Paging: first + 1 rows to know whether more follow, after a (name, id) keyset.
    assert 6 in params.values()
    assert "Name" in params.values() and "id-1" in params.values()
    assert f"`officers{cypher.TOTAL_SUFFIX}`: size(COLLECT" in text
    assert "sources: [i IN range(0, size(coalesce(n1.sourceDocuments, [])) - 1)" in text


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
    assert "ORDER BY k2 DESC, n1.id ASC" in text
    assert "WHERE k2 < $p" in text  # descending keyset
    assert "region-x" in params.values() and "French" in params.values()
    assert "RETURN" in text and "AS total" in text


def test_hop_and_depth_bounds_are_enforced() -> None:
    plan = NodePlan.of(Label.MISSION)
    with pytest.raises(ValueError):
        cypher.shortest_path(plan, "a", "b", 99)
    with pytest.raises(ValueError):
        cypher.neighborhood(plan, "a", 7, 10)
    text, _ = cypher.shortest_path(plan, "a", "b", 4)
    assert "shortestPath((a1)-[*..4]-(z2))" in text


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
        "CALL db.index.fulltext.queryNodes('entity_search', $p1) YIELD node AS n1, "
        "score AS score2 WHERE (n1:Location OR n1:Mission) AND n1.searchText CONTAINS $p0 "
        "WITH n1, score2 ORDER BY score2 DESC, n1.name, n1.id LIMIT $p2 RETURN CASE WHEN "
        "n1:Location THEN n1 {__typename: 'Location', .id, .name} WHEN n1:Mission THEN n1 "
        "{__typename: 'Mission', .id, .name} END AS node"
    )
    assert params == {
        "p0": "la paz",
        "p1": "(la^4 OR la*^2 OR *la*) AND (paz^4 OR paz*^2 OR *paz*)",
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
    assert "`officers`: {items: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)" in text
    assert ", total: size(COLLECT {" in text
    assert cypher.TOTAL_SUFFIX not in text


def test_a_paged_relation_comes_side_by_side_where_the_engine_nulls_such_maps() -> None:
    text, _ = cypher.by_ids(Label.LOCATION, location_plan(), ["x"])
    assert "`officers`: COLLECT { MATCH (n1)<-[:PART_OF*0..5]-(:Location)" in text
    assert f"`officers{cypher.TOTAL_SUFFIX}`: size(COLLECT {{" in text
    assert "{items:" not in text


def test_region_paths_are_maps_or_parallel_columns_by_capability() -> None:
    partner = NodePlan({Label.PARTNER_AGENCY: Shape({"name"})})
    nodes = NodePlan({Label.LOCATION: Shape({"name"})})
    clean, _ = cypher.partners_of_region(
        partner, nodes, "region-africa", caps=Capabilities(nested_maps=True)
    )
    assert clean.endswith(
        "[x7 IN paths | {nodes: [y8 IN x7.nodes | y8 {__typename: 'Location', .id, .name}], "
        "relationships: [r6 IN x7.rels | {type: type(r6), from: startNode(r6).id, "
        "to: endNode(r6).id, sources: [i IN range(0, size(coalesce(r6.sourceDocuments, [])) "
        "- 1) | {document: r6.sourceDocuments[i], quote: r6.sourceQuotes[i], asOf: CASE "
        "r6.sourceAsOf[i] WHEN '' THEN null ELSE r6.sourceAsOf[i] END, inferred: "
        "coalesce(r6.sourceInferred[i], false), reasoning: CASE r6.sourceReasoning[i] WHEN '' "
        "THEN null ELSE r6.sourceReasoning[i] END}]}]}] AS paths"
    )
    side_by_side, _ = cypher.partners_of_region(partner, nodes, "region-africa")
    assert "] AS pathNodes, [x7 IN paths | [r6 IN x7.rels | {type: type(r6)" in side_by_side
    assert side_by_side.endswith("] AS pathRelationships")
    only_agencies, _ = cypher.partners_of_region(partner, nodes, "r", with_paths=False)
    assert only_agencies.endswith("AS partner, [] AS paths")


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_lucene_query_refuses_text_without_words(text: str) -> None:
    with pytest.raises(ValueError, match="at least one word"):
        cypher.lucene_query(text)
