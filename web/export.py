"""``/export``: the first list in a read query's result, as rows for a spreadsheet (CSV) or
a script (JSON); or the facts of the whole result with their evidence, as W3C PROV-O in
JSON-LD (``prov-jsonld``, ``web.provenance``).

The query runs through the same schema as ``/graphql`` (same tokens, limits, error
policy and statements), so an export can never see or cost more than the API allows.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request
from starlette.responses import Response
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from graph.settings import Settings
from resolvers.context import Context
from schema.errors import errors_response, refusal
from schema.persisted import DocumentPolicy, DocumentRefused
from schema.schema import Schema
from web import provenance
from web.auth import AuthFailed, Gate

Format = Literal["csv", "json", "prov-jsonld"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "prov-jsonld": "application/ld+json",
}
EXTENSIONS: dict[str, str] = {"csv": "csv", "json": "json", "prov-jsonld": "jsonld"}
# Cells of a nested list are joined one per line: line n of every column is item n.
LIST_SEPARATOR = "\n"
# A list inside one of those items stays on its line.
INNER_SEPARATOR = "; "
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, Any]


class ExportRequest(BaseModel):
    """What a client sends, in the query string (GET) or a JSON body (POST)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    # The operation: its text, or a persisted document's id (``schema.persisted``).
    query: str | None = Field(default=None, min_length=1)
    document_id: str | None = Field(default=None, alias="documentId")
    extensions: dict[str, Any] | None = None
    variables: dict[str, Any] | None = None
    operation_name: str | None = Field(default=None, alias="operationName")
    format: Format = "csv"
    # Column names to change: {"__typename": "type", "locationKind": "kind", ...}.
    columns: dict[
        Annotated[str, Field(min_length=1, max_length=200)],
        Annotated[str, Field(min_length=1, max_length=200)],
    ] = Field(default_factory=dict, max_length=200)


class BadRequest(Exception):
    """The request cannot be run; the message is safe to show."""


def first_list(data: Any, path: tuple[str, ...] = ()) -> tuple[tuple[str, ...], list[Any]] | None:
    """The first list met walking the result in field order, and the keys leading to it."""
    if isinstance(data, list):
        return path, data
    if isinstance(data, dict):
        for key, value in data.items():
            found = first_list(value, (*path, key))
            if found is not None:
                return found
    return None


def table(items: list[Any]) -> list[Row]:
    """One row per item (null items have nothing to show: an unknown id in ``entities``)."""
    rows = [flatten(item) for item in items if item is not None]
    superseded = _superseded(_union(rows))
    return [{k: v for k, v in row.items() if k not in superseded} for row in rows]


def renamed(rows: list[Row], columns: dict[str, str]) -> list[Row]:
    """The rows with their columns renamed; columns given one name become one column
    holding each row's first value that is not empty (the per-type aliases of a union's
    field, ``locationKind`` and ``branchKind`` as ``kind``, say)."""
    if not columns:
        return rows
    out = []
    for row in rows:
        new: Row = {}
        for key, value in row.items():
            name = columns.get(key, key)
            if new.get(name) in (None, "", []):
                new[name] = value
        out.append(new)
    return out


def flatten(item: Any) -> Row:
    """One row: nested objects become dotted columns (``parent.name``); a nested list
    becomes one column per leaf holding one cell per list item (``sources.quote``), so
    that cell n of every such column belongs to item n."""
    row: Row = {}
    _into(row, "", item)
    if "" in row:  # a list of scalars: each value is a row of one column
        row["value"] = row.pop("")
    return row


