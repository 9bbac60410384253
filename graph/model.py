"""The graph model: the only labels and relationship types Cypher may name, and the
properties of each label with the rules their values follow (``PROPERTIES``).

The rules are declared here once; ``graph.rules`` turns them into validators that the
seed files (``seed.schema``) and editors' mutations (``resolvers.mutations``) share, and
``graph.catalog`` reads the property names from here.

Labels and relationship types are interpolated into Cypher text in a few places
(labels cannot be parameters); they always come from these enums, never from a
client's text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Label(StrEnum):
    BRANCH = "Branch"
    OFFICER = "Officer"
    LOCATION = "Location"
    PARTNER_AGENCY = "PartnerAgency"
    MISSION = "Mission"
    FIGURE = "Figure"
    # A source document's catalogue entry (its title, publisher), under the name sources
    # cite it by; what it supports is read from the sources themselves.
    DOCUMENT = "Document"
    # Not entities: the registry that keeps one id space across every label (a node per
    # id, ``graph.writes``), and the lock PART_OF writes take in turn.
    ENTITY_ID = "EntityId"
    WRITE_LOCK = "WriteLock"
    # The edit history (``graph.history``): one node per recorded change, and the one
    # counter that numbers them.
    CHANGE = "Change"
    CHANGE_LOG = "ChangeLog"


class RelType(StrEnum):
    PART_OF = "PART_OF"
    POSTED_TO = "POSTED_TO"
    MEMBER_OF = "MEMBER_OF"
    SERVES_ON = "SERVES_ON"
    COVERS = "COVERS"
    LOCATED_IN = "LOCATED_IN"
    WITH_PARTNER = "WITH_PARTNER"
    MANAGED_BY = "MANAGED_BY"
    BASED_IN = "BASED_IN"
    WORKS_WITH = "WORKS_WITH"
    SUCCEEDED_BY = "SUCCEEDED_BY"
    DESCRIBES = "DESCRIBES"


B, O, L, P, M = (  # noqa: E741 - short names keep the table below readable
    Label.BRANCH,
    Label.OFFICER,
    Label.LOCATION,
    Label.PARTNER_AGENCY,
    Label.MISSION,
)

# Which (from, to) label pairs each relationship type may join. DESCRIBES
# (Figure → anything) is written from figures, not from relationship entries.
REL_ENDPOINTS: dict[RelType, frozenset[tuple[Label, Label]]] = {
    RelType.PART_OF: frozenset({(B, B), (L, L), (M, M), (P, P)}),
    RelType.POSTED_TO: frozenset({(O, L)}),
    RelType.MEMBER_OF: frozenset({(O, B), (O, P), (B, P), (P, P)}),
    RelType.SERVES_ON: frozenset({(O, M)}),
    RelType.COVERS: frozenset({(O, L), (B, L)}),
    RelType.LOCATED_IN: frozenset({(M, L), (B, L)}),
    RelType.WITH_PARTNER: frozenset({(M, P)}),
    RelType.MANAGED_BY: frozenset({(M, B)}),
    RelType.BASED_IN: frozenset({(P, L)}),
    RelType.WORKS_WITH: frozenset({(B, P), (P, P)}),
    RelType.SUCCEEDED_BY: frozenset({(M, M)}),
}


class LocationKind(StrEnum):
    REGION = "REGION"
    COUNTRY = "COUNTRY"
    TERRITORY = "TERRITORY"
    CITY = "CITY"
    SITE = "SITE"


class BranchKind(StrEnum):
    ORGANIZATION = "ORGANIZATION"
    SECTOR = "SECTOR"
    BRANCH = "BRANCH"
    UNIT = "UNIT"
    PROGRAM = "PROGRAM"


class AgencyKind(StrEnum):
    INTERNATIONAL_ORGANIZATION = "INTERNATIONAL_ORGANIZATION"
    INTERNATIONAL_COURT = "INTERNATIONAL_COURT"
    FOREIGN_POLICE = "FOREIGN_POLICE"
    FOREIGN_GOVERNMENT = "FOREIGN_GOVERNMENT"
    CANADIAN_DEPARTMENT = "CANADIAN_DEPARTMENT"
    CANADIAN_POLICE = "CANADIAN_POLICE"
    PROGRAM = "PROGRAM"
    PARTNERSHIP = "PARTNERSHIP"


class MissionStatus(StrEnum):
    ACTIVE = "ACTIVE"
    UNDER_REVIEW = "UNDER_REVIEW"
    CLOSED = "CLOSED"


class LocationGrouping(StrEnum):
    """For regions: an RCMP liaison-officer region, a continental grouping of the
    liaison-officer list, or an operations grouping."""

    LO_REGION = "LO_REGION"
    CONTINENTAL = "CONTINENTAL"
    OPERATIONS = "OPERATIONS"


class MissionCategory(StrEnum):
    PEACE_OPERATION = "PEACE_OPERATION"
    UN_MISSION = "UN_MISSION"
    EU_MISSION = "EU_MISSION"
    BILATERAL_ENGAGEMENT = "BILATERAL_ENGAGEMENT"
    SPECIALIZED_POSTING = "SPECIALIZED_POSTING"
    TRAINING_PROGRAM = "TRAINING_PROGRAM"
    ADVISORY_TEAM = "ADVISORY_TEAM"


class Language(StrEnum):
    """A mission's working language, as the documents name it."""

    ENGLISH = "English"
    FRENCH = "French"


