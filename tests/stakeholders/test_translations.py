"""Every message of the stakeholder import has a Spanish translation with the same
placeholders (in resources/translations/pending/stakeholders.po until it is merged)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from consulta.i18n.catalog import parse_po

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    "consulta/interchange/stakeholders.py",
    "consulta/interchange/stakeholders_read.py",
    "consulta/interchange/stakeholders_words.py",
    "consulta/cli/stakeholders.py",
]


def _messages() -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name in MODULES:
        for node in ast.walk(ast.parse((ROOT / name).read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "n_", "N_")
            ):
                args = tuple(
                    a.value
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
                if args and args not in found:
                    found.append(args)
    return found


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{(\w+)\}", text))


def test_every_message_has_a_spanish_translation() -> None:
    catalogs = [
        parse_po((ROOT / "resources/translations" / name).read_text(encoding="utf-8"))
        for name in ("pending/stakeholders.po", "es.po")
        if (ROOT / "resources/translations" / name).exists()  # pending/ goes once merged
    ]
    messages = _messages()
    assert len(messages) > 60
    missing = []
    for args in messages:
        if len(args) == 1:
            text = next((c.messages[args[0]] for c in catalogs if args[0] in c.messages), None)
            if text is None or _placeholders(text) != _placeholders(args[0]):
                missing.append(args[0])
        else:
            forms = next((c.plurals[args[0]] for c in catalogs if args[0] in c.plurals), ())
            if len(forms) != 2 or any(_placeholders(f) != _placeholders(args[1]) for f in forms):
                missing.append(args[0])
    assert missing == []
