"""Runtime settings, read once from the environment (and an optional ``.env``).

Built by the CLI or by ``create_app(settings)`` and passed down; nothing reads the
environment at import time, so tests can build their own.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Mode(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        frozen=True,
    )

    neo4j_uri: Annotated[str | None, Field(validation_alias="NEO4J_URI")] = None
    neo4j_user: Annotated[str, Field(validation_alias="NEO4J_USER", min_length=1)] = "neo4j"
    neo4j_password: Annotated[SecretStr, Field(validation_alias="NEO4J_PASSWORD")] = SecretStr("")
    neo4j_database: Annotated[
        str, Field(validation_alias="NEO4J_DATABASE", pattern=r"^[A-Za-z][A-Za-z0-9.\-]{0,62}$")
    ] = "neo4j"
    data_dir: Annotated[Path, Field(validation_alias="IPGRAPH_DATA_DIR")] = Path(".ipgraph")
    host: Annotated[str, Field(validation_alias="IPGRAPH_HOST", min_length=1)] = "127.0.0.1"
    port: Annotated[int, Field(validation_alias="IPGRAPH_PORT", ge=1, le=65535)] = 8000
    mode: Annotated[Mode, Field(validation_alias="IPGRAPH_MODE")] = Mode.DEVELOPMENT
    # Seconds one transaction may run on the database before it is cancelled.
    query_timeout: Annotated[float, Field(validation_alias="IPGRAPH_QUERY_TIMEOUT", gt=0)] = 10.0
    # Upper bound on the driver's retries of a failed transaction: the driver's own
    # default (30 s) would hold a client far too long when the database is gone.
    retry_time: Annotated[float, Field(validation_alias="IPGRAPH_RETRY_TIME", ge=0)] = 3.0

    # GraphQL introspection; unset: on in development, off in production.
    introspection: Annotated[bool | None, Field(validation_alias="IPGRAPH_INTROSPECTION")] = None
    # Federation's `_service { sdl }` publishes the whole schema even with introspection
    # off; a gateway composing from live subgraphs needs it, one fed a supergraph
    # file (managed federation, rover) does not.
    expose_sdl: Annotated[bool, Field(validation_alias="IPGRAPH_EXPOSE_SDL")] = True

    # Abuse limits, checked before any database work (see README, Security).
    max_depth: Annotated[int, Field(validation_alias="IPGRAPH_MAX_DEPTH", ge=1)] = 10
    max_aliases: Annotated[int, Field(validation_alias="IPGRAPH_MAX_ALIASES", ge=0)] = 15
    max_tokens: Annotated[int, Field(validation_alias="IPGRAPH_MAX_TOKENS", ge=1)] = 2000
    max_nodes: Annotated[int, Field(validation_alias="IPGRAPH_MAX_NODES", ge=1)] = 500_000
    max_body_bytes: Annotated[int, Field(validation_alias="IPGRAPH_MAX_BODY_BYTES", ge=1024)] = (
        1_048_576
    )

    @field_validator("neo4j_uri")
    @classmethod
    def _check_uri(cls, value: str | None) -> str | None:
        if value is None or value.strip() == "":
            return None
        schemes = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
        if not value.startswith(schemes):
            raise ValueError(f"must start with one of {', '.join(schemes)}")
        return value

    @property
    def introspection_enabled(self) -> bool:
        if self.introspection is None:
            return self.mode is Mode.DEVELOPMENT
        return self.introspection

    @property
    def embedded(self) -> bool:
        """True when no external database is configured and the embedded engine is used."""
        return self.neo4j_uri is None


_ENV_NAMES = {
    name: (field.validation_alias if isinstance(field.validation_alias, str) else name)
    for name, field in Settings.model_fields.items()
}


def describe_error(error: ValidationError) -> str:
    """One line naming the first bad setting by its environment variable."""
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else "?"
    env = _ENV_NAMES.get(field, field)
    return f"invalid setting {env}: {first['msg']}"
