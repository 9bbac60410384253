"""Read, validate and load the curated seed files.

Validation runs over every file before anything is written; the load then diffs
the files against the graph and writes only what changed, all in one
transaction, so a second run reports (and does) nothing.

Reading is strict and never ends in a traceback: each problem found anywhere, in any
file, is collected and reported at once (``SeedError``), as
``file:line: entry <id>: field <field>: reason``:

- a file must be a readable, UTF-8 encoded regular file holding a YAML list of
  mappings, without duplicate keys, merge keys or explicit tags other than ``!!str``
  (aliases are read, up to a bound on what they expand to);
- an unquoted value is read as written where the model wants text, a date or a
  choice (``startDate: 2020-02-15`` is the text ``2020-02-15``, ``name: no`` is
  ``no``), and as a YAML 1.2 number or ``true``/``false`` where it wants one;
- values follow the model's rules (``graph.rules``, shared with editors' mutations);
- ids are unique, relationships join existing entities of allowed labels, PART_OF
  has no cycle, and no span ends before it starts (``graph.model.DATE_RANGES``).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from graph import history, loading, provenance
from graph.db import Database
from graph.model import (
    DATE_RANGES,
    ENTITIES,
    ENTITY_LABELS,
    PROPERTIES,
    RANK,
    RANK_REASON,
    REL_ENDPOINTS,
    REL_PROPERTIES,
    Label,
    Property,
    RelType,
    ValueKind,
)
from graph.rules import ID_PATTERN, MAX_SOURCES, PARTIAL_DATE_PATTERN
from graph.text import search_key
from seed import coordinates
from seed.schema import (
    ENTITY_MODELS,
    Document,
    DocumentEntry,
    Entity,
    Figure,
    FigureEntry,
    Relationship,
    RelationshipEntry,
    Source,
)

DATA_DIR = Path(__file__).parent / "data"

# One file per entity type of the model.
ENTITY_FILES: dict[str, tuple[str, type[Entity]]] = {
    entity.file: (entity.label, ENTITY_MODELS[entity.label]) for entity in ENTITIES
}
RELATIONSHIPS_FILE = "relationships.yaml"
FIGURES_FILE = "figures.yaml"
# The documents' catalogue (titles, publishers): optional, a document without an entry
# is served by its name alone.
DOCUMENTS_FILE = "documents.yaml"

# Relationship types whose links may never lead back to where they started.
ACYCLIC: tuple[RelType, ...] = (RelType.PART_OF,)


class SeedError(Exception):
    """The seed files are invalid; ``problems`` lists each as
    ``file:line: entry <id>: field <field>: reason`` (the parts that apply)."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the seed files")
        self.problems = list(problems)


@dataclass
class SeedData:
    entities: dict[str, tuple[str, Entity]] = field(default_factory=dict)
    relationships: list[RelationshipEntry] = field(default_factory=list)
    figures: list[FigureEntry] = field(default_factory=list)
    documents: list[DocumentEntry] = field(default_factory=list)


def problem(
    file: str, line: int | None, reason: str, *, entry: str | None = None, at: str | None = None
) -> str:
    """``file:line: entry <entry>: field <at>: reason``, leaving out what is unknown."""
    parts = [f"{file}:{line}" if line else file]
    if entry:
        parts.append(f"entry {entry}")
    if at:
        parts.append(f"field {at}")
    return ": ".join([*parts, reason])


# --------------------------------------------------------------------------- reading YAML

# The tag an unquoted, untagged scalar gets: its meaning depends on the field it fills.
_PLAIN = "tag:ipgraph,2026:plain"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# YAML 1.2 (core schema), not 1.1: `yes`, `no`, `on`, `off` and dates are text.
_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")

# list of entries > entry > sources > source > value: anything deeper is a mistake.
_MAX_DEPTH = 8
# The curated files hold some 30,000 values in all.
_MAX_VALUES = 1_000_000


@dataclass(frozen=True)
class _Plain:
    """An unquoted scalar: its text as written, and the number or boolean it reads as."""

    text: str
    value: Any


