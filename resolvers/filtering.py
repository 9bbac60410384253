"""Filter inputs (absent, or objects with the input's fields) to graph conditions."""

from __future__ import annotations

from typing import Any

from graph import filters
from graph.compile import Condition
from graph.model import Label, LocationKind, MissionStatus
from resolvers.queries import name_filter


def mission_conditions(f: Any) -> list[Condition]:
    if not f:
        return []
    found = name_filter(f.name)
    if f.language is not None:
        found.append(filters.equals(Label.MISSION, "language", f.language))
    if f.armed is not None:
        found.append(filters.equals(Label.MISSION, "armed", f.armed))
    if f.status is not None:
        found.append(filters.equals(Label.MISSION, "status", MissionStatus(f.status).value))
    if f.category is not None:
        found.append(filters.equals(Label.MISSION, "category", f.category))
    if f.within is not None:
        found.append(filters.mission_within(str(f.within)))
    if f.partner is not None:
        found.append(filters.mission_partner(str(f.partner)))
    return found


def location_conditions(f: Any) -> list[Condition]:
    if not f:
        return []
    found = name_filter(f.name)
    if f.kind is not None:
        found.append(filters.equals(Label.LOCATION, "kind", LocationKind(f.kind).value))
    if f.within is not None:
        found.append(filters.location_within(str(f.within)))
    return found


def officer_conditions(f: Any) -> list[Condition]:
    if not f:
        return []
    found = name_filter(f.name)
    if f.branch is not None:
        found.append(filters.officer_branch(str(f.branch)))
    if f.within is not None:
        found.append(filters.officer_within(str(f.within)))
    return found


def branch_conditions(f: Any) -> list[Condition]:
    if not f:
        return []
    found = name_filter(f.name)
    if f.kind is not None:
        found.append(filters.equals(Label.BRANCH, "kind", f.kind))
    if f.parent is not None:
        found.append(filters.branch_parent(str(f.parent)))
    return found


def partner_conditions(f: Any) -> list[Condition]:
    if not f:
        return []
    found = name_filter(f.name)
    if f.kind is not None:
        found.append(filters.equals(Label.PARTNER_AGENCY, "kind", f.kind))
    if f.based_within is not None:
        found.append(filters.partner_based_within(str(f.based_within)))
    return found
