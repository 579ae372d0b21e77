"""Linux: the .desktop entry, the shared-mime-info type (checked against a real file), and
install.sh / uninstall.sh run on the tarball that build.py makes (with a stand-in program)."""

from __future__ import annotations

import configparser
import os
import shutil
import sqlite3
import subprocess
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from consulta.store.fileformat import APPLICATION_ID
from tests.installers.conftest import INSTALLERS, load_script

LINUX = INSTALLERS / "linux"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.RawConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    assert tool, "desktop-file-validate is missing: apt-get install -y desktop-file-utils"
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_file_validates_and_opens_consulta_files() -> None:
    validate(LINUX / "consulta.desktop")
    entry = desktop_entry(LINUX / "consulta.desktop")
    assert entry["Type"] == "Application" and entry["Icon"] == "consulta"
    assert entry["Exec"] == "consulta %f"
    assert "application/x-consulta" in entry["MimeType"].split(";")
    assert "Office" in entry["Categories"].split(";")
    for lang in ("es", "pt", "fr", "ca"):
        assert entry[f"Comment[{lang}]"] and entry[f"GenericName[{lang}]"]


def mime_type() -> ET.Element:
    root = ET.parse(LINUX / "consulta-mime.xml").getroot()
    found = root.find("m:mime-type[@type='application/x-consulta']", MIME_NS)
    assert found is not None
    return found


def test_mime_type_is_sqlite_with_glob() -> None:
    kind = mime_type()
    parent = kind.find("m:sub-class-of", MIME_NS)
    assert parent is not None and parent.get("type") == "application/vnd.sqlite3"
    globs = [g.get("pattern") for g in kind.findall("m:glob", MIME_NS)]
    assert globs == ["*.consulta"]
    icon = kind.find("m:icon", MIME_NS)
    assert icon is not None and icon.get("name") == "application-x-consulta"


def magic_matches(rule: ET.Element, data: bytes) -> bool:
    """Evaluate one shared-mime-info <match> (string/big32 types) and its nested matches."""
    offset = int(rule.get("offset", "0"))
    value = rule.get("value", "")
    if rule.get("type") == "string":
        expected = value.encode().decode("unicode_escape").encode("latin-1")
        hit = data[offset : offset + len(expected)] == expected
    elif rule.get("type") == "big32":
        hit = data[offset : offset + 4] == int(value, 0).to_bytes(4, "big")
    else:
        raise AssertionError(f"unexpected magic type {rule.get('type')}")
    children = rule.findall("m:match", MIME_NS)
    return hit and (not children or any(magic_matches(c, data) for c in children))


def test_magic_recognises_a_consulta_file_and_not_other_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "renamed.db"  # a real consultation file, under another name
    shutil.copyfile(INSTALLERS.parent / "tests" / "fixtures" / "v2.consulta", path)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    magic = mime_type().find("m:magic", MIME_NS)
    assert magic is not None
    rules = magic.findall("m:match", MIME_NS)
    assert int(magic.get("priority", "50")) > 50  # above plain SQLite's
    assert any(magic_matches(r, path.read_bytes()[:100]) for r in rules)
    assert not any(magic_matches(r, other.read_bytes()[:100]) for r in rules)
    assert path.read_bytes()[68:72] == APPLICATION_ID.to_bytes(4, "big")


def fake_bundle(folder: Path) -> Path:
    """A stand-in for dist/consulta: a program that answers --version, and a data file."""
    bundle = folder / "consulta"
    (bundle / "_internal").mkdir(parents=True)
    program = bundle / "consulta"
    program.write_text('#!/bin/sh\necho "Consulta 9.9.9"\n', encoding="utf-8")
    program.chmod(0o755)
    (bundle / "_internal" / "data.txt").write_text("x", encoding="utf-8")
    return bundle


@pytest.fixture
def unpacked(tmp_path: Path, icons: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Linux tarball build.py makes, unpacked."""
    build = load_script("build")
    monkeypatch.setattr(build, "DIST", tmp_path / "dist")
    monkeypatch.setattr(build, "ICONS", icons)
    (tmp_path / "dist").mkdir()
    tarball = build.linux_tarball(fake_bundle(tmp_path / "work"), "9.9.9")
    assert tarball.name.startswith("consulta-9.9.9-linux-") and tarball.name.endswith(".tar.gz")
    with tarfile.open(tarball) as tar:
        assert all(m.uid == 0 and not m.name.startswith("/") for m in tar.getmembers())
        tar.extractall(tmp_path / "unpacked", filter="data")
    unpacked = tmp_path / "unpacked" / "consulta-9.9.9"
    assert os.access(unpacked / "install.sh", os.X_OK)  # the README says ./install.sh
    return unpacked


def run_script(script: Path, home: Path) -> str:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    result = subprocess.run(
        ["sh", str(script)], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_install_for_the_user_then_uninstall(unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home with space"
    home.mkdir()
    output = run_script(unpacked / "install.sh", home)
    assert "Consulta 9.9.9 is installed" in output
    opt = home / ".local" / "opt" / "consulta"
    share = home / ".local" / "share"
    assert (opt / "_internal" / "data.txt").is_file() and os.access(opt / "consulta", os.X_OK)
    assert os.readlink(home / ".local" / "bin" / "consulta") == str(opt / "consulta")
    desktop = share / "applications" / "consulta.desktop"
    validate(desktop)
    assert desktop_entry(desktop)["Exec"] == f'"{opt / "consulta"}" %f'
    assert (share / "mime" / "packages" / "consulta-mime.xml").is_file()
    for size in ("16x16", "48x48", "256x256", "512x512"):
        assert (share / "icons" / "hicolor" / size / "apps" / "consulta.png").is_file()
        document = share / "icons" / "hicolor" / size / "mimetypes" / "application-x-consulta.png"
        assert document.is_file()
    assert (opt / "uninstall.sh").is_file()

    # installing again replaces the program in place
    assert "installed" in run_script(unpacked / "install.sh", home)

    documents = home / "Documents"
    documents.mkdir()
    (documents / "mine.consulta").write_bytes(b"keep me")
    output = run_script(opt / "uninstall.sh", home)
    assert "removed" in output
    assert not opt.exists() and not (opt.parent / "consulta.new").exists()
    assert not (home / ".local" / "bin" / "consulta").exists()
    assert not desktop.exists()
    assert not (share / "mime" / "packages" / "consulta-mime.xml").exists()
    assert not list((share / "icons").rglob("consulta.png"))
    assert not list((share / "icons").rglob("application-x-consulta.*"))
    assert (documents / "mine.consulta").read_bytes() == b"keep me"


def test_install_refuses_to_replace_a_foreign_command(unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    (home / ".local" / "bin" / "consulta").write_text("someone else's", encoding="utf-8")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        ["sh", str(unpacked / "install.sh")], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "is not a link to Consulta" in result.stderr
    assert (home / ".local" / "bin" / "consulta").read_text(encoding="utf-8") == "someone else's"
    assert not (home / ".local" / "opt").exists()  # refused before copying anything


def test_shell_scripts_pass_shellcheck() -> None:
    tool = shutil.which("shellcheck")
    assert tool, "shellcheck is missing: apt-get install -y shellcheck"
    root = INSTALLERS.parent
    scripts = sorted(INSTALLERS.rglob("*.sh"))
    frozen_ci = root / ".ci" / "build-frozen.sh"
    scripts += [frozen_ci] if frozen_ci.exists() else []
    assert len(scripts) >= 3
    result = subprocess.run([tool, *map(str, scripts)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
