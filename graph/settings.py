"""Runtime settings, read once from the environment (and an optional ``.env``).

Built by the CLI or by ``create_app(settings)`` and passed down; nothing reads the
environment at import time, so tests can build their own.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict


class Role(StrEnum):
    """What a bearer token may do: read, or read and edit."""

    READER = "reader"
    EDITOR = "editor"


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
    # Seconds a request's statements may take in all (our side ends it then, and each
    # statement carries what is left as its server-side timeout).
    query_timeout: Annotated[float, Field(validation_alias="IPGRAPH_QUERY_TIMEOUT", gt=0)] = 10.0
    # The embedded engine's Java heap (an out-of-memory error ends it; it is restarted).
    engine_heap: Annotated[
        str, Field(validation_alias="IPGRAPH_ENGINE_HEAP", pattern=r"^[1-9][0-9]*[mMgG]$")
    ] = "1g"
    # Where the supervisor of the engine `ipgraph serve` started records its state, for
    # /health (set by `ipgraph serve` itself; unset: no supervised engine).
    engine_state_file: Annotated[
        Path | None, Field(validation_alias="IPGRAPH_ENGINE_STATE_FILE")
    ] = None
    # Upper bound on the driver's retries of a failed transaction: the driver's own
    # default (30 s) would hold a client far too long when the database is gone.
    retry_time: Annotated[float, Field(validation_alias="IPGRAPH_RETRY_TIME", ge=0)] = 3.0

    # GraphQL introspection; unset: on in development, off in production.
    introspection: Annotated[bool | None, Field(validation_alias="IPGRAPH_INTROSPECTION")] = None
    # "Did you mean …?" in validation errors; unset: on in development, off in production.
    field_suggestions: Annotated[
        bool | None, Field(validation_alias="IPGRAPH_FIELD_SUGGESTIONS")
    ] = None
    # Federation's `_service { sdl }` publishes the whole schema even with introspection
    # off; a gateway composing from live subgraphs needs it, one fed a supergraph
    # file (managed federation, rover) does not.
    expose_sdl: Annotated[bool, Field(validation_alias="IPGRAPH_EXPOSE_SDL")] = True
    # Log lines: "json" (one object a line, for log collectors) or "text"; unset: text in
    # development, json in production.
    log_format: Annotated[
        Literal["json", "text"] | None, Field(validation_alias="IPGRAPH_LOG_FORMAT")
    ] = None
    # Repeated query operations answered by their prepared form (schema.prepared); off:
    # every request takes Strawberry's general path (same answers, slower).
    prepared_operations: Annotated[bool, Field(validation_alias="IPGRAPH_PREPARED_OPERATIONS")] = (
        True
    )

    # Subscriptions (resolvers.live): how often a process with subscribers reads the
    # history for new changes, and how many subscriptions it follows at most.
    change_poll_seconds: Annotated[
        float, Field(validation_alias="IPGRAPH_CHANGE_POLL_SECONDS", gt=0, le=1)
    ] = 0.25
    max_subscriptions: Annotated[int, Field(validation_alias="IPGRAPH_MAX_SUBSCRIPTIONS", ge=0)] = (
        1000
    )

    # Trusted documents: a JSON manifest {"<sha256 hex>": "<document>"} (GraphQL
    # Codegen's persisted-documents.json). Set: only its operations run, named by
    # documentId, by APQ hash or by their exact text (schema.persisted); unset: any
    # operation, with automatic persisted queries. Checked when the app is built.
    trusted_documents: Annotated[
        Path | None, Field(validation_alias="IPGRAPH_TRUSTED_DOCUMENTS")
    ] = None

    # Abuse limits, checked before any database work (see README, Security).
    max_depth: Annotated[int, Field(validation_alias="IPGRAPH_MAX_DEPTH", ge=1)] = 10
    max_aliases: Annotated[int, Field(validation_alias="IPGRAPH_MAX_ALIASES", ge=0)] = 15
    max_tokens: Annotated[int, Field(validation_alias="IPGRAPH_MAX_TOKENS", ge=1)] = 2000
    max_nodes: Annotated[int, Field(validation_alias="IPGRAPH_MAX_NODES", ge=1)] = 500_000
    # Nodes of the document once its fragments are spread (schema.shape), so that 860
    # bytes of fragments spreading each other twice cannot expand to millions of fields.
    max_selections: Annotated[int, Field(validation_alias="IPGRAPH_MAX_SELECTIONS", ge=1)] = 10_000
    max_body_bytes: Annotated[int, Field(validation_alias="IPGRAPH_MAX_BODY_BYTES", ge=1024)] = (
        1_048_576
    )

    # Authentication. API keys: "KEY:ROLE,KEY:ROLE" (role reader or editor).
    api_keys: Annotated[SecretStr | None, Field(validation_alias="IPGRAPH_API_KEYS")] = None
    # JWTs: the HMAC secret or the PEM public key they are verified with.
    jwt_key: Annotated[SecretStr | None, Field(validation_alias="IPGRAPH_JWT_KEY")] = None
    jwt_algorithms: Annotated[str, Field(validation_alias="IPGRAPH_JWT_ALGORITHMS")] = "HS256"
    jwt_audience: Annotated[str | None, Field(validation_alias="IPGRAPH_JWT_AUDIENCE")] = None
    jwt_issuer: Annotated[str | None, Field(validation_alias="IPGRAPH_JWT_ISSUER")] = None
    # Whether reading needs a token; unset: no in development, yes in production.
    reads_need_token: Annotated[bool | None, Field(validation_alias="IPGRAPH_READS_NEED_TOKEN")] = (
        None
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

    @field_validator("api_keys")
    @classmethod
    def _check_api_keys(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            _parse_api_keys(value.get_secret_value())
        return value

    @field_validator("jwt_algorithms")
    @classmethod
    def _check_algorithms(cls, value: str, info: ValidationInfo) -> str:
        allowed = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "EdDSA"}
        names = [a.strip() for a in value.split(",") if a.strip()]
        if not names or set(names) - allowed:
            raise ValueError(f"must be a comma-separated list of {', '.join(sorted(allowed))}")
        # One key is either a shared secret (HMAC) or a public key, never both: a server
        # accepting both would take a token signed with its public key as an HMAC secret.
        shared = [name for name in names if hmac_algorithm(name)]
        public = [name for name in names if not hmac_algorithm(name)]
        if shared and public:
            raise ValueError(
                f"mixes HMAC ({', '.join(shared)}) and public-key ({', '.join(public)}) "
                "algorithms; list algorithms of one kind, matching IPGRAPH_JWT_KEY"
            )
        key = info.data.get("jwt_key")
        if isinstance(key, SecretStr) and public_key(key.get_secret_value()) != bool(public):
            raise ValueError(
                f"{', '.join(public)} need a PEM public key in IPGRAPH_JWT_KEY"
                if public
                else f"{', '.join(shared)} need a shared secret in IPGRAPH_JWT_KEY, not a "
                "public key"
            )
        return value

    @model_validator(mode="after")
    def _production_secrets(self) -> Settings:
        if self.mode is not Mode.PRODUCTION:
            return self
        secrets = [key for key, _ in self.api_key_roles()]
        if self.jwt_key is not None and self.jwt_algorithm_list()[0].startswith("HS"):
            secrets.append(self.jwt_key.get_secret_value())
        for secret in secrets:
            if _placeholder(secret):
                raise ValueError(
                    "production refuses placeholder secrets: API keys and HMAC keys need "
                    "at least 32 characters and no words like 'change', 'secret' or 'example'"
                )
        if self.reads_require_token and not secrets and self.jwt_key is None:
            raise ValueError(
                "production needs IPGRAPH_API_KEYS or IPGRAPH_JWT_KEY (reads require a token)"
            )
        return self

    def api_key_roles(self) -> list[tuple[str, Role]]:
        return _parse_api_keys(self.api_keys.get_secret_value()) if self.api_keys else []

    def jwt_algorithm_list(self) -> list[str]:
        return [a.strip() for a in self.jwt_algorithms.split(",") if a.strip()]

    @property
    def reads_require_token(self) -> bool:
        if self.reads_need_token is None:
            return self.mode is Mode.PRODUCTION
        return self.reads_need_token

    @property
    def introspection_enabled(self) -> bool:
        if self.introspection is None:
            return self.mode is Mode.DEVELOPMENT
        return self.introspection

    @property
    def json_logs(self) -> bool:
        if self.log_format is None:
            return self.mode is Mode.PRODUCTION
        return self.log_format == "json"

    @property
    def suggestions_enabled(self) -> bool:
        if self.field_suggestions is None:
            return self.mode is Mode.DEVELOPMENT
        return self.field_suggestions

    def database_environment(self) -> dict[str, str]:
        """The variables that point another process (a worker, a benchmark's helper) at
        this database; ``neo4j_uri`` must be set."""
        if self.neo4j_uri is None:
            raise ValueError("no database to point at: neo4j_uri is not set")
        found = {
            "NEO4J_URI": self.neo4j_uri,
            "NEO4J_USER": self.neo4j_user,
            "NEO4J_PASSWORD": self.neo4j_password.get_secret_value(),
            "NEO4J_DATABASE": self.neo4j_database,
        }
        if self.engine_state_file is not None:
            found["IPGRAPH_ENGINE_STATE_FILE"] = str(self.engine_state_file)
        return found

    @property
    def embedded(self) -> bool:
        """True when no external database is configured and the embedded engine is used."""
        return self.neo4j_uri is None


def hmac_algorithm(name: str) -> bool:
    """Whether the JWT algorithm ``name`` verifies with a shared secret (HS256…)."""
    return name.startswith("HS")


def public_key(key: str) -> bool:
    """Whether ``key`` is a public key (PEM or OpenSSH), not a shared secret."""
    return key.lstrip().startswith(("-----BEGIN", "ssh-", "ecdsa-sha2-"))


_PLACEHOLDER_WORDS = ("change", "secret", "example", "placeholder", "password", "default", "test")


def _placeholder(secret: str) -> bool:
    lowered = secret.lower()
    return len(secret) < 32 or any(word in lowered for word in _PLACEHOLDER_WORDS)


def _parse_api_keys(text: str) -> list[tuple[str, Role]]:
    keys = []
    for item in text.split(","):
        key, _, role = item.strip().rpartition(":")
        if not key or role not in ("reader", "editor"):
            raise ValueError("must be KEY:ROLE pairs separated by commas, ROLE reader or editor")
        keys.append((key, Role(role)))
    return keys


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
