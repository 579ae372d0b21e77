"""Fixtures of the session-workspace tests: a fresh consultation file with default sectors,
a few participants, a session and two guidelines, and the widget shown at 1366×768."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from consulta.domain import model as m
from consulta.services.workspace import Workspace

PEOPLE = (
    ("Ana Pérez", 0),
    ("Ana Gómez", 3),
    ("Bruno Costa", 1),
    ("Carla Díaz", 2),
)


@dataclass
class Setup:
    ws: Workspace
    path: Path
    session_id: str
    sectors: list[m.Sector]
    people: dict[str, m.Participant]
    guidelines: list[m.Guideline]

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        """Read the file through a second, read-only connection (what is really on disk)."""
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def present_names(self) -> set[str]:
        return {p.name for p in self.ws.attendance.present(self.session_id)}


_TEMPLATE: dict[str, Path] = {}


def make_setup(path: Path) -> Setup:
    """A copy of a consultation file made once per test run (creating one costs a second)."""
    if "path" not in _TEMPLATE or not _TEMPLATE["path"].exists():
        template = path.parent / "template.consulta.tmp"
        template.unlink(missing_ok=True)
        build(template).close()
        _TEMPLATE["path"] = template
    shutil.copyfile(_TEMPLATE["path"], path)
    ws = Workspace.open(path)
    session = ws.sessions.list()[0]
    people = {p.name: p for p in ws.participants.list()}
    return Setup(ws, path, session.id, ws.sectors.list(), people, ws.guidelines.list())


def build(path: Path) -> Workspace:
    ws = Workspace.create(path, "Internationalisation strategy", territory="Test city")
    sectors = ws.sectors.list()
    for name, index in PEOPLE:
        ws.participants.create(m.Participant(name=name, sector_id=sectors[index].id))
    ws.sessions.create(
        m.Session(
            title="Round table: the port",
            date=date(2026, 5, 4),
            start=time(10, 0),
            end=time(12, 30),
            venue="Town hall",
            facilitator="Lucía Fernández",
        )
    )
    ws.guidelines.create(
        m.Guideline(code="G-01", title="Open a welcome office", text="For newcomers.")
    )
    ws.guidelines.create(m.Guideline(code="G-02", title="Join a city network"))
    return ws


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    s = make_setup(tmp_path / "session.consulta")
    yield s
    s.ws.close()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """Errors the workspace showed (instead of a modal dialog)."""
    shown: list[BaseException] = []
    from consulta.ui import errors as ui_errors

    monkeypatch.setattr(ui_errors, "show_error", lambda error, parent=None: shown.append(error))
    return shown


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation answers yes; the list records which were asked."""
    asked: list[str] = []
    from consulta.ui.dialogs import session_confirm

    for name in ("confirm_close", "confirm_reopen", "confirm_remove_item"):
        monkeypatch.setattr(
            session_confirm, name, lambda parent, title, name=name: asked.append(name) is None
        )
    return asked


@pytest.fixture
def widget(qtbot: Any, setup: Setup, errors: list[BaseException]) -> Any:
    from consulta.ui.views.session_workspace import SessionWorkspace

    w = SessionWorkspace(setup.ws, setup.session_id)
    qtbot.addWidget(w)
    w.resize(1366, 700)
    with qtbot.waitExposed(w):
        w.show()
    with qtbot.waitActive(w):
        w.activateWindow()
    return w
