"""Bearer tokens (API keys and JWTs) and the production guard on secrets."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest
from pydantic import SecretStr, ValidationError
from starlette.testclient import TestClient

from graph.settings import Mode, Settings, describe_error
from tests.cypherlint.client import CypherLinter
from tests.support import run_cli
from web.app import create_app

READER_KEY = "r" * 40
EDITOR_KEY = "e" * 40
JWT_KEY = "k8Hq2vL0pZr7Xw3Nc5Ty9Bm1Fd4Gs6Ja"  # 32 random characters
QUERY = {"query": '{ location(id: "city-bogota") { name } }'}


# Tokens are built when tests are collected and used when each runs, possibly many
# minutes later (the Neo4j half of a session comes after the ArcadeDB half): a day.
def token(key: str = JWT_KEY, **claims: object) -> str:
    payload = {"sub": "analyst-7", "exp": int(time.time()) + 86_400, "role": "reader", **claims}
    return jwt.encode({k: v for k, v in payload.items() if v is not None}, key, algorithm="HS256")


@pytest.fixture(scope="module")
def guarded(live_settings: Settings, linter: CypherLinter) -> Iterator[TestClient]:
    settings = live_settings.model_copy(
        update={
            "reads_need_token": True,
            "api_keys": SecretStr(f"{READER_KEY}:reader,{EDITOR_KEY}:editor"),
            "jwt_key": SecretStr(JWT_KEY),
        }
    )
    with TestClient(create_app(settings, observer=linter.observe)) as client:
        yield client


def bearer(value: str) -> dict[str, str]:
    return {"authorization": f"Bearer {value}"}


@pytest.mark.integration
def test_reads_need_a_token_when_configured(guarded: TestClient) -> None:
    response = guarded.post("/graphql", json=QUERY)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # The GraphiQL page itself stays reachable; its requests carry the token.
    assert guarded.get("/graphql", headers={"accept": "text/html"}).status_code == 200
    # ...but a query in the address is run, so asking for HTML does not skip the token.
    sneaky = guarded.get("/graphql", params=QUERY, headers={"accept": "text/html"})
    assert sneaky.status_code == 401
    assert "Bogota" not in sneaky.text


@pytest.mark.integration
@pytest.mark.parametrize(
    "credential",
    [READER_KEY, EDITOR_KEY, token(), token(role="editor")],
    ids=["reader-key", "editor-key", "reader-jwt", "editor-jwt"],
)
def test_valid_tokens_read(guarded: TestClient, credential: str) -> None:
    response = guarded.post("/graphql", json=QUERY, headers=bearer(credential))
    assert response.status_code == 200
    assert response.json()["data"] == {"location": {"name": "Bogota"}}


@pytest.mark.integration
@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (bearer("not-a-key"), "The token is not valid."),
        (bearer(token(key="another-key-of-exactly-32-chars-x")), "The token is not valid."),
        (bearer(token(exp=int(time.time()) - 10)), "The token has expired."),
        (bearer(token(role="admin")), "no ipgraph role"),
        (bearer(token(sub=None)), "The token is not valid."),
        ({"authorization": f"Basic {READER_KEY}"}, "Bearer"),
    ],
    ids=["unknown-key", "wrong-signature", "expired", "unknown-role", "no-subject", "basic"],
)
def test_bad_credentials_are_refused_clearly(
    guarded: TestClient, headers: dict[str, str], message: str
) -> None:
    response = guarded.post("/graphql", json=QUERY, headers=headers)
    assert response.status_code == 401
    error = response.json()["errors"][0]
    assert message in error["message"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Traceback" not in response.text and "jwt" not in response.text.lower()


def test_development_reads_are_open_by_default() -> None:
    settings = Settings(_env_file=None)
    assert settings.mode is Mode.DEVELOPMENT and not settings.reads_require_token


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"IPGRAPH_API_KEYS": "change-me-please:editor"}, "placeholder"),
        ({"IPGRAPH_API_KEYS": "x" * 40 + "-secret:editor"}, "placeholder"),
        ({"IPGRAPH_JWT_KEY": "short"}, "placeholder"),
        ({}, "needs IPGRAPH_API_KEYS or IPGRAPH_JWT_KEY"),
    ],
)
def test_production_refuses_placeholder_or_missing_secrets(
    env: dict[str, str], fragment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("IPGRAPH_API_KEYS", "IPGRAPH_JWT_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("IPGRAPH_MODE", "production")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)
    assert fragment in describe_error(caught.value)


def test_production_accepts_strong_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPGRAPH_MODE", "production")
    monkeypatch.setenv("IPGRAPH_API_KEYS", f"{READER_KEY}:reader")
    settings = Settings(_env_file=None)
    assert settings.reads_require_token and not settings.introspection_enabled


def test_bad_api_key_list_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPGRAPH_API_KEYS", "abc:superuser")
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)
    assert describe_error(caught.value).startswith("invalid setting IPGRAPH_API_KEYS:")


def test_serve_refuses_to_start_in_production_with_a_placeholder(tmp_path: Path) -> None:
    env = {**os.environ, "IPGRAPH_MODE": "production", "IPGRAPH_API_KEYS": "changeme:editor"}
    done = run_cli("serve", env=env, cwd=tmp_path)
    assert done.returncode == 2
    assert "placeholder" in done.stderr
    assert "changeme" not in done.stderr  # the secret itself is never echoed


@pytest.mark.integration
def test_export_needs_the_same_token_as_graphql(guarded: TestClient) -> None:
    params = {"format": "json", "query": '{ search(text: "bogota") { __typename } }'}
    refused = guarded.get("/export", params=params)
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert guarded.get("/export", params=params, headers=bearer("not-a-key")).status_code == 401
    allowed = guarded.get("/export", params=params, headers=bearer(READER_KEY))
    assert allowed.status_code == 200
    assert {"__typename": "Location"} in allowed.json()
    # The explorer page itself is static; its requests carry the token.
    assert guarded.get("/explorer").status_code == 200


@pytest.mark.integration
def test_export_refuses_an_editors_mutation_and_changes_nothing(guarded: TestClient) -> None:
    mutation = {"query": 'mutation { deleteLocation(id: "city-bogota") { id } }'}
    refused = guarded.post("/export", json=mutation, headers=bearer(EDITOR_KEY))
    assert refused.status_code == 400
    assert "queries only" in refused.json()["errors"][0]["message"]
    still = guarded.post("/graphql", json=QUERY, headers=bearer(READER_KEY))
    assert still.json()["data"] == {"location": {"name": "Bogota"}}


# ---- JWT algorithms: one kind per key (algorithm confusion) ---------------------------


def _public_pem() -> tuple[str, object]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem.decode(), private


def _hs256_signed_with(secret: str, **claims: object) -> str:
    """An HS256 token whose HMAC secret is ``secret`` (PyJWT refuses to sign with a PEM
    key, as an attacker's own code would not)."""

    def b64(data: bytes) -> bytes:
        return base64.urlsafe_b64encode(data).rstrip(b"=")

    payload = {"sub": "mallory", "exp": int(time.time()) + 86_400, "role": "editor", **claims}
    signing_input = b64(b'{"alg":"HS256","typ":"JWT"}') + b"." + b64(json.dumps(payload).encode())
    signature = hmac.new(secret.encode(), signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + b64(signature)).decode()


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"IPGRAPH_JWT_ALGORITHMS": "RS256,HS256"}, "mixes HMAC (HS256) and public-key (RS256)"),
        ({"IPGRAPH_JWT_ALGORITHMS": "HS512, ES256, EdDSA"}, "mixes HMAC (HS512)"),
        ({"IPGRAPH_JWT_ALGORITHMS": "RS256", "IPGRAPH_JWT_KEY": JWT_KEY}, "PEM public key"),
        ({"IPGRAPH_JWT_ALGORITHMS": "HS256", "IPGRAPH_JWT_KEY": "PEM"}, "shared secret"),
    ],
    ids=["rsa-and-hmac", "ec-and-hmac", "rsa-with-a-secret", "hmac-with-a-public-key"],
)
def test_contradictory_jwt_settings_are_refused_in_one_line(
    env: dict[str, str], fragment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, _public_pem()[0] if value == "PEM" else value)
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)
    line = describe_error(caught.value)
    assert line.startswith("invalid setting IPGRAPH_JWT_ALGORITHMS:")
    assert fragment in line and "\n" not in line
    assert JWT_KEY not in line and "BEGIN" not in line  # the key itself is never echoed


