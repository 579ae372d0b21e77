"""The UI's language: our catalogue (consulta.i18n) plus Qt's own (qtbase_<lang>.qm).

``apply_language(code)`` switches both; installing a QTranslator makes Qt send a
``LanguageChange`` event to every widget, and every view answers it with ``retranslate()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from consulta import i18n

_qt_translator: QTranslator | None = None


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


def apply_language(code: str | None) -> str:
    """Use ``code`` (None: the OS language) for our strings and Qt's; returns the code used."""
    global _qt_translator
    used = i18n.set_language(code or system_language())
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
        # By locale, so that "pt" finds qtbase_pt_BR.qm (Qt ships no plain qtbase_pt).
        if translator.load(QLocale(used), "qtbase", "_", folder):
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
