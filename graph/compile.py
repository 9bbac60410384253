"""Compile read plans (``graph.plan``) into ONE parameterized Cypher statement each.

Nested fields become nested ``COLLECT {}`` subqueries inside map projections, so
a request costs one statement per root field whatever its depth or list sizes.
Pure functions of their input: the text is unit-tested without a database.
Labels, relationship types and property keys come from ``graph.model`` and
``graph.catalog`` only; every value is a ``$parameter``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.capabilities import BASELINE, Capabilities
from graph.catalog import PROPERTIES, RELATIONS
from graph.model import ENTITY_LABELS, Direction, Label, Relation, Route, Step
from graph.plan import NodePlan, Page, RelationPlan, Shape

Statement = tuple[LiteralString, dict[str, Any]]


def _fill(fragment: str, n: str, value: str = "") -> str:
    # Plain replacement, not str.format: fragments keep Cypher's own braces as they are.
    return fragment.replace("{n}", n).replace("{value}", value)


@dataclass(frozen=True)
class Condition:
    """One list filter: an optional anchoring MATCH and/or a WHERE predicate on ``{n}``."""

    match: str | None = None
    where: str | None = None
    value: Any = None


@dataclass(frozen=True)
class Sort:
    expression: str  # over ``{n}``
    descending: bool = False


BY_NAME = Sort("{n}.name")

# A paged relation comes back as {items, total} under its key; on an engine that returns
# null for such a map (graph.capabilities), the total comes under its key plus this suffix.
TOTAL_SUFFIX = "__total"

# List properties a node may lack (written by an older version, say): served as [].
LIST_PROPERTIES = {"aliases": "[]"}


@dataclass
class Builder:
    # What the engine can do: where it allows, values are returned in their clean shape.
    caps: Capabilities = BASELINE
    params: dict[str, Any] = field(default_factory=dict)
    _vars: int = 0

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return "$" + name

    def var(self, prefix: str = "v") -> str:
        self._vars += 1
        return f"{prefix}{self._vars}"

    # -- projections ---------------------------------------------------------

    def node(self, v: str, plan: NodePlan) -> str:
        if len(plan.shapes) == 1:
            ((label, shape),) = plan.shapes.items()
            return self.shape(v, label, shape)
        cases = " ".join(
            f"WHEN {v}:{label} THEN {self.shape(v, label, shape)}"
            for label, shape in plan.shapes.items()
        )
        return f"CASE {cases} END"

    def shape(self, v: str, label: str, shape: Shape, extra: str = "") -> str:
        parts = [f"__typename: '{label}'", ".id"]
        allowed = PROPERTIES[label]
        for prop in sorted(shape.props - {"id"}):
            if prop not in allowed:
                raise ValueError(f"{label} has no property {prop!r}")
            default = LIST_PROPERTIES.get(prop)
            parts.append(f"{prop}: coalesce({v}.{prop}, {default})" if default else f".{prop}")
        if shape.sources:
            parts.append(f"sources: {sources(v)}")
        if shape.figures is not None:
            f = self.var("f")
            figure = self.shape(f, Label.FIGURE, shape.figures)
            parts.append(
                f"figures: COLLECT {{ MATCH ({v})<-[:DESCRIBES]-({f}:Figure) "
                f"WITH {f} ORDER BY {f}.asOf, {f}.id RETURN {figure} AS {self.var('x')} }}"
            )
        for key, relation in sorted(shape.counts.items()):
            parts.append(f"`{key}`: {self.count(v, label, relation)}")
        for key, plan in sorted(shape.relations.items()):
            related = self.relation(v, label, plan)
            if plan.page is None:
                parts.append(f"`{key}`: {related}")
                continue
            total = self.count(v, label, plan.relation) if plan.page.total else "null"
            if self.caps.nested_maps:
                parts.append(f"`{key}`: {{items: {related}, total: {total}}}")
            else:
                # Side by side (the engine returns null for this map): graph.reads folds
                # them into {items, total}.
                parts.append(f"`{key}`: {related}")
                parts.append(f"`{key}{TOTAL_SUFFIX}`: {total}")
        if extra:
            parts.append(extra)
        return f"{v} {{{', '.join(parts)}}}"

    def match(self, relation: Relation, a: str, b: str, r: str) -> str:
        """``MATCH`` along a model relation from ``a`` to ``b`` (``r``: its last
        relationship); a relation with branches continues through a ``UNION`` of them."""
        if not relation.branches:
            return "MATCH " + path(a, relation.route, b, r)
        m = self.var("m")
        union = " UNION ".join(
            f"MATCH {path(m, branch, b, r)} RETURN {b}" for branch in relation.branches
        )
        return f"MATCH {path(a, relation.route, m)} CALL ({m}) {{ {union} }}"

    def count(self, a: str, label: str, name: str) -> str:
        relation = RELATIONS[label][name]
        b, r = self.var("b"), self.var("r")
        match = self.match(relation, a, b, r)
        if relation.one_hop:
            return f"COUNT {{ {match} }}"
        return f"size(COLLECT {{ {match} RETURN DISTINCT {b}.id AS {self.var('x')} }})"

    def relation(self, a: str, label: str, plan: RelationPlan) -> str:
        relation = RELATIONS[label][plan.relation]
        b, r, x = self.var("b"), self.var("r"), self.var("x")
        match = self.match(relation, a, b, r)
        projected = self.node(b, plan.node)
        if not relation.many:
            # A stated (not wholly inferred) relationship first.
            rank = f"{_stated(r)}, " if relation.stated_first else ""
            return (
                f"COLLECT {{ {match} WITH {b}, {r} "
                f"ORDER BY {rank}{b}.name, {b}.id LIMIT 1 RETURN {projected} AS {x} }}[0]"
            )
        if plan.page is None:
            distinct = "" if relation.one_hop else "DISTINCT "
            return (
                f"COLLECT {{ {match} WITH {distinct}{b} "
                f"ORDER BY {b}.name, {b}.id RETURN {projected} AS {x} }}"
            )
        page = plan.page
        keyset = self.keyset(b, f"{b}.name", False, page)
        return (
            f"COLLECT {{ {match} WITH DISTINCT {b}{keyset} "
            f"WITH {b} ORDER BY {b}.name, {b}.id LIMIT {self.param(page.first + 1)} "
            f"RETURN {self.shape_with_key(b, plan.node, f'{b}.name')} AS {x} }}"
        )

    def shape_with_key(self, v: str, plan: NodePlan, key: str) -> str:
        ((label, shape),) = plan.shapes.items()
        return self.shape(v, label, shape, extra=f"__key: {key}")

    def keyset(self, n: str, key: str, descending: bool, page: Page) -> str:
        if page.after is None:
            return ""
        value, last_id = page.after
        op = "<" if descending else ">"
        v, i = self.param(value), self.param(last_id)
        return f" WHERE {key} {op} {v} OR ({key} = {v} AND {n}.id > {i})"


def step(s: Step, r: str = "") -> str:
    """One hop's relationship pattern: ``<-[r:A|B*0..5]-``."""
    hops = "" if s.hops == (1, 1) else f"*{s.hops[0]}..{s.hops[1]}"
    body = f"[{r}:{'|'.join(t.value for t in s.types)}{hops}]"
    return f"-{body}->" if s.direction is Direction.OUT else f"<-{body}-"


