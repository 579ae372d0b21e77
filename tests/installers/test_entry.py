"""installers/entry.py: the frozen program's entry, its bundle check, and --version."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import consulta
from tests.installers.conftest import INSTALLERS


@pytest.fixture(scope="module")
def module() -> object:
    from tests.installers.conftest import load_script

    return load_script("entry")


def run_entry(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run(
        [sys.executable, str(INSTALLERS / "entry.py"), *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_version() -> None:
    result = run_entry("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Consulta {consulta.__version__}"


def test_bundle_check_from_the_source_tree() -> None:
    result = run_entry(CONSULTA_BUNDLE_CHECK="1")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["frozen"] is False and report["migrations_env"] is True
    assert "0001_first_schema.py" in report["migrations"]
    assert "DejaVuSans.ttf" in report["fonts"] and "es" in report["translations"]
    assert all(report["qt_translations"].values())


def test_bundle_check_fails_on_anything_missing(module: object) -> None:
    good = {
        "fonts": ["DejaVuSans.ttf"],
        "icons": 3,
        "translations": ["es"],
        "migrations_env": True,
        "migrations": ["0001.py"],
        "qt_translations": {"es": True, "ca": True},
    }
    assert module.bundle_ok(good)  # type: ignore[attr-defined]
    for key, empty in (("fonts", []), ("migrations", []), ("migrations_env", False)):
        assert not module.bundle_ok({**good, key: empty})  # type: ignore[attr-defined]
    bad_qt = {**good, "qt_translations": {"es": True, "ca": False}}
    assert not module.bundle_ok(bad_qt)  # type: ignore[attr-defined]


def test_windowed_program_without_console_can_still_print(
    module: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    module._writable_streams()  # type: ignore[attr-defined]
    print("nowhere")  # a windowed Windows build has no console: must not raise
    assert sys.stdout is not None and sys.stderr is not None
    sys.stdout.close()
    sys.stderr.close()


def test_finder_process_serial_number_is_ignored() -> None:
    result = run_entry("-psn_0_12345", "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Consulta {consulta.__version__}"
