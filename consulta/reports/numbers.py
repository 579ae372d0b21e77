"""Numbers as the documents print them, in the document's language (decimal comma or point)."""

from __future__ import annotations

from consulta.i18n import _, current_language

_DECIMAL_COMMA = {"es", "pt", "fr", "ca", "de", "it"}


def _local(text: str) -> str:
    if current_language() in _DECIMAL_COMMA:
        return text.replace(",", "\u202f").replace(".", ",")
    return text


def integer(value: int) -> str:
    return _local(f"{value:,}")


def percent(value: float | None) -> str:
    if value is None:
        return _("n/a")
    return _local(f"{value * 100:.1f}") + "\u00a0%"


def decimal(value: float | None, places: int = 2) -> str:
    if value is None:
        return _("n/a")
    return _local(f"{value:.{places}f}")
