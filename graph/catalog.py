"""What can be read about each label: its properties and its named relations.

A relation is a Cypher pattern from an anchor ``{a}`` to a target ``{b}``; the
compiler (``graph.compile``) fills in variable names. Patterns are code, never
client text. Names match the API's field names so the layers above map 1:1.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import PROPERTIES as DECLARED_PROPERTIES
from graph.model import REL_PROPERTY_KEYS, SOURCE_KEYS, Label

# How deep PART_OF hierarchies go (site → city → country → region → region).
DEPTH = 5


@dataclass(frozen=True)
class Relation:
    pattern: str
    # None: any entity (the target is projected as the SearchResult union).
    target: Label | None
    many: bool
    # How many targets one entity may have, at most, in a graph of the generated scale 1
    # (100,000 officers): what the request cost estimate counts for an unpaged list
    # (``schema.limits``). A connection counts its page instead.
    estimate: int = 1
    # For a single-valued relation with several candidates: rank them (lowest first)
    # before taking the first; ``{b}``/``{r}`` are the target and the relationship.
    rank: str | None = None
    # A predicate over the pattern's variables ({a}, {b}, {r}, {m}).
    where: str | None = None

    @property
    def one_hop(self) -> bool:
        """A single relationship: each target is reached once (no DISTINCT needed)."""
        return "*" not in self.pattern and self.pattern.count("(") == 2 and self.where is None


B, O, L, P, M = (  # noqa: E741 - short names keep the table readable
    Label.BRANCH,
    Label.OFFICER,
    Label.LOCATION,
    Label.PARTNER_AGENCY,
    Label.MISSION,
)

# A stated (not wholly inferred) PART_OF wins when a place sits in several regions.
_STATED_FIRST = "all(i IN coalesce({r}.sourceInferred, []) WHERE i)"

RELATIONS: dict[Label, dict[str, Relation]] = {
    B: {
        "parent": Relation("({a})-[{r}:PART_OF]->({b}:Branch)", B, False, rank=_STATED_FIRST),
        "subBranches": Relation("({a})<-[{r}:PART_OF]-({b}:Branch)", B, True, estimate=20),
        "officers": Relation(
            f"({{a}})<-[:PART_OF*0..{DEPTH}]-(:Branch)<-[{{r}}:MEMBER_OF]-({{b}}:Officer)",
            O,
            True,
            estimate=100_000,
        ),
        "missions": Relation("({a})<-[{r}:MANAGED_BY]-({b}:Mission)", M, True, estimate=2_000),
        "partners": Relation(
            "({a})-[{r}:WORKS_WITH|MEMBER_OF]->({b}:PartnerAgency)", P, True, estimate=50
        ),
        "covers": Relation("({a})-[{r}:COVERS]->({b}:Location)", L, True, estimate=50),
    },
    O: {
        "postedTo": Relation("({a})-[{r}:POSTED_TO]->({b}:Location)", L, False),
        "branch": Relation("({a})-[{r}:MEMBER_OF]->({b}:Branch)", B, False),
        "agencies": Relation("({a})-[{r}:MEMBER_OF]->({b}:PartnerAgency)", P, True, estimate=10),
        "missions": Relation("({a})-[{r}:SERVES_ON]->({b}:Mission)", M, True, estimate=10),
        "covers": Relation("({a})-[{r}:COVERS]->({b}:Location)", L, True, estimate=10),
    },
    L: {
        "parent": Relation("({a})-[{r}:PART_OF]->({b}:Location)", L, False, rank=_STATED_FIRST),
        "parents": Relation("({a})-[{r}:PART_OF]->({b}:Location)", L, True, estimate=5),
        "children": Relation("({a})<-[{r}:PART_OF]-({b}:Location)", L, True, estimate=500),
        # Officers, missions and partners of a place include those of the places inside it.
        "officers": Relation(
            f"({{a}})<-[:PART_OF*0..{DEPTH}]-(:Location)<-[{{r}}:POSTED_TO]-({{b}}:Officer)",
            O,
            True,
            estimate=100_000,
        ),
        "missions": Relation(
            f"({{a}})<-[:PART_OF*0..{DEPTH}]-(:Location)<-[{{r}}:LOCATED_IN]-({{b}}:Mission)",
            M,
            True,
            estimate=2_000,
        ),
        # The three routes of partnersConnectedToRegion: an agency based here, a
        # mission located here working with it, an officer posted here belonging to it.
        "partners": Relation(
            f"({{a}})<-[:PART_OF*0..{DEPTH}]-(:Location)"
            "<-[:BASED_IN|LOCATED_IN|POSTED_TO]-({m})-[{r}:WITH_PARTNER|MEMBER_OF*0..1]->"
            "({b}:PartnerAgency)",
            P,
            True,
            estimate=200,
            where="({m}:PartnerAgency AND {m} = {b}) OR ({m}:Mission AND {m} <> {b}) "
            "OR ({m}:Officer AND {m} <> {b})",
        ),
    },
    P: {
        "basedIn": Relation("({a})-[{r}:BASED_IN]->({b}:Location)", L, False),
        "missions": Relation("({a})<-[{r}:WITH_PARTNER]-({b}:Mission)", M, True, estimate=200),
        "memberOf": Relation(
            "({a})-[{r}:PART_OF|MEMBER_OF]->({b}:PartnerAgency)", P, True, estimate=10
        ),
        "members": Relation(
            "({a})<-[{r}:PART_OF|MEMBER_OF]-({b}:PartnerAgency)", P, True, estimate=50
        ),
        "branches": Relation(
            "({a})<-[{r}:WORKS_WITH|MEMBER_OF]-({b}:Branch)", B, True, estimate=20
        ),
    },
    M: {
        "locations": Relation("({a})-[{r}:LOCATED_IN]->({b}:Location)", L, True, estimate=10),
        "partners": Relation("({a})-[{r}:WITH_PARTNER]->({b}:PartnerAgency)", P, True, estimate=20),
        "managedBy": Relation("({a})-[{r}:MANAGED_BY]->({b}:Branch)", B, False),
        "officers": Relation("({a})<-[{r}:SERVES_ON]-({b}:Officer)", O, True, estimate=100_000),
        "parent": Relation("({a})-[{r}:PART_OF]->({b}:Mission)", M, False),
        "components": Relation("({a})<-[{r}:PART_OF]-({b}:Mission)", M, True, estimate=20),
        "predecessor": Relation("({a})<-[{r}:SUCCEEDED_BY]-({b}:Mission)", M, False),
        "successor": Relation("({a})-[{r}:SUCCEEDED_BY]->({b}:Mission)", M, False),
    },
    Label.FIGURE: {
        "subject": Relation("({a})-[{r}:DESCRIBES]->({b})", None, False),
    },
}

# The property names readable per label: the model's (graph.model.PROPERTIES), and the id.
PROPERTIES: dict[Label, frozenset[str]] = {
    label: frozenset({"id", *(prop.name for prop in declared)})
    for label, declared in DECLARED_PROPERTIES.items()
}

# Every property key Cypher may name (what Neo4j's front end is told exists).
PROPERTY_KEYS: tuple[str, ...] = tuple(
    sorted(
        set().union(*PROPERTIES.values())
        | {"searchText"}
        | set(SOURCE_KEYS)
        | set(REL_PROPERTY_KEYS)
    )
)
