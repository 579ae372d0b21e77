"""Every string the documents show has a Spanish translation (es.po, or the pending
catalogue of the documents until it is merged), with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from consulta.i18n.catalog import load_catalog
from consulta.resources import translations_dir

ROOT = Path(__file__).resolve().parents[2]
SAME_IN_SPANISH = {"{level}: {count}", "Total", "No", "Sector"}
FILES = [*sorted((ROOT / "consulta" / "reports").glob("*.py")), ROOT / "consulta/cli/documents.py"]


def messages() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "n_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                plural = node.args[1] if node.func.id == "n_" else None
                found[node.args[0].value] = (
                    plural.value if isinstance(plural, ast.Constant) else None
                )
    return found


def test_every_document_string_has_a_spanish_translation() -> None:
    main = load_catalog(translations_dir() / "es.po")
    pending = load_catalog(translations_dir() / "pending" / "reports.po")
    found = messages()
    assert len(found) > 100
    for msgid, plural in found.items():
        if plural is None:
            text = main.gettext(msgid) if main.messages.get(msgid) else pending.gettext(msgid)
            assert text != msgid or msgid in SAME_IN_SPANISH, msgid
            assert set(re.findall(r"{\w+}", text)) == set(re.findall(r"{\w+}", msgid)), msgid
        else:
            forms = main.plurals.get(msgid) or pending.plurals.get(msgid)
            assert forms and all(forms), msgid
            assert all(
                set(re.findall(r"{\w+}", f)) <= set([*re.findall(r"{\w+}", plural), "{n}"])
                for f in forms
            ), msgid