class FigureQualifier(StrEnum):
    """How a figure relates to its value: "more than 2,500" is 2500, "more than"."""

    EXACTLY = "exactly"
    MORE_THAN = "more than"
    UP_TO = "up to"
    ABOUT = "about"
    HUNDREDS = "hundreds"


class ClaimRank(StrEnum):
    """How editors weigh a figure against others of the same measure and subject: reads
    put preferred claims first and leave deprecated ones out unless asked."""

    PREFERRED = "PREFERRED"
    NORMAL = "NORMAL"
    DEPRECATED = "DEPRECATED"


class ValueKind(StrEnum):
    TEXT = "text"  # trimmed, not empty, no control characters but tab and newline
    TEXTS = "texts"  # a list of TEXT
    DATE = "date"  # as precise as the document: YYYY, YYYY-MM or YYYY-MM-DD, a real date
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    CHOICE = "choice"  # one of ``choices``


# What an aggregate field offers over a relation's targets, per kind of property: the
# least, greatest and mean of numbers; the earliest and latest of dates.
AGGREGATES: dict[ValueKind, tuple[str, ...]] = {
    ValueKind.INT: ("min", "max", "avg"),
    ValueKind.FLOAT: ("min", "max", "avg"),
    ValueKind.DATE: ("min", "max"),
}


@dataclass(frozen=True)
class Property:
    """One property of a label, and the rule its value follows."""

    name: str
    kind: ValueKind = ValueKind.TEXT
    required: bool = False
    max_length: int = 2000  # TEXT, and each item of TEXTS
    choices: type[StrEnum] | None = None
    minimum: int | None = None
    maximum: int | None = None
    # What a seed entry that leaves the property out gets (None: nothing stored).
    default: str | None = None
    description: str | None = None
    # Lists of this type can be filtered by equality on it / ordered by it.
    filterable: bool = False
    sortable: bool = False


def _text(
    name: str, max_length: int = 2000, *, required: bool = False, description: str | None = None
) -> Property:
    return Property(name, ValueKind.TEXT, required, max_length, description=description)


def _choice(
    name: str,
    choices: type[StrEnum],
    *,
    required: bool = False,
    description: str | None = None,
    filterable: bool = True,
) -> Property:
    return Property(
        name,
        ValueKind.CHOICE,
        required,
        choices=choices,
        description=description,
        filterable=filterable,
    )


def _date(name: str, *, sortable: bool = False, description: str | None = None) -> Property:
    return Property(name, ValueKind.DATE, sortable=sortable, description=description)


# Every entity has these (its id and sources are structural, not properties).
_COMMON = (
    _text("name", 200, required=True),
    Property("aliases", ValueKind.TEXTS, max_length=200),
    _text("description"),
)

# A figure's measure, and the reason given for its rank: named, as arguments follow them.
MEASURE = _text(
    "measure",
    80,
    required=True,
    description="What is counted, as a key: figures of one measure about one subject are "
    "claims of the same quantity (`disagreements` compares them).",
)
RANK = Property(
    "rank",
    ValueKind.CHOICE,
    choices=ClaimRank,
    default=ClaimRank.NORMAL.value,
    description="How editors weigh this claim against others of its measure.",
)
RANK_REASON = _text("rankReason", 2000, description="Why an editor ranked it so.")

