"""Python's cycle collector runs on the GUI thread only.

Python starts a collection on whichever thread happens to allocate when a threshold is
crossed, and in this app that is often a worker thread deep in an import or an export.
If the cycles it frees hold Qt objects that belong to the GUI thread (a task's dialog, its
timer, the signals object a worker emits through), they are destroyed from the wrong
thread and the GUI thread crashes later, at random. So the app turns automatic collection
off and collects from a timer on the GUI thread, generation by generation, by the same
thresholds Python uses; never while bulk work has the collector paused
(``consulta.gcpause``: an import walks no heap).
"""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import QObject, QTimer

from consulta import gcpause

INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """Install once, with the application as parent; automatic collection stays off
    while it lives."""

    def __init__(self, parent: Any, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gcpause.take_over()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)

    def collect(self) -> int:
        """Collect the generations whose counts passed their thresholds; returns how many
        objects were found unreachable."""
        if gcpause.active():
            return 0
        first, second, third = gc.get_count()
        found = 0
        if first > self.thresholds[0]:
            generation = 0
            if second > self.thresholds[1]:
                generation = 2 if third > self.thresholds[2] else 1
            found = gc.collect(generation)
        return found


_installed: GuiThreadCollector | None = None


def install(app: Any) -> GuiThreadCollector:
    """The collector of ``app`` (made on the first call)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
    return _installed