def _plain(text: str) -> _Plain | None:
    if _NULL.fullmatch(text):
        return None
    value: Any = text
    if _TRUE.fullmatch(text):
        value = True
    elif _FALSE.fullmatch(text):
        value = False
    elif _INT.fullmatch(text) and len(text) <= 20:
        value = int(text)
    elif _FLOAT.fullmatch(text):
        value = float(text)
    return _Plain(text, value)


class _Reader(yaml.SafeLoader):
    """PyYAML's parser, up to the node tree: ``_Settle`` makes the values."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class _Shape(NamedTuple):
    """Which fields of an entry hold numbers or booleans (the rest hold text), and the
    shape of the entries of its list fields."""

    numeric: frozenset[str]
    nested: Mapping[str, _Shape]


_NOT_TEXT = (ValueKind.INT, ValueKind.FLOAT, ValueKind.BOOL)
_SOURCE_SHAPE = _Shape(frozenset({"inferred"}), {})


def _shape(properties: Iterable[Property]) -> _Shape:
    numeric = frozenset(p.name for p in properties if p.kind in _NOT_TEXT)
    return _Shape(numeric, {"sources": _SOURCE_SHAPE})


Loc = tuple[int | str, ...]


class _TooLarge(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _Settle:
    """A file's entries as plain values, each with the line of each value (by its
    location, as pydantic reports it) and what is wrong with the YAML itself."""

    def __init__(self) -> None:
        self.lines: dict[Loc, int] = {}
        self.defects: list[tuple[Loc, int, str]] = []
        # Where a value was left out for its defect: the model says nothing more there.
        self.dropped: list[Loc] = []
        # Values made so far in the file: aliases can make a small file expand hugely.
        self.made = 0

    def entry(self, node: yaml.Node, shape: _Shape) -> Any:
        self.lines, self.defects, self.dropped = {}, [], []
        return self.value(node, shape, ())

    def value(self, node: yaml.Node, shape: _Shape, loc: Loc, numeric: bool = False) -> Any:
        line = node.start_mark.line + 1
        self.lines.setdefault(loc, line)
        self.made += 1
        if self.made > _MAX_VALUES:
            raise _TooLarge(line)
        if len(loc) >= _MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            return self.drop(loc, line, "nested too deeply")
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _PLAIN:
                plain = _plain(node.value)
                if plain is None:
                    return None
                return plain.value if numeric else plain.text
            if node.tag == _STR:
                return node.value
        elif isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [
                self.value(item, shape, (*loc, index), numeric)
                for index, item in enumerate(node.value)
            ]
        elif isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self.mapping(node, shape, loc)
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return self.drop(loc, line, f"the tag {tag} is not supported here (quote the value)")

    def drop(self, loc: Loc, line: int, reason: str) -> None:
        self.defects.append((loc, line, reason))
        self.dropped.append(loc)

    def mapping(self, node: yaml.MappingNode, shape: _Shape, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.defects.append((loc, line, "a key must be a plain name"))
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == _PLAIN:
                self.defects.append((loc, line, "merge keys (<<) are not supported"))
                continue
            if key in first:
                self.drop((*loc, key), line, f"duplicate key (first given at line {first[key]})")
                continue
            first[key] = line
            self.lines[(*loc, key)] = line
            inner = shape.nested.get(key, shape)
            result[key] = self.value(value_node, inner, (*loc, key), key in shape.numeric)
        return result


@dataclass
class _Entry:
    """One entry of a file, as read: its values and where each one is."""

    file: str
    index: int
    line: int
    raw: Any
    lines: dict[Loc, int]
    # Where a value was left out for a defect of the YAML itself (already reported).
    dropped: list[Loc] = field(default_factory=list)

    def reported(self, loc: Loc) -> bool:
        """True when a value was left out at ``loc``, inside it or around it."""
        return any(loc[: len(d)] == d or d[: len(loc)] == loc for d in self.dropped)

    @property
    def name(self) -> str:
        raw = self.raw if isinstance(self.raw, dict) else {}
        ident = raw.get("id")
        if isinstance(ident, str) and ident:
            return _show(ident)
        ends = [raw.get(key) for key in ("type", "from", "to")]
        texts = [end for end in ends if isinstance(end, str) and end]
        if len(texts) == 3:
            return f"{_show(texts[0])} {_show(texts[1])} -> {_show(texts[2])}"
        return f"#{self.index + 1}"

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest value along ``loc`` that was written."""
        for end in range(len(loc), 0, -1):
            line = self.lines.get(loc[:end])
            if line is not None:
                return line
        return self.line

    def problem(self, reason: str, at: Loc | str | None = None) -> str:
        loc: Loc = (at,) if isinstance(at, str) else at or ()
        return problem(
            self.file, self.line_of(loc), reason, entry=self.name, at=_field(loc) or None
        )


