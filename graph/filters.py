"""List filters and sort keys the API offers, as Cypher fragments over ``{n}`` (the listed
node) and ``{value}`` (the filter's parameter); ``graph.compile`` fills both in.

Filters that follow relationships anchor the match at the named entity (an index
seek) instead of testing every candidate row by row.
"""

from __future__ import annotations

from graph.catalog import DEPTH, PROPERTIES
from graph.compile import BY_NAME, Condition, Sort
from graph.model import Label

_INSIDE = f"<-[:PART_OF*0..{DEPTH}]-(:Location)"


def equals(label: Label, prop: str, value: object) -> Condition:
    if prop not in PROPERTIES[label]:
        raise ValueError(f"{label.value} has no property {prop!r}")
    return Condition(where=f"{{n}}.{prop} = {{value}}", value=value)


def name_contains(normalized: str) -> Condition:
    return Condition(where="{n}.searchText CONTAINS {value}", value=normalized)


def _reached_from(anchor: Label, path: str, entity_id: str) -> Condition:
    """Nodes ``{n}`` reached from the ``anchor`` entity with this id along ``path``."""
    return Condition(match=f"(:{anchor.value} {{id: {{value}}}}){path}", value=entity_id)


def mission_within(location_id: str) -> Condition:
    return _reached_from(Label.LOCATION, f"{_INSIDE}<-[:LOCATED_IN]-({{n}}:Mission)", location_id)


def mission_partner(partner_id: str) -> Condition:
    return _reached_from(Label.PARTNER_AGENCY, "<-[:WITH_PARTNER]-({n}:Mission)", partner_id)


def location_within(location_id: str) -> Condition:
    return _reached_from(Label.LOCATION, f"<-[:PART_OF*1..{DEPTH}]-({{n}}:Location)", location_id)


def officer_within(location_id: str) -> Condition:
    return _reached_from(Label.LOCATION, f"{_INSIDE}<-[:POSTED_TO]-({{n}}:Officer)", location_id)


def officer_branch(branch_id: str) -> Condition:
    path = f"<-[:PART_OF*0..{DEPTH}]-(:Branch)<-[:MEMBER_OF]-({{n}}:Officer)"
    return _reached_from(Label.BRANCH, path, branch_id)


def branch_parent(branch_id: str) -> Condition:
    return _reached_from(Label.BRANCH, "<-[:PART_OF]-({n}:Branch)", branch_id)


def partner_based_within(location_id: str) -> Condition:
    path = f"{_INSIDE}<-[:BASED_IN]-({{n}}:PartnerAgency)"
    return _reached_from(Label.LOCATION, path, location_id)


SORTS: dict[Label, dict[str, Sort]] = {
    Label.BRANCH: {"NAME": BY_NAME},
    Label.OFFICER: {"NAME": BY_NAME},
    Label.LOCATION: {
        "NAME": BY_NAME,
        # Distinct officers, as officerCount counts them (paths would count twice).
        "OFFICER_COUNT": Sort(
            f"size(COLLECT {{ MATCH ({{n}}){_INSIDE}<-[:POSTED_TO]-(o:Officer) "
            "RETURN DISTINCT o.id AS x })"
        ),
    },
    Label.PARTNER_AGENCY: {
        "NAME": BY_NAME,
        "MISSION_COUNT": Sort("COUNT { ({n})<-[:WITH_PARTNER]-(:Mission) }"),
    },
    Label.MISSION: {
        "NAME": BY_NAME,
        "START_DATE": Sort("coalesce({n}.startDate, '')"),
        "AUTHORIZED_DEPLOYMENTS": Sort("coalesce({n}.authorizedDeployments, -1)"),
        "OFFICER_COUNT": Sort("COUNT { ({n})<-[:SERVES_ON]-(:Officer) }"),
        "PARTNER_COUNT": Sort("COUNT { ({n})-[:WITH_PARTNER]->(:PartnerAgency) }"),
    },
}


def sort(label: Label, field: str, descending: bool) -> Sort:
    base = SORTS[label][field]
    return Sort(base.expression, descending)
