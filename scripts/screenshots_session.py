"""Regenerate docs/screenshots/session-*.png: the session workspace in each state (check-in,
newcomer, agenda with notes, positions, closed), inside the real main window at 1366×768, on
the demo consultation. ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_session.py``
(``--lang es`` for Spanish, ``--out DIR`` for another folder)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")


def settle(app: Any) -> None:
    for _ in range(5):
        app.processEvents()
        time.sleep(0.02)


def wait(app: Any, condition: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        app.processEvents()
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the app")
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", default="en")
    parser.add_argument("--size", default="1366x768", help="window size, e.g. 960x600")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="consulta-session-shots-"))

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings")
    )

    from consulta.ui.app import make_application

    app = make_application()
    from consulta.demo import build_demo
    from consulta.ui.dialogs import session_confirm
    from consulta.ui.i18n import apply_language
    from consulta.ui.main_window import MainWindow
    from consulta.ui.settings import Settings
    from consulta.ui.workspace_page import SESSIONS

    apply_language(args.lang)
    demo = build_demo(scratch / "demo.consulta", language=args.lang)
    window = MainWindow(Settings())
    width, height = (int(x) for x in args.size.split("x"))
    window.resize(width, height)
    window.show()
    settle(app)
    task = window.files.open(demo)
    wait(app, lambda: window.ws is not None and task.done)
    window.show_view(SESSIONS)
    sessions = window.page.view(SESSIONS)
    ws = window.ws

    def open_session(title_part: str) -> Any:
        chosen = next(s for s in ws.sessions.list() if title_part in s.title)
        sessions.select(chosen.id)
        sessions.open_selected()
        settle(app)
        return sessions.workspace

    def shoot(name: str) -> None:
        settle(app)
        window.grab().save(str(out / name))
        print(out / name)

    def guideline(workspace: Any, code: str) -> None:
        panel = workspace.positions
        row = next(
            i for i in range(panel.model.rowCount()) if panel.model.guideline(i).code == code
        )
        panel.discussed.setCurrentIndex(panel.model.index(row))

    w = open_session("comunicación")
    w.show_part(0)
    QTest.keyClicks(w.checkin.search, "mar")
    shoot("session-checkin.png")
    w.checkin.search.clear()
    QTest.keyClicks(w.checkin.search, "Valentina Ruiz")
    QTest.keyClick(w.checkin.search, Qt.Key.Key_Return)
    QTest.keyClicks(w.checkin.newcomer.sector, "Di")
    shoot("session-newcomer.png")
    QTest.keyClick(w.checkin.newcomer.sector, Qt.Key.Key_Escape)
    sessions.close_session()

    w = open_session("Distrito Puerto")
    w.show_part(1)
    agenda = w.agenda
    longest = max(range(agenda.model.rowCount()), key=lambda i: len(agenda.model.item(i).notes))
    agenda.items.setCurrentIndex(agenda.model.index(longest))
    agenda.notes.setFocus()
    agenda.notes.moveCursor(agenda.notes.textCursor().MoveOperation.End)
    shoot("session-agenda.png")
    w.show_part(2)
    guideline(w, "G-08")
    rows = w.positions.grid.rows
    rows[0].focus_cell(2)
    shoot("session-positions.png")
    sessions.close_session()

    session_confirm.confirm_close = lambda parent, title: True  # type: ignore[assignment]
    w = open_session("cooperación")
    w.show_part(2)
    guideline(w, "G-04")
    shoot("session-closed.png")
    sessions.close_session()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
