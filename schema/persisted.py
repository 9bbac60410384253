"""Which query text a request runs: its own, or one named by hash (persisted documents).

Two protocols name a document by the SHA-256 of its text (lowercase hex):

- Apollo's automatic persisted queries (APQ): ``extensions.persistedQuery {version: 1,
  sha256Hash}``. The hash alone runs the text stored under it, or is answered
  ``PERSISTED_QUERY_NOT_FOUND`` (message ``PersistedQueryNotFound``), on which Apollo's
  clients send the hash again with the text; the text is then checked against the
  hash, stored (``PersistedQueries``, bounded) and run.
- Trusted documents (GraphQL-over-HTTP's persisted documents): a manifest of allowed
  operations, ``{"<sha256 hex>": "<text>"}`` as GraphQL Codegen's client preset writes
  it (``persisted-documents.json``), named by ``documentId`` (``sha256:<hex>`` or bare
  hex). With a manifest (``IPGRAPH_TRUSTED_DOCUMENTS``) only its documents run: by
  ``documentId``, by APQ hash, or as full text whose hash it lists. APQ cannot register
  new texts then.

``DocumentPolicy.resolve`` is the one check: every way a query reaches the schema calls
it before anything is parsed: ``/graphql`` POST and GET (``web.app.GraphQLApp``: its
prepared path and Strawberry's, batches included) and ``/export``. A WebSocket
subscription's ``subscribe`` message must call it too, with its payload's ``query``,
``documentId`` and ``extensions`` (see ``GraphQLApp.__call__``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import GraphQLError, GraphQLSchema, parse, validate

APQ_VERSION = 1
_HEX = re.compile(r"[0-9a-f]{64}")
# What the APQ store may hold: texts of at most this many characters in all, least
# recently used out first. Hostile clients can register texts without end; they only
# push out each other's (and a text is limited by the body limit before it gets here).
APQ_CHARS = 8_000_000
APQ_ENTRIES = 10_000
# An APQ miss must not be cached by a CDN (a GET with the hash alone is cacheable): the
# next request registers the text. Apollo Server answers so, with 200.
NO_STORE = {"Cache-Control": "private, no-cache, must-revalidate"}

NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST"
NOT_ALLOWED = "PERSISTED_QUERY_NOT_ALLOWED"
HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
BAD_REQUEST = "BAD_REQUEST"


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DocumentRefused(Exception):
    """A request's document cannot run; ``message`` and ``code`` are for the client
    (``schema.errors.ERROR_STATUS`` gives the status)."""

    def __init__(self, message: str, code: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.headers = dict(headers or {})


class ManifestError(ValueError):
    """The trusted-documents manifest cannot be used; the message names the bad entry."""


class PersistedQueries:
    """The APQ store: texts by hash, at most ``max_entries`` and ``max_chars``
    characters in all, least recently used out first. (The project's other caches,
    ``schema.limits.Documents`` and ``schema.prepared.Operations``, are the same
    OrderedDict shape; cachetools' LRUCache would do too, at the price of a direct
    dependency for twenty lines.)"""

    def __init__(self, max_chars: int = APQ_CHARS, max_entries: int = APQ_ENTRIES) -> None:
        self.max_chars = max_chars
        self.max_entries = max_entries
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._chars = 0

    def get(self, sha256: str) -> str | None:
        text = self._texts.get(sha256)
        if text is not None:
            self._texts.move_to_end(sha256)
        return text

    def put(self, sha256: str, text: str) -> None:
        if sha256 in self._texts:
            self._texts.move_to_end(sha256)
            return
        if len(text) > self.max_chars:
            return  # would push out everything and still not fit: run, not kept
        self._texts[sha256] = text
        self._chars += len(text)
        while len(self._texts) > self.max_entries or self._chars > self.max_chars:
            _, old = self._texts.popitem(last=False)
            self._chars -= len(old)

    @property
    def chars(self) -> int:
        return self._chars

    def __len__(self) -> int:
        return len(self._texts)


def validated_manifest(entries: object, schema: GraphQLSchema, where: str) -> dict[str, str]:
    """``entries`` (decoded JSON) as a manifest, each key the SHA-256 of its text and
    each text a document that parses and validates against ``schema``; else
    ``ManifestError`` naming the first bad entry (``where``: the file, for the message)."""
    if not isinstance(entries, dict):
        raise ManifestError(
            f'{where}: expected a JSON object {{"<sha256 hex>": "<document>"}} (GraphQL '
            f"Codegen's persisted-documents.json), not {type(entries).__name__}"
        )
    manifest: dict[str, str] = {}
    for key, text in entries.items():
        hexdigest = key.removeprefix("sha256:")
        if not isinstance(text, str):
            raise ManifestError(f"{where}: entry {key!r}: the document must be a string")
        if not _HEX.fullmatch(hexdigest):
            raise ManifestError(
                f"{where}: entry {key!r}: the key must be the document's SHA-256 "
                "(64 lowercase hex digits)"
            )
        actual = sha256_hex(text)
        if actual != hexdigest:
            raise ManifestError(
                f"{where}: entry {key!r}: the key is not the SHA-256 of its document "
                f"(that is {actual})"
            )
        try:
            errors = validate(schema, parse(text))
        except GraphQLError as exc:
            raise ManifestError(f"{where}: entry {key!r}: {exc.message}") from None
        if errors:
            raise ManifestError(f"{where}: entry {key!r}: {errors[0].message}")
        manifest[hexdigest] = text
    return manifest


def load_manifest(path: Path, schema: GraphQLSchema) -> dict[str, str]:
    """The manifest at ``path`` (``validated_manifest``), or ``ManifestError``."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ManifestError(f"{path}: cannot be read ({exc.strerror})") from None
    except ValueError as exc:
        raise ManifestError(f"{path}: not JSON ({exc})") from None
    return validated_manifest(entries, schema, str(path))