PROPERTIES: dict[str, tuple[Property, ...]] = {
    Label.BRANCH: (*_COMMON, _text("acronym", 40), _choice("kind", BranchKind, required=True)),
    Label.OFFICER: (*_COMMON, _text("rank", 80), _text("role", 200)),
    Label.LOCATION: (
        *_COMMON,
        _choice("kind", LocationKind, required=True),
        _choice(
            "grouping",
            LocationGrouping,
            description="For regions:",
            filterable=False,
        ),
        # For a map. The documents give none: the seed's are inferred when seeding
        # (seed/coordinates.py), and say where from in the two properties after them.
        Property(
            "latitude",
            ValueKind.FLOAT,
            minimum=-90,
            maximum=90,
            description="Degrees north (WGS 84), inferred (see `coordinatesSource`); a "
            "country's are its capital's. Null where none is known: regions, a site in no "
            "city, a place GeoNames does not know.",
        ),
        Property(
            "longitude",
            ValueKind.FLOAT,
            minimum=-180,
            maximum=180,
            description="Degrees east (WGS 84), as `latitude`.",
        ),
        _text(
            "coordinatesSource",
            200,
            description="Where `latitude` and `longitude` come from: for the seed's places, "
            "the GeoNames data of the package named, at the version named, read when seeding "
            "(not one of the documents: it counts towards no evidence scope).",
        ),
        _text(
            "coordinatesReasoning",
            description="How the coordinates were inferred: the GeoNames record and how it "
            "was matched.",
        ),
    ),
    Label.PARTNER_AGENCY: (
        *_COMMON,
        _text("acronym", 40),
        _choice("kind", AgencyKind, required=True),
    ),
    Label.MISSION: (
        *_COMMON,
        _text("acronym", 40),
        _choice("status", MissionStatus, required=True),
        _choice("category", MissionCategory, required=True),
        _choice("language", Language),
        Property("armed", ValueKind.BOOL, filterable=True),
        Property(
            "authorizedDeployments",
            ValueKind.INT,
            minimum=0,
            maximum=100_000,
            description='The "up to N" authorized police deployments.',
            sortable=True,
        ),
        _date("startDate", sortable=True),
        _date("endDate"),
    ),
    Label.FIGURE: (
        _text("label", 200, required=True),
        MEASURE,
        Property("value", ValueKind.FLOAT, required=True),
        _text("unit", 80),
        # A figure without a qualifier is exact.
        Property(
            "qualifier",
            ValueKind.CHOICE,
            choices=FigureQualifier,
            default="exactly",
            description="How the document qualifies the value:",
        ),
        _date("asOf"),
        # Set by editors (``rankFigure``), with the reason; a seed entry may set both.
        RANK,
        RANK_REASON,
    ),
    Label.DOCUMENT: (
        _text("title", 300, required=True, description="The title the document gives itself."),
        _text("publisher", 200, description="Who published it."),
    ),
}
# Date properties that open and close a span: the second is never before the first.
# An entity's span (a mission's), a relationship's: when the fact held (``asOf``).
NODE_SPAN = ("startDate", "endDate")
REL_SPAN = ("since", "until")
DATE_RANGES: tuple[tuple[str, str], ...] = (NODE_SPAN, REL_SPAN)

# A relationship's own properties (besides its sources).
REL_PROPERTIES: tuple[Property, ...] = (
    _text("role", 200, description="The part played in it, as the document names it."),
    _date("since", description="When it began, at the document's precision."),
    _date("until", description="When it ended (null: it holds, or the end is not known)."),
    _text("note", description="What the document adds about it."),
)


# Provenance is kept as parallel lists on every node and relationship, because
# neither Neo4j nor the embedded engine stores maps (or lists of maps) as property
# values. Index i of each list describes source i; "" stands for "none" (lists
# cannot hold null).
SOURCE_KEYS: tuple[str, ...] = (
    "sourceDocuments",
    "sourceQuotes",
    "sourceAsOf",
    "sourceInferred",
    "sourceReasoning",
)

REL_PROPERTY_KEYS: tuple[str, ...] = (*(p.name for p in REL_PROPERTIES), *SOURCE_KEYS)

# The properties of ``EntityId`` and ``WriteLock`` nodes besides the id (``graph.writes``):
# the label holding the id, and how many writes it has seen. Each write raises the count,
# which is its lock: the embedded engine's optimistic MVCC sees only a changed value as a
# conflict (writing a property's own value back is no write there).
LOCK_KEYS: tuple[str, ...] = ("label", "version")

