"""Fixtures of the desktop-app tests: QSettings in a temporary folder, a fresh consultation
file per test, the real MainWindow, and the blocking static dialogs replaced by recorders."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox

from consulta.i18n import set_language
from consulta.services.workspace import Workspace


@pytest.fixture(autouse=True, scope="session")
def _collector_on_the_gui_thread(qapp: Any) -> None:
    """As in the app: Python's cycle collector runs on the GUI thread only."""
    from consulta.ui.collector import install

    install(qapp)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> Iterator[None]:
    """Every test gets its own settings file; the user's real settings are never touched."""
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    yield
    set_language("en")


@pytest.fixture
def settings(qapp: Any) -> Any:
    from consulta.ui.settings import Settings

    return Settings()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every error dialog the app would show, instead of showing it."""
    from consulta.ui.errors import ErrorDialog

    shown: list[Any] = []

    def record(dialog: ErrorDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(ErrorDialog, "exec", record)
    return shown


@pytest.fixture
def answers_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture
def consultation_file(tmp_path: Path) -> Path:
    """A fresh consultation file (seven default sectors), closed."""
    path = tmp_path / "fresh.consulta"
    Workspace.create(path, "Internationalisation strategy", territory="Test city").close()
    return path


def read_file(path: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """What is really on disk, through a second, read-only connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def window(qtbot: Any, settings: Any, errors: list[Any]) -> Iterator[Any]:
    """The real main window, shown, on the start page."""
    from consulta.ui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close_workspace()
    QThreadPool.globalInstance().waitForDone(10_000)


def open_in(qtbot: Any, win: Any, path: Path) -> Any:
    """Open ``path`` through the File menu's code path and wait until it is shown."""
    task = win.files.open(path)
    qtbot.waitUntil(lambda: task.done and win.ws is not None, timeout=20_000)
    return win.ws


@pytest.fixture
def opened(qtbot: Any, window: Any, consultation_file: Path) -> Any:
    """The main window with the fresh consultation open."""
    open_in(qtbot, window, consultation_file)
    return window
