"""Relay-style paging: bounded ``first``, opaque keyset cursors, connection objects."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from graph.model import REL_PROPERTIES
from graph.plan import Page
from resolvers.errors import BadInput

DEFAULT_PAGE = 20
MAX_PAGE = 100


BY_NAME = "NAME"

# Where a related item's tying relationships come back (``graph.compile``), and the
# relationship properties its edge serves from the first of them.
TIES = "__ties"
TIE_PROPERTIES = tuple(prop.name for prop in REL_PROPERTIES)


def encode_cursor(sort: str, key: Any, entity_id: str) -> str:
    """An opaque keyset cursor: the sort it belongs to, the sort key and the id."""
    raw = json.dumps([sort, key, entity_id], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    bad = BadInput("`after` is not a cursor this API issued", argument="after")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        cursor_sort, key, entity_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError, binascii.Error):
        raise bad from None
    if not isinstance(entity_id, str) or not isinstance(key, str | int | float | None):
        raise bad
    if cursor_sort != sort:
        # Its key would be compared with another sort's values: refuse, don't misread.
        raise BadInput(
            f"`after` is a cursor of a list ordered by {cursor_sort}, not {sort}",
            argument="after",
        )
    return key, entity_id


def page_from_arguments(
    arguments: Mapping[str, Any], *, wants_total: bool, sort: str = BY_NAME
) -> Page:
    """A ``Page`` from ``first``/``after``; out-of-range ``first`` is an error, not a truncation."""
    first = arguments.get("first")
    if first is None:
        first = DEFAULT_PAGE
    # Look-ahead arguments of nested fields come uncoerced from literals ("5").
    if isinstance(first, str) and first.lstrip("-").isdigit():
        first = int(first)
    if not isinstance(first, int) or isinstance(first, bool) or not 0 <= first <= MAX_PAGE:
        raise BadInput(f"`first` must be between 0 and {MAX_PAGE}", argument="first")
    after = arguments.get("after")
    return Page(
        first=first,
        after=decode_cursor(after, sort) if after is not None else None,
        total=wants_total,
    )


def connection(
    items: list[dict[str, Any]], total: int | None, first: int, sort: str = BY_NAME
) -> dict[str, Any]:
    """The connection object for a page fetched with ``LIMIT first + 1``."""
    page = items[:first]
    edges = [
        {"cursor": encode_cursor(sort, item.get("__key"), item["id"]), "node": item}
        for item in page
    ]
    return {
        "edges": edges,
        "nodes": page,
        "pageInfo": {
            "hasNextPage": len(items) > first,
            "endCursor": edges[-1]["cursor"] if edges else None,
        },
        "totalCount": total,
    }


def nested(row: dict[str, Any], response_key: str, first: int | None) -> dict[str, Any]:
    """The connection a nested field was planned for (``resolvers.selection``); its edges
    carry what ties each item there when that was asked (projected as ``__ties``)."""
    page = row["@" + response_key]
    found = connection(page["items"], page["total"], DEFAULT_PAGE if first is None else first)
    for edge in found["edges"]:
        ties = edge["node"].get(TIES)
        if ties is not None:
            edge["relationships"] = ties
            edge.update({name: ties[0][name] if ties else None for name in TIE_PROPERTIES})
    return found
