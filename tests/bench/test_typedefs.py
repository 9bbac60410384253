"""The benchmark peer's type definitions are rendered from the graph model
(``bench.typedefs``): every entity type, every property, every relation of one
relationship, and the routes the operations need as ``@cypher`` fields. Python alone:
the SDL is parsed with graphql-core, no Node."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import (
    BooleanValueNode,
    DirectiveNode,
    EnumValueNode,
    FieldDefinitionNode,
    ListTypeNode,
    ListValueNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    StringValueNode,
    TypeNode,
    ValueNode,
    parse,
)

from bench import typedefs
from graph.catalog import CATALOG
from graph.compile import path
from graph.model import (
    ENTITIES,
    PLACE_TO_PARTNER,
    EntityType,
    Label,
    Property,
    Relation,
    RelType,
    ValueKind,
    back,
    out,
)

Types = dict[str, ObjectTypeDefinitionNode]


def types_of(sdl: str) -> Types:
    document = parse(sdl)
    return {
        d.name.value: d for d in document.definitions if isinstance(d, ObjectTypeDefinitionNode)
    }


def fields_of(node: ObjectTypeDefinitionNode) -> dict[str, FieldDefinitionNode]:
    return {f.name.value: f for f in node.fields or ()}


def printed(type_node: TypeNode) -> str:
    if isinstance(type_node, NonNullTypeNode):
        return printed(type_node.type) + "!"
    if isinstance(type_node, ListTypeNode):
        return f"[{printed(type_node.type)}]"
    assert isinstance(type_node, NamedTypeNode)
    return type_node.name.value


def value(node: ValueNode) -> object:
    if isinstance(node, StringValueNode | EnumValueNode):
        return node.value
    if isinstance(node, BooleanValueNode):
        return node.value
    assert isinstance(node, ListValueNode), node
    return [value(v) for v in node.values]


def directive(field: FieldDefinitionNode, name: str) -> dict[str, object] | None:
    found: list[DirectiveNode] = [d for d in field.directives or () if d.name.value == name]
    if not found:
        return None
    return {a.name.value: value(a.value) for a in found[0].arguments or ()}


def left_out(sdl: str, label: str) -> dict[str, str]:
    """The comment line's relations left out of ``label``, each with its reason."""
    match = re.search(rf"^# {label}, left out: (.*)$", sdl, re.MULTILINE)
    if match is None:
        return {}
    items = (re.fullmatch(r"(\w+) \((.*)\)", item) for item in match.group(1).split("; "))
    return {m.group(1): m.group(2) for m in items if m}


@pytest.fixture(scope="module")
def sdl() -> str:
    return typedefs.render()


def test_every_entity_type_is_a_read_only_node(sdl: str) -> None:
    types = types_of(sdl)
    assert set(types) == {entity.label for entity in ENTITIES}
    for entity in ENTITIES:
        node = types[entity.label]
        names = [d.name.value for d in node.directives or ()]
        assert names == ["node", "mutation"], entity.label
        mutation = next(d for d in node.directives or () if d.name.value == "mutation")
        assert [(a.name.value, value(a.value)) for a in mutation.arguments or ()] == [
            ("operations", [])
        ]


def test_properties_keep_their_scalars_and_only_id_and_name_are_non_null(sdl: str) -> None:
    types = types_of(sdl)
    scalars = {
        ValueKind.TEXT: "String",
        ValueKind.TEXTS: "[String!]",
        ValueKind.DATE: "String",
        ValueKind.INT: "Int",
        ValueKind.FLOAT: "Float",
        ValueKind.BOOL: "Boolean",
        ValueKind.CHOICE: "String",
    }
    for entity in ENTITIES:
        fields = fields_of(types[entity.label])
        assert printed(fields["id"].type) == "ID!"
        for prop in entity.properties:
            expected = scalars[prop.kind] + ("!" if prop.name == "name" else "")
            assert printed(fields[prop.name].type) == expected, (entity.label, prop.name)
    mission = fields_of(types["Mission"])
    assert mission["status"].description is not None
    assert mission["status"].description.value == "ACTIVE, UNDER_REVIEW or CLOSED"


def test_every_one_hop_relation_is_a_relationship_field(sdl: str) -> None:
    types = types_of(sdl)
    checked = 0
    for entity in ENTITIES:
        fields = fields_of(types[entity.label])
        dropped = left_out(sdl, entity.label)
        for relation in entity.relations:
            # One step of one relationship type, one hop (the model's own test).
            if not (relation.exposed and relation.one_hop and len(relation.route[0].types) == 1):
                continue
            step = relation.route[0]
            expected = {"type": step.types[0].value, "direction": step.direction.value}
            name = relation.name
            if name in dropped:
                # Only where another field is the very same relationship (the library
                # allows one field per type, direction and target).
                same = re.fullmatch(r"the same relationships as (\w+)", dropped[name])
                assert same is not None, (entity.label, name, dropped[name])
                name = same.group(1)
            field = fields[name]
            assert directive(field, "relationship") == expected, (entity.label, relation.name)
            assert printed(field.type) == f"[{relation.target}!]!", (entity.label, relation.name)
            checked += 1
    # Officer.branch (not "branches"): the model's names.
    assert directive(fields_of(types["Officer"])["branch"], "relationship") == {
        "type": "MEMBER_OF",
        "direction": "OUT",
    }
    assert checked > 0


