"""Which text a request runs (``schema.persisted``): APQ's store and protocol, the
trusted-documents manifest and its checks, without a database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graphql import build_schema

from schema.persisted import (
    APQ_VERSION,
    DocumentPolicy,
    DocumentRefused,
    ManifestError,
    PersistedQueries,
    load_manifest,
    sha256_hex,
    validated_manifest,
)

SCHEMA = build_schema("type Query { hello(name: String): String, answer: Int }")
HELLO = "query Hello { hello }"
ANSWER = "{ answer }"


def apq(text: str | None = None, sha256: str | None = None, version: object = 1) -> object:
    digest = sha256 if sha256 is not None else sha256_hex(text or "")
    return {"persistedQuery": {"version": version, "sha256Hash": digest}}


def refused(policy: DocumentPolicy, query: object, document_id: object, extensions: object) -> str:
    with pytest.raises(DocumentRefused) as caught:
        policy.resolve(query, document_id, extensions)
    return caught.value.code


def test_sha256_is_of_the_utf8_text() -> None:
    # The value Apollo Client and GraphQL Codegen compute (hex of the UTF-8 bytes).
    # (Apollo Kotlin's documentation gives this one for `{__typename}`.)
    assert sha256_hex("{__typename}") == (
        "ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"
    )


def test_plain_text_runs_as_sent_without_a_manifest() -> None:
    assert DocumentPolicy().resolve(HELLO, None, None) == HELLO
    assert DocumentPolicy().resolve(None, None, None) is None
    assert DocumentPolicy().resolve(HELLO, None, {"tracing": True}) == HELLO


def test_apq_miss_then_register_then_hit() -> None:
    policy = DocumentPolicy()
    with pytest.raises(DocumentRefused) as caught:
        policy.resolve(None, None, apq(HELLO))
    # What Apollo's persisted-query link looks for before it sends the text.
    assert (caught.value.message, caught.value.code) == (
        "PersistedQueryNotFound",
        "PERSISTED_QUERY_NOT_FOUND",
    )
    assert "no-cache" in caught.value.headers["Cache-Control"]
    assert policy.resolve(HELLO, None, apq(HELLO)) == HELLO
    assert policy.resolve(None, None, apq(HELLO)) == HELLO
    # An uppercase hex hash names the same document.
    assert policy.resolve(None, None, apq(sha256=sha256_hex(HELLO).upper())) == HELLO
    # A documentId names what APQ registered, too.
    assert policy.resolve(None, f"sha256:{sha256_hex(HELLO)}", None) == HELLO


def test_apq_refuses_a_text_that_is_not_its_hash() -> None:
    policy = DocumentPolicy()
    assert refused(policy, HELLO, None, apq(ANSWER)) == "PERSISTED_QUERY_HASH_MISMATCH"
    # Nothing was stored under the wrong hash.
    assert refused(policy, None, None, apq(ANSWER)) == "PERSISTED_QUERY_NOT_FOUND"
    assert len(policy.store) == 0


@pytest.mark.parametrize(
    ("extensions", "fragment"),
    [
        (apq(HELLO, version=2), "version 2"),
        (apq(HELLO, version=True), "version true"),
        (apq(HELLO, version=None), "version null"),
        (apq(sha256="abc"), "64 digits"),
        ({"persistedQuery": {"version": APQ_VERSION, "sha256Hash": 7}}, "64 digits"),
        ({"persistedQuery": "yes"}, "must be an object"),
        ("extensions", "`extensions` must be an object"),
    ],
)
def test_malformed_apq_is_a_bad_request(extensions: object, fragment: str) -> None:
    with pytest.raises(DocumentRefused) as caught:
        DocumentPolicy().resolve(HELLO, None, extensions)
    assert caught.value.code == "BAD_REQUEST"
    assert fragment in caught.value.message


@pytest.mark.parametrize(
    ("query", "document_id", "extensions", "fragment"),
    [
        (7, None, None, "`query` must be a string"),
        (None, 7, None, "`documentId` must be a string"),
        (None, "md5:abc", None, "sha256:<hex>"),
        (HELLO, f"sha256:{sha256_hex(HELLO)}", None, "not both"),
        (None, f"sha256:{sha256_hex(HELLO)}", apq(ANSWER), "two different documents"),
    ],
)
def test_malformed_document_ids_are_bad_requests(
    query: object, document_id: object, extensions: object, fragment: str
) -> None:
    with pytest.raises(DocumentRefused) as caught:
        DocumentPolicy().resolve(query, document_id, extensions)
    assert caught.value.code == "BAD_REQUEST"
    assert fragment in caught.value.message


def test_an_unknown_document_id_without_a_manifest_is_not_in_the_list() -> None:
    assert refused(DocumentPolicy(), None, sha256_hex(HELLO), None) == "PERSISTED_QUERY_NOT_IN_LIST"


def trusted() -> DocumentPolicy:
    return DocumentPolicy({sha256_hex(HELLO): HELLO})


def test_trusted_documents_run_by_id_hash_or_text() -> None:
    policy = trusted()
    digest = sha256_hex(HELLO)
    assert policy.resolve(None, f"sha256:{digest}", None) == HELLO
    assert policy.resolve(None, digest, None) == HELLO  # bare hex, as some clients send
    assert policy.resolve(None, None, apq(HELLO)) == HELLO
    assert policy.resolve(HELLO, None, apq(HELLO)) == HELLO
    assert policy.resolve(HELLO, None, None) == HELLO


def test_trusted_mode_refuses_anything_else() -> None:
    policy = trusted()
    with pytest.raises(DocumentRefused) as caught:
        policy.resolve(ANSWER, None, None)
    assert caught.value.code == "PERSISTED_QUERY_NOT_ALLOWED"
    assert caught.value.message.startswith("Only registered operations may run here: ")
    # A registered text changed by one space is another document.
    assert refused(policy, HELLO + " ", None, None) == "PERSISTED_QUERY_NOT_ALLOWED"
    # APQ cannot register a new text, and nothing is stored.
    with pytest.raises(DocumentRefused) as caught:
        policy.resolve(ANSWER, None, apq(ANSWER))
    assert caught.value.code == "PERSISTED_QUERY_NOT_ALLOWED"
    assert "cannot register" in caught.value.message
    assert len(policy.store) == 0
    # An unknown hash: APQ's miss (the client then sends the text, refused above); an
    # unknown documentId: not in the list.
    assert refused(policy, None, None, apq(ANSWER)) == "PERSISTED_QUERY_NOT_FOUND"
    with pytest.raises(DocumentRefused) as caught:
        policy.resolve(None, f"sha256:{sha256_hex(ANSWER)}", None)
    assert caught.value.code == "PERSISTED_QUERY_NOT_IN_LIST"
    assert sha256_hex(ANSWER) in caught.value.message
    # A text sent with a registered hash that is not its own: a mismatch, not a pass.
    assert refused(policy, ANSWER, None, apq(sha256=sha256_hex(HELLO))) == (
        "PERSISTED_QUERY_HASH_MISMATCH"
    )


def test_the_apq_store_keeps_to_its_budget() -> None:
    store = PersistedQueries(max_chars=100, max_entries=3)
    texts = [f"{{ a{i:02d} }}" for i in range(10)]  # 8 characters each
    for text in texts:
        store.put(sha256_hex(text), text)
    assert len(store) == 3
    assert [store.get(sha256_hex(t)) for t in texts[-3:]] == texts[-3:]
    assert store.get(sha256_hex(texts[0])) is None

    by_chars = PersistedQueries(max_chars=20, max_entries=100)
    for text in texts[:3]:
        by_chars.put(sha256_hex(text), text)
    assert by_chars.chars <= 20
    assert len(by_chars) == 2
    # A text larger than the whole budget is not kept (nor does it empty the store).
    by_chars.put(sha256_hex("x" * 50), "x" * 50)
    assert by_chars.get(sha256_hex("x" * 50)) is None
    assert len(by_chars) == 2


def test_the_apq_store_forgets_the_least_recently_used() -> None:
    store = PersistedQueries(max_chars=1000, max_entries=2)
    store.put("a", "{ a }")
    store.put("b", "{ b }")
    assert store.get("a") == "{ a }"  # used: b is now the oldest
    store.put("c", "{ c }")
    assert (store.get("a"), store.get("b"), store.get("c")) == ("{ a }", None, "{ c }")


def test_a_valid_manifest_loads(tmp_path: Path) -> None:
    path = tmp_path / "persisted-documents.json"
    path.write_text(json.dumps({sha256_hex(HELLO): HELLO, sha256_hex(ANSWER): ANSWER}))
    assert load_manifest(path, SCHEMA) == {sha256_hex(HELLO): HELLO, sha256_hex(ANSWER): ANSWER}
    # Keys may carry the documentId prefix.
    assert validated_manifest({f"sha256:{sha256_hex(HELLO)}": HELLO}, SCHEMA, "m") == {
        sha256_hex(HELLO): HELLO
    }


@pytest.mark.parametrize(
    ("entries", "fragment"),
    [
        ([HELLO], "expected a JSON object"),
        ({sha256_hex(HELLO): 7}, "must be a string"),
        ({"hello": HELLO}, "64 lowercase hex digits"),
        (
            {sha256_hex(ANSWER): HELLO},
            f"not the SHA-256 of its document (that is {sha256_hex(HELLO)})",
        ),
        ({sha256_hex("{ hello"): "{ hello"}, "Syntax Error"),
        ({sha256_hex("{ nope }"): "{ nope }"}, "Cannot query field 'nope'"),
    ],
)
def test_a_bad_manifest_entry_is_named(entries: object, fragment: str) -> None:
    with pytest.raises(ManifestError) as caught:
        validated_manifest(entries, SCHEMA, "docs.json")
    message = str(caught.value)
    assert message.startswith("docs.json")
    assert fragment in message
    if isinstance(entries, dict):
        assert repr(next(iter(entries))) in message  # names the entry


def test_an_unreadable_manifest_is_named(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="cannot be read"):
        load_manifest(tmp_path / "missing.json", SCHEMA)
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(ManifestError, match=r"broken\.json: not JSON"):
        load_manifest(broken, SCHEMA)