def path(start: str, route: Route, end: str, r: str = "") -> str:
    """The pattern of a route from node ``start`` (a variable, or a label and map) to
    ``end``; inner nodes carry only their label, ``r`` names the last relationship."""
    text = f"({start})"
    for index, s in enumerate(route):
        last = index == len(route) - 1
        label = f":{s.to}" if s.to else ""
        text += step(s, r if last else "") + (f"({end}{label})" if last else f"({label})")
    return text


def _stated(r: str) -> str:
    return f"all(i IN coalesce({r}.sourceInferred, []) WHERE i)"


def sources(v: str) -> str:
    """Provenance lists (see ``graph.model.SOURCE_KEYS``) as a list of maps; "" → null."""

    def nullable(key: str) -> str:
        return f"CASE {v}.{key}[i] WHEN '' THEN null ELSE {v}.{key}[i] END"

    return (
        f"[i IN range(0, size(coalesce({v}.sourceDocuments, [])) - 1) | "
        f"{{document: {v}.sourceDocuments[i], quote: {v}.sourceQuotes[i], "
        f"asOf: {nullable('sourceAsOf')}, inferred: coalesce({v}.sourceInferred[i], false), "
        f"reasoning: {nullable('sourceReasoning')}}}]"
    )


def _done(builder: Builder, text: str) -> Statement:
    # Built only from code constants and allow-listed names; values are parameters.
    # (mypy treats LiteralString as str; a checker that enforces PEP 675 would need a cast.)
    return text, builder.params