def test_other_relations_are_left_out_and_named(sdl: str) -> None:
    types = types_of(sdl)
    for entity in ENTITIES:
        fields = fields_of(types[entity.label])
        dropped = left_out(sdl, entity.label)
        for relation in entity.relations:
            cypher = (entity.label, relation.name) in typedefs.PEER_CYPHER
            if not relation.exposed:
                # Not a field of ipgraph's API either.
                assert relation.name not in fields and relation.name not in dropped
            elif not typedefs.expressible(relation) and not cypher:
                assert relation.name not in fields, (entity.label, relation.name)
                assert relation.name in dropped, (entity.label, relation.name)
    assert left_out(sdl, "Branch")["partners"] == "WORKS_WITH|MEMBER_OF"
    assert left_out(sdl, "Location")["officers"] == "2 steps, variable hops"


def test_location_partners_is_the_models_route_as_cypher(sdl: str) -> None:
    fields = fields_of(types_of(sdl)["Location"])
    partners = directive(fields["partners"], "cypher")
    assert partners is not None and partners["columnName"] == "target"
    statement = str(partners["statement"])
    # ipgraph's own shape (graph.compile.follow): each branch after the whole route.
    assert statement.startswith("CALL (this) { MATCH (this)<-[:PART_OF*0..5]-(:Location)<-")
    inside = CATALOG.relations[Label.LOCATION]["partners"].route
    for branch in PLACE_TO_PARTNER:
        whole = path("this", (*inside, *branch), "target")
        assert f"MATCH {whole} RETURN target" in statement
    assert statement.endswith("WITH DISTINCT target ORDER BY target.name, target.id RETURN target")
    assert printed(fields["partners"].type) == "[PartnerAgency!]!"
    missions = directive(fields["missions"], "cypher")
    assert missions is not None
    assert str(missions["statement"]).startswith(
        "MATCH (this)<-[:PART_OF*0..5]-(:Location)<-[:LOCATED_IN]-(target:Mission) "
    )


def test_an_entity_type_added_to_the_model_is_rendered() -> None:
    vehicle = EntityType(
        "Vehicle",
        "vehicles",
        "A vehicle (test only).",
        (
            Property("name", required=True),
            Property("wheels", ValueKind.INT, required=True),
            Property("tags", ValueKind.TEXTS),
        ),
        (
            Relation("drivers", "Officer", (back(RelType.SERVES_ON, to="Officer"),)),
            Relation("base", "Location", (out(RelType.BASED_IN, to="Location"),), many=False),
            Relation(
                "regions",
                "Location",
                (out(RelType.BASED_IN, to="Location"), out(RelType.PART_OF, to="Location")),
            ),
            Relation("garage", "Garage", (out(RelType.LOCATED_IN, to="Garage"),)),
        ),
    )
    sdl = typedefs.render((*ENTITIES, vehicle))
    types = types_of(sdl)
    assert set(types) == {*(e.label for e in ENTITIES), "Vehicle"}
    fields = fields_of(types["Vehicle"])
    assert printed(fields["name"].type) == "String!"
    assert printed(fields["wheels"].type) == "Int"
    assert printed(fields["tags"].type) == "[String!]"
    assert directive(fields["drivers"], "relationship") == {"type": "SERVES_ON", "direction": "IN"}
    assert printed(fields["drivers"].type) == "[Officer!]!"
    assert directive(fields["base"], "relationship") == {"type": "BASED_IN", "direction": "OUT"}
    assert printed(fields["base"].type) == "[Location!]!"
    assert "regions" not in fields and "garage" not in fields
    assert left_out(sdl, "Vehicle") == {"regions": "2 steps", "garage": "target not rendered"}
    # Served through @cypher when asked for, printed from its route.
    sdl = typedefs.render((*ENTITIES, vehicle), cypher={("Vehicle", "regions")})
    regions = directive(fields_of(types_of(sdl)["Vehicle"])["regions"], "cypher")
    assert regions is not None and str(regions["statement"]).startswith(
        "MATCH (this)-[:BASED_IN]->(:Location)-[:PART_OF]->(target:Location) WITH DISTINCT"
    )
    # Alone (its targets not rendered), it has its scalars only.
    alone = fields_of(types_of(typedefs.render([vehicle]))["Vehicle"])
    assert set(alone) == {"id", "name", "wheels", "tags"}


def test_the_command_prints_or_writes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert typedefs.main([]) == 0
    assert capsys.readouterr().out == typedefs.render()
    target = tmp_path / "typedefs.graphql"
    assert typedefs.main([str(target)]) == 0
    assert target.read_text() == typedefs.render()
    assert typedefs.main(["a", "b"]) == 2