_SHOWN_AS_IS = re.compile(f"{ID_PATTERN}|^[A-Z_]+$")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SHOWN_MAX = 120


def _show(text: str) -> str:
    """An id (or type) as given, or quoted, escaping control characters, when it is
    neither a slug nor a type name; cut short when long."""
    cut = text[:_SHOWN_MAX]
    shown = cut if _SHOWN_AS_IS.fullmatch(text) else repr(cut)
    return shown + ("…" if len(text) > _SHOWN_MAX else "")


def _field(loc: Loc) -> str:
    """``("sources", 0, "quote")`` → ``sources[0].quote``; a key that is no name is
    quoted (a file's text never reaches the terminal raw)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        name = part if _NAME.fullmatch(part) else _show(part)
        text += f".{name}" if text else name
    return text


_MAX_BAD_BYTES = 5


def _decode(name: str, content: bytes, problems: list[str]) -> str:
    """The text of a UTF-8 file; the first bytes that are not UTF-8 are reported, and read
    as U+FFFD so that the rest of the file is still checked."""
    bad: list[int] = []
    position = 0
    while len(bad) <= _MAX_BAD_BYTES:
        try:
            content[position:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            bad.append(position + exc.start)
            position += exc.end
    for offset in bad[:_MAX_BAD_BYTES]:
        line = content.count(b"\n", 0, offset) + 1
        column = offset - (content.rfind(b"\n", 0, offset) + 1) + 1
        problems.append(
            problem(
                name,
                line,
                f"not UTF-8: byte 0x{content[offset]:02x} at offset {offset} "
                f"(column {column}); save the file as UTF-8",
            )
        )
    if len(bad) > _MAX_BAD_BYTES:
        problems.append(problem(name, None, "not UTF-8: more bytes like these follow"))
    return content.decode("utf-8", errors="replace")


def _read_entries(path: Path, shape: _Shape, problems: list[str]) -> list[_Entry] | None:
    """The entries of one file, or None when the file cannot be read at all; what is
    wrong goes to ``problems``."""
    name = path.name
    try:
        if not path.exists():
            problems.append(problem(name, None, "file is missing"))
            return None
        if path.is_dir():
            problems.append(problem(name, None, "is a folder, not a file"))
            return None
        if not path.is_file():
            problems.append(problem(name, None, "is not a regular file"))
            return None
        content = path.read_bytes()
    except OSError as exc:
        problems.append(problem(name, None, f"cannot be read: {exc.strerror or exc}"))
        return None
    text = _decode(name, content, problems)
    reader = None
    try:
        reader = _Reader(text)
        top = reader.get_single_node()
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problems.append(
            problem(
                name,
                line,
                f"not valid YAML: the character U+{character:04X} is not allowed "
                "(control characters never are)",
            )
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" (column {mark.column + 1})" if mark is not None else ""
        reason = exc.problem or exc.context or "cannot be parsed"
        if exc.problem and exc.context and exc.context_mark is not None:
            reason += f" ({exc.context} at line {exc.context_mark.line + 1})"
        at = mark.line + 1 if mark is not None else None
        problems.append(problem(name, at, f"not valid YAML{where}: {reason}"))
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        problems.append(problem(name, None, f"not valid YAML: {reason}"))
        return None
    finally:
        if reader is not None:
            reader.dispose()
    if top is None or (isinstance(top, yaml.ScalarNode) and _plain(top.value) is None):
        return []  # an empty file: no entries
    if not isinstance(top, yaml.SequenceNode) or top.tag != _SEQ:
        problems.append(
            problem(name, top.start_mark.line + 1, "must be a list of entries (`- id: …`)")
        )
        return None
    entries = []
    settle = _Settle()
    for index, node in enumerate(top.value):
        try:
            raw = settle.entry(node, shape)
        except _TooLarge as exc:
            reason = f"holds over {_MAX_VALUES:,} values (aliases expanding?)"
            problems.append(problem(name, exc.line, reason))
            return None
        entry = _Entry(name, index, node.start_mark.line + 1, raw, settle.lines)
        entry.dropped = settle.dropped
        for loc, line, reason in settle.defects:
            problems.append(problem(name, line, reason, entry=entry.name, at=_field(loc) or None))
        if not isinstance(raw, dict):
            if raw is not None or not settle.defects:
                problems.append(entry.problem("must be a mapping of field: value"))
            continue
        entries.append(entry)
    return entries


# --------------------------------------------------------------------------- validating

M = TypeVar("M", bound=BaseModel)


def _reason(err: ErrorDetails, model: type[BaseModel]) -> str:
    """pydantic's message, in the words of the seed files."""
    kind, ctx = err["type"], err.get("ctx", {})
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == PARTIAL_DATE_PATTERN:
        return "should be a date written YYYY, YYYY-MM or YYYY-MM-DD"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return "should be a lower-case slug like city-bogota"
    if kind == "too_long" and err["loc"][-1:] == ("sources",):
        return f"holds {ctx.get('actual_length')} sources; an entry takes at most {MAX_SOURCES}"
    if kind == "bool_type":
        return "should be true or false"
    if kind == "extra_forbidden" and len(err["loc"]) == 1:
        fields = [f.alias or name for name, f in model.model_fields.items()]
        close = difflib.get_close_matches(str(err["loc"][0]), fields, n=1)
        return "unknown field" + (f" (did you mean {close[0]}?)" if close else "")
    return err["msg"].removeprefix("Value error, ")


