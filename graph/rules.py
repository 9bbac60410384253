"""The rules values follow, built once from the model (``graph.model.PROPERTIES``) and
shared by everything that accepts data: the seed files (``seed.schema``) and editors'
mutations (``resolvers.mutations``). A value one accepts, the other accepts.

Each property becomes a pydantic type (``value_type``); ``check`` validates one value
against it and raises ``RuleError`` with a message fit for a client.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    FiniteFloat,
    StrictBool,
    StrictInt,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from graph.model import Property, ValueKind

# Patterns run in pydantic's Rust regex engine, where `$` is the very end of the text
# (Python's `re` would also let a final newline through).
# An id names one entity: lower-case words joined by hyphens.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX = 80
# Sources one write may carry (an editor's mutation; the seed loader's entries too):
# evidence is quoted, not dumped. Sources accumulate over writes; this bounds each.
MAX_SOURCES = 50
# A date as precise as the document is: a year, a month or a day.
# [0-9], not \d: \d takes any script's digits (full-width, Arabic-Indic), which int()
# reads but no comparison of date text orders.
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
# Control characters other than tab and newline (NUL among them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RuleError(ValueError):
    """A value broke its property's rule; the message names the rule, not the field."""


def _no_control_characters(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError("contains control characters")
    return text


def _real_date(text: str) -> str:
    """``2023-02-31``, month 13 and year 0000 match the pattern but are no dates."""
    year, month, day = ([int(p) for p in text.split("-")] + [1, 1])[:3]
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text} is not a date in the calendar") from None
    return text


Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX)]
PartialDate = Annotated[
    str, StringConstraints(pattern=PARTIAL_DATE_PATTERN), AfterValidator(_real_date)
]


def text_type(max_length: int = 2000) -> Any:
    """Trimmed text, not empty, at most ``max_length`` characters, no control characters."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(_no_control_characters),
    ]


Text = text_type()


@cache
def value_type(prop: Property) -> Any:
    """The pydantic type a value of ``prop`` must have."""
    if prop.kind is ValueKind.TEXT:
        return text_type(prop.max_length)
    if prop.kind is ValueKind.TEXTS:
        return list[text_type(prop.max_length)]  # type: ignore[misc]
    if prop.kind is ValueKind.DATE:
        return PartialDate
    if prop.kind is ValueKind.INT:
        return Annotated[StrictInt, Field(ge=prop.minimum, le=prop.maximum)]
    if prop.kind is ValueKind.FLOAT:
        # 37 is stored as 37.0, as the API serves it; NaN and infinities (`1e999`) are no
        # figure (and NaN would never equal itself, so no load would find it unchanged).
        if prop.minimum is None and prop.maximum is None:
            return FiniteFloat
        return Annotated[FiniteFloat, Field(ge=prop.minimum, le=prop.maximum)]
    if prop.kind is ValueKind.BOOL:
        return StrictBool
    assert prop.choices is not None, f"{prop.name} declares no choices"
    return prop.choices


def field_definition(prop: Property) -> tuple[Any, Any]:
    """``(type, default)`` of ``prop`` in a pydantic model (``pydantic.create_model``)."""
    kind = value_type(prop)
    if prop.required:
        return kind, ...
    if prop.kind is ValueKind.TEXTS:
        return kind, []
    if prop.default is not None and prop.choices is not None:
        return kind | None, prop.choices(prop.default)
    return kind | None, prop.default


@cache
def _adapter(prop: Property) -> TypeAdapter[Any]:
    return TypeAdapter(value_type(prop))


def check(prop: Property, value: Any) -> Any:
    """``value`` as stored (enums as their value, text trimmed), or ``RuleError``."""
    try:
        checked = _adapter(prop).validate_python(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "".join(f"[{part}]" for part in first["loc"])
        raise RuleError(f"{where + ': ' if where else ''}{_plain(first['msg'])}") from None
    return checked.value if prop.kind is ValueKind.CHOICE else checked


def _plain(message: str) -> str:
    # pydantic's "Value error, " prefix says nothing to a client.
    return message.removeprefix("Value error, ")


_SLUG = TypeAdapter(Slug)


def check_id(value: Any) -> str:
    """An id as the model names entities, or ``RuleError``."""
    try:
        return str(_SLUG.validate_python(value))
    except ValidationError:
        raise RuleError(
            f"must be a lower-case slug like `city-bogota` (at most {ID_MAX} characters)"
        ) from None
