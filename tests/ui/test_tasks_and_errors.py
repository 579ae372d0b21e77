"""The background runner (progress, cancel, results on the GUI thread), the error dialog, and
smoke mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from consulta.domain.errors import CancelledError, FileFormatError
from consulta.domain.progress import Progress, step
from consulta.ui.errors import dialog_for, show_error
from consulta.ui.tasks import run_task

ROOT = Path(__file__).resolve().parents[2]


def test_results_and_progress_arrive_on_the_gui_thread(qtbot: Any) -> None:
    seen: dict[str, Any] = {}

    def work(progress: Progress) -> int:
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        for i in range(5):
            step(progress, i + 1, 5, f"step {i}")
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()

    task = run_task(None, work, title="Test", on_done=done)
    with qtbot.waitSignal(task.finished, timeout=10_000) as blocker:
        pass
    assert blocker.args == [42]
    assert seen == {"worker": True, "result": 42, "gui": True}
    assert task.done


def test_the_signals_object_dies_with_its_task_on_the_gui_thread(qtbot: Any) -> None:
    """The pool deletes a runnable on its worker thread. Even when the worker lets go of
    the runnable after the task has finished and been dropped on the GUI thread, the
    QObject the worker emitted through is destroyed on the GUI thread, with the task."""
    import gc

    from PySide6.QtCore import Qt

    from consulta.ui.tasks import Task, _Runnable

    task = Task(lambda progress: 42)
    destroyed_on: list[str] = []
    task._signals.destroyed.connect(
        lambda: destroyed_on.append(threading.current_thread().name),
        Qt.ConnectionType.DirectConnection,
    )
    release = threading.Event()
    handed = [_Runnable(task._work, task.progress, task._signals)]

    def worker() -> None:
        runnable = handed.pop()  # from here on only this thread holds it
        runnable.run()  # emits finished, as the pool's thread would
        release.wait(10)
        del runnable  # the last thing the pool's thread does with it

    thread = threading.Thread(target=worker, name="pool-worker")
    with qtbot.waitSignal(task.finished) as blocker:
        thread.start()
    assert blocker.args == [42]
    del task, blocker
    gc.collect()
    release.set()
    thread.join(10)
    qtbot.waitUntil(lambda: destroyed_on != [], timeout=5000)
    assert destroyed_on == [threading.main_thread().name]


def test_cancel_stops_the_work_and_shows_no_error(qtbot: Any, errors: list[Any]) -> None:
    started = threading.Event()
    release = threading.Event()

    def work(progress: Progress) -> None:
        started.set()
        release.wait(10)
        for i in range(1000):
            step(progress, i, 1000)

    task = run_task(None, work, title="Cancellable")
    qtbot.waitUntil(started.is_set)
    task.dialog.canceled.emit()  # the person presses Cancel
    release.set()
    with qtbot.waitSignal(task.failed, timeout=10_000) as blocker:
        pass
    assert isinstance(blocker.args[0], CancelledError)
    assert errors == []


def test_a_failure_goes_to_the_error_dialog(qtbot: Any, errors: list[Any], tmp_path: Path) -> None:
    def work(_progress: Progress) -> None:
        raise FileFormatError(
            tmp_path / "x.consulta", "“x.consulta” is damaged. Open a backup copy."
        )

    task = run_task(None, work)
    with qtbot.waitSignal(task.failed, timeout=10_000):
        pass
    assert [d.message for d in errors] == ["“x.consulta” is damaged. Open a backup copy."]
    assert not errors[0].crash


def test_an_unexpected_error_gets_the_crash_dialog_with_details(
    qtbot: Any, errors: list[Any]
) -> None:
    try:
        {}["missing"]
    except KeyError as error:
        show_error(error)
    [dialog] = errors
    assert dialog.crash
    assert "Your data is safe" in dialog.message
    assert "Traceback" in dialog.details and "KeyError" in dialog.details
    assert "PySide6" in dialog.details and "Python" in dialog.details
    dialog.copy_details()
    assert "KeyError" in QApplication.clipboard().text()


def test_a_user_error_dialog_has_no_details(qtbot: Any) -> None:
    dialog = dialog_for(CancelledError())
    qtbot.addWidget(dialog)
    assert not dialog.crash and dialog.details == ""


def test_smoke_mode_prints_one_json_line_and_exits_0(
    consultation_file: Path, tmp_path: Path
) -> None:
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path)
    )
    result = subprocess.run(
        [sys.executable, "-m", "consulta", "--smoke", str(consultation_file)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert 0 < figures["first_paint_s"] < 30
    assert figures["first_paint_s"] <= figures["file_painted_s"]
    assert figures["rss_mib"] > 10
    assert "error" not in figures


def test_smoke_mode_reports_a_file_it_cannot_open(tmp_path: Path) -> None:
    bad = tmp_path / "bad.consulta"
    bad.write_text("not a consultation", encoding="utf-8")
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), HOME=str(tmp_path)
    )
    result = subprocess.run(
        [sys.executable, "-m", "consulta", "--smoke", str(bad)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    figures = json.loads(result.stdout.strip())
    assert "bad.consulta" in figures["error"]
