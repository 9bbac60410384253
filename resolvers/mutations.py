"""Editors' mutations: validate at the edge, then one graph transaction each.

Inputs arrive as plain dicts keyed by GraphQL field names (camelCase), which are
also the graph's property names. Every write needs the editor role and at least
one source.
"""

from __future__ import annotations

import re
from typing import Any

from graph import writes
from graph.errors import GraphError
from graph.model import AgencyKind, BranchKind, LocationKind, MissionStatus, RelType
from graph.provenance import Source
from graph.settings import Role
from resolvers.auth import require
from resolvers.errors import ApiError, BadInput, NotFound
from resolvers.selection import TYPE_LABELS

Row = dict[str, Any]

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
# Control characters other than tab and newline (NUL among them) are refused.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

NAME_MAX, TEXT_MAX, QUOTE_MAX, DOCUMENT_MAX, ID_MAX = 200, 2000, 2000, 300, 80

KINDS: dict[str, frozenset[str]] = {
    "Branch": frozenset(BranchKind),
    "PartnerAgency": frozenset(AgencyKind),
}
TEXT_FIELDS = {
    "name": NAME_MAX,
    "acronym": 40,
    "description": TEXT_MAX,
    "rank": 80,
    "role": 200,
    "grouping": 40,
    "category": 60,
    "language": 40,
}
REQUIRED = {"name", "kind", "status"}


class Conflict(ApiError):
    code = "CONFLICT"


def check_id(value: Any, field: str) -> str:
    if not isinstance(value, str) or len(value) > ID_MAX or not ID.match(value):
        raise BadInput(
            f"`{field}` must be a lower-case slug like `city-bogota` (at most {ID_MAX} characters)",
            field=field,
        )
    return value


def check_text(value: Any, field: str, limit: int) -> str:
    if not isinstance(value, str):
        raise BadInput(f"`{field}` must be text", field=field)
    text = value.strip()
    if not text:
        raise BadInput(f"`{field}` must not be empty", field=field)
    if len(text) > limit:
        raise BadInput(f"`{field}` is limited to {limit} characters", field=field)
    if CONTROL.search(text):
        raise BadInput(f"`{field}` contains control characters", field=field)
    return text


def check_date(value: Any, field: str) -> str:
    if not isinstance(value, str) or not PARTIAL_DATE.match(value):
        raise BadInput(f"`{field}` must be a date YYYY, YYYY-MM or YYYY-MM-DD", field=field)
    return value


def check_sources(value: Any, field: str = "sources") -> list[Source]:
    """At least one source, each with a document (or reference) and a quote."""
    if not value:
        raise BadInput(f"`{field}` needs at least one source (document and quote)", field=field)
    found = []
    for index, source in enumerate(value):
        at = f"{field}[{index}]"
        inferred = bool(source.get("inferred"))
        reasoning = source.get("reasoning")
        if inferred and not reasoning:
            raise BadInput(
                f"`{at}.reasoning` is needed for an inferred source", field=f"{at}.reasoning"
            )
        found.append(
            Source(
                document=check_text(source.get("document"), f"{at}.document", DOCUMENT_MAX),
                quote=check_text(source.get("quote"), f"{at}.quote", QUOTE_MAX),
                as_of=check_date(source["asOf"], f"{at}.asOf") if source.get("asOf") else None,
                inferred=inferred,
                reasoning=check_text(reasoning, f"{at}.reasoning", TEXT_MAX) if reasoning else None,
            )
        )
    return found


def check_properties(typename: str, values: Row, *, partial: bool) -> Row:
    """Validated properties; ``partial`` (an update) allows leaving any out."""
    props: Row = {}
    for key, value in values.items():
        field = f"input.{key}"
        if key in ("id", "sources"):
            continue
        if value is None:
            if key in REQUIRED:
                raise BadInput(f"`{field}` cannot be removed", field=field)
            props[key] = None
        elif key in TEXT_FIELDS:
            props[key] = check_text(value, field, TEXT_FIELDS[key])
        elif key == "kind":
            props[key] = _check_kind(typename, value, field)
        elif key == "status":
            props[key] = MissionStatus(value).value
        elif key in ("startDate", "endDate"):
            props[key] = check_date(value, field)
        elif key == "aliases":
            props[key] = [check_text(a, f"{field}[{i}]", NAME_MAX) for i, a in enumerate(value)]
        elif key == "armed":
            props[key] = bool(value)
        elif key == "authorizedDeployments":
            if not isinstance(value, int) or value < 0 or value > 100_000:
                raise BadInput(f"`{field}` must be between 0 and 100000", field=field)
            props[key] = value
        else:  # the schema's inputs only carry the keys above
            raise BadInput(f"`{field}` cannot be set", field=field)
    if not partial:
        for key in REQUIRED & _required_for(typename):
            if props.get(key) is None:
                raise BadInput(f"`input.{key}` is required", field=f"input.{key}")
    start, end = props.get("startDate"), props.get("endDate")
    if start and end and end < start:
        raise BadInput("`input.endDate` is before `input.startDate`", field="input.endDate")
    return props


