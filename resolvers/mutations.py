"""Editors' mutations: validate at the edge, then one graph transaction each.

Inputs arrive as plain dicts keyed by GraphQL field names (camelCase), which are
also the graph's property names. Every write needs the editor role and at least
one source.
"""

from __future__ import annotations

from typing import Any

from graph import rules, writes
from graph.errors import ConflictError, GraphError, NotFoundError
from graph.model import (
    DATE_RANGES,
    RANK,
    RANK_REASON,
    REL_PROPERTIES,
    Label,
    Property,
    RelType,
    ValueKind,
)
from graph.provenance import Source
from graph.settings import Role
from resolvers.auth import require
from resolvers.errors import ApiError, BadInput, NotFound

Row = dict[str, Any]

# A source's parts: an editor may cite any reference, not only the seed documents.
DOCUMENT = Property("document", ValueKind.TEXT, max_length=300)
QUOTE = Property("quote", ValueKind.TEXT, max_length=2000)
AS_OF = Property("asOf", ValueKind.DATE)
REASONING = Property("reasoning", ValueKind.TEXT, max_length=2000)


class Conflict(ApiError):
    code = "CONFLICT"


def check_id(value: Any, field: str) -> str:
    try:
        return rules.check_id(value)
    except rules.RuleError as exc:
        raise BadInput(f"`{field}` {exc}", field=field) from None


def check_value(prop: Property, value: Any, field: str) -> Any:
    """``value`` by the model's rule for ``prop`` (shared with the seed files)."""
    try:
        return rules.check(prop, value)
    except rules.RuleError as exc:
        raise BadInput(f"`{field}`: {exc}", field=field) from None


def check_sources(value: Any, field: str = "sources") -> list[Source]:
    """At least one source, each with a document (or reference) and a quote."""
    if not value:
        raise BadInput(f"`{field}` needs at least one source (document and quote)", field=field)
    if len(value) > rules.MAX_SOURCES:
        raise BadInput(
            f"`{field}` holds {len(value)} sources; one write takes at most {rules.MAX_SOURCES}",
            field=field,
        )
    found = []
    for index, source in enumerate(value):
        at = f"{field}[{index}]"
        inferred = bool(source.get("inferred"))
        reasoning = source.get("reasoning")
        if inferred and not reasoning:
            raise BadInput(
                f"`{at}.reasoning` is needed for an inferred source", field=f"{at}.reasoning"
            )
        as_of = source.get("asOf")
        found.append(
            Source(
                document=check_value(DOCUMENT, source.get("document"), f"{at}.document"),
                # Whitespace runs collapsed, as the seed's quotes are: a quote is searched
                # (``searchEvidence``) as the text it reads, not as it was wrapped.
                quote=" ".join(check_value(QUOTE, source.get("quote"), f"{at}.quote").split()),
                as_of=check_value(AS_OF, as_of, f"{at}.asOf") if as_of else None,
                inferred=inferred,
                reasoning=check_value(REASONING, reasoning, f"{at}.reasoning")
                if reasoning
                else None,
            )
        )
    return found


def check_properties(properties: tuple[Property, ...], values: Row, *, partial: bool) -> Row:
    """Properties checked by the model's rules; ``partial`` (an update) allows leaving
    any out, and null removes an optional one."""
    declared = {prop.name: prop for prop in properties}
    props: Row = {}
    for key, value in values.items():
        if key in ("id", "sources"):
            continue
        field = f"input.{key}"
        prop = declared.get(key)
        if prop is None:  # the schema's inputs only carry declared properties
            raise BadInput(f"`{field}` cannot be set", field=field)
        if value is None:
            if prop.required:
                raise BadInput(f"`{field}` cannot be removed", field=field)
            props[key] = None
        else:
            props[key] = check_value(prop, value, field)
    if not partial:
        for prop in declared.values():
            if prop.required and props.get(prop.name) is None:
                field = f"input.{prop.name}"
                raise BadInput(f"`{field}` is required", field=field)
    for first, last in DATE_RANGES:
        start, end = props.get(first), props.get(last)
        if start and end and end < start:
            raise BadInput(f"`input.{last}` is before `input.{first}`", field=f"input.{last}")
    return props


