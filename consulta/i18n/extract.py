"""Find every translatable message in the source: the literal first argument of ``_``,
``N_`` and ``n_`` calls. Used by ``scripts/i18n.py`` and by the catalogue tests."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MARKERS = {"_", "N_"}
PLURAL_MARKERS = {"n_"}


@dataclass(frozen=True)
class Message:
    msgid: str
    plural: str | None
    where: str


def messages_in(path: Path, root: Path) -> Iterator[Message]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        name = node.func.id
        if name not in MARKERS | PLURAL_MARKERS or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        plural = None
        if name in PLURAL_MARKERS and len(node.args) > 1:
            second = node.args[1]
            if isinstance(second, ast.Constant) and isinstance(second.value, str):
                plural = second.value
        where = f"{path.relative_to(root)}:{node.lineno}"
        yield Message(first.value, plural, where)


def collect(paths: Iterable[Path], root: Path) -> dict[str, Message]:
    found: dict[str, Message] = {}
    for path in sorted(paths):
        for message in messages_in(path, root):
            found.setdefault(message.msgid, message)
    return found


def source_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "consulta").rglob("*.py") if "migrations" not in p.parts)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def to_pot(messages: dict[str, Message]) -> str:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for message in messages.values():
        lines.append(f"#: {message.where}")
        lines.append(f"msgid {_quote(message.msgid)}")
        if message.plural is not None:
            lines.append(f"msgid_plural {_quote(message.plural)}")
            lines += ['msgstr[0] ""', 'msgstr[1] ""']
        else:
            lines.append('msgstr ""')
        lines.append("")
    return "\n".join(lines)