def test_one_kind_of_jwt_algorithm_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPGRAPH_JWT_ALGORITHMS", "RS256,ES256")
    monkeypatch.setenv("IPGRAPH_JWT_KEY", _public_pem()[0])
    assert Settings(_env_file=None).jwt_algorithm_list() == ["RS256", "ES256"]


def test_serve_refuses_to_start_with_mixed_jwt_algorithms(tmp_path: Path) -> None:
    env = {**os.environ, "IPGRAPH_JWT_ALGORITHMS": "RS256,HS256"}
    done = run_cli("serve", env=env, cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "IPGRAPH_JWT_ALGORITHMS" in lines[0] and "mixes HMAC" in lines[0]


def test_an_hs256_token_signed_with_the_public_key_is_refused(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from tests.web.test_errors_http import offline_app

    pem, private = _public_pem()
    # Settings that mix both kinds cannot be loaded (above); built past validation here,
    # the forged token must still be refused.
    settings = Settings(NEO4J_URI="bolt://127.0.0.1:1", _env_file=None).model_copy(
        update={
            "jwt_key": SecretStr(pem),
            "jwt_algorithms": "RS256,HS256",
            "reads_need_token": True,
        }
    )
    client = TestClient(offline_app(settings))
    forged = bearer(_hs256_signed_with(pem))
    caplog.set_level(logging.DEBUG)
    query = {"query": "{ __typename }"}
    for response in (
        client.post("/graphql", json=query, headers=forged),
        client.get("/export", params=query, headers=forged),
    ):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        error = response.json()["errors"][0]
        assert error == {
            "message": "The token is not valid.",
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    assert "Traceback" not in caplog.text
    # The key's own kind of token is accepted.
    genuine = jwt.encode(
        {"sub": "analyst-7", "exp": int(time.time()) + 86_400, "role": "reader"},
        private,  # type: ignore[arg-type]
        algorithm="RS256",
    )
    accepted = client.post("/graphql", json=query, headers=bearer(genuine))
    assert accepted.status_code == 200
    assert accepted.json()["data"] == {"__typename": "Query"}
