"""A small reader of gettext ``.po`` catalogues (no compile step, no dependency)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Catalog:
    messages: dict[str, str]
    plurals: dict[str, tuple[str, ...]]

    def gettext(self, message: str) -> str:
        return self.messages.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.plurals.get(singular)
        # Every language shipped so far has two forms: one, and other (n != 1).
        if forms and all(forms):
            return forms[0] if n == 1 else forms[min(1, len(forms) - 1)]
        return singular if n == 1 else plural


def _unquote(text: str) -> str:
    return str(ast.literal_eval(text)) if text else ""


def parse_po(text: str) -> Catalog:
    """Parse msgid/msgstr entries, with multi-line strings and plural forms."""
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    entry: dict[str, str] = {}
    key = ""

    def flush() -> None:
        msgid = entry.get("msgid", "")
        if msgid and "msgctxt" not in entry:
            if "msgid_plural" in entry:
                forms = tuple(v for k, v in sorted(entry.items()) if k.startswith("msgstr["))
                plurals[msgid] = forms
            elif entry.get("msgstr"):
                messages[msgid] = entry["msgstr"]
        entry.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and entry:
                flush()
            continue
        if line.startswith('"'):
            entry[key] = entry.get(key, "") + _unquote(line)
            continue
        word, _sep, rest = line.partition(" ")
        if word == "msgid" and "msgid" in entry:
            flush()
        key = word
        entry[key] = _unquote(rest.strip())
    if entry:
        flush()
    return Catalog(messages, plurals)


def load_catalog(path: Path) -> Catalog:
    if not path.is_file():
        return Catalog({}, {})
    return parse_po(path.read_text(encoding="utf-8"))