def _into(row: Row, prefix: str, value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _into(row, f"{prefix}.{key}" if prefix else key, inner)
    elif isinstance(value, list):
        items = []
        for element in value:
            flat: Row = {}
            _into(flat, "", element)
            items.append(flat)
        found = _union(items)
        superseded = _superseded(found)
        keys = [key for key in found if key not in superseded]
        if not keys:
            row[prefix] = []
        for key in keys:
            # One cell per item, None where an item lacks the leaf; a list nested in an
            # item stays one (list) cell.
            row[f"{prefix}.{key}" if prefix and key else prefix or key] = [
                flat.get(key) for flat in items
            ]
    else:
        row[prefix] = value


def _union(rows: Iterable[Row]) -> list[str]:
    """Every column, in the order first seen."""
    return list(dict.fromkeys(key for row in rows for key in row))


def _superseded(columns: list[str]) -> set[str]:
    """Columns standing for an object or list that is null or empty in some rows while
    others have its leaves (``parent`` beside ``parent.id``): they add nothing."""
    return {c for c in columns if any(other.startswith(c + ".") for other in columns)}


def to_csv(rows: list[Row]) -> str:
    columns = _union(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    if columns:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    # A byte-order mark, so that spreadsheets read UTF-8 (Bogotá, Côte d'Ivoire) as such.
    return "\ufeff" + buffer.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, list):
        # One line per item; a line break inside an item would shift the lines after it.
        text = LIST_SEPARATOR.join(" ".join(_text(v).splitlines()) for v in value)
    else:
        text = _text(value)
        if not isinstance(value, str):
            return text  # numbers and booleans are never formulas
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text(value: Any) -> str:
    if isinstance(value, list):  # a list nested in a list item: one line, "; " between
        return INNER_SEPARATOR.join(_text(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def file_name(path: tuple[str, ...], fmt: str) -> str:
    stem = "-".join(re.sub(r"[^A-Za-z0-9_]", "", key) for key in path) or "export"
    return f"ipgraph-{stem}.{EXTENSIONS[fmt]}"


async def _parameters(request: Request) -> ExportRequest:
    raw: dict[str, Any] = dict(request.query_params)
    if request.method == "POST":
        try:
            body = await request.json()
        except RecursionError:
            raise BadRequest("The JSON is nested too deeply.") from None
        except ValueError:  # not JSON, or not UTF-8
            body = None
        if not isinstance(body, dict):
            raise BadRequest("The body must be a JSON object: {query, variables?, format?}.")
        raw.update(body)
    else:
        # In a query string, the objects come as JSON text.
        for name in ("variables", "columns", "extensions"):
            if not isinstance(raw.get(name), str):
                continue
            try:
                raw[name] = json.loads(raw[name])
            except RecursionError:
                raise BadRequest(f"`{name}`: the JSON is nested too deeply.") from None
            except ValueError:
                raise BadRequest(f"`{name}` must be a JSON object.") from None
    try:
        return ExportRequest.model_validate(raw)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"]) or "request"
        raise BadRequest(f"`{where}`: {problem['msg']}.") from None


class Exporter:
    """Serves ``/export`` (GET and POST) through ``handle``."""

    def __init__(
        self, schema: Schema, settings: Settings, gate: Gate, documents: DocumentPolicy
    ) -> None:
        self.schema = schema
        self.settings = settings
        self.gate = gate
        # The text an export runs passes /graphql's check (trusted documents, APQ).
        self.documents = documents

    async def handle(self, request: Request) -> Response:
        try:
            principal = self.gate.admit(request.headers.get("authorization"))
        except AuthFailed as exc:
            return refusal(str(exc), "UNAUTHENTICATED")
        try:
            params = await _parameters(request)
        except BadRequest as exc:
            return refusal(str(exc), "BAD_REQUEST")
        try:
            query = self.documents.resolve(params.query, params.document_id, params.extensions)
        except DocumentRefused as exc:
            return refusal(exc.message, exc.code, headers=exc.headers)
        if query is None:
            return refusal("`query`: send the query (or the `documentId` of one).", "BAD_REQUEST")
        context = Context(db=request.app.state.db, settings=self.settings, principal=principal)
        try:
            result = await self.schema.execute(
                query,
                variable_values=params.variables,
                context_value=context,
                operation_name=params.operation_name,
                allowed_operation_types={OperationType.QUERY},
            )
        except InvalidOperationTypeError:
            return refusal("Export runs queries only; send changes to /graphql.", "BAD_REQUEST")
        except CannotGetOperationTypeError:
            problem = (
                "`operationName` names no operation of the query."
                if params.operation_name
                else "The query holds no operation to run."
            )
            return refusal(problem, "BAD_REQUEST")
        if result.errors:
            # A partial table would pass for a complete one: no file unless all went well.
            # The errors are /graphql's (one schema, one ErrorPolicy), answered with the
            # gravest status among them.
            return errors_response(result.errors)
        citation = (result.extensions or {}).get("citation") or {}
        version = citation.get("dataVersion")
        if params.format == "prov-jsonld":
            cited = provenance.document(result.data, version)
            if cited is None:
                return refusal(
                    "The result holds no fact with its evidence: select `sources { document "
                    "quote }` on what to cite.",
                    "BAD_REQUEST",
                )
            path = tuple((result.data or {}).keys())[:1]
            body = json.dumps(cited, ensure_ascii=False)
        else:
            found = first_list(result.data)
            if found is None:
                return refusal("The result holds no list to export.", "BAD_REQUEST")
            path, items = found
            rows = renamed(table(items), params.columns)
            body = to_csv(rows) if params.format == "csv" else json.dumps(rows, ensure_ascii=False)
        headers = {
            "Content-Disposition": f'attachment; filename="{file_name(path, params.format)}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        }
        if version is not None:
            # Which state of the graph the file holds (``extensions.citation``).
            headers["X-Data-Version"] = version
        return Response(body, media_type=MEDIA_TYPES[params.format], headers=headers)
