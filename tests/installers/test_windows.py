"""Windows: the Inno Setup script, read with a small parser of its sections and parameters
(ISCC cannot run here). Checks per-user install, associations, languages and messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.installers.conftest import INSTALLERS, ROOT

ISS = INSTALLERS / "windows" / "consulta.iss"
# Language files shipped with Inno Setup 6 (compiler:Languages\...).
INNO_LANGUAGE_FILES = {
    "Default.isl", "Spanish.isl", "BrazilianPortuguese.isl", "Portuguese.isl", "French.isl",
    "Catalan.isl", "German.isl", "Italian.isl", "Dutch.isl",
}  # fmt: skip
# Messages every Inno Setup language file defines ({cm:...} without a [CustomMessages] entry).
INNO_CUSTOM_MESSAGES = {"CreateDesktopIcon", "AdditionalIcons", "UninstallProgram", "LaunchProgram"}


def split_params(line: str) -> dict[str, str]:
    """'Name: "a; b"; Flags: x y' -> {'Name': 'a; b', 'Flags': 'x y'} (Inno's "" escapes ")."""
    params: dict[str, str] = {}
    position = 0
    while position < len(line):
        match = re.match(r"\s*(\w+):\s*", line[position:])
        assert match, f"bad parameter at {line[position:]!r}"
        name = match.group(1)
        position += match.end()
        if line[position : position + 1] == '"':
            value, position = "", position + 1
            while True:
                end = line.index('"', position)
                value += line[position:end]
                if line[end + 1 : end + 2] == '"':
                    value, position = value + '"', end + 2
                    continue
                position = end + 1
                break
        else:
            end = line.find(";", position)
            end = len(line) if end < 0 else end
            value, position = line[position:end].strip(), end
        rest = re.match(r"\s*;?\s*", line[position:])
        position += rest.end() if rest else 0
        params[name] = value
    return params


class Script:
    def __init__(self, text: str) -> None:
        self.defines: dict[str, str] = {}
        self.sections: dict[str, list[str]] = {}
        current = None
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith(";"):
                continue
            if line.startswith("#"):
                define = re.match(r'#define\s+(\w+)\s+"(.*)"$', line)
                if define:
                    self.defines.setdefault(define.group(1), define.group(2))
                continue
            section = re.fullmatch(r"\[(\w+)\]", line)
            if section:
                current = section.group(1)
                assert current not in self.sections, f"[{current}] twice"
                self.sections[current] = []
                continue
            assert current, f"text before any section: {line}"
            self.sections[current].append(self.expand(line))

    def expand(self, text: str) -> str:
        def value(match: re.Match[str]) -> str:
            assert match.group(1) in self.defines, f"undefined {{#{match.group(1)}}}"
            return self.defines[match.group(1)]

        return re.sub(r"\{#(\w+)\}", value, text)

    def keys(self, section: str) -> dict[str, str]:
        pairs = [line.split("=", 1) for line in self.sections[section]]
        return {key.strip(): value.strip() for key, value in pairs}

    def entries(self, section: str) -> list[dict[str, str]]:
        return [split_params(line) for line in self.sections[section]]


@pytest.fixture(scope="module")
def script() -> Script:
    data = ISS.read_bytes()
    data.decode("ascii")  # without a BOM, ISCC reads the script in the ANSI code page
    return Script(data.decode("ascii"))


def test_installs_per_user_with_all_users_offered(script: Script) -> None:
    setup = script.keys("Setup")
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog"
    assert setup["DefaultDirName"].startswith("{autopf}\\")  # LocalAppData\Programs per user
    assert setup["ChangesAssociations"] == "yes"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["UninstallDisplayIcon"] == "{app}\\consulta.exe"
    assert setup["SetupIconFile"].endswith("\\consulta.ico")
    assert "x64compatible" in setup["ArchitecturesInstallIn64BitMode"]


def test_default_paths_are_where_build_py_writes(script: Script) -> None:
    here = ISS.parent
    source = (here / script.defines["SourceDir"].replace("\\", "/")).resolve()
    icons = (here / script.defines["IconsDir"].replace("\\", "/")).resolve()
    assert source == ROOT / "dist" / "consulta"
    assert icons == ROOT / "build" / "icons"


def test_speaks_the_users_languages(script: Script) -> None:
    languages = {e["Name"]: e["MessagesFile"] for e in script.entries("Languages")}
    assert languages["english"] == "compiler:Default.isl"
    assert {"english", "spanish", "french", "catalan"} <= set(languages)
    assert {"portuguese", "brazilianportuguese"} & set(languages)
    for messages in languages.values():
        assert messages.startswith("compiler:")
        assert Path(messages.split(":", 1)[1].replace("\\", "/")).name in INNO_LANGUAGE_FILES

    custom: dict[str, set[str]] = {}
    for key in script.keys("CustomMessages"):
        language, name = key.split(".", 1)
        assert language in languages
        custom.setdefault(name, set()).add(language)
    for name, where in custom.items():
        assert where == set(languages), f"{name} is not translated into {set(languages) - where}"
    used = set(re.findall(r"\{cm:(\w+)", ISS.read_text(encoding="ascii")))
    assert used - INNO_CUSTOM_MESSAGES <= set(custom), used - set(custom)


def test_registers_consulta_files_with_icon_and_open_command(script: Script) -> None:
    registry = script.entries("Registry")
    assert all(e["Root"] == "HKA" for e in registry)  # HKCU per user, HKLM for all users
    values = {(e["Subkey"], e["ValueName"]): e for e in registry}
    prog_id = values[("Software\\Classes\\.consulta", "")]["ValueData"]
    assert "uninsdeletevalue" in values[("Software\\Classes\\.consulta", "")]["Flags"]
    assert ("Software\\Classes\\.consulta\\OpenWithProgids", prog_id) in values
    assert "uninsdeletekey" in values[(f"Software\\Classes\\{prog_id}", "")]["Flags"]
    icon = values[(f"Software\\Classes\\{prog_id}\\DefaultIcon", "")]["ValueData"]
    assert icon == "{app}\\consulta-document.ico,0"
    verb = values[(f"Software\\Classes\\{prog_id}\\shell\\open", "")]["ValueData"]
    assert verb == "{cm:OpenWithConsulta}"
    command = values[(f"Software\\Classes\\{prog_id}\\shell\\open\\command", "")]["ValueData"]
    assert command == '"{app}\\consulta.exe" "%1"'
    english = script.keys("CustomMessages")
    assert english["english.OpenWithConsulta"] == "Open with Consulta"
    assert english["spanish.OpenWithConsulta"] == "Abrir con Consulta"


def test_installs_the_bundle_and_start_menu_entries(script: Script) -> None:
    files = script.entries("Files")
    bundle = next(f for f in files if f["Source"].endswith("\\*"))
    assert {"recursesubdirs", "createallsubdirs", "ignoreversion"} <= set(bundle["Flags"].split())
    installed = {Path(f["Source"].replace("\\", "/")).name for f in files}
    assert "consulta-document.ico" in installed  # the DefaultIcon above
    icons = script.entries("Icons")
    start = [i for i in icons if i["Name"].startswith("{group}\\")]
    assert any(i["Filename"] == "{app}\\consulta.exe" for i in start)
    assert any(i["Filename"] == "{uninstallexe}" for i in start)
    desktop = next(i for i in icons if i["Name"].startswith("{autodesktop}"))
    tasks = {t["Name"]: t for t in script.entries("Tasks")}
    assert "unchecked" in tasks[desktop["Tasks"]]["Flags"]


def test_uninstall_removes_what_python_may_write_next_to_the_migrations(script: Script) -> None:
    deleted = {e["Name"] for e in script.entries("UninstallDelete")}
    # the spec bundles the migrations at _internal/consulta/store/migrations
    assert "{app}\\_internal\\consulta\\store\\migrations\\__pycache__" in deleted
    assert "{app}\\_internal\\consulta\\store\\migrations\\versions\\__pycache__" in deleted
    run = script.entries("Run")[0]
    assert run["Filename"] == "{app}\\consulta.exe" and "skipifsilent" in run["Flags"]


def test_parameter_parser_handles_inno_quoting() -> None:
    assert split_params('Name: "a; b"; ValueData: """x"" ""%1"""; Flags: p q') == {
        "Name": "a; b",
        "ValueData": '"x" "%1"',
        "Flags": "p q",
    }