def _validate(model: type[M], entry: _Entry, problems: list[str]) -> M | None:
    try:
        return model.model_validate(entry.raw)
    except ValidationError as exc:
        for err in exc.errors():
            if not entry.reported(err["loc"]):
                problems.append(entry.problem(_reason(err, model), err["loc"]))
        return None


def _check_ranges(item: BaseModel, entry: _Entry, problems: list[str]) -> None:
    """No span ends before it starts (compared as editors' mutations compare them)."""
    for first, last in DATE_RANGES:
        start, end = getattr(item, first, None), getattr(item, last, None)
        if start and end and end < start:
            problems.append(entry.problem(f"{end} is before {first} {start}", last))


def _check_acyclic(rels: list[tuple[RelationshipEntry, _Entry]], problems: list[str]) -> None:
    """Each cycle once, reported at the entry that closes it (the last in the file), in
    file order."""
    found: list[tuple[int, str]] = []
    for rel_type in ACYCLIC:
        edges: dict[tuple[str, str], _Entry] = {}
        for rel, entry in rels:
            if rel.type is not rel_type:
                continue
            if rel.from_ == rel.to:
                reason = f"{rel.to} cannot be {rel_type.value} itself"
                found.append((entry.index, entry.problem(reason, "to")))
            else:
                edges[(rel.from_, rel.to)] = entry
        for cycle in _cycles(list(edges)):
            links = _links(cycle)
            closing = max(links, key=_by(edges))
            # Round the cycle from the closing link's target back to it.
            start = cycle.index(closing[1])
            ring = [*cycle[start:], *cycle[:start], closing[1]]
            lines = ", ".join(str(edges[link].line) for link in sorted(links, key=_by(edges)))
            reason = (
                f"closes a {rel_type.value} cycle: {' -> '.join(ring)} (entries at lines {lines})"
            )
            found.append((edges[closing].index, edges[closing].problem(reason, "to")))
    problems += [text for _, text in sorted(found)]


def _by(edges: dict[tuple[str, str], _Entry]) -> Callable[[tuple[str, str]], int]:
    return lambda link: edges[link].index


def _links(cycle: list[str]) -> list[tuple[str, str]]:
    """``[a, b, c]`` → ``[(a, b), (b, c), (c, a)]``."""
    return list(itertools.pairwise([*cycle, cycle[0]]))


