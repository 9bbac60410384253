"""The benchmark peer's type definitions (@neo4j/graphql 7.x), rendered from the graph model.

``render()`` is a pure function of the entity types (``graph.model.ENTITIES`` unless
given): one ``@node`` type per entity, read-only (``@mutation(operations: [])``), with

- ``id: ID!`` and a field for each property. Only ``id`` and ``name`` are non-null: any
  other property may be absent on a node, and the library raises on a null in a
  non-null field. Choices are strings (their values listed in the field's description),
  not enums: some values ("more than") are no GraphQL names.
- a ``@relationship`` field for each relation of one step of one relationship type,
  one hop (``Relation.one_hop``), as a list whatever the relation's ``many``: 7.x
  deprecates 1:1 relationship fields.
- a ``@cypher`` field, printed from the relation's route (``graph.compile.path``), for
  the relations named in ``cypher`` (by default those the benchmark's operations read:
  ``PEER_CYPHER``), so the peer answers the same question as ipgraph.
- a comment naming the other relations: those the library cannot express (several
  steps, several relationship types, variable hops, branches), left out.

Labels, property keys and relationship types are the model's, so the peer reads the
very nodes ipgraph writes. ``python -m bench.typedefs [FILE]`` prints them (or writes
``FILE``); ``ipgraph bench --peer`` writes them to a temporary file for ``peer.mjs``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Collection, Iterable
from pathlib import Path

from graph.compile import path
from graph.model import ENTITIES, EntityType, Property, Relation, ValueKind

# The GraphQL scalar of each kind of property value. Dates are as precise as the
# document ("2004", "2004-06"): strings, as ipgraph serves them.
SCALARS: dict[ValueKind, str] = {
    ValueKind.TEXT: "String",
    ValueKind.TEXTS: "[String!]",
    ValueKind.DATE: "String",
    ValueKind.INT: "Int",
    ValueKind.FLOAT: "Float",
    ValueKind.BOOL: "Boolean",
    ValueKind.CHOICE: "String",
}

# Properties served non-null (besides ``id``): every node has them.
NON_NULL: frozenset[str] = frozenset({"name"})

# Relations the peer serves through ``@cypher`` (label, relation name): those the
# operations (bench/peer/operations.json) read that are no single relationship.
# Location.missions (``nested``): missions here or in any place inside, as ipgraph's;
# Location.partners (``region_partners``): the three routes from every place inside.
PEER_CYPHER: frozenset[tuple[str, str]] = frozenset(
    {("Location", "missions"), ("Location", "partners")}
)

# The variables a ``@cypher`` statement names besides the library's ``this``.
_TARGET = "target"

HEADER = """\
# The ipgraph graph model as @neo4j/graphql 7.x type definitions, rendered from
# graph/model.py by bench/typedefs.py: do not edit.
#
# Labels, property keys and relationship types are exactly those ipgraph writes. Only
# `id` and `name` are non-null: other properties may be absent on a node, and the
# library would raise on a null in a non-null field. Relationship fields are lists:
# 7.x deprecates 1:1 relationship fields. `@mutation(operations: [])` keeps the peer
# read-only: no Mutation root at all.
"""


def expressible(relation: Relation) -> bool:
    """Whether ``@relationship`` can serve the relation: one hop of one relationship
    type to an entity of a known label."""
    return (
        relation.one_hop
        and len(relation.route[0].types) == 1
        and relation.target is not None
        and relation.route[0].to in (None, relation.target)
    )


def why_not(relation: Relation) -> str:
    """Why ``@relationship`` cannot serve the relation, in a few words."""
    reasons = []
    if len(relation.route) > 1:
        reasons.append(f"{len(relation.route)} steps")
    if any(len(step.types) > 1 for step in relation.route):
        reasons.append("|".join(t.value for step in relation.route for t in step.types))
    if any(step.hops != (1, 1) for step in relation.route):
        reasons.append("variable hops")
    if relation.branches:
        reasons.append(f"{len(relation.branches)} branches")
    if relation.target is None:
        reasons.append("any entity")
    return ", ".join(reasons) or "target not rendered"


def cypher_statement(relation: Relation) -> str:
    """The relation's targets from the library's ``this``, each once, ordered by name
    then id as ipgraph orders them; the column is ``target``."""
    if relation.branches:
        # The route then any branch reaches the target: a union of whole routes, the shape
        # ipgraph sends (graph.compile.follow), so that both answer the same statement.
        union = " UNION ".join(
            f"MATCH {path('this', route, _TARGET)} RETURN {_TARGET}"
            for route in relation.whole_routes
        )
        match = f"CALL (this) {{ {union} }}"
    else:
        match = f"MATCH {path('this', relation.route, _TARGET)}"
    return f"{match} WITH DISTINCT {_TARGET} ORDER BY {_TARGET}.name, {_TARGET}.id RETURN {_TARGET}"


def _string(text: str) -> str:
    # A JSON string is a GraphQL string (the same escapes; \uXXXX for the rest).
    return json.dumps(text)


def _description(text: str | None) -> list[str]:
    return [_string(text)] if text else []


def _property(prop: Property) -> list[str]:
    scalar = SCALARS[prop.kind]
    suffix = "!" if prop.name in NON_NULL else ""
    description = prop.description
    if prop.kind is ValueKind.CHOICE and prop.choices is not None and description is None:
        values = [choice.value for choice in prop.choices]
        description = ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else None
    return [*_description(description), f"{prop.name}: {scalar}{suffix}"]


def _relation(relation: Relation, cypher: bool) -> list[str]:
    target = f"[{relation.target}!]!"
    if cypher:
        statement = _string(cypher_statement(relation))
        directive = f'@cypher(statement: {statement}, columnName: "{_TARGET}")'
    else:
        step = relation.route[0]
        directive = (
            f'@relationship(type: "{step.types[0].value}", direction: {step.direction.value})'
        )
    return [*_description(relation.description), f"{relation.name}: {target} {directive}"]


def _key(relation: Relation) -> tuple[str, str, str | None]:
    step = relation.route[0]
    return (step.types[0].value, step.direction.value, relation.target)


def _served(
    entity: EntityType, labels: Collection[str], cypher: Collection[str]
) -> dict[tuple[str, str, str | None], str]:
    """Which relation serves each (type, direction, target): the library allows one
    ``@relationship`` field per combination. A list relation wins over a single-valued
    one (Location's ``parents`` over ``parent``: as lists, they are the same field)."""
    served: dict[tuple[str, str, str | None], Relation] = {}
    for relation in entity.relations:
        if (
            relation.exposed
            and relation.name not in cypher
            and expressible(relation)
            and relation.target in labels
        ):
            first = served.setdefault(_key(relation), relation)
            if relation.many and not first.many:
                served[_key(relation)] = relation
    return {key: relation.name for key, relation in served.items()}


def _entity(entity: EntityType, labels: Collection[str], cypher: Collection[str]) -> list[str]:
    fields = ["id: ID!"]
    for prop in entity.properties:
        fields += _property(prop)
    served = _served(entity, labels, cypher)
    left_out = []
    for relation in entity.relations:
        if not relation.exposed:
            continue  # not a field of ipgraph's API either
        known = relation.target in labels
        if relation.name in cypher and known:
            fields += _relation(relation, cypher=True)
        elif expressible(relation) and known:
            if served[_key(relation)] == relation.name:
                fields += _relation(relation, cypher=False)
            else:
                left_out.append(
                    f"{relation.name} (the same relationships as {served[_key(relation)]})"
                )
        else:
            left_out.append(f"{relation.name} ({why_not(relation)})")
    lines = []
    if left_out:
        lines.append(f"# {entity.label}, left out: {'; '.join(left_out)}")
    lines.append(f"{_string(entity.description)}")
    lines.append(f"type {entity.label} @node @mutation(operations: []) {{")
    lines += [f"  {field}" for field in fields]
    lines.append("}")
    return lines


def render(
    entities: Iterable[EntityType] = ENTITIES,
    cypher: Collection[tuple[str, str]] = PEER_CYPHER,
) -> str:
    """The type definitions for ``entities``; the relations named in ``cypher`` (label,
    relation name) are served by a ``@cypher`` field printed from their route."""
    entities = tuple(entities)
    labels = {entity.label for entity in entities}
    blocks = [HEADER.rstrip("\n")]
    for entity in entities:
        names = {name for label, name in cypher if label == entity.label}
        blocks.append("\n".join(_entity(entity, labels, names)))
    return "\n\n".join(blocks) + "\n"


def write(target: Path, entities: Iterable[EntityType] = ENTITIES) -> Path:
    """Write the rendered type definitions to ``target`` (for ``peer.mjs --typedefs``)."""
    target.write_text(render(entities), encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print("usage: python -m bench.typedefs [FILE]", file=sys.stderr)
        return 2
    if argv:
        write(Path(argv[0]))
    else:
        sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
