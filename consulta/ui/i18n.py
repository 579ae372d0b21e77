"""The UI's language: our catalogue (consulta.i18n) plus Qt's own (qtbase_<lang>.qm).

``apply_language(code)`` switches both; installing a QTranslator makes Qt send a
``LanguageChange`` event to every widget, and every view answers it with ``retranslate()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from consulta import i18n
from consulta.resources import translations_dir

_qt_translator: QTranslator | None = None
_merged_pending: set[str] = set()


def system_language() -> str:
    return i18n.normalise_language(QLocale.system().name())


# Each language by its own name, without a country ("Español", not "Español de España").
ENDONYMS = {"en": "English", "es": "Español", "pt": "Português", "fr": "Français", "ca": "Català"}


def language_name(code: str) -> str:
    """The language's own name ("Español"), as people look for it in a menu."""
    if code in ENDONYMS:
        return ENDONYMS[code]
    name = QLocale(code).nativeLanguageName()
    return name[:1].upper() + name[1:] if name else code


def _merge_pending(code: str) -> None:
    """Strings waiting in resources/translations/pending/*.po until merged into <code>.po."""
    if code == i18n.SOURCE_LANGUAGE or code in _merged_pending:
        return
    _merged_pending.add(code)
    pending = translations_dir() / "pending"
    if not pending.is_dir():
        return
    from consulta.i18n.catalog import parse_po

    catalog = i18n._catalog(code)
    for po in sorted(pending.glob("*.po")):
        extra = parse_po(po.read_text(encoding="utf-8"))
        language = _po_language(po)
        if language and language != code:
            continue
        for key, value in extra.messages.items():
            catalog.messages.setdefault(key, value)
        for key, forms in extra.plurals.items():
            catalog.plurals.setdefault(key, forms)


def _po_language(po: object) -> str:
    from pathlib import Path

    for line in Path(str(po)).read_text(encoding="utf-8").splitlines()[:20]:
        if line.startswith('"Language:'):
            return line.split(":", 1)[1].strip().strip('"').replace("\\n", "").strip()
    return ""


def apply_language(code: str | None) -> str:
    """Use ``code`` (None: the OS language) for our strings and Qt's; returns the code used."""
    global _qt_translator
    used = i18n.set_language(code or system_language())
    _merge_pending(used)
    QLocale.setDefault(QLocale(used))
    app = QCoreApplication.instance()
    if app is None:
        return used
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if used != i18n.SOURCE_LANGUAGE:
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{used}", folder):
            app.installTranslator(translator)
            _qt_translator = translator
    # Installing/removing a translator posts LanguageChange; English→English or a missing .qm
    # would not, so always tell the widgets.
    for widget in _top_levels():
        QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    return used


def _top_levels() -> list[object]:
    from PySide6.QtWidgets import QApplication

    return (
        list(QApplication.topLevelWidgets())
        if isinstance(QCoreApplication.instance(), QApplication)
        else []
    )