def _cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    """Cycles of a directed graph until none is left, each cut at one link (the last
    listed): every cycle is found, and each link is blamed at most once."""
    order = {edge: index for index, edge in enumerate(edges)}
    remaining = set(edges)
    found: list[list[str]] = []
    while True:
        # Drop links that cannot be on a cycle: from a node nothing reaches, or to a
        # node that leads nowhere.
        changed = True
        while changed:
            targets = {b for _, b in remaining}
            sources = {a for a, _ in remaining}
            kept = {(a, b) for a, b in remaining if a in targets and b in sources}
            changed = kept != remaining
            remaining = kept
        if not remaining:
            return found
        nexts: dict[str, list[str]] = defaultdict(list)
        for a, b in sorted(remaining, key=order.__getitem__):
            nexts[a].append(b)
        # Every node left has a way out: walking always ends up in a loop.
        walk = [min(nexts)]
        seen = {walk[0]: 0}
        while (step := nexts[walk[-1]][0]) not in seen:
            seen[step] = len(walk)
            walk.append(step)
        cycle = walk[seen[step] :]
        found.append(cycle)
        remaining.discard(max(_links(cycle), key=order.__getitem__))


def load_files(data_dir: Path = DATA_DIR) -> SeedData:
    """Parse and check every seed file; raise ``SeedError`` listing all problems found."""
    problems: list[str] = []
    data = SeedData()
    try:
        is_folder = data_dir.is_dir()
    except OSError as exc:
        raise SeedError([problem(str(data_dir), None, f"cannot be read: {exc}")]) from None
    if not is_folder:
        raise SeedError([problem(str(data_dir), None, "is not a folder")])
    origin: dict[str, str] = {}
    # Ids of entries already reported as invalid: references to them are not
    # reported again as "no entity has id".
    reported: set[str] = set()
    # Entity files that could not be read at all: a reference to an entity that may be
    # in one is left unchecked rather than reported as naming no entity.
    unread_labels: set[str] = set()

    def dangling(entity_id: str, labels: Iterable[str] = ENTITY_LABELS) -> bool:
        known = entity_id in data.entities or entity_id in reported
        return not known and not unread_labels.intersection(labels)

    for filename, (label, model) in ENTITY_FILES.items():
        path = data_dir / filename
        entries = _read_entries(path, _shape(PROPERTIES[label]), problems)
        if entries is None:
            unread_labels.add(label)
        for entry in entries or []:
            entity = _validate(model, entry, problems)
            if entity is None:
                if isinstance(entry.raw.get("id"), str):
                    reported.add(entry.raw["id"])
                continue
            if entity.id in data.entities:
                problems.append(
                    entry.problem(f"duplicate of an entry in {origin[entity.id]}", "id")
                )
                continue
            _check_ranges(entity, entry, problems)
            data.entities[entity.id] = (label, entity)
            origin[entity.id] = filename

    path = data_dir / RELATIONSHIPS_FILE
    seen: set[tuple[str, str, str]] = set()
    checked: list[tuple[RelationshipEntry, _Entry]] = []
    for entry in _read_entries(path, _shape(REL_PROPERTIES), problems) or []:
        rel = _validate(Relationship, entry, problems)
        if rel is None:
            continue
        ends = [data.entities.get(rel.from_), data.entities.get(rel.to)]
        for side, key, end_id in ((0, "from", rel.from_), (1, "to", rel.to)):
            labels = {pair[side] for pair in REL_ENDPOINTS[rel.type]}
            if dangling(end_id, labels):
                problems.append(entry.problem(f"no entity has id {end_id!r}", key))
        if ends[0] is None or ends[1] is None:
            continue
        pair = (ends[0][0], ends[1][0])
        if pair not in REL_ENDPOINTS[rel.type]:
            problems.append(
                entry.problem(f"{rel.type.value} cannot join {pair[0]} to {pair[1]}", "type")
            )
            continue
        key3 = (rel.type.value, rel.from_, rel.to)
        if key3 in seen:
            problems.append(entry.problem("duplicate relationship"))
            continue
        seen.add(key3)
        _check_ranges(rel, entry, problems)
        data.relationships.append(rel)
        checked.append((rel, entry))
    _check_acyclic(checked, problems)

    path = data_dir / FIGURES_FILE
    for entry in _read_entries(path, _shape(PROPERTIES[Label.FIGURE]), problems) or []:
        figure = _validate(Figure, entry, problems)
        if figure is None:
            continue
        if figure.id in data.entities or figure.id in origin:
            problems.append(entry.problem("duplicate id", "id"))
            continue
        if figure.subject is not None and figure.subject not in data.entities:
            if dangling(figure.subject):
                problems.append(entry.problem(f"no entity has id {figure.subject!r}", "subject"))
            continue
        _check_ranges(figure, entry, problems)
        origin[figure.id] = FIGURES_FILE
        data.figures.append(figure)

    path = data_dir / DOCUMENTS_FILE
    if path.exists():
        catalogued: set[str] = set()
        for entry in _read_entries(path, _shape(PROPERTIES[Label.DOCUMENT]), problems) or []:
            document = _validate(Document, entry, problems)
            if document is None:
                continue
            if document.id in catalogued:
                problems.append(entry.problem("duplicate id", "id"))
                continue
            catalogued.add(document.id)
            data.documents.append(document)

    if problems:
        raise SeedError(problems)
    return data


