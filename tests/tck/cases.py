"""The TCK cases: a GraphQL operation (and its variables) in, the statements it sends out.

Every root field of Query and Mutation appears at least once, and so do the selection
features the planner (``resolvers.selection``) handles. Client values are strings the
statements must never contain (``test_tck``): give enum values as literals in the
operation (enum names such as DESC or WITH_PARTNER do reach the text, by design), and
every other value as a string or a variable.

``answers`` are canned rows for the 1st, 2nd… statement (``recording.RecordingDatabase``);
mutations need them to get past their own reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from resolvers.paging import encode_cursor

Row = dict[str, Any]


@dataclass(frozen=True)
class Case:
    name: str
    operation: str
    variables: dict[str, Any] = field(default_factory=dict)
    answers: tuple[list[Row], ...] = ()
    # Client strings that name the model's entity or relationship types (``neighbors``'
    # ``type``, ``relationship``): checked against the model, they reach the text as labels
    # and types, as enum names do.
    names: tuple[str, ...] = ()


SOURCES = "sources { document quote asOf inferred reasoning }"
FIGURES = (
    "figures { id label value unit qualifier asOf sources { document } "
    "subject { __typename ... on Branch { id name } } }"
)
OFFICERS = (
    "officers(first: 3) { totalCount pageInfo { hasNextPage endCursor } "
    "edges { cursor node { id name } } nodes { rank } }"
)
SCALARS = {
    "Branch": "id name acronym kind description aliases",
    "Officer": "id name rank role description aliases",
    "Location": (
        "id name kind grouping description aliases latitude longitude coordinatesSource "
        "coordinatesReasoning"
    ),
    "PartnerAgency": "id name acronym kind description aliases",
    "Mission": (
        "id name acronym status category language armed authorizedDeployments "
        "startDate endDate description aliases"
    ),
}
# Every entity type, as an inline fragment each, on a SearchResult.
ANY_ENTITY = "__typename " + " ".join(f"... on {typename} {{ id name }}" for typename in SCALARS)
STEP = f"type from to {SOURCES}"


def _entity_cases() -> list[Case]:
    """One case per single-entity root field: every property, relation, count and connection."""
    relations = {
        "Branch": (
            "parent { id name } subBranches { id name } missions { id status } "
            f"partners {{ id acronym }} covers {{ id kind }} officerCount missionCount {OFFICERS}"
        ),
        "Officer": (
            "postedTo { id name } branch { id acronym } agencies { id kind } "
            "missions { id name } covers { id name }"
        ),
        "Location": (
            "parent { id name } parents { id } children { id kind } missions { id } "
            f"partners {{ id }} officerCount missionCount partnerCount {OFFICERS}"
        ),
        "PartnerAgency": (
            "basedIn { id name } missions { id } memberOf { id } members { id } "
            "branches { id name } missionCount"
        ),
        "Mission": (
            "locations { id name } partners { id name } managedBy { id name } parent { id } "
            "components { id } predecessor { id name } successor { id name } "
            f"officerCount partnerCount {OFFICERS}"
        ),
    }
    ids = {
        "Branch": "branch-tck-ops",
        "Officer": "lo-tck-bogota",
        "Location": "city-tck-bogota",
        "PartnerAgency": "partner-tck-un",
        "Mission": "mission-tck-mali",
    }
    return [
        Case(
            _kebab(typename),
            f'{{ {_lower(typename)}(id: "{ids[typename]}") '
            f"{{ {SCALARS[typename]} {relations[typename]} {SOURCES} {FIGURES} }} }}",
        )
        for typename in SCALARS
    ]


# Each list field, its filters (a value each) and its orders (a cursor key each).
LISTS: dict[str, tuple[dict[str, str], dict[str, Any]]] = {
    "branches": (
        {"parent": '"branch-tck-parent"', "kind": '"UNIT"', "name": '"Tck Ops"'},
        {"NAME": "Tck Alpha"},
    ),
    "officers": (
        {"branch": '"branch-tck-ops"', "within": '"country-tck-peru"', "name": '"Tck Liaison"'},
        {"NAME": "Tck Officer"},
    ),
    "locations": (
        {"kind": "CITY", "within": '"region-tck-west"', "name": '"Tck Bogotá"'},
        {"NAME": "Tck Lima", "OFFICER_COUNT": 7},
    ),
    "partnerAgencies": (
        {"kind": '"FOREIGN_POLICE"', "basedWithin": '"region-tck-east"', "name": '"Tck Police"'},
        {"NAME": "Tck Agency", "MISSION_COUNT": 3},
    ),
    "missions": (
        {
            "language": '"French"',
            "armed": "true",
            "status": "CLOSED",
            "category": '"UN_MISSION"',
            "within": '"country-tck-mali"',
            "partner": '"partner-tck-un"',
            "name": '"Tck Minusma"',
        },
        {
            "NAME": "Tck Mission",
            "START_DATE": "2004-06",
            "AUTHORIZED_DEPLOYMENTS": 40,
            "OFFICER_COUNT": 12,
            "PARTNER_COUNT": 2,
        },
    ),
}


def _list_cases() -> list[Case]:
    cases = []
    for list_field, (filters, orders) in LISTS.items():
        name = _kebab(list_field)
        cases.append(Case(f"{name}-default", f"{{ {list_field} {{ nodes {{ id name }} }} }}"))
        cases.append(Case(f"{name}-aggregate-count", f"{{ {list_field}Aggregate {{ count }} }}"))
        for key, value in filters.items():
            cases.append(
                Case(
                    f"{name}-filter-{_kebab(key)}",
                    f"{{ {list_field}(filter: {{{key}: {value}}}) "
                    "{ totalCount nodes { id } } }",
                )
            )
        every = ", ".join(f"{key}: {value}" for key, value in filters.items())
        cases.append(
            Case(
                f"{name}-filter-all",
                f"{{ {list_field}(first: 5, filter: {{{every}}}) {{ nodes {{ id name }} }} }}",
            )
        )
        for order, key in orders.items():
            for direction in ("ASC", "DESC"):
                cursor = encode_cursor(f"{order} {direction}", key, "tck-last-seen")
                cases.append(
                    Case(
                        f"{name}-order-{_kebab(order)}-{direction.lower()}",
                        "query($after: String) { "
                        f"{list_field}(first: 10, after: $after, "
                        f"orderBy: {{field: {order}, direction: {direction}}}) "
                        "{ pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }",
                        {"after": cursor},
                    )
                )
    return cases


PAGING = [
    Case(
        "missions-page",
        "query($first: Int, $after: String) { missions(first: $first, after: $after) { "
        "totalCount pageInfo { hasNextPage endCursor } "
        "edges { cursor node { id name } } nodes { status partnerCount } } }",
        {"first": 100, "after": encode_cursor("NAME ASC", "Tck Mission", "mission-tck-mali")},
    ),
    # Only the total: a page of none (one row fetched, to tell whether any follow).
    Case("missions-total-only", "{ missions(first: 0) { totalCount } }"),
]


# Filters composed from the model: AND / OR / NOT, relation filters over some, none or all
# of a relation's targets (nested, and across a relation with branches).
COMPOSED_FILTERS = [
    Case(
        "missions-filter-or-not",
        "query($fr: String, $en: String) { missions(filter: {OR: [{language: $fr}, "
        "{AND: [{language: $en}, {NOT: {armed: true}}]}], NOT: {status: CLOSED}}) "
        "{ nodes { id } } }",
        {"fr": "French", "en": "English"},
    ),
    Case(
        "missions-filter-relations",
        "query($un: ID!, $kind: String) { missions(filter: {partnersSome: {kind: $kind}, "
        "locationsNone: {kind: REGION}, officersAll: {branch: $un}}) "
        "{ nodes { id } totalCount } }",
        {"un": "branch-tck-ops", "kind": "INTERNATIONAL_ORGANIZATION"},
    ),
    Case(
        "locations-filter-partners-some-nested",
        "query($name: String) { locations(filter: {partnersSome: {missionsSome: "
        "{name: $name}}}) { nodes { id } } }",
        {"name": "Tck Minusma"},
    ),
]


# Aggregates: a list's (filtered) and a relation's count, least, greatest and mean.
AGGREGATE_CASES = [
    Case(
        "missions-aggregate",
        "query($fr: String) { missionsAggregate(filter: {language: $fr}) { count "
        "authorizedDeployments { min max avg } startDate { min max } } }",
        {"fr": "French"},
    ),
    Case(
        "location-missions-aggregate",
        "query($id: ID!) { location(id: $id) { missionsAggregate { count "
        "authorizedDeployments { avg } endDate { max } } officersAggregate { count } } }",
        {"id": "country-tck-mali"},
    ),
]


OTHER_ROOTS = [
    Case(
        "entities",
        f"query($ids: [ID!]!) {{ entities(ids: $ids) {{ {ANY_ENTITY} }} }}",
        {"ids": ["branch-tck-ops", "mission-tck-mali", "nobody-tck"]},
    ),
    # No ids, no statement.
    Case("entities-none", "{ entities(ids: []) { __typename } }"),
    # Relay's global objects: any entity by id, as the Node interface.
    Case(
        "node",
        "query($id: ID!) { node(id: $id) { __typename id ... on Mission { name status } "
        "... on Node { id } } }",
        {"id": "mission-tck-mali"},
    ),
    Case(
        "nodes",
        "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Branch { acronym } "
        "...on Location { kind } } }",
        {"ids": ["branch-tck-ops", "city-tck-bogota", "nobody-tck"]},
    ),
    Case(
        "relationships",
        f"query($ids: [ID!]!) {{ relationships(ids: $ids) {{ {STEP} }} }}",
        # The repeated id is sent once.
        {"ids": ["mission-tck-mali", "partner-tck-un", "mission-tck-mali"]},
    ),
    Case("relationships-none", "{ relationships(ids: []) { type } }"),
    Case(
        "search",
        'query { search(text: "Tck Bogotá", first: 7) { ' + ANY_ENTITY + " } }",
    ),
    Case("search-default-first", 'query { search(text: "Tck Colombia") { __typename } }'),
    Case(
        "search-hostile-text",
        "query($text: String!) { search(text: $text) { __typename } }",
        {"text": "Tck'}) DETACH DELETE n // `x` AND OR NOT*"},
    ),
    Case(
        "figures",
        f"{{ figures {{ id label value unit qualifier asOf {SOURCES} "
        f"subject {{ {ANY_ENTITY} ... on Mission {{ status officerCount }} }} }} }}",
    ),
    Case(
        "figures-of-subject",
        'query { figures(subjectId: "mission-tck-mali") { label value } }',
    ),
    Case(
        "figures-by-label",
        'query { figures(text: "deploy") { label value subject { __typename } } }',
    ),
    # Deprecated claims asked for: no rank test.
    Case(
        "figures-with-deprecated",
        'query { figures(subjectId: "mission-tck-mali", includeDeprecated: true) '
        "{ label rank rankReason } }",
    ),
    Case("documents-names-only", "{ documents { id title catalogued } }"),
    Case(
        "documents-counted",
        'query { documents(first: 2, after: "000_tck.txt") { id date '
        "supports { entityCount relationshipCount figureCount } wouldOrphan { entityCount } } }",
    ),
    Case(
        "document",
        'query { document(id: "001_tck_policing.txt") { id title publisher date '
        "supports { entityCount relationshipCount figureCount "
        "entities { ... on Mission { id name } } relationships { type from to } "
        "figures { id value } } wouldOrphan { entityCount figureCount relationshipCount } } }",
    ),
    Case(
        "search-evidence",
        "query($text: String!) { searchEvidence(text: $text, first: 5) { document title quote "
        f"entities {{ {ANY_ENTITY} }} relationships {{ type from to }} "
        "figures { id label } } }",
        {"text": "Tck liaison'}) DETACH DELETE n //"},
    ),
    Case(
        "disagreements",
        "{ disagreements { subject { ... on Branch { id name } } measure "
        f"claims {{ id value qualifier asOf rank {SOURCES} }} "
        "spread { low high difference } } }",
    ),
    Case(
        "disagreements-of-subject-and-measure",
        'query { disagreements(subjectId: "branch-tck-ops", measure: "tck-personnel", '
        "includeDeprecated: true) { measure claims { value rank } } }",
    ),
    Case(
        "partners-connected-to-region",
        'query { partnersConnectedToRegion(regionId: "region-tck-west") { '
        "partner { id name basedIn { id } } "
        f"paths {{ nodes {{ {ANY_ENTITY} }} relationships {{ {STEP} }} }} }} }}",
    ),
    # No paths asked for: none traced.
    Case(
        "partners-connected-to-region-no-paths",
        'query { partnersConnectedToRegion(regionId: "region-tck-west") { partner { name } } }',
    ),
    # A fragment on the union, spread on a field of one entity type (the explorer's).
    Case(
        "region-partners-union-fragment",
        'query { partnersConnectedToRegion(regionId: "region-tck-west") { partner { ...E } } } '
        "fragment E on SearchResult { __typename ... on PartnerAgency { id name } "
        "... on Location { id kind } }",
    ),
    Case(
        "partners-connected-to-region-steps-only",
        'query { partnersConnectedToRegion(regionId: "region-tck-west") { '
        "partner { id } paths { relationships { type } } } }",
    ),
    Case(
        "shortest-path",
        'query { shortestPath(fromId: "lo-tck-bogota", toId: "partner-tck-un", maxHops: 4) '
        f"{{ nodes {{ {ANY_ENTITY} }} relationships {{ {STEP} }} }} }}",
    ),
    Case(
        "shortest-path-default-hops",
        'query { shortestPath(fromId: "lo-tck-bogota", toId: "partner-tck-un") '
        "{ relationships { type } } }",
    ),
    # From an entity to itself: the entity alone, read by id.
    Case(
        "shortest-path-same-ends",
        'query { shortestPath(fromId: "lo-tck-bogota", toId: "lo-tck-bogota") '
        "{ nodes { __typename ... on Officer { name } } relationships { type } } }",
    ),
    Case(
        "neighborhood",
        'query { neighborhood(id: "city-tck-bogota") { center { __typename } '
        "nodes { __typename } edges { type from to } truncated } }",
    ),
    # center and nodes share one projection, merged.
    Case(
        "neighborhood-depth-3",
        'query { neighborhood(id: "city-tck-bogota", depth: 3) { '
        "center { ... on Location { kind officerCount } } "
        f"nodes {{ {ANY_ENTITY} }} edges {{ {STEP} }} truncated }} }}",
    ),
    # A hub's neighbours counted by group; then paged, all of them or one group.
    Case(
        "neighbor-groups",
        'query { neighborGroups(id: "branch-tck-ops") { type relationship direction count } }',
    ),
    Case(
        "neighbor-groups-scoped",
        'query($date: Date) { neighborGroups(id: "branch-tck-ops", asOf: $date, '
        "evidence: {excludeInferred: true}) { type relationship direction count } }",
        {"date": "2010-06"},
    ),
    Case(
        "neighbors",
        'query { neighbors(id: "branch-tck-ops") { totalCount hasNextPage endCursor '
        f"nodes {{ {ANY_ENTITY} }} edges {{ {STEP} role since until note undated }} }} }}",
    ),
    # One group, after a cursor, as of a date: only its type's projection; no total asked.
    Case(
        "neighbors-group-after",
        "query($type: String, $rel: String, $after: String, $date: Date) { "
        'neighbors(id: "branch-tck-ops", type: $type, relationship: $rel, direction: IN, '
        "first: 50, after: $after, asOf: $date, evidence: {minDocuments: 2}) { hasNextPage "
        "nodes { ... on Officer { name rank postedTo { id } } ... on Mission { status } } "
        "edges { type from to } } }",
        {
            "type": "Officer",
            "rel": "MEMBER_OF",
            "after": encode_cursor("NAME", "Tck Officer", "lo-tck-bogota"),
            "date": "2019",
        },
        names=("Officer", "MEMBER_OF"),
    ),
    # Under two aliases each gets its own selection; under one key twice, they merge.
    Case(
        "federation-entities-aliases",
        "query($reps: [_Any!]!) { a: _entities(representations: $reps) { "
        "... on Mission { name } } b: _entities(representations: $reps) { "
        "... on Mission { status } } a: _entities(representations: $reps) { "
        "... on Mission { acronym } } }",
        {"reps": [{"__typename": "Mission", "id": "mission-tck-mali"}]},
    ),
    Case(
        "federation-entities",
        "query($reps: [_Any!]!) { _entities(representations: $reps) { "
        "... on Branch { name officerCount } ... on Mission { status partners { id } } "
        "... on Location { kind } ... on Officer { rank } ... on PartnerAgency { acronym } } }",
        {
            "reps": [
                {"__typename": "Branch", "id": "branch-tck-ops"},
                {"__typename": "Mission", "id": "mission-tck-mali"},
                {"__typename": "Branch", "id": "branch-tck-unit"},
                {"__typename": "Location", "id": "city-tck-bogota"},
                {"__typename": "Officer", "id": "lo-tck-bogota"},
                {"__typename": "PartnerAgency", "id": "partner-tck-un"},
            ]
        },
    ),
]


SELECTIONS = [
    Case("entity-id-only", "query($id: ID!) { branch(id: $id) { id } }", {"id": "branch-tck-ops"}),
    Case("entity-typename-only", '{ officer(id: "lo-tck-bogota") { __typename } }'),
    # Two root fields: a statement each.
    Case(
        "root-aliases",
        '{ ops: branch(id: "branch-tck-ops") { id } unit: branch(id: "branch-tck-unit") { name } }',
    ),
    # One relation under several aliases: one projection answering all of them.
    Case(
        "aliases-same-relation",
        '{ location(id: "city-tck-bogota") { a: children { id name } b: children { kind '
        "children { id } } children { aliases } parent { id } up: parent { name } "
        "figures { value } more: figures { label } } }",
    ),
    # A connection under two aliases: each its own page, keyed by its alias.
    Case(
        "aliases-connection",
        '{ location(id: "city-tck-bogota") { few: officers(first: 1) { nodes { id } } '
        "many: officers(first: 50) { totalCount nodes { name } } } }",
    ),
    Case(
        "nested-connection-default",
        '{ branch(id: "branch-tck-ops") { officers { nodes { id } } } }',
    ),
    Case(
        "nested-connection-after",
        'query($after: String) { mission(id: "mission-tck-mali") { '
        "officers(first: 2, after: $after) { edges { cursor node { name } } } } }",
        {"after": encode_cursor("NAME", "Tck Officer", "lo-tck-bogota")},
    ),
    Case(
        "nested-connection-literal-after",
        '{ branch(id: "branch-tck-ops") { officers(first: 4, after: "'
        + encode_cursor("NAME", "Tck Literal", "lo-tck-lima")
        + '") { totalCount } } }',
    ),
    Case(
        "deep-nesting",
        '{ mission(id: "mission-tck-mali") { partners { name missions { name '
        "locations { name parent { name parent { id } } } } } managedBy { parent { name } } } }",
    ),
    Case(
        "named-fragments",
        'query { mission(id: "mission-tck-mali") { ...MissionParts partners { ...Agency } } '
        'search(text: "Tck Police") { ...Agency ...Place } } '
        "fragment MissionParts on Mission { name ...Dates components { ...Dates } } "
        "fragment Dates on Mission { startDate endDate } "
        "fragment Agency on PartnerAgency { id acronym } "
        "fragment Place on Location { id kind }",
    ),
    Case(
        "inline-fragments",
        '{ mission(id: "mission-tck-mali") { ... on Mission { name } ... { acronym } '
        "locations { ... on Location { kind } } } "
        'entities(ids: ["mission-tck-mali"]) { ... on Mission { status } '
        "... on Location { grouping } } }",
    ),
    Case(
        "skip-include",
        'query($yes: Boolean!, $no: Boolean!) { mission(id: "mission-tck-mali") { '
        "name acronym @skip(if: $yes) status @include(if: $yes) category @include(if: $no) "
        "language @skip(if: true) partners @include(if: $no) { id } "
        "locations @skip(if: $no) { id } ... @include(if: $no) { armed } "
        "...Counts @skip(if: $yes) ...Dates @include(if: $yes) } } "
        "fragment Counts on Mission { officerCount } "
        "fragment Dates on Mission { startDate }",
        {"yes": True, "no": False},
    ),
    # One root field selected twice under one response key (GraphQL merges the selections):
    # one statement projecting both.
    Case(
        "root-field-twice-fragment",
        '{ mission(id: "mission-tck-mali") { name } ...Q } '
        'fragment Q on Query { mission(id: "mission-tck-mali") { status } }',
    ),
    Case(
        "root-list-twice-inline-fragment",
        "{ missions(first: 2) { nodes { name } } "
        "... on Query { missions(first: 2) { totalCount nodes { status } } } }",
    ),
    # A nested connection twice under one response key: one page, both selections.
    Case(
        "connection-twice-one-key",
        '{ location(id: "city-tck-bogota") { officers(first: 2) { nodes { name } } '
        "...Officers } } fragment Officers on Location { officers(first: 2) { totalCount } }",
    ),
    # A connection inside aliases of the relation holding it: the longer page answers both.
    Case(
        "connection-inside-relation-aliases",
        '{ location(id: "city-tck-bogota") { up: parent { officers(first: 1) { nodes { name } } } '
        "parent { officers(first: 3) { totalCount nodes { rank } } } } }",
    ),
    # `direct` narrows a place's relations to what is tied to it itself; aliases with and
    # without it are two projections, each under its response key.
    Case(
        "location-direct",
        'query($direct: Boolean!) { location(id: "city-tck-bogota") { here: missions(direct: '
        "true) { id } missions { name } officers(first: 2, direct: $direct) { totalCount "
        "nodes { id } } } }",
        {"direct": True},
    ),
    # A relation's edges with what ties each item: the last step's relationships,
    # projected only when an edge asks for them (the alias without does not).
    Case(
        "connection-edge-ties",
        '{ mission(id: "mission-tck-mali") { officers(first: 2) { edges { role since until '
        "note relationships { type from to role sources { document } } node { id } } } "
        "plain: officers(first: 2) { edges { node { id } } } } "
        'location(id: "city-tck-bogota") { officers(first: 1) { edges { role } } } }',
    ),
    # The graph as of a date: the listed entities whose span takes it in, and every route
    # followed (relations, counts, a page's total and ties) only along what held then.
    Case(
        "as-of-list",
        "query($date: Date!) { missions(first: 5, asOf: $date) { totalCount nodes { name "
        "locations { id } officerCount partnersAggregate { count } } } "
        'filtered: missions(first: 5, asOf: $date, filter: {within: "region-tck", '
        'partnersSome: {name: "Tck"}}, orderBy: {field: OFFICER_COUNT, direction: DESC}) '
        "{ nodes { id } } }",
        {"date": "2010-06"},
    ),
    Case(
        "as-of-entity",
        'query($date: Date) { location(id: "city-tck-bogota", asOf: $date) { name parent { id } '
        "missions { id } officers(first: 2) { totalCount edges { role node { id } } } } }",
        {"date": "2004"},
    ),
    Case(
        "as-of-paths",
        'query($date: Date) { partnersConnectedToRegion(regionId: "region-tck", asOf: $date) '
        "{ partner { id } paths { relationships { type since } } } "
        'shortestPath(fromId: "mission-tck-mali", toId: "city-tck-bogota", asOf: $date) '
        "{ relationships { type } } "
        'neighborhood(id: "mission-tck-mali", asOf: $date) { edges { type } } }',
        {"date": "2019-04"},
    ),
    # An evidence scope: only facts enough documents support through sources that count.
    Case(
        "evidence-scope",
        "query($docs: [String!]) { missions(first: 5, evidence: {documents: $docs, "
        "excludeInferred: true, minDocuments: 2}) { nodes { id partners { id } } } "
        'location(id: "city-tck-bogota", asOf: "2010", evidence: {excludeInferred: true}) '
        "{ parent { id } } }",
        {"docs": ["tck-a.pdf", "tck-b.pdf"]},
    ),
    # A timeline: each entity's own span and its dated relationships, in the stretch asked.
    Case(
        "timeline",
        'query($from: Date, $to: Date) { timeline(ids: ["mission-tck-mali", "city-tck-bogota"], '
        "from: $from, to: $to) { date kind entity { __typename ... on Mission { name } } "
        "relationship { type from to since until } } }",
        {"from": "2004", "to": "2019-10"},
    ),
    # A relation to any entity (a figure's subject) under aliases: merged label by label.
    Case(
        "figures-subject-aliases",
        '{ branch(id: "branch-tck-ops") { figures { subject { ... on Branch { name } } } '
        "more: figures { value subject { __typename ... on Mission { status } "
        "... on Branch { acronym } } } } }",
    ),
]


# -- mutations ---------------------------------------------------------------------------

SOURCE = {
    "document": "tck-memo.pdf",
    "quote": "Quoted for the tck suite.",
    "asOf": "2024-05-01",
    "inferred": True,
    "reasoning": "Inferred for the tck suite.",
}
PATCH_SOURCE = {"document": "tck-update.pdf", "quote": "Updated for the tck suite."}
INPUTS: dict[str, dict[str, Any]] = {
    "Branch": {
        "id": "branch-tck-new",
        "name": "Tck Liaison Unit",
        "kind": "UNIT",
        "acronym": "TLU",
        "description": "A unit made up for the tck suite.",
        "aliases": ["Tck Unit Alias"],
    },
    "Officer": {
        "id": "lo-tck-new",
        "name": "Tck Liaison Officer",
        "rank": "Tck Sergeant",
        "role": "Tck liaison role",
        "description": "An officer made up for the tck suite.",
        "aliases": ["Tck Officer Alias"],
    },
    "Location": {
        "id": "region-tck-new",
        "name": "Tck Region",
        "kind": "REGION",
        "grouping": "LO_REGION",
        "description": "A region made up for the tck suite.",
        "aliases": ["Tck Region Alias"],
    },
    "PartnerAgency": {
        "id": "partner-tck-new",
        "name": "Tck Police Service",
        "kind": "FOREIGN_POLICE",
        "acronym": "TPSX",
        "description": "An agency made up for the tck suite.",
        "aliases": ["Tck Agency Alias"],
    },
    "Mission": {
        "id": "mission-tck-new",
        "name": "Tck Mission",
        "status": "ACTIVE",
        "category": "UN_MISSION",
        "acronym": "MTCK",
        "language": "French",
        "armed": True,
        "authorizedDeployments": 40,
        "startDate": "2019-03",
        "endDate": "2024",
        "description": "A mission made up for the tck suite.",
        "aliases": ["Tck Mission Alias"],
    },
}
STORED_SOURCES = {
    "sourceDocuments": ["tck-seed.yaml"],
    "sourceQuotes": ["Stored for the tck suite."],
    "sourceAsOf": [""],
    "sourceInferred": [False],
    "sourceReasoning": [""],
}


def _stored(typename: str) -> list[Row]:
    """What ``graph.writes`` reads back for an existing entity."""
    props = {**INPUTS[typename], "name": "Tck Stored Name", **STORED_SOURCES}
    return [{"props": props}]


def _served(typename: str) -> list[Row]:
    """The entity read after the write, as the selection ``{ id name }`` wants it."""
    values = INPUTS[typename]
    return [{"node": {"__typename": typename, "id": values["id"], "name": values["name"]}}]


def _mutation_cases() -> list[Case]:
    cases = []
    for typename, values in INPUTS.items():
        name, entity_id = _kebab(typename), values["id"]
        full = {**values, "sources": [SOURCE]}
        # Optional fields left out are kept; null removes one.
        patch = {"name": "Tck Renamed", "description": None, "sources": [PATCH_SOURCE]}
        write = (
            f"mutation($input: {typename}Input!) {{ %s{typename}(input: $input) {{ id name }} }}"
        )
        cases += [
            Case(
                f"create-{name}",
                write % "create",
                {"input": full},
                ([], [], _served(typename)),  # no entity has the id yet
            ),
            Case(
                f"update-{name}",
                f"mutation($id: ID!, $input: {typename}Patch!) "
                f"{{ update{typename}(id: $id, input: $input) {{ id name }} }}",
                {"id": entity_id, "input": patch},
                (_stored(typename), [], _served(typename)),
            ),
            Case(
                f"upsert-{name}-new",
                write % "upsert",
                {"input": full},
                ([], [], _served(typename)),
            ),
            Case(
                f"upsert-{name}-existing",
                write % "upsert",
                {"input": full},
                (_stored(typename), [], _served(typename)),
            ),
            Case(
                f"delete-{name}",
                f"mutation($id: ID!) {{ delete{typename}(id: $id) "
                f"{{ id relationships {{ {STEP} }} }} }}",
                {"id": entity_id},
                (
                    _stored(typename),
                    [
                        {
                            "type": "PART_OF",
                            "from": entity_id,
                            "to": "tck-other",
                            "fromLabel": typename,
                            "toLabel": typename,
                            "props": {},
                        }
                    ],
                    [],
                ),
            ),
        ]
    figure = {"label": "Tck figure", "measure": "tck-personnel", "value": 37.0, **STORED_SOURCES}
    cases.append(
        Case(
            "rank-figure",
            "mutation($id: ID!) { rankFigure(id: $id, rank: DEPRECATED, "
            'reason: "Tck superseded by the 2020 count") { id rank rankReason } }',
            {"id": "fig-tck-count"},
            (
                [{"props": figure}],
                [],
                [
                    {
                        "node": {
                            "__typename": "Figure",
                            "id": "fig-tck-count",
                            "rank": "DEPRECATED",
                            "rankReason": "Tck superseded by the 2020 count",
                        }
                    }
                ],
            ),
        )
    )
    ends = {"from": "mission-tck-mali", "to": "partner-tck-un"}
    labels = ([{"label": "Mission"}], [{"label": "PartnerAgency"}])
    cases += [
        Case(
            "link",
            "mutation($from: ID!, $to: ID!, $sources: [SourceInput!]!) { link(input: "
            '{type: WITH_PARTNER, from: $from, to: $to, role: "Tck partner role", '
            'since: "2013-07", note: "Tck note", sources: $sources}) { created } }',
            {**ends, "sources": [SOURCE]},
            (*labels, [], []),  # not linked yet
        ),
        Case(
            "link-existing",
            "mutation($from: ID!, $to: ID!, $sources: [SourceInput!]!) { link(input: "
            "{type: WITH_PARTNER, from: $from, to: $to, sources: $sources}) { created } }",
            {**ends, "sources": [PATCH_SOURCE]},
            (*labels, [{"props": STORED_SOURCES}], []),
        ),
        Case(
            "unlink",
            "mutation($from: ID!, $to: ID!) "
            "{ unlink(type: WITH_PARTNER, fromId: $from, toId: $to) }",
            ends,
            (*labels, [{"props": STORED_SOURCES}], []),
        ),
    ]
    return cases


def _lower(name: str) -> str:
    return name[0].lower() + name[1:]


def _kebab(name: str) -> str:
    """``partnerAgencies`` → ``partner-agencies``, ``START_DATE`` → ``start-date``."""
    if name.isupper():
        return name.lower().replace("_", "-")
    return "".join(f"-{ch.lower()}" if ch.isupper() else ch for ch in name).lstrip("-")


# The edit history (``graph.history``): an entity's changes, all changes, and reverts.
CHANGE_FIELDS = (
    "id at by action entityId entityType relationship { type from to } "
    f"properties {{ name before after }} {SOURCES} sourcesBefore {{ document quote }} "
    "relationships { type from to } revertOf"
)
AT = "2026-01-02T03:04:05.006Z"


def _change(seq: int, **props: Any) -> list[Row]:
    """A ``Change`` node as ``graph.history`` reads it back."""
    return [{"change": {"seq": seq, "at": AT, "by": "tck-editor", "sources": "[]", **props}}]


BRANCH_RENAMED = _change(
    4096,
    action="UPDATED",
    label="Branch",
    entity="branch-tck-new",
    before='{"name":"Tck Old Name"}',
    after='{"name":"Tck Stored Name"}',
)
PARTNER_LINKED = _change(
    4097,
    action="CREATED",
    relType="WITH_PARTNER",
    fromId="mission-tck-new",
    toId="partner-tck-new",
    after='{"role":"Tck partner role"}',
)
HISTORY_CASES = [
    Case(
        "history",
        f"query($id: ID!, $after: String) {{ history(id: $id, first: 5, after: $after) "
        f"{{ edges {{ cursor node {{ {CHANGE_FIELDS} }} }} "
        "pageInfo { hasNextPage endCursor } } }",
        {"id": "branch-tck-new", "after": encode_cursor("CHANGE", 5000, "5000")},
        (BRANCH_RENAMED,),
    ),
    Case(
        "changes",
        "query($after: String) { changes(after: $after, first: 2) "
        "{ nodes { id action entityId relationship { type from to } } "
        "pageInfo { hasNextPage endCursor } } }",
        {"after": encode_cursor("CHANGE", 4000, "4000")},
        (BRANCH_RENAMED + PARTNER_LINKED,),
    ),
    Case(
        "revert-update",
        f"mutation($change: ID!) {{ revert(changeId: $change) {{ {CHANGE_FIELDS} }} }}",
        {"change": "4096"},
        (BRANCH_RENAMED, [{"label": "Branch", "props": _stored("Branch")[0]["props"]}], []),
    ),
    Case(
        "revert-link",
        "mutation($change: ID!) { revert(changeId: $change) { id action revertOf } }",
        {"change": "4097"},
        (
            PARTNER_LINKED,
            [{"label": "Mission"}],
            [{"label": "PartnerAgency"}],
            [{"props": {"role": "Tck partner role"}}],
            [],
        ),
    ),
    Case(
        "revert-delete",
        "mutation($change: ID!) { revert(changeId: $change) "
        "{ id action entityId relationships { type from to } } }",
        {"change": "4098"},
        (
            _change(
                4098,
                action="DELETED",
                label="Branch",
                entity="branch-tck-new",
                before='{"id":"branch-tck-new","kind":"UNIT","name":"Tck Stored Name"}',
                relationships='[{"type":"PART_OF","from":"branch-tck-new",'
                '"to":"branch-tck-other","props":{"note":"Tck note"}}]',
            ),
            [],  # the id is free: registered again
            [],  # created
            [{"label": "Branch"}],  # the relationship's ends, locked in id order
            [{"label": "Branch"}],
            [{"version": 1}],  # the PART_OF lock
            [],  # no cycle
            [],  # the relationship back
        ),
    ),
]

CASES: list[Case] = [
    *_entity_cases(),
    *_list_cases(),
    *PAGING,
    *COMPOSED_FILTERS,
    *AGGREGATE_CASES,
    *OTHER_ROOTS,
    *SELECTIONS,
    *_mutation_cases(),
    *HISTORY_CASES,
]
