"""Regenerate docs/screenshots/*.png: every screen of the app on the demo consultation, at
1366×768. Run under Xvfb (``xvfb-run -a .venv/bin/python scripts/screenshots.py``) or with
QT_QPA_PLATFORM=offscreen. ``--lang es`` for Spanish; ``--out DIR`` for another folder."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")

SIZE = (1366, 768)


def wait(app, condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        app.processEvents()
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the app")
        time.sleep(0.01)


def settle(app) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        app.processEvents()
        time.sleep(0.02)


def dark_palette(app) -> None:  # type: ignore[no-untyped-def]
    """What a dark OS colour scheme gives the app (to check the look without one)."""
    from PySide6.QtGui import QColor, QPalette

    app.setStyle("Fusion")
    palette = QPalette()
    role = QPalette.ColorRole
    for name, colour in (
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1f1f1f"),
        (role.AlternateBase, "#2a2a2a"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#353535"),
        (role.ButtonText, "#e6e6e6"),
        (role.Highlight, "#3d7cc9"),
        (role.HighlightedText, "#ffffff"),
        (role.PlaceholderText, "#8a8a8a"),
        (role.ToolTipBase, "#353535"),
        (role.ToolTipText, "#e6e6e6"),
    ):
        palette.setColor(name, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor("#7a7a7a"))
    app.setPalette(palette)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", default="en")
    parser.add_argument("--demo", help="an existing demo file (default: build a fresh one)")
    parser.add_argument(
        "--dark", action="store_true", help="a dark palette, as a dark OS scheme gives"
    )
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="consulta-shots-"))

    from PySide6.QtCore import QSettings

    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings")
    )

    from consulta.ui.app import make_application

    app = make_application()
    if args.dark:
        dark_palette(app)
    from consulta.demo import build_demo
    from consulta.domain.errors import FileFormatError
    from consulta.ui.errors import dialog_for
    from consulta.ui.i18n import apply_language
    from consulta.ui.main_window import MainWindow
    from consulta.ui.settings import Settings
    from consulta.ui.workspace_page import GUIDELINES, OVERVIEW, PARTICIPANTS, SECTORS, SESSIONS

    apply_language(args.lang)
    demo = (
        Path(args.demo) if args.demo else build_demo(scratch / "demo.consulta", language=args.lang)
    )
    settings = Settings()
    settings.add_recent(demo)
    settings.add_recent(Path.home() / "Consultations" / "District North.consulta")
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()
    settle(app)

    def shoot(name: str, widget=None) -> None:  # type: ignore[no-untyped-def]
        settle(app)
        (widget or window).grab().save(str(out / name))
        print(out / name)

    shoot("start.png")
    task = window.files.open(demo)
    wait(app, lambda: window.ws is not None and task.done)
    page = window.page
    wait(app, lambda: page.feed.report is not None)
    settle(app)
    for index, name in (
        (OVERVIEW, "overview.png"),
        (SECTORS, "sectors.png"),
        (PARTICIPANTS, "participants.png"),
    ):
        window.show_view(index)
        shoot(name)
    window.show_view(SESSIONS)
    sessions = page.view(SESSIONS)
    shoot("sessions.png")
    held = [r.session for r in sessions.model.records() if r.session.status.value == "held"]
    chosen = held[0] if held else sessions.model.records()[0].session
    sessions.select(chosen.id)
    sessions.open_selected()
    settle(app)
    shoot("session.png")
    sessions.close_session()
    window.show_view(GUIDELINES)
    guidelines = page.view(GUIDELINES)
    shoot("guidelines.png")
    guidelines.table.selectRow(0)
    shoot("guideline-detail.png")

    # A file that is not a consultation: the dialog shows the file core's own message.
    bogus = scratch / "budget.consulta"
    bogus.write_bytes(b"PK\x03\x04 not a database" * 100)
    error: BaseException = RuntimeError("the file core accepted a foreign file")
    try:
        window.files.window.close_workspace()
        from consulta.services.workspace import Workspace

        Workspace.open(bogus).close()
    except FileFormatError as raised:
        error = raised
    dialog = dialog_for(error, window)
    dialog.show()
    settle(app)
    shoot("error-dialog.png", dialog)
    dialog.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