def source_properties(sources: Sequence[Source]) -> dict[str, Any]:
    """Provenance as stored (``graph.provenance``)."""
    return provenance.source_properties(
        [provenance.Source(s.document, s.quote, s.asOf, s.inferred, s.reasoning) for s in sources]
    )


_ENTITY_SKIP = {"id", "sources"}


def entity_properties(entity: Entity) -> dict[str, Any]:
    props: dict[str, Any] = {
        key: (value.value if hasattr(value, "value") else value)
        for key, value in entity.model_dump().items()
        if key not in _ENTITY_SKIP
    }
    acronym = getattr(entity, "acronym", None)
    props["searchText"] = search_key(entity.name, *entity.aliases, acronym)
    props.update(source_properties(entity.sources))
    return props


def inferred_coordinates(data: SeedData) -> dict[str, dict[str, Any]]:
    """The coordinates of the locations whose entries give none, inferred from GeoNames
    data (``seed.coordinates``), as they are stored, by id: computed when seeding, so the
    service never looks them up, and an existing graph gets them at its next seed."""
    parents: dict[str, list[str]] = defaultdict(list)
    for rel in data.relationships:
        if rel.type is RelType.PART_OF:
            parents[rel.from_].append(rel.to)
    places = {
        entity_id: coordinates.Place(
            entity_id,
            (entity.name, *entity.aliases),
            str(getattr(entity, "kind", "")),
            tuple(parents[entity_id]),
        )
        for entity_id, (label, entity) in data.entities.items()
        if label == Label.LOCATION
    }
    given = {
        entity_id
        for entity_id in places
        if _stated(data.entities[entity_id][1], coordinates.LATITUDE)
        or _stated(data.entities[entity_id][1], coordinates.LONGITUDE)
    }
    return {
        entity_id: at.properties()
        for entity_id, at in coordinates.locate(places).items()
        if entity_id not in given
    }


def _stated(entity: Entity, key: str) -> bool:
    return getattr(entity, key, None) is not None


# What editors set on a figure (``rankFigure``): the seed files own them only where an
# entry gives them, so loading the files again keeps an editor's rank.
EDITORS_FIGURE_KEYS = frozenset({RANK.name, RANK_REASON.name})


def figure_properties(figure: FigureEntry) -> dict[str, Any]:
    left_to_editors = EDITORS_FIGURE_KEYS - figure.model_fields_set
    props = figure.model_dump(exclude={"id", "sources", "subject", *left_to_editors})
    props.update(source_properties(figure.sources))
    return props


def figure_defaults(figure: FigureEntry) -> dict[str, Any]:
    """What a figure new to the graph gets of what editors set later: the model's default
    rank."""
    return {RANK.name: RANK.default} if RANK.name not in figure.model_fields_set else {}


def relationship_properties(rel: RelationshipEntry) -> dict[str, Any]:
    props = rel.model_dump(include={"role", "since", "until", "note"})
    props.update(source_properties(rel.sources))
    return props


