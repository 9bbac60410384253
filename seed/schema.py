"""The shape of the curated seed files in ``seed/data/`` (validated before anything is written).

Every entity, relationship and figure carries at least one source: the document
it comes from, the verbatim quote that supports it, the date the document gives,
and, when the fact is inferred rather than stated, the reasoning.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictBool, create_model, model_validator

from graph.model import ENTITIES, PROPERTIES, REL_PROPERTIES, Label, Property, RelType
from graph.rules import MAX_SOURCES, PartialDate, Slug, Text, field_definition

# The source documents in seed/documents/, by file name: what seed sources may cite.
DocumentName = Literal[
    "000_9bd1905563500039.txt",
    "001_38ca9e2b3568fcb8.txt",
    "002_a54a776e922b1522.txt",
    "003_7960ef6d858bb83d.txt",
    "004_1d93fbd3e836aeaa.txt",
]
DOCUMENTS: tuple[str, ...] = get_args(DocumentName)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    document: DocumentName
    quote: Text
    asOf: PartialDate | None = None
    inferred: StrictBool = False
    reasoning: Text | None = None

    @model_validator(mode="after")
    def _reasoning_iff_inferred(self) -> Source:
        if self.inferred and not self.reasoning:
            raise ValueError("an inferred source needs its reasoning")
        if self.reasoning and not self.inferred:
            raise ValueError("reasoning is only for inferred sources (set inferred: true)")
        return self


# At least one, and no more than an editor's write may carry.
Sources = Annotated[list[Source], Field(min_length=1, max_length=MAX_SOURCES)]


class Entity(_Strict):
    """What every seed entity has. Its properties, with their rules, come from the model
    (``graph.model.PROPERTIES``): the annotations here only type the loader's reads."""

    id: Slug
    name: str
    aliases: list[str] = []
    sources: Sources


M = TypeVar("M", bound=BaseModel)


def _derived(name: str, base: type[M], properties: tuple[Property, ...]) -> type[M]:
    """``base`` plus a field per property of the model, with its rule."""
    fields: dict[str, Any] = {prop.name: field_definition(prop) for prop in properties}
    return create_model(name, __base__=base, **fields)


# A seed entry's model per entity type: its properties and their rules.
ENTITY_MODELS: dict[str, type[Entity]] = {
    entity.label: _derived(entity.label, Entity, entity.properties) for entity in ENTITIES
}


class RelationshipEntry(_Strict):
    """What every relationship entry has; its own properties come from the model."""

    type: RelType
    from_: Annotated[Slug, Field(alias="from")]
    to: Slug
    sources: Sources

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


Relationship = _derived("Relationship", RelationshipEntry, REL_PROPERTIES)


class FigureEntry(_Strict):
    """What every figure entry has; its properties come from the model."""

    id: Slug
    subject: Slug | None = None
    sources: Sources


Figure = _derived("Figure", FigureEntry, PROPERTIES[Label.FIGURE])


class DocumentEntry(_Strict):
    """A source document's catalogue entry, by the name sources cite it by; its
    properties come from the model."""

    id: DocumentName


Document = _derived("Document", DocumentEntry, PROPERTIES[Label.DOCUMENT])


def normalize_space(text: str) -> str:
    """Collapse whitespace runs: documents wrap sentences across lines."""
    return re.sub(r"\s+", " ", text).strip()
