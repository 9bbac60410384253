"""One set of rules for values (graph/rules.py, from graph/model.py): the seed files and
editors' mutations accept and refuse the same values."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from graph import rules
from graph.model import PROPERTIES, Label, Property
from seed.schema import ENTITY_MODELS

SOURCE = {"document": "000_9bd1905563500039.txt", "quote": "q"}
BASE: dict[Label, dict[str, Any]] = {
    Label.MISSION: {"id": "m", "name": "M", "status": "ACTIVE", "category": "UN_MISSION"},
    Label.LOCATION: {"id": "l", "name": "L", "kind": "CITY"},
}
SEED_MODELS = {label: ENTITY_MODELS[label] for label in (Label.MISSION, Label.LOCATION)}

REFUSED = [
    (Label.MISSION, "startDate", "2020-13-45"),
    (Label.MISSION, "startDate", "2023-02-31"),
    (Label.MISSION, "startDate", "2021-02-29"),
    (Label.MISSION, "startDate", "0000"),
    (Label.MISSION, "startDate", "2020\n"),
    (Label.MISSION, "startDate", "May 2020"),
    (Label.MISSION, "category", "PICNIC"),
    (Label.MISSION, "language", "German"),
    (Label.MISSION, "authorizedDeployments", -1),
    (Label.MISSION, "armed", "sometimes"),
    (Label.MISSION, "name", "nul\x00here"),
    (Label.MISSION, "name", "   "),
    (Label.MISSION, "name", "x" * 201),
    (Label.MISSION, "aliases", ["ok", ""]),
    (Label.LOCATION, "grouping", "SOMEWHERE"),
    (Label.LOCATION, "kind", "VILLAGE"),
]
ACCEPTED = [
    (Label.MISSION, "startDate", "2020", "2020"),
    (Label.MISSION, "startDate", "2020-02", "2020-02"),
    (Label.MISSION, "startDate", "2020-02-29", "2020-02-29"),
    (Label.MISSION, "category", "EU_MISSION", "EU_MISSION"),
    (Label.MISSION, "language", "French", "French"),
    (Label.MISSION, "name", "  MINUSMA  ", "MINUSMA"),
    (Label.MISSION, "description", "line one\nline two\twith a tab", None),
    (Label.LOCATION, "grouping", "LO_REGION", "LO_REGION"),
]


def _prop(label: Label, name: str) -> Property:
    return next(p for p in PROPERTIES[label] if p.name == name)


@pytest.mark.parametrize(("label", "name", "value"), REFUSED)
def test_seed_and_mutations_refuse_the_same_values(label: Label, name: str, value: Any) -> None:
    with pytest.raises(rules.RuleError):
        rules.check(_prop(label, name), value)
    with pytest.raises(ValidationError) as caught:
        SEED_MODELS[label].model_validate({**BASE[label], name: value, "sources": [SOURCE]})
    assert [error["loc"][0] for error in caught.value.errors()] == [name]


@pytest.mark.parametrize(("label", "name", "value", "stored"), ACCEPTED)
def test_seed_and_mutations_accept_the_same_values(
    label: Label, name: str, value: Any, stored: Any
) -> None:
    expected = value if stored is None else stored
    assert rules.check(_prop(label, name), value) == expected
    entity = SEED_MODELS[label].model_validate({**BASE[label], name: value, "sources": [SOURCE]})
    assert entity.model_dump(mode="json")[name] == expected


@pytest.mark.parametrize("value", ["city-bogota\n", "City-Bogota", "a--b", "-a", "", "a" * 81, 7])
def test_ids_are_checked_whole(value: Any) -> None:
    with pytest.raises(rules.RuleError, match="lower-case slug"):
        rules.check_id(value)


def test_every_required_property_is_required_by_the_seed_too() -> None:
    for label, model in SEED_MODELS.items():
        required = {p.name for p in PROPERTIES[label] if p.required}
        seed_required = {
            name for name, field in model.model_fields.items() if field.is_required()
        } - {"id", "sources"}
        assert seed_required == required


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), 1e999])
def test_figures_are_finite_numbers(value: float) -> None:
    # NaN never equals itself: a seed load would record it changed every time, and no
    # revert would find it as left.
    with pytest.raises(rules.RuleError):
        rules.check(_prop(Label.FIGURE, "value"), value)
    assert rules.check(_prop(Label.FIGURE, "value"), 37) == 37.0