@dataclass
class Change:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class SeedReport:
    nodes: dict[str, Change] = field(default_factory=dict)
    relationships: dict[str, Change] = field(default_factory=dict)
    statements: int = 0

    @property
    def changed(self) -> bool:
        return any(
            c.created or c.updated for c in [*self.nodes.values(), *self.relationships.values()]
        )


def _differs(desired: dict[str, Any], existing: dict[str, Any]) -> bool:
    return any(existing.get(key) != value for key, value in desired.items())


Progress = Callable[[str, int, int], None]


def _change(
    subject: history.Subject, current: dict[str, Any] | None, props: dict[str, Any]
) -> list[history.Change]:
    """What writing ``props`` (merged into what is there, ``SET +=``, where null removes)
    changes, if anything recorded does (a derived property alone is not recorded)."""
    base = current if current is not None else ({"id": subject.entity} if subject.entity else {})
    after = {key: value for key, value in {**base, **props}.items() if value is not None}
    change = history.changed(subject, current, after, provenance.read_sources(props))
    return [] if change is None else [change]


async def apply(db: Database, data: SeedData, progress: Progress | None = None) -> SeedReport:
    """Write what differs between ``data`` and the graph, in one transaction."""
    report = SeedReport()
    statements: list[tuple[Any, Any]] = []
    recorded: list[history.Change] = []

    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    located = inferred_coordinates(data)
    for entity_id, (label, entity) in data.entities.items():
        props = {**entity_properties(entity), **located.get(entity_id, {})}
        nodes[label].append({"id": entity_id, "props": props})
    for figure in data.figures:
        nodes[Label.FIGURE].append(
            {"id": figure.id, "props": figure_properties(figure), "new": figure_defaults(figure)}
        )
    for document in data.documents:
        nodes[Label.DOCUMENT].append(
            {"id": document.id, "props": document.model_dump(exclude={"id"})}
        )

    for label, rows in nodes.items():
        existing = await loading.snapshot_nodes(db, label, [r["id"] for r in rows])
        change = report.nodes.setdefault(label, Change())
        todo = []
        for row in rows:
            current = existing.get(row["id"])
            # Properties only a node new to the graph gets ("new"): never the statement's.
            created_with = row.pop("new", {})
            if current is None:
                row["props"] = {**created_with, **row["props"]}
                change.created += 1
            elif _differs(row["props"], current):
                change.updated += 1
            else:
                change.unchanged += 1
                continue
            todo.append(row)
            subject = history.Subject(label, entity=row["id"])
            recorded += _change(subject, current, row["props"])
        statements += loading.node_statements(label, todo)

    rels: dict[tuple[RelType, str, str], list[dict[str, Any]]] = defaultdict(list)
    for rel in data.relationships:
        key = (rel.type, data.entities[rel.from_][0], data.entities[rel.to][0])
        rels[key].append({"from": rel.from_, "to": rel.to, "props": relationship_properties(rel)})
    for figure in data.figures:
        if figure.subject is not None:
            key = (RelType.DESCRIBES, Label.FIGURE, data.entities[figure.subject][0])
            props = source_properties(figure.sources)
            rels[key].append({"from": figure.id, "to": figure.subject, "props": props})

    for (rel_type, source, target), rows in rels.items():
        existing_rels = await loading.snapshot_rels(
            db, rel_type, source, target, [r["from"] for r in rows]
        )
        change = report.relationships.setdefault(rel_type.value, Change())
        todo = []
        for row in rows:
            current = existing_rels.get((row["from"], row["to"]))
            if current is None:
                change.created += 1
            elif _differs(row["props"], current):
                change.updated += 1
            else:
                change.unchanged += 1
                continue
            todo.append(row)
            subject = history.Subject(
                rel_type.value,
                from_id=row["from"],
                to_id=row["to"],
                from_label=source,
                to_label=target,
            )
            recorded += _change(subject, current, row["props"])
        statements += loading.rel_statements(rel_type, source, target, todo)

    # What changed, in the same transaction (the history, ``graph.history``).
    statements += history.record_statements(recorded, history.SEED_AUTHOR)
    report.statements = len(statements)
    if statements:
        total = len(statements)

        def step(done: int) -> None:
            if progress is not None:
                progress("writing", done, total)

        step(0)
        await db.write(statements, on_statement_done=step)
    return report