# The properties of ``Change`` nodes (``graph.history``) and the counter's ``seq``.
# ``entity``/``label`` name a changed entity; ``relType``, ``fromId``/``toId`` and the
# labels of the ends a changed relationship; ``before``, ``after``, ``sources`` and
# ``relationships`` are JSON text.
HISTORY_KEYS: tuple[str, ...] = (
    "seq",
    "at",
    "by",
    "action",
    "entity",
    "relType",
    "fromId",
    "toId",
    "fromLabel",
    "toLabel",
    "before",
    "after",
    "sources",
    "relationships",
    "revertOf",
)


# -- relations: how one entity reaches others ------------------------------------------

# How deep PART_OF hierarchies go (site → city → country → region → region).
DEPTH = 5


class Direction(StrEnum):
    OUT = "OUT"
    IN = "IN"


@dataclass(frozen=True)
class Step:
    """One hop of a route: relationships of these types, followed in this direction
    ``hops`` times (a range), arriving at a node of label ``to`` (None: any)."""

    types: tuple[RelType, ...]
    direction: Direction
    to: str | None
    hops: tuple[int, int] = (1, 1)


def out(*types: RelType, to: str | None, hops: tuple[int, int] = (1, 1)) -> Step:
    return Step(types, Direction.OUT, to, hops)


def back(*types: RelType, to: str | None, hops: tuple[int, int] = (1, 1)) -> Step:
    return Step(types, Direction.IN, to, hops)


Route = tuple[Step, ...]


@dataclass(frozen=True)
class Relation:
    """A field of an entity that names other entities, reached along ``route``.

    The last step's relationship is the one whose evidence a path shows. With
    ``branches``, the route leads to a node from which any branch reaches the target
    (each branch a route of its own).
    """

    name: str
    target: str | None  # None: any entity (served as the SearchResult union)
    route: Route
    many: bool = True
    # How many targets one entity may have, at most, in a graph of the generated scale 1
    # (100,000 officers): what the request cost estimate counts for an unpaged list. A
    # paged relation counts its page instead.
    estimate: int = 1
    description: str | None = None
    # Served as a connection (first/after, totalCount) rather than a plain list.
    paged: bool = False
    # For a single-valued relation with several candidates: a stated (not wholly
    # inferred) relationship wins (a place sitting in several regions).
    stated_first: bool = False
    branches: tuple[Route, ...] = ()
    # Not a field of the API: a route that only filters use.
    exposed: bool = True
    # Where the route widens to what lies inside (a place's officers include those of
    # its cities): the narrow route a ``direct: true`` argument follows instead.
    direct: Route | None = None

    @property
    def one_hop(self) -> bool:
        """A single relationship: each target is reached once (no DISTINCT needed)."""
        return len(self.route) == 1 and self.route[0].hops == (1, 1) and not self.branches

    @property
    def whole_routes(self) -> tuple[Route, ...]:
        """Every route from the subject to a target: the route, or with branches, the
        route followed by each branch."""
        return tuple((*self.route, *branch) for branch in self.branches) or (self.route,)

    def along(self, direct: bool) -> Relation:
        """This relation as a read follows it: its narrow route when ``direct`` is asked."""
        if not direct:
            return self
        assert self.direct is not None, f"{self.name} has no direct route"
        return replace(self, route=self.direct)


@dataclass(frozen=True)
class Count:
    """A number field: how many distinct targets a relation of the same entity has."""

    name: str
    relation: str
    description: str | None = None
    sortable: bool = False


@dataclass(frozen=True)
class Anchored:
    """A list filter by another entity's id: the listed entities that the anchor entity
    reaches through its relation ``relation`` (an index seek on the anchor, not a test
    of every candidate)."""

    name: str
    anchor: str
    relation: str
    description: str | None = None


@dataclass(frozen=True)
class EntityType:
    """An entity type: its label (also its GraphQL type name) and everything it has."""

    label: str
    plural: str  # the root list field
    description: str
    properties: tuple[Property, ...]
    relations: tuple[Relation, ...]
    counts: tuple[Count, ...] = ()
    filters: tuple[Anchored, ...] = ()
    one_description: str = ""
    list_description: str = ""
    # Its seed file in seed/data (default: the plural, lower-cased).
    seed_file: str = ""

    @property
    def file(self) -> str:
        return self.seed_file or f"{self.plural.lower()}.yaml"

    @property
    def snake(self) -> str:
        """``PartnerAgency`` → ``partner_agency``: names of its constraints and indexes."""
        return "".join(f"_{c.lower()}" if c.isupper() else c for c in self.label).lstrip("_")

    @property
    def singular(self) -> str:
        """The root field reading one entity by id: ``PartnerAgency`` → ``partnerAgency``."""
        return self.label[0].lower() + self.label[1:]

    def relation(self, name: str) -> Relation:
        return next(r for r in self.relations if r.name == name)


