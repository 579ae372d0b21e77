"""Starting the desktop app: QApplication, translations, crash handler, settings, main window.

``run_app(argv)`` takes the arguments after the program name:
``[]`` start page; ``[FILE]`` open it; ``--readonly`` open files read-only;
``--smoke [FILE]`` start, open FILE, wait for the main window to paint, print one JSON line
``{"first_paint_s": …, "rss_mib": …}`` (seconds since the process started) and exit 0.

The window is shown before the consultation file is opened, so the database libraries load
after the first paint, in the background runner.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

_INTERPRETER_START = time.monotonic()


def process_start_age() -> float:
    """Seconds since this process started (from /proc on Linux; else since this module loaded)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat(5): starttime, in clock ticks since boot
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _INTERPRETER_START


def cpu_s() -> float:
    """CPU seconds this process has used (user + system): start-up cost that does not depend
    on how busy the machine is."""
    times = os.times()
    return times.user + times.system


def rss_mib() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    except (ImportError, OSError):
        return 0.0


def parse_args(argv: Sequence[str]) -> tuple[bool, bool, str | None]:
    smoke = "--smoke" in argv
    readonly = "--readonly" in argv
    files = [a for a in argv if not a.startswith("--")]
    return smoke, readonly, files[0] if files else None


def make_application(argv: Sequence[str] = ()) -> Any:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("Consulta")
    QCoreApplication.setApplicationName("Consulta")
    app = QApplication.instance() or QApplication(["consulta", *argv])
    from consulta.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    from consulta.ui.collector import install

    install(app)
    app.setApplicationDisplayName("Consulta")
    # Lets Wayland desktops match the window with the menu entry (installers/linux).
    app.setDesktopFileName("consulta")
    return app


class _FileOpenFilter:
    """macOS delivers a document double-clicked in the Finder as a FileOpen event, not as
    an argument: open it like one."""

    def __init__(self, app: Any, window: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.FileOpen and event.file():
                    window.files.open(event.file())
                    return True
                return False

        self.filter = Filter()
        app.installEventFilter(self.filter)


class _PaintWatcher:
    """Records when a widget has painted (the first time after ``arm``)."""

    def __init__(self, widget: Any, on_paint: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Paint:
                    on_paint()
                return False

        self.filter = Filter()
        widget.installEventFilter(self.filter)


def run_app(argv: Sequence[str]) -> int:
    smoke, readonly, path = parse_args(list(argv))
    app = make_application()
    from consulta.ui.errors import install_excepthook
    from consulta.ui.i18n import apply_language
    from consulta.ui.main_window import MainWindow
    from consulta.ui.settings import Settings

    settings = Settings()
    apply_language(settings.language)
    if not smoke:
        install_excepthook()
    window = MainWindow(settings, readonly=readonly)
    file_open = _FileOpenFilter(app, window)  # noqa: F841  (kept alive while the app runs)
    if smoke:
        return _smoke(app, window, path)
    if path:
        window.show_opening(path)
    window.show_first()
    if path:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: window.files.open(path))
    return int(app.exec())


def _smoke(app: Any, window: Any, path: str | None) -> int:
    """Show, record the first paint, open the file, wait until it is painted, print, quit."""
    from PySide6.QtCore import QTimer

    result: dict[str, Any] = {}
    status = {"code": 0}

    def finish() -> None:
        result["rss_mib"] = round(rss_mib(), 1)
        print(json.dumps(result), flush=True)
        app.quit()

    def painted() -> None:
        if "first_paint_s" not in result:
            result["first_paint_s"] = round(process_start_age(), 3)
            result["first_paint_cpu_s"] = round(cpu_s(), 3)
            if path:
                QTimer.singleShot(0, open_file)
            else:
                QTimer.singleShot(0, finish)
        elif path and "opened" in status and "file_painted_s" not in result:
            result["file_painted_s"] = round(process_start_age(), 3)
            QTimer.singleShot(0, finish)

    def open_file() -> None:
        task = window.files.open(path)
        task.finished.connect(lambda _ws: (status.__setitem__("opened", True), window.update()))
        task.failed.connect(failed)

    def failed(error: BaseException) -> None:
        result["error"] = str(error)
        status["code"] = 1
        finish()

    watcher = _PaintWatcher(window, painted)
    from consulta.ui import errors

    errors.ErrorDialog.exec = lambda self: 0  # type: ignore[method-assign]  # never block in smoke mode
    window.resize(1366, 768)
    if path:
        window.show_opening(path)
    window.show()
    QTimer.singleShot(
        60_000,
        lambda: (result.setdefault("error", "timeout"), status.__setitem__("code", 1), finish()),
    )
    app.exec()
    del watcher
    return status["code"]
