"""THE one background runner: long core work off the GUI thread, with progress and cancel.

    task = run_task(parent, lambda progress: import_json(src, dst, progress),
                    title=_("Import"), on_done=opened)

The callable gets a ``Progress`` whose updates reach a ``QProgressDialog`` (shown only if the
work lasts more than a moment); Cancel calls ``progress.cancel()`` and the core raises
``CancelledError`` at its next check. ``finished``/``failed`` arrive on the GUI thread; a
failure goes to errors.show_error unless ``on_error`` handles it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from consulta.domain.errors import CancelledError
from consulta.domain.progress import Progress
from consulta.i18n import _

SHOW_AFTER_MS = 400
_running: set[Task] = set()


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class QtProgress(Progress):
    """Forwards the core's progress reports to the GUI thread as a signal."""

    def __init__(self, signals: _Signals) -> None:
        super().__init__()
        self._signals = signals

    def update(self, done: int, total: int, message: str = "") -> None:
        self._signals.progress.emit(done, total, message)


class _Runnable(QRunnable):
    def __init__(
        self, work: Callable[[Progress], Any], progress: QtProgress, signals: _Signals
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._progress = progress
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as error:  # delivered to the GUI thread, shown there
            self._signals.failed.emit(error)
        else:
            self._signals.finished.emit(result)


class Task(QObject):
    """One piece of background work; emits ``finished(result)`` or ``failed(error)``."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        work: Callable[[Progress], Any],
        parent: QWidget | None = None,
        title: str = "",
        label: str = "",
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool] | None = None,
        modal: bool = True,
        quiet: bool = False,
    ) -> None:
        super().__init__()
        # The worker's runnable holds the signals it emits through, and the thread pool
        # deletes the runnable on the worker thread. Owned by the task (a Qt parent), the
        # signals object is only ever deleted with the task, on the GUI thread; owned by
        # Python, it died on the worker thread whenever the runnable let go of it last,
        # and the GUI thread crashed later.
        self._signals = _Signals(self)
        self.progress = QtProgress(self._signals)
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self._parent = parent
        self.done = False
        self.quiet = quiet
        self.dialog = QProgressDialog(label or _("Working…"), _("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title or _("Consulta"))
        self.dialog.setWindowModality(
            Qt.WindowModality.WindowModal if modal and parent else Qt.WindowModality.NonModal
        )
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.setMinimumDuration(0)
        self.dialog.setMinimumWidth(380)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.hide()
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)
        self._signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._signals.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._fail, Qt.ConnectionType.QueuedConnection)

    def start(self, pool: QThreadPool | None = None) -> Task:
        _running.add(self)
        self._show_timer.start(SHOW_AFTER_MS)
        (pool or QThreadPool.globalInstance()).start(
            _Runnable(self._work, self.progress, self._signals)
        )
        return self

    def cancel(self) -> None:
        self.progress.cancel()
        self.dialog.setLabelText(_("Cancelling…"))

    def _show_dialog(self) -> None:
        if not self.done and not self.quiet:
            self.dialog.show()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.done:
            return
        self.dialog.setMaximum(max(total, 0))
        if total:
            self.dialog.setValue(min(done, total))
        if message and not self.progress.cancelled:
            self.dialog.setLabelText(message)

    def _close(self) -> None:
        self.done = True
        self._show_timer.stop()
        self.dialog.hide()
        self.dialog.deleteLater()
        _running.discard(self)

    def _finish(self, result: object) -> None:
        self._close()
        if self._on_done is not None:
            self._on_done(result)
        self.finished.emit(result)

    def _fail(self, error: BaseException) -> None:
        self._close()
        handled = self._on_error(error) if self._on_error is not None else False
        if not handled and not isinstance(error, CancelledError):
            from consulta.ui.errors import show_error

            show_error(error, self._parent)
        self.failed.emit(error)


def run_task(
    parent: QWidget | None,
    work: Callable[[Progress], Any],
    *,
    title: str = "",
    label: str = "",
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], bool] | None = None,
    quiet: bool = False,
) -> Task:
    """Start ``work(progress)`` in the background; see the module docstring. ``quiet``: no
    progress dialog (background refreshes the user did not ask for)."""
    return Task(work, parent, title, label, on_done, on_error, quiet=quiet).start()


def running() -> int:
    return len(_running)