_INSIDE = back(RelType.PART_OF, to=L, hops=(0, DEPTH))

# The three ways an agency is tied to a place: based there; a mission located there
# works with it; an officer posted there belongs to it (``partnersConnectedToRegion``).
PLACE_TO_PARTNER: tuple[Route, ...] = (
    (back(RelType.BASED_IN, to=P),),
    (back(RelType.LOCATED_IN, to=M), out(RelType.WITH_PARTNER, to=P)),
    (back(RelType.POSTED_TO, to=O), out(RelType.MEMBER_OF, to=P)),
)

ENTITIES: tuple[EntityType, ...] = (
    EntityType(
        B,
        "branches",
        "The RCMP, its sector, branches and units.",
        PROPERTIES[B],
        (
            Relation("parent", B, (out(RelType.PART_OF, to=B),), many=False, stated_first=True),
            Relation("subBranches", B, (back(RelType.PART_OF, to=B),), estimate=20),
            Relation(
                "officers",
                O,
                (back(RelType.PART_OF, to=B, hops=(0, DEPTH)), back(RelType.MEMBER_OF, to=O)),
                estimate=100_000,
                paged=True,
                description="Officers of this branch and its sub-branches, by name.",
            ),
            Relation(
                "missions",
                M,
                (back(RelType.MANAGED_BY, to=M),),
                estimate=2_000,
                description="Missions this branch manages.",
            ),
            Relation(
                "partners",
                P,
                (out(RelType.WORKS_WITH, RelType.MEMBER_OF, to=P),),
                estimate=50,
                description="Agencies it works with.",
            ),
            Relation(
                "covers",
                L,
                (out(RelType.COVERS, to=L),),
                estimate=50,
                description="Regions it is responsible for.",
            ),
        ),
        counts=(
            Count("officerCount", "officers", "Officers in it or its sub-branches."),
            Count("missionCount", "missions"),
        ),
        filters=(Anchored("parent", B, "subBranches"),),
        one_description="One branch by id, or null.",
        list_description="Branches.",
    ),
    EntityType(
        O,
        "officers",
        "A named person or a liaison-officer post.",
        PROPERTIES[O],
        (
            Relation("postedTo", L, (out(RelType.POSTED_TO, to=L),), many=False),
            Relation("branch", B, (out(RelType.MEMBER_OF, to=B),), many=False),
            Relation(
                "agencies",
                P,
                (out(RelType.MEMBER_OF, to=P),),
                estimate=10,
                description="Agencies the officer belongs to.",
            ),
            Relation("missions", M, (out(RelType.SERVES_ON, to=M),), estimate=10),
            Relation(
                "covers",
                L,
                (out(RelType.COVERS, to=L),),
                estimate=10,
                description="Places the officer is responsible for.",
            ),
        ),
        filters=(
            Anchored(
                "branch", B, "officers", "A branch id: its officers and those of its sub-branches."
            ),
            Anchored(
                "within",
                L,
                "officers",
                "A location id: officers posted there or anywhere inside it.",
            ),
        ),
        one_description="One officer or liaison-officer post by id, or null.",
        list_description="Officers and liaison-officer posts.",
    ),
    EntityType(
        L,
        "locations",
        "A region, country, territory, city or site.",
        PROPERTIES[L],
        (
            Relation(
                "parent",
                L,
                (out(RelType.PART_OF, to=L),),
                many=False,
                stated_first=True,
                description="The place this one is part of (a stated link before an inferred one).",
            ),
            Relation(
                "parents",
                L,
                (out(RelType.PART_OF, to=L),),
                estimate=5,
                description="Every place this one is part of.",
            ),
            Relation("children", L, (back(RelType.PART_OF, to=L),), estimate=500),
            # Officers, missions and partners of a place include those of the places inside.
            Relation(
                "officers",
                O,
                (_INSIDE, back(RelType.POSTED_TO, to=O)),
                estimate=100_000,
                paged=True,
                description="Officers posted here or inside this place, by name "
                "(`direct: true`: posted here only).",
                direct=(back(RelType.POSTED_TO, to=O),),
            ),
            Relation(
                "missions",
                M,
                (_INSIDE, back(RelType.LOCATED_IN, to=M)),
                estimate=2_000,
                description="Missions here or inside this place (`direct: true`: located here "
                "only).",
                direct=(back(RelType.LOCATED_IN, to=M),),
            ),
            Relation(
                "partners",
                P,
                (_INSIDE,),
                branches=PLACE_TO_PARTNER,
                estimate=200,
                description="Agencies based here, working with missions here, or employing "
                "officers here.",
            ),
            Relation(
                "inside",
                L,
                (back(RelType.PART_OF, to=L, hops=(1, DEPTH)),),
                estimate=5_000,
                exposed=False,
            ),
            Relation(
                "agenciesBasedInside",
                P,
                (_INSIDE, back(RelType.BASED_IN, to=P)),
                estimate=200,
                exposed=False,
            ),
        ),
        counts=(
            Count("officerCount", "officers", sortable=True),
            Count("missionCount", "missions"),
            Count("partnerCount", "partners"),
        ),
        filters=(
            Anchored("within", L, "inside", "A location id: places inside it, at any depth."),
        ),
        one_description="One location by id, or null.",
        list_description="Locations.",
    ),
    EntityType(
        P,
        "partnerAgencies",
        "An international organization, police service, department or program.",
        PROPERTIES[P],
        (
            Relation("basedIn", L, (out(RelType.BASED_IN, to=L),), many=False),
            Relation("missions", M, (back(RelType.WITH_PARTNER, to=M),), estimate=200),
            Relation("memberOf", P, (out(RelType.PART_OF, RelType.MEMBER_OF, to=P),), estimate=10),
            Relation("members", P, (back(RelType.PART_OF, RelType.MEMBER_OF, to=P),), estimate=50),
            Relation(
                "branches",
                B,
                (back(RelType.WORKS_WITH, RelType.MEMBER_OF, to=B),),
                estimate=20,
                description="RCMP branches working with it.",
            ),
        ),
        counts=(Count("missionCount", "missions", sortable=True),),
        filters=(Anchored("basedWithin", L, "agenciesBasedInside"),),
        one_description="One partner agency by id, or null.",
        list_description="Partner agencies.",
        seed_file="partners.yaml",
    ),
    EntityType(
        M,
        "missions",
        "A peace operation, mission, posting or training program.",
        PROPERTIES[M],
        (
            Relation("locations", L, (out(RelType.LOCATED_IN, to=L),), estimate=10),
            Relation("partners", P, (out(RelType.WITH_PARTNER, to=P),), estimate=20),
            Relation("managedBy", B, (out(RelType.MANAGED_BY, to=B),), many=False),
            Relation(
                "parent",
                M,
                (out(RelType.PART_OF, to=M),),
                many=False,
                description="The operation this is part of.",
            ),
            Relation("components", M, (back(RelType.PART_OF, to=M),), estimate=20),
            Relation("predecessor", M, (back(RelType.SUCCEEDED_BY, to=M),), many=False),
            Relation("successor", M, (out(RelType.SUCCEEDED_BY, to=M),), many=False),
            Relation(
                "officers",
                O,
                (back(RelType.SERVES_ON, to=O),),
                estimate=100_000,
                paged=True,
                description="Officers serving on this mission, by name.",
            ),
        ),
        counts=(
            Count("officerCount", "officers", "Officers serving on it.", sortable=True),
            Count("partnerCount", "partners", sortable=True),
        ),
        filters=(
            Anchored(
                "within",
                L,
                "missions",
                "A location id: missions located there or anywhere inside it.",
            ),
            Anchored("partner", P, "missions", "A partner agency id the mission works with."),
        ),
        one_description="One mission by id, or null.",
        list_description="Missions.",
    ),
)

# A figure is not an entity (no root list, no mutations): a dated number about one.
FIGURE_RELATIONS: tuple[Relation, ...] = (
    Relation(
        "subject",
        None,
        (out(RelType.DESCRIBES, to=None),),
        many=False,
        description="The entity the figure describes.",
    ),
)
ENTITY_TYPES: dict[str, EntityType] = {entity.label: entity for entity in ENTITIES}
ENTITY_LABELS: tuple[str, ...] = tuple(ENTITY_TYPES)