def _translate(exc: GraphError | writes.RangeError) -> ApiError:
    if isinstance(exc, writes.RangeError):
        return BadInput(str(exc), field=f"input.{exc.field}")
    if isinstance(exc, NotFoundError):
        return NotFound(str(exc))
    if isinstance(exc, ConflictError):
        return Conflict(str(exc))
    raise exc


async def create(info: Any, typename: str, values: Row) -> str:
    editor = require(info.context.principal, Role.EDITOR)
    entity_id = check_id(values.get("id"), "input.id")
    props = {
        "id": entity_id,
        **check_properties(info.context.catalog.declared[typename], values, partial=False),
    }
    sources = check_sources(values.get("sources"), "input.sources")
    try:
        return await writes.create(info.context.db, typename, props, sources, author=editor.subject)
    except (NotFoundError, ConflictError) as exc:
        raise _translate(exc) from None


async def update(info: Any, typename: str, entity_id: str, values: Row) -> str:
    editor = require(info.context.principal, Role.EDITOR)
    check_id(entity_id, "id")
    props = check_properties(info.context.catalog.declared[typename], values, partial=True)
    sources = check_sources(values.get("sources"), "input.sources")
    try:
        return await writes.update(
            info.context.db, typename, entity_id, props, sources, author=editor.subject
        )
    except (NotFoundError, ConflictError, writes.RangeError) as exc:
        raise _translate(exc) from None


async def upsert(info: Any, typename: str, values: Row) -> tuple[str, bool]:
    editor = require(info.context.principal, Role.EDITOR)
    entity_id = check_id(values.get("id"), "input.id")
    props = {
        "id": entity_id,
        **check_properties(info.context.catalog.declared[typename], values, partial=False),
    }
    sources = check_sources(values.get("sources"), "input.sources")
    try:
        created = await writes.upsert(
            info.context.db, typename, props, sources, author=editor.subject
        )
    except ConflictError as exc:
        raise _translate(exc) from None
    return entity_id, created


async def delete(info: Any, typename: str, entity_id: str) -> list[Row]:
    editor = require(info.context.principal, Role.EDITOR)
    check_id(entity_id, "id")
    try:
        return await writes.delete(info.context.db, typename, entity_id, author=editor.subject)
    except (NotFoundError, ConflictError) as exc:
        raise _translate(exc) from None


async def link(info: Any, values: Row) -> bool:
    editor = require(info.context.principal, Role.EDITOR)
    rel = RelType(values["type"])
    if rel is RelType.DESCRIBES:
        raise BadInput("`input.type` DESCRIBES is written with figures", field="input.type")
    from_id = check_id(values.get("from"), "input.from")
    to_id = check_id(values.get("to"), "input.to")
    given = {prop.name: values[prop.name] for prop in REL_PROPERTIES if values.get(prop.name)}
    checked = check_properties(REL_PROPERTIES, given, partial=True)
    props = {prop.name: checked.get(prop.name) for prop in REL_PROPERTIES}
    sources = check_sources(values.get("sources"), "input.sources")
    try:
        return await writes.link(
            info.context.db, rel, from_id, to_id, props, sources, author=editor.subject
        )
    except (NotFoundError, ConflictError) as exc:
        raise _translate(exc) from None


async def unlink(info: Any, rel_type: str, from_id: str, to_id: str) -> None:
    editor = require(info.context.principal, Role.EDITOR)
    rel = RelType(rel_type)
    check_id(from_id, "from")
    check_id(to_id, "to")
    try:
        await writes.unlink(info.context.db, rel, from_id, to_id, author=editor.subject)
    except (NotFoundError, ConflictError) as exc:
        raise _translate(exc) from None


async def rank_figure(info: Any, figure_id: str, rank: str, reason: str) -> None:
    """Rank a figure against the other claims of its measure, with the reason (both kept
    on the figure and recorded in its history)."""
    editor = require(info.context.principal, Role.EDITOR)
    check_id(figure_id, "id")
    ranked = {
        RANK.name: check_value(RANK, rank, "rank"),
        RANK_REASON.name: check_value(RANK_REASON, reason, "reason"),
    }
    try:
        await writes.update(
            info.context.db, Label.FIGURE, figure_id, ranked, [], author=editor.subject
        )
    except (NotFoundError, ConflictError) as exc:
        raise _translate(exc) from None
