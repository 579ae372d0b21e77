"""Text rules shared by validation and search."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case, accent-free form for search: 'Núñez' and 'nunez' match."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def clean(text: str | None) -> str:
    """Trim and drop control characters other than newline and tab."""
    if not text:
        return ""
    kept = (c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    return "".join(kept).strip()
