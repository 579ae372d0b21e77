"""The translation function and its catalogues."""

from __future__ import annotations

import re
import string
import threading
from pathlib import Path

import pytest

from consulta.i18n import _, current_language, language, n_, normalise_language, set_language
from consulta.i18n.catalog import load_catalog, parse_po
from consulta.i18n.extract import collect, source_files

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted((ROOT / "resources" / "translations").glob("*.po"))


def test_parse_po_reads_multiline_entries_and_plurals() -> None:
    catalog = parse_po(
        '# comment\nmsgid ""\nmsgstr "Language: es\\n"\n\n'
        'msgid "Hello "\n"world"\nmsgstr "Hola "\n"mundo"\n\n'
        'msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} archivo"\n'
        'msgstr[1] "{n} archivos"\n\n'
        'msgid "Untranslated"\nmsgstr ""\n'
    )
    assert catalog.gettext("Hello world") == "Hola mundo"
    assert catalog.gettext("Untranslated") == "Untranslated"
    assert catalog.ngettext("{n} file", "{n} files", 1) == "{n} archivo"
    assert catalog.ngettext("{n} file", "{n} files", 3) == "{n} archivos"


def test_language_override_is_per_thread() -> None:
    set_language("en")
    seen: list[str] = []

    def other() -> None:
        seen.append(_("Media"))

    with language("es"):
        assert _("Media") == "Medios de comunicación"
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
    assert seen == ["Media"]
    assert current_language() == "en"
    assert n_("{n} item", "{n} items", 2) == "2 items"


def test_unknown_languages_fall_back_to_english() -> None:
    assert normalise_language("es_AR.UTF-8") == "es"
    assert normalise_language("xx") == "en"
    assert normalise_language(None) == "en"


def fields(text: str) -> set[str]:
    return {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=[p.stem for p in CATALOGUES])
def test_every_message_is_translated(catalogue: Path) -> None:
    messages = collect(source_files(ROOT), ROOT)
    catalog = load_catalog(catalogue)
    missing = [
        f"{m.where}: {m.msgid!r}"
        for m in messages.values()
        if m.msgid not in (catalog.plurals if m.plural is not None else catalog.messages)
    ]
    assert not missing, f"{len(missing)} untranslated in {catalogue.name}:\n" + "\n".join(missing)


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=[p.stem for p in CATALOGUES])
def test_translations_keep_the_placeholders(catalogue: Path) -> None:
    catalog = load_catalog(catalogue)
    wrong = [msgid for msgid, msgstr in catalog.messages.items() if fields(msgid) != fields(msgstr)]
    sources = collect(source_files(ROOT), ROOT)
    for msgid, forms in catalog.plurals.items():
        plural = sources[msgid].plural if msgid in sources else None
        allowed = fields(msgid) | fields(plural or "") | {"n"}
        if any(fields(form) - allowed for form in forms):
            wrong.append(msgid)
    assert not wrong


def test_no_sentence_is_built_from_translated_pieces() -> None:
    # `_("a") + _("b")` breaks word order in other languages: use one message with {fields}.
    pattern = re.compile(r"""_\((["']).*?\1\)\s*\+\s*_\(""")
    offenders = [
        str(p.relative_to(ROOT))
        for p in source_files(ROOT)
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders
