"""List filters and sort keys the API offers, as Cypher fragments over ``{n}``.

Filters that follow relationships anchor the match at the named entity (an index
seek) instead of testing every candidate row by row.
"""

from __future__ import annotations

from graph.catalog import DEPTH, PROPERTIES
from graph.compile import BY_NAME, Condition, Sort
from graph.model import Label


def equals(label: Label, prop: str, value: object) -> Condition:
    if prop not in PROPERTIES[label]:
        raise ValueError(f"{label.value} has no property {prop!r}")
    return Condition(where=f"{{n}}.{prop} = {{value}}", value=value)


def name_contains(normalized: str) -> Condition:
    return Condition(where="{n}.searchText CONTAINS {value}", value=normalized)


def mission_within(location_id: str) -> Condition:
    return Condition(
        match=f"(:Location {{{{id: {{value}}}}}})<-[:PART_OF*0..{DEPTH}]-(:Location)"
        "<-[:LOCATED_IN]-({n}:Mission)",
        value=location_id,
    )


def mission_partner(partner_id: str) -> Condition:
    return Condition(
        match="(:PartnerAgency {{id: {value}}})<-[:WITH_PARTNER]-({n}:Mission)", value=partner_id
    )


def location_within(location_id: str) -> Condition:
    return Condition(
        match=f"(:Location {{{{id: {{value}}}}}})<-[:PART_OF*1..{DEPTH}]-({{n}}:Location)",
        value=location_id,
    )


def officer_within(location_id: str) -> Condition:
    return Condition(
        match=f"(:Location {{{{id: {{value}}}}}})<-[:PART_OF*0..{DEPTH}]-(:Location)"
        "<-[:POSTED_TO]-({n}:Officer)",
        value=location_id,
    )


def officer_branch(branch_id: str) -> Condition:
    return Condition(
        match=f"(:Branch {{{{id: {{value}}}}}})<-[:PART_OF*0..{DEPTH}]-(:Branch)"
        "<-[:MEMBER_OF]-({n}:Officer)",
        value=branch_id,
    )


def branch_parent(branch_id: str) -> Condition:
    return Condition(match="(:Branch {{id: {value}}})<-[:PART_OF]-({n}:Branch)", value=branch_id)


def partner_based_within(location_id: str) -> Condition:
    return Condition(
        match=f"(:Location {{{{id: {{value}}}}}})<-[:PART_OF*0..{DEPTH}]-(:Location)"
        "<-[:BASED_IN]-({n}:PartnerAgency)",
        value=location_id,
    )


SORTS: dict[Label, dict[str, Sort]] = {
    Label.BRANCH: {"NAME": BY_NAME},
    Label.OFFICER: {"NAME": BY_NAME},
    Label.LOCATION: {
        "NAME": BY_NAME,
        # Distinct officers, as officerCount counts them (paths would count twice).
        "OFFICER_COUNT": Sort(
            f"size(COLLECT {{{{ MATCH ({{n}})<-[:PART_OF*0..{DEPTH}]-(:Location)"
            "<-[:POSTED_TO]-(o:Officer) RETURN DISTINCT o.id AS x }})"
        ),
    },
    Label.PARTNER_AGENCY: {
        "NAME": BY_NAME,
        "MISSION_COUNT": Sort("COUNT {{ ({n})<-[:WITH_PARTNER]-(:Mission) }}"),
    },
    Label.MISSION: {
        "NAME": BY_NAME,
        "START_DATE": Sort("coalesce({n}.startDate, '')"),
        "AUTHORIZED_DEPLOYMENTS": Sort("coalesce({n}.authorizedDeployments, -1)"),
        "OFFICER_COUNT": Sort("COUNT {{ ({n})<-[:SERVES_ON]-(:Officer) }}"),
        "PARTNER_COUNT": Sort("COUNT {{ ({n})-[:WITH_PARTNER]->(:PartnerAgency) }}"),
    },
}


def sort(label: Label, field: str, descending: bool) -> Sort:
    base = SORTS[label][field]
    return Sort(base.expression, descending)