@dataclass
class DocumentPolicy:
    """What a request may run. ``trusted`` (a manifest) set: its documents only; else
    any text, with APQ registering texts in ``store``."""

    trusted: Mapping[str, str] | None = None
    store: PersistedQueries = field(default_factory=PersistedQueries)

    def resolve(self, query: object, document_id: object, extensions: object) -> str | None:
        """The text a request with these members runs, or ``DocumentRefused``.

        None: the request names no document at all (its transport's own "no query"
        refusal then speaks). Every transport calls this with the request's ``query``,
        ``documentId`` and ``extensions`` as sent (JSON-decoded), before parsing."""
        if query is not None and not isinstance(query, str):
            raise DocumentRefused("`query` must be a string.", BAD_REQUEST)
        apq = _apq_hash(extensions)
        named = _document_hash(document_id)
        if named is not None:
            if query is not None:
                raise DocumentRefused(
                    "Send `documentId` or `query`, not both: the document is registered.",
                    BAD_REQUEST,
                )
            if apq is not None and apq != named:
                raise DocumentRefused(
                    "`documentId` and `extensions.persistedQuery.sha256Hash` name two "
                    "different documents.",
                    BAD_REQUEST,
                )
            return self._registered(named, by_document_id=True)
        if apq is not None:
            if query is None:
                return self._registered(apq, by_document_id=False)
            if sha256_hex(query) != apq:
                raise DocumentRefused(
                    "provided sha does not match query: `extensions.persistedQuery."
                    "sha256Hash` must be the SHA-256 (hex) of the UTF-8 `query` text.",
                    HASH_MISMATCH,
                )
            if self.trusted is None:
                self.store.put(apq, query)
                return query
            if apq in self.trusted:
                return query
            raise DocumentRefused(_NOT_ALLOWED_APQ, NOT_ALLOWED)
        if query is None or self.trusted is None or sha256_hex(query) in self.trusted:
            return query
        raise DocumentRefused(_NOT_ALLOWED_TEXT, NOT_ALLOWED)

    def _registered(self, sha256: str, *, by_document_id: bool) -> str:
        if self.trusted is not None:
            text = self.trusted.get(sha256)
            if text is not None:
                return text
            if not by_document_id:
                # An APQ client retries with the text, which is then refused (or runs,
                # when the manifest lists it under this hash: it would have been found).
                raise DocumentRefused("PersistedQueryNotFound", NOT_FOUND, NO_STORE)
            raise DocumentRefused(
                f"Only registered operations may run here: no registered operation has "
                f"documentId sha256:{sha256}.",
                NOT_IN_LIST,
            )
        text = self.store.get(sha256)
        if text is None:
            if by_document_id:
                raise DocumentRefused(
                    f"No document is registered as sha256:{sha256}: send the operation "
                    "as `query` (this service keeps no manifest).",
                    NOT_IN_LIST,
                )
            raise DocumentRefused("PersistedQueryNotFound", NOT_FOUND, NO_STORE)
        return text


_NOT_ALLOWED_TEXT = (
    "Only registered operations may run here: this query is not in the service's "
    "trusted-documents manifest. Send the `documentId` of a registered operation (or "
    "its exact text)."
)
_NOT_ALLOWED_APQ = (
    "Only registered operations may run here: automatic persisted queries cannot "
    "register new operations, and this one is not in the trusted-documents manifest."
)


def _apq_hash(extensions: object) -> str | None:
    """The hash of ``extensions.persistedQuery``, if the request has one."""
    if extensions is None:
        return None
    if not isinstance(extensions, dict):
        raise DocumentRefused("`extensions` must be an object.", BAD_REQUEST)
    persisted: Any = extensions.get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict):
        raise DocumentRefused(
            "`extensions.persistedQuery` must be an object {version, sha256Hash}.", BAD_REQUEST
        )
    version = persisted.get("version")
    if version != APQ_VERSION or isinstance(version, bool):
        raise DocumentRefused(
            f"Unsupported persisted query version {json.dumps(version)}: this service "
            f"speaks version {APQ_VERSION}.",
            BAD_REQUEST,
        )
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not _HEX.fullmatch(sha256.lower()):
        raise DocumentRefused(
            "`extensions.persistedQuery.sha256Hash` must be a SHA-256 in hex (64 digits).",
            BAD_REQUEST,
        )
    return sha256.lower()


def _document_hash(document_id: object) -> str | None:
    """The hash a ``documentId`` names (``sha256:<hex>`` or bare hex), if it names one."""
    if document_id is None:
        return None
    if not isinstance(document_id, str):
        raise DocumentRefused("`documentId` must be a string: sha256:<hex>.", BAD_REQUEST)
    hexdigest = document_id.removeprefix("sha256:").lower()
    if not _HEX.fullmatch(hexdigest):
        raise DocumentRefused(
            "`documentId` must be sha256:<hex> (or the 64 hex digits alone): this service "
            "names documents by their SHA-256.",
            BAD_REQUEST,
        )
    return hexdigest
