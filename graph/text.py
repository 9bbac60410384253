"""Text normalization shared by writes (what is stored) and reads (what is searched)."""

from __future__ import annotations

import unicodedata


def search_key(*texts: str | None) -> str:
    """Lower-case, accent-free text (``Bogotá`` → ``bogota``) for case/accent-blind search."""
    joined = " | ".join(t for t in texts if t)
    decomposed = unicodedata.normalize("NFKD", joined.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
