"""Reading PDFs back for the tests: text per page, fonts, metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader


def pages_text(path: Path) -> list[str]:
    """Each page's text with runs of white space made one space ("Page 2 of" and the page
    total, a form drawn once for all pages, come out on two lines)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def fonts(path: Path) -> list[dict[str, Any]]:
    """Every font dictionary used on any page (resolved)."""
    found = []
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            found.append(ref.get_object())
    return found
