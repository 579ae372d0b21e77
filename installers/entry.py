"""The frozen program's entry script (PyInstaller): the same ``main`` as ``python -m consulta``.

With ``CONSULTA_BUNDLE_CHECK=1`` in the environment it prints one JSON line describing what
the bundle contains (resources, migrations, Qt translations) instead, and exits 1 if
something is missing: CI runs it on the frozen build.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

QT_LANGUAGES = ("es", "pt_BR", "fr", "ca")


def _writable_streams() -> None:
    """A windowed Windows build has no console: give print() somewhere harmless to write."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def bundle_check() -> dict[str, object]:
    from consulta import __version__
    from consulta.resources import fonts_dir, icons_dir, migrations_dir, translations_dir

    migrations = migrations_dir()
    result: dict[str, object] = {
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "fonts": sorted(p.name for p in fonts_dir().glob("*.ttf")),
        "icons": len(list(icons_dir().glob("*.svg"))),
        "translations": sorted(p.stem for p in translations_dir().glob("*.po")),
        "migrations_env": (migrations / "env.py").is_file(),
        "migrations": sorted(p.name for p in (migrations / "versions").glob("*.py")),
    }
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    result["qt_translations"] = {
        code: QTranslator().load(f"qtbase_{code}", folder) for code in QT_LANGUAGES
    }
    return result


def bundle_ok(result: dict[str, object]) -> bool:
    qt = result["qt_translations"]
    return bool(
        result["fonts"]
        and result["icons"]
        and result["translations"]
        and result["migrations_env"]
        and result["migrations"]
        and isinstance(qt, dict)
        and all(qt.values())
    )


def run() -> int:
    _writable_streams()
    if getattr(sys, "frozen", False):
        # Alembic loads the migrations from .py files: write no __pycache__ into the install.
        sys.dont_write_bytecode = True
    # macOS may start an app from the Finder with a "-psn_0_1234" process serial number,
    # which the command line would take for an unknown option.
    sys.argv[1:] = [arg for arg in sys.argv[1:] if not arg.startswith("-psn_")]
    if os.environ.get("CONSULTA_BUNDLE_CHECK") == "1":
        result = bundle_check()
        print(json.dumps(result, sort_keys=True))
        return 0 if bundle_ok(result) else 1
    from consulta.__main__ import main

    return main()


if __name__ == "__main__":
    if not getattr(sys, "frozen", False):  # run from a source checkout: find "consulta" there
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(run())