def by_ids(
    label: str, plan: NodePlan, ids: list[str], *, caps: Capabilities = BASELINE
) -> Statement:
    """Nodes of ``label`` with these ids (one row each, key ``node``)."""
    b = Builder(caps)
    n = b.var("n")
    text = (
        f"MATCH ({n}:{label}) WHERE {n}.id IN {b.param(ids)} "
        f"RETURN {b.shape(n, label, plan.shapes[label])} AS node"
    )
    return _done(b, text)


def _seek_all(v: str, ids_param: str) -> str:
    """Entities whose id is in the list, whatever their label (an index seek per label)."""
    return " UNION ".join(
        f"MATCH ({v}:{label}) WHERE {v}.id IN {ids_param} RETURN {v}" for label in ENTITY_LABELS
    )


def any_by_ids(plan: NodePlan, ids: list[str], *, caps: Capabilities = BASELINE) -> Statement:
    """Entities with these ids, whatever their label (one row each, key ``node``)."""
    b = Builder(caps)
    n = b.var("n")
    seeks = _seek_all(n, b.param(ids))
    return _done(b, f"CALL () {{ {seeks} }} RETURN {b.node(n, plan)} AS node")


def between(ids: list[str], limit: int) -> Statement:
    """The relationships whose two ends are both among these entities (a row each, key
    ``step``), at most ``limit``, ordered by start id, type and end id."""
    b = Builder()
    a, z, r = b.var("a"), b.var("z"), b.var("r")
    p = b.param(ids)
    text = (
        f"CALL () {{ {_seek_all(a, p)} }} "
        f"MATCH ({a})-[{r}]->({z}) WHERE {z}.id IN {p} AND NOT {z}:Figure "
        f"WITH {r} ORDER BY startNode({r}).id, type({r}), endNode({r}).id "
        f"LIMIT {b.param(limit)} "
        f"RETURN {_step(r)} AS step"
    )
    return _done(b, text)


def connection(
    label: str,
    plan: NodePlan,
    page: Page,
    conditions: list[Condition],
    sort: Sort = BY_NAME,
    *,
    caps: Capabilities = BASELINE,
) -> Statement:
    """A page of ``label`` nodes (``items``, each with ``__key``) and, if asked, ``total``."""
    b = Builder(caps)
    n = b.var("n")

    def matching() -> str:
        anchors = [c for c in conditions if c.match]
        wheres = [c for c in conditions if c.where]
        clauses = []
        for c in anchors:
            assert c.match is not None
            clauses.append("MATCH " + _fill(c.match, n, b.param(c.value)))
        if not anchors:
            clauses.append(f"MATCH ({n}:{label})")
        if wheres:
            predicates = []
            for c in wheres:
                assert c.where is not None
                predicates.append("(" + _fill(c.where, n, b.param(c.value)) + ")")
            clauses.append("WHERE " + " AND ".join(predicates))
        clauses.append(f"WITH DISTINCT {n}")
        return " ".join(clauses)

    key = _fill(sort.expression, n)
    k = b.var("k")
    direction = "DESC" if sort.descending else "ASC"
    keyset = b.keyset(n, k, sort.descending, page)
    items = (
        f"COLLECT {{ {matching()} WITH {n}, {key} AS {k}{keyset} "
        f"WITH {n}, {k} ORDER BY {k} {direction}, {n}.id ASC LIMIT {b.param(page.first + 1)} "
        f"RETURN {b.shape(n, label, plan.shapes[label], extra=f'__key: {k}')} AS {b.var('x')} }}"
    )
    total = (
        f"size(COLLECT {{ {matching()} RETURN {n}.id AS {b.var('x')} }})" if page.total else "null"
    )
    return _done(b, f"RETURN {items} AS items, {total} AS total")