def _required_for(typename: str) -> set[str]:
    return (
        {"name"}
        | ({"kind"} if typename in ("Branch", "PartnerAgency", "Location") else set())
        | ({"status"} if typename == "Mission" else set())
    )


def _check_kind(typename: str, value: Any, field: str) -> str:
    if typename == "Location":
        return LocationKind(value).value
    allowed = KINDS.get(typename)
    if allowed is None or value not in allowed:
        raise BadInput(f"`{field}` must be one of {', '.join(sorted(allowed or ()))}", field=field)
    return str(value)


def _translate(exc: GraphError) -> ApiError:
    if isinstance(exc, writes.NotFoundError):
        return NotFound(str(exc))
    if isinstance(exc, writes.ConflictError):
        return Conflict(str(exc))
    raise exc


async def create(info: Any, typename: str, values: Row) -> str:
    require(info.context.principal, Role.EDITOR)
    entity_id = check_id(values.get("id"), "input.id")
    props = {"id": entity_id, **check_properties(typename, values, partial=False)}
    sources = check_sources(values.get("sources"), "input.sources")
    try:
        return await writes.create(info.context.db, TYPE_LABELS[typename], props, sources)
    except (writes.NotFoundError, writes.ConflictError) as exc:
        raise _translate(exc) from None


async def update(info: Any, typename: str, entity_id: str, values: Row) -> str:
    require(info.context.principal, Role.EDITOR)
    check_id(entity_id, "id")
    props = check_properties(typename, values, partial=True)
    sources = check_sources(values.get("sources"), "input.sources")
    try:
        return await writes.update(
            info.context.db, TYPE_LABELS[typename], entity_id, props, sources
        )
    except (writes.NotFoundError, writes.ConflictError) as exc:
        raise _translate(exc) from None


async def upsert(info: Any, typename: str, values: Row) -> tuple[str, bool]:
    require(info.context.principal, Role.EDITOR)
    entity_id = check_id(values.get("id"), "input.id")
    props = {"id": entity_id, **check_properties(typename, values, partial=False)}
    sources = check_sources(values.get("sources"), "input.sources")
    created = await writes.upsert(info.context.db, TYPE_LABELS[typename], props, sources)
    return entity_id, created


async def delete(info: Any, typename: str, entity_id: str) -> list[Row]:
    require(info.context.principal, Role.EDITOR)
    check_id(entity_id, "id")
    try:
        return await writes.delete(info.context.db, TYPE_LABELS[typename], entity_id)
    except (writes.NotFoundError, writes.ConflictError) as exc:
        raise _translate(exc) from None


async def link(info: Any, values: Row) -> bool:
    require(info.context.principal, Role.EDITOR)
    rel = RelType(values["type"])
    if rel is RelType.DESCRIBES:
        raise BadInput("`input.type` DESCRIBES is written with figures", field="input.type")
    from_id = check_id(values.get("from"), "input.from")
    to_id = check_id(values.get("to"), "input.to")
    props = {
        "role": check_text(values["role"], "input.role", 200) if values.get("role") else None,
        "since": check_date(values["since"], "input.since") if values.get("since") else None,
        "until": check_date(values["until"], "input.until") if values.get("until") else None,
        "note": check_text(values["note"], "input.note", TEXT_MAX) if values.get("note") else None,
    }
    sources = check_sources(values.get("sources"), "input.sources")
    try:
        return await writes.link(info.context.db, rel, from_id, to_id, props, sources)
    except (writes.NotFoundError, writes.ConflictError) as exc:
        raise _translate(exc) from None


async def unlink(info: Any, rel_type: str, from_id: str, to_id: str) -> None:
    require(info.context.principal, Role.EDITOR)
    rel = RelType(rel_type)
    check_id(from_id, "from")
    check_id(to_id, "to")
    try:
        await writes.unlink(info.context.db, rel, from_id, to_id)
    except (writes.NotFoundError, writes.ConflictError) as exc:
        raise _translate(exc) from None
