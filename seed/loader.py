"""Read, validate and load the curated seed files.

Validation runs over every file before anything is written; the load then diffs
the files against the graph and writes only what changed, all in one
transaction, so a second run reports (and does) nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from graph import loading, provenance
from graph.db import Database
from graph.model import ENTITIES, REL_ENDPOINTS, Label, RelType
from graph.text import search_key
from seed.schema import (
    ENTITY_MODELS,
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


class SeedError(Exception):
    """The seed files are invalid; ``problems`` lists each as file, entry and field."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the seed files")
        self.problems = list(problems)


@dataclass
class SeedData:
    entities: dict[str, tuple[str, Entity]] = field(default_factory=dict)
    relationships: list[RelationshipEntry] = field(default_factory=list)
    figures: list[FigureEntry] = field(default_factory=list)


def _entry_name(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"entry {index} (id {raw['id']})"
    if isinstance(raw, dict) and "type" in raw:
        return f"entry {index} ({raw.get('type')} {raw.get('from')} -> {raw.get('to')})"
    return f"entry {index}"


def _read_list(path: Path, problems: list[str]) -> list[Any]:
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path.name}: file is missing")
        return []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problems.append(f"{path.name}: not valid YAML{where}")
        return []
    if content is None:
        return []
    if not isinstance(content, list):
        problems.append(f"{path.name}: must be a list of entries")
        return []
    return content


M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], path: Path, index: int, raw: Any, problems: list[str]) -> M | None:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(part) for part in err["loc"]) or "(entry)"
            problems.append(f"{path.name}: {_entry_name(raw, index)}: field {where}: {err['msg']}")
        return None


def load_files(data_dir: Path = DATA_DIR) -> SeedData:
    """Parse and check every seed file; raise ``SeedError`` listing all problems found."""
    problems: list[str] = []
    data = SeedData()
    origin: dict[str, str] = {}
    # Ids of entries already reported as invalid: references to them are not
    # reported again as "no entity has id".
    reported: set[str] = set()
    for filename, (label, model) in ENTITY_FILES.items():
        path = data_dir / filename
        for index, raw in enumerate(_read_list(path, problems)):
            entity = _validate(model, path, index, raw, problems)
            if entity is None:
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    reported.add(raw["id"])
                continue
            if entity.id in data.entities:
                problems.append(
                    f"{filename}: {_entry_name(raw, index)}: field id: duplicate of an entry "
                    f"in {origin[entity.id]}"
                )
                continue
            data.entities[entity.id] = (label, entity)
            origin[entity.id] = filename

    path = data_dir / RELATIONSHIPS_FILE
    seen: set[tuple[str, str, str]] = set()
    for index, raw in enumerate(_read_list(path, problems)):
        rel = _validate(Relationship, path, index, raw, problems)
        if rel is None:
            continue
        name = _entry_name(raw, index)
        ends = [data.entities.get(rel.from_), data.entities.get(rel.to)]
        for key, end_id, end in (("from", rel.from_, ends[0]), ("to", rel.to, ends[1])):
            if end is None and end_id not in reported:
                problems.append(f"{path.name}: {name}: field {key}: no entity has id {end_id!r}")
        if ends[0] is None or ends[1] is None:
            continue
        pair = (ends[0][0], ends[1][0])
        if pair not in REL_ENDPOINTS[rel.type]:
            problems.append(
                f"{path.name}: {name}: field type: {rel.type.value} cannot join "
                f"{pair[0]} to {pair[1]}"
            )
            continue
        key3 = (rel.type.value, rel.from_, rel.to)
        if key3 in seen:
            problems.append(f"{path.name}: {name}: duplicate relationship")
            continue
        seen.add(key3)
        data.relationships.append(rel)

    path = data_dir / FIGURES_FILE
    for index, raw in enumerate(_read_list(path, problems)):
        figure = _validate(Figure, path, index, raw, problems)
        if figure is None:
            continue
        if figure.id in data.entities or figure.id in origin:
            problems.append(f"{path.name}: {_entry_name(raw, index)}: field id: duplicate id")
            continue
        if figure.subject is not None and figure.subject not in data.entities:
            if figure.subject in reported:
                continue
            problems.append(
                f"{path.name}: {_entry_name(raw, index)}: field subject: "
                f"no entity has id {figure.subject!r}"
            )
            continue
        origin[figure.id] = FIGURES_FILE
        data.figures.append(figure)

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


def figure_properties(figure: FigureEntry) -> dict[str, Any]:
    props = figure.model_dump(exclude={"id", "sources", "subject"})
    props.update(source_properties(figure.sources))
    return props


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


async def apply(db: Database, data: SeedData, progress: Progress | None = None) -> SeedReport:
    """Write what differs between ``data`` and the graph, in one transaction."""
    report = SeedReport()
    statements: list[tuple[Any, Any]] = []

    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity_id, (label, entity) in data.entities.items():
        nodes[label].append({"id": entity_id, "props": entity_properties(entity)})
    for figure in data.figures:
        nodes[Label.FIGURE].append({"id": figure.id, "props": figure_properties(figure)})

    for label, rows in nodes.items():
        existing = await loading.snapshot_nodes(db, label, [r["id"] for r in rows])
        change = report.nodes.setdefault(label, Change())
        todo = []
        for row in rows:
            if row["id"] not in existing:
                change.created += 1
                todo.append(row)
            elif _differs(row["props"], existing[row["id"]]):
                change.updated += 1
                todo.append(row)
            else:
                change.unchanged += 1
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
                todo.append(row)
            elif _differs(row["props"], current):
                change.updated += 1
                todo.append(row)
            else:
                change.unchanged += 1
        statements += loading.rel_statements(rel_type, source, target, todo)

    report.statements = len(statements)
    if statements:
        total = len(statements)

        def step(done: int) -> None:
            if progress is not None:
                progress("writing", done, total)

        step(0)
        await db.write(statements, on_statement_done=step)
    return report