def search(plan: NodePlan, text: str, first: int, *, caps: Capabilities = BASELINE) -> Statement:
    """Entities whose normalized name, aliases or acronym contain ``text`` (normalized).

    With a full-text index (Neo4j, ``graph.capabilities``) the index finds the
    candidates and orders them by relevance (a whole word before a word's start before a
    word's middle); without it, a scan orders names that start with the text first. Both
    keep exactly the entities whose ``searchText`` contains the text, so both engines
    answer with the same entities.
    """
    b = Builder(caps)
    n = b.var("n")
    t = b.param(text)
    labels = " OR ".join(f"{n}:{label}" for label in plan.shapes)
    if caps.fulltext:
        score = b.var("score")
        return _done(
            b,
            f"CALL db.index.fulltext.queryNodes('entity_search', {b.param(lucene_query(text))}) "
            f"YIELD node AS {n}, score AS {score} "
            f"WHERE ({labels}) AND {n}.searchText CONTAINS {t} "
            f"WITH {n}, {score} ORDER BY {score} DESC, {n}.name, {n}.id LIMIT {b.param(first)} "
            f"RETURN {b.node(n, plan)} AS node",
        )
    return _done(
        b,
        f"MATCH ({n}) WHERE ({labels}) AND {n}.searchText CONTAINS {t} "
        f"WITH {n} ORDER BY CASE WHEN {n}.searchText STARTS WITH {t} THEN 0 ELSE 1 END, "
        f"{n}.name, {n}.id LIMIT {b.param(first)} "
        f"RETURN {b.node(n, plan)} AS node",
    )


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


def figures(plan: NodePlan, subject_id: str | None, *, caps: Capabilities = BASELINE) -> Statement:
    """Figures, all or those describing one entity (its ``subject`` relation, when
    selected, comes with the rest of the projection)."""
    b = Builder(caps)
    f = b.var("f")
    where = ""
    if subject_id is not None:
        where = f" WHERE EXISTS {{ MATCH ({f})-[:DESCRIBES]->({{id: {b.param(subject_id)}}}) }}"
    return _done(
        b,
        f"MATCH ({f}:Figure){where} WITH {f} ORDER BY {f}.label, {f}.asOf, {f}.id "
        f"RETURN {b.shape(f, Label.FIGURE, plan.shapes[Label.FIGURE])} AS node",
    )


def _step(r: str) -> str:
    return (
        f"{{type: type({r}), from: startNode({r}).id, to: endNode({r}).id, sources: {sources(r)}}}"
    )


def partners_of_region(
    partner: NodePlan,
    path_nodes: NodePlan | None,
    region_id: str,
    *,
    with_paths: bool = True,
    caps: Capabilities = BASELINE,
) -> Statement:
    """Partner agencies tied to any place inside a region, with the paths that tie them.

    Routes: an agency based there; a mission located there that works with the
    agency; an officer posted there who belongs to the agency.
    """
    # The model's relation Location.partners: its route to every place inside, then
    # each of its branches from a place to an agency.
    relation = RELATIONS[Label.LOCATION]["partners"]
    b = Builder(caps)
    region, place, agency = b.var("region"), b.var("place"), b.var("agency")
    hier, route, r = b.var("hier"), b.var("route"), b.var("r")
    x, y = b.var("x"), b.var("y")
    anchor = f"MATCH ({region}:Location {{id: {b.param(region_id)}}}) "
    if not with_paths:
        # Only the agencies: no path is built or kept, each agency found once.
        text = (
            f"{anchor}{b.match(relation, region, agency, r)} "
            f"WITH DISTINCT {agency} ORDER BY {agency}.name, {agency}.id "
            f"RETURN {b.node(agency, partner)} AS partner, [] AS paths"
        )
        return _done(b, text)
    nodes_of = "[]"
    if path_nodes is not None:
        nodes_of = f"[{y} IN {x}.nodes | {b.node(y, path_nodes)}]"
    steps_of = f"[{r} IN {x}.rels | {_step(r)}]"
    if caps.nested_maps:
        columns = f"[{x} IN paths | {{nodes: {nodes_of}, relationships: {steps_of}}}] AS paths"
    else:
        # Side by side (the engine returns null for those maps): graph.reads pairs them.
        columns = (
            f"[{x} IN paths | {nodes_of}] AS pathNodes, "
            f"[{x} IN paths | {steps_of}] AS pathRelationships"
        )
    branches = " UNION ".join(
        f"MATCH {route} = {path(place, branch, agency)} RETURN {agency}, {route}"
        for branch in relation.branches
    )
    text = (
        f"{anchor}MATCH {hier} = {path(region, relation.route, place)} "
        f"CALL ({place}) {{ {branches} }} "
        # A path reads from the region down to the place, then on to the agency.
        f"WITH {agency}, nodes({hier}) + tail(nodes({route})) AS ns, "
        f"relationships({hier}) + relationships({route}) AS rs "
        f"WITH {agency}, collect({{nodes: ns, rels: rs}}) AS paths "
        f"ORDER BY {agency}.name, {agency}.id "
        f"RETURN {b.node(agency, partner)} AS partner, {columns}"
    )
    return _done(b, text)


