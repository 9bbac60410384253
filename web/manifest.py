"""The trusted-documents manifest the service ships, ``web/trusted-documents.json``:
GraphiQL's examples (``web.examples``) and the explorer's operations
(``web.explorer.explorer_queries``), in GraphQL Codegen's ``persisted-documents.json``
format, so that a service started with ``IPGRAPH_TRUSTED_DOCUMENTS`` pointing at it (or at
a manifest that merges it with an application's own) still serves both pages.

``ipgraph trusted-documents -o PATH`` writes it; a unit test keeps the checked-in file
equal to what the command writes, so a changed example or model reaches the file.
"""

from __future__ import annotations

import json
from pathlib import Path

from schema.persisted import sha256_hex
from web.examples import EXAMPLES
from web.explorer import explorer_model

SHIPPED_MANIFEST = Path(__file__).parent / "trusted-documents.json"


def shipped_documents() -> dict[str, str]:
    """``{sha256 hex: text}`` of every operation GraphiQL's examples and the explorer
    send, in that order."""
    model = explorer_model()
    texts = [
        *(example["query"] for example in EXAMPLES),
        *model["operations"].values(),
        *model["questions"].values(),
    ]
    return {sha256_hex(text): text for text in texts}


def manifest_text(documents: dict[str, str]) -> str:
    """The manifest file's text (as Codegen writes it: one JSON object, indented)."""
    return json.dumps(documents, indent=2, ensure_ascii=False) + "\n"
