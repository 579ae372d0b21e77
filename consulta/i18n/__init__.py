"""The one translation function, for the UI and for exported documents alike.

``_("Text {name}", name=x)`` translates into the active language, then fills the
``{placeholders}``. ``N_`` marks a string for the catalogue without translating it yet
(constants translated at use). ``n_`` picks a singular or plural form.

Catalogues are gettext ``.po`` files in ``resources/translations/<lang>.po``: adding a
language is adding a catalogue. The active language is process-wide (the UI's), and a
``with language("es"):`` block overrides it for the current thread (a document written in
the consultation's language by a background export).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from consulta.i18n.catalog import Catalog, load_catalog

SOURCE_LANGUAGE = "en"
_default_language = SOURCE_LANGUAGE
_local = threading.local()


def available_languages() -> list[str]:
    """The source language and every language that has a catalogue."""
    from consulta.resources import translations_dir

    found = sorted(p.stem for p in translations_dir().glob("*.po"))
    return [SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE]]


def normalise_language(code: str | None) -> str:
    """'es_AR.UTF-8' -> 'es'; anything without a catalogue -> English."""
    if not code:
        return SOURCE_LANGUAGE
    base = code.replace("-", "_").split(".")[0].split("_")[0].lower()
    return base if base in available_languages() else SOURCE_LANGUAGE


def set_language(code: str | None) -> str:
    """Set the process-wide language; returns the language actually used."""
    global _default_language
    _default_language = normalise_language(code)
    return _default_language


def current_language() -> str:
    override: str | None = getattr(_local, "language", None)
    return override or _default_language


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Temporarily translate into ``code`` in this thread (documents, not the UI)."""
    previous = getattr(_local, "language", None)
    _local.language = normalise_language(code)
    try:
        yield _local.language
    finally:
        _local.language = previous


@cache
def _catalog(code: str) -> Catalog:
    if code == SOURCE_LANGUAGE:
        return Catalog({}, {})
    from consulta.resources import translations_dir

    return load_catalog(translations_dir() / f"{code}.po")


def _(message: str, /, **values: object) -> str:
    text = _catalog(current_language()).gettext(message)
    return text.format(**values) if values else text


def n_(singular: str, plural: str, n: int, /, **values: object) -> str:
    text = _catalog(current_language()).ngettext(singular, plural, n)
    return text.format(n=n, **values)


def N_(message: str, /) -> str:
    """Mark ``message`` for the catalogue; translate it later with ``_``."""
    return message