def shortest_path(
    nodes: NodePlan, from_id: str, to_id: str, max_hops: int, *, caps: Capabilities = BASELINE
) -> Statement:
    """The shortest undirected path between two entities, not passing through figures."""
    if not 1 <= max_hops <= 15:
        raise ValueError("max_hops out of range")
    b = Builder(caps)
    a, z, p, x, r = b.var("a"), b.var("z"), b.var("p"), b.var("x"), b.var("r")
    seek_a = _seek(b, a, from_id)
    seek_z = _seek(b, z, to_id)
    text = (
        f"CALL () {{ {seek_a} }} CALL () {{ {seek_z} }} "
        f"MATCH {p} = shortestPath(({a})-[*..{int(max_hops)}]-({z})) "
        f"WHERE none({x} IN nodes({p}) WHERE {x}:Figure) "
        f"RETURN [{x} IN nodes({p}) | {b.node(x, nodes)}] AS nodes, "
        f"[{r} IN relationships({p}) | {_step(r)}] AS relationships"
    )
    return _done(b, text)


def _seek(b: Builder, v: str, entity_id: str) -> str:
    p = b.param(entity_id)
    return " UNION ".join(f"MATCH ({v}:{label} {{id: {p}}}) RETURN {v}" for label in ENTITY_LABELS)


def neighborhood(
    nodes: NodePlan, entity_id: str, depth: int, limit: int, *, caps: Capabilities = BASELINE
) -> Statement:
    """Entities within ``depth`` hops of one entity and the relationships between them."""
    if not 1 <= depth <= 3:
        raise ValueError("depth out of range")
    b = Builder(caps)
    s, p, r, x, m = b.var("s"), b.var("p"), b.var("r"), b.var("x"), b.var("m")
    lim = b.param(limit)
    text = (
        f"CALL () {{ {_seek(b, s, entity_id)} }} "
        f"OPTIONAL MATCH {p} = ({s})-[*1..{int(depth)}]-({m}) "
        f"WHERE none({x} IN nodes({p}) WHERE {x}:Figure) "
        f"WITH {s}, collect({p}) AS found "
        f"WITH {s}, found[..{lim}] AS ps, size(found) > {lim} AS truncated "
        f"UNWIND (CASE ps WHEN [] THEN [null] ELSE ps END) AS {p} "
        f"UNWIND (CASE WHEN {p} IS NULL THEN [null] ELSE relationships({p}) END) AS {r} "
        f"WITH {s}, truncated, collect(DISTINCT {r}) AS rels "
        f"WITH {s}, truncated, rels, reduce(acc = [{s}], {r} IN rels | "
        f"acc + [startNode({r}), endNode({r})]) AS all "
        f"UNWIND all AS {x} WITH {s}, truncated, rels, collect(DISTINCT {x}) AS ns "
        f"RETURN {b.node(s, nodes)} AS center, [{x} IN ns | {b.node(x, nodes)}] AS nodes, "
        f"[{r} IN rels | {_step(r)}] AS relationships, truncated"
    )
    return _done(b, text)
