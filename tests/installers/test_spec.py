"""The PyInstaller spec, run with stand-ins for PyInstaller's build classes on each system:
what it bundles (resources, migrations where migrations_dir() looks), hidden imports, the
Qt modules it leaves out (never one the app imports), and the files it trims."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

import consulta
from consulta.cli import COMMAND_MODULES
from consulta.resources import migrations_dir, resources_dir
from tests.installers.conftest import INSTALLERS, ROOT

SPEC = INSTALLERS / "consulta.spec"
QT = "PySide6/Qt"
FAKE_DATAS = [
    (f"{QT}/translations/qtbase_es.qm", "/src/qtbase_es.qm", "DATA"),
    (f"{QT}/translations/qtbase_pt_BR.qm", "/src/qtbase_pt_BR.qm", "DATA"),
    (f"{QT}/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
    (f"{QT}/translations/qt_ja.qm", "/src/qt_ja.qm", "DATA"),
    ("resources/translations/consulta.pot", "/src/consulta.pot", "DATA"),
    ("resources/translations/es.po", "/src/es.po", "DATA"),
]
FAKE_BINARIES = [
    ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
    (f"{QT}/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
    (f"{QT}/plugins/platforms/libqvnc.so", "/src/libqvnc.so", "BINARY"),
    (f"{QT}/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
    (f"{QT}/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
    (f"{QT}/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
    ("libpango-1.0.so.0", "/src/libpango-1.0.so.0", "BINARY"),
    ("libQt6Network.so.6", f"{QT}/lib/libQt6Network.so.6", "SYMLINK"),
    ("libQt6Widgets.so.6", f"{QT}/lib/libQt6Widgets.so.6", "SYMLINK"),
]
# What each fake binary links against (transitively), as bindepend.get_imports answers.
FAKE_IMPORTS = {
    "/src/QtWidgets.abi3.so": {"libQt6Widgets.so.6"},
    "/src/libqxcb.so": {"libQt6Widgets.so.6"},
    "/src/libqvnc.so": {"libQt6Network.so.6"},
    "/src/libqgtk3.so": {"libpango-1.0.so.0"},
}


class Recorder:
    made: list[Recorder]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.made.append(self)


def run_spec(monkeypatch: pytest.MonkeyPatch, platform: str) -> dict[str, Any]:
    import PyInstaller.depend.bindepend as bindepend
    import PyInstaller.utils.hooks as hooks

    def collect_submodules(package: str, filter: Any = None) -> list[str]:
        base = ROOT / package
        names = [
            ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            for p in base.rglob("*.py")
        ]
        return [n for n in names if filter is None or filter(n)]

    monkeypatch.setattr(hooks, "collect_submodules", collect_submodules)
    monkeypatch.setattr(
        bindepend, "get_imports", lambda src, search_paths=None: {(n, n) for n in FAKE_IMPORTS[src]}
    )
    made: list[Recorder] = []

    class Analysis(Recorder):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.datas, self.binaries = list(FAKE_DATAS), list(FAKE_BINARIES)
            self.pure, self.scripts = [], []

    classes = {name: type(name, (Recorder,), {}) for name in ("PYZ", "EXE", "COLLECT", "BUNDLE")}
    for cls in (Analysis, *classes.values()):
        cls.made = made
    namespace: dict[str, Any] = {"SPECPATH": str(INSTALLERS), "Analysis": Analysis, **classes}
    monkeypatch.setattr(sys, "platform", platform)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    monkeypatch.undo()
    by_kind: dict[str, list[Recorder]] = {}
    for item in made:
        by_kind.setdefault(type(item).__name__, []).append(item)
    return {"made": by_kind, "analysis": by_kind["Analysis"][0]}


@pytest.fixture(scope="module")
def linux() -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return run_spec(monkeypatch, "linux")


def bundled(analysis: Recorder) -> dict[str, str]:
    """Each bundled source file or glob -> its folder inside the bundle."""
    return {Path(src).relative_to(ROOT).as_posix(): dest for src, dest in analysis.kwargs["datas"]}


def test_migrations_land_where_migrations_dir_looks(linux: dict[str, Any]) -> None:
    datas = bundled(linux["analysis"])
    # In the bundle consulta/resources.py is <_MEIPASS>/consulta/resources.pyc, so
    # migrations_dir() is <_MEIPASS>/<its path relative to the source root>.
    expected = migrations_dir().relative_to(ROOT).as_posix()
    assert datas["consulta/store/migrations/env.py"] == expected
    assert datas["consulta/store/migrations/versions/*.py"] == f"{expected}/versions"
    assert sorted(ROOT.glob("consulta/store/migrations/versions/*.py"))


def test_resources_land_where_the_locator_looks(linux: dict[str, Any]) -> None:
    datas = bundled(linux["analysis"])
    for folder in ("fonts", "icons", "translations"):
        expected = (resources_dir() / folder).relative_to(ROOT).as_posix()
        assert datas[f"resources/{folder}"] == expected


def test_hidden_imports(linux: dict[str, Any]) -> None:
    hidden = linux["analysis"].kwargs["hiddenimports"]
    assert set(COMMAND_MODULES) <= set(hidden)
    assert {"alembic.op", "alembic.context", "consulta.ui.app", "consulta.demo"} <= set(hidden)
    assert not [name for name in hidden if name.startswith("consulta.store.migrations")]


def test_excluded_qt_modules_are_never_ones_the_app_imports(linux: dict[str, Any]) -> None:
    excludes = set(linux["analysis"].kwargs["excludes"])
    assert {
        "PySide6.QtWebEngineCore",
        "PySide6.QtNetwork",
        "PySide6.QtQml",
        "PIL._avif",
    } <= excludes
    assert "PIL" not in excludes  # reportlab imports it at start-up
    used = set()
    for path in (ROOT / "consulta").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg"} <= used
    assert not {f"PySide6.{name}" for name in used} & excludes


def test_trims_qt_translations_plugins_and_their_libraries(linux: dict[str, Any]) -> None:
    analysis = linux["analysis"]
    datas = {dest for dest, _src, _kind in analysis.datas}
    assert f"{QT}/translations/qtbase_es.qm" in datas
    assert f"{QT}/translations/qtbase_pt_BR.qm" in datas
    assert f"{QT}/translations/qtbase_de.qm" not in datas
    assert f"{QT}/translations/qt_ja.qm" not in datas
    assert "resources/translations/es.po" in datas
    assert "resources/translations/consulta.pot" not in datas
    binaries = {dest for dest, _src, _kind in analysis.binaries}
    assert binaries == {
        "PySide6/QtWidgets.abi3.so",
        f"{QT}/plugins/platforms/libqxcb.so",
        f"{QT}/lib/libQt6Widgets.so.6",
        "libQt6Widgets.so.6",  # the symlink whose target stays
    }


def test_one_windowed_program_on_linux(linux: dict[str, Any]) -> None:
    (exe,) = linux["made"]["EXE"]
    assert exe.kwargs["name"] == "consulta" and exe.kwargs["console"] is False
    assert exe.kwargs["exclude_binaries"] is True  # one-folder
    assert "BUNDLE" not in linux["made"]


def test_windows_adds_a_console_twin_for_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_spec(monkeypatch, "win32")
    programs = {e.kwargs["name"]: e.kwargs for e in result["made"]["EXE"]}
    assert programs["consulta"]["console"] is False
    assert programs["consulta-cli"]["console"] is True
    assert programs["consulta"]["icon"].endswith("consulta.ico")
    (collect,) = result["made"]["COLLECT"]
    assert collect.kwargs["name"] == "consulta" and collect.kwargs["strip"] is False
    assert programs["consulta-cli"]["version"] == programs["consulta"]["version"]
    # PyInstaller's own reader parses the version resource and encodes it (pefile, which it
    # needs only to write into an .exe, is not installed off Windows).
    import types

    import PyInstaller.compat

    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    from PyInstaller.utils.win32 import versioninfo

    info = versioninfo.load_version_info_from_text_file(programs["consulta"]["version"])
    assert len(info.toRaw()) > 200
    text = str(info)
    assert f"StringStruct('ProductVersion', '{consulta.__version__}')" in text
    assert "StringStruct('OriginalFilename', 'consulta.exe')" in text


def test_macos_app_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_spec(monkeypatch, "darwin")
    (bundle,) = result["made"]["BUNDLE"]
    info = bundle.kwargs["info_plist"]
    assert bundle.kwargs["name"] == "Consulta.app"
    assert bundle.kwargs["bundle_identifier"] == info["CFBundleIdentifier"]
    assert info["CFBundleShortVersionString"] == consulta.__version__
    assert bundle.kwargs["icon"].endswith("consulta.icns")
    datas = bundled(result["analysis"])
    assert datas["build/icons/consulta-document.icns"] == "."  # CFBundleTypeIconFile
    (exe,) = result["made"]["EXE"]
    assert exe.kwargs["argv_emulation"] is False
