"""The legitimacy figures, recomputed in the background after edits (debounced).

Views connect to ``ready(report)``; the report is ``consulta.legitimacy.compute`` over a
snapshot read in a worker thread, so a national-scale file never blocks the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from consulta.services.unit import ChangeSet
from consulta.services.workspace import Workspace
from consulta.ui.tasks import Task, run_task

LEGITIMACY_TABLES = frozenset(
    {
        "consultation",
        "sector",
        "district",
        "participant",
        "session",
        "attendance",
        "guideline",
        "position",
    }
)


def compute_report(ws: Workspace) -> Any:
    try:
        from consulta.legitimacy import compute
    except ImportError:  # the figures module is optional in a partial build
        return None
    return compute(ws.consultation.snapshot())


class LegitimacyFeed(QObject):
    ready = Signal(object)

    def __init__(
        self,
        ws: Workspace,
        parent: QObject | None = None,
        delay_ms: int = 300,
        wanted: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.wanted = wanted  # whether a screen showing the figures is open
        self.stale = True
        self.report: Any = None
        self._task: Task | None = None
        self._again = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)

    def on_changes(self, changes: ChangeSet) -> None:
        if changes.tables() & LEGITIMACY_TABLES:
            self.stale = True
            self.schedule()

    def schedule(self) -> None:
        """Recompute soon, if stale and someone is looking (a national file takes seconds of
        background work, which should not compete with check-in at a round table)."""
        if not self._closed and self.stale and self.wanted():
            self._timer.start()

    def compute_now(self) -> Any:
        """Synchronously (tests, screenshots)."""
        self.report = compute_report(self.ws)
        self.ready.emit(self.report)
        return self.report

    def busy(self) -> bool:
        return self._task is not None

    def _start(self) -> None:
        if self._closed:
            return
        if self._task is not None:
            self._again = True
            return
        ws = self.ws
        self.stale = False
        self._task = run_task(
            None,
            lambda _progress: compute_report(ws),
            on_done=self._done,
            on_error=self._failed,
            quiet=True,
        )

    def _done(self, report: Any) -> None:
        self._task = None
        if self._closed:
            return
        self.report = report
        self.ready.emit(report)
        if self._again:
            self._again = False
            self._start()

    def _failed(self, error: BaseException) -> bool:
        self._task = None
        return self._closed  # a failure after the file closed is expected; otherwise show it

    def close(self) -> None:
        self._closed = True
        self._timer.stop()
