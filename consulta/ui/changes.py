"""The UI's way of hearing about edits: a Qt signal on the GUI thread.

The workspace tells its listeners about every committed edit on the thread that made it;
a background task (an import, a merge) makes edits on a worker thread. Widgets must only
be touched on the GUI thread, so views never subscribe to the workspace themselves: each
owns a ``ChangeRelay`` whose ``changed`` signal Qt queues onto the GUI thread when the
edit came from elsewhere (and delivers at once when it did not).
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QObject, Signal

from consulta.services.unit import ChangeSet
from consulta.services.workspace import Workspace


class ChangeRelay(QObject):
    changed = Signal(object)

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        ref = weakref.ref(self)

        def emit(changes: ChangeSet) -> None:
            relay = ref()
            if relay is not None and shiboken6.isValid(relay):
                relay.changed.emit(changes)

        self._ws = ws
        self._emit = emit
        ws.subscribe(emit)
        # The workspace outlives the widgets: stop listening when the relay goes.
        self.destroyed.connect(lambda *_args, ws=ws, fn=emit: ws.unsubscribe(fn))

    def close(self) -> None:
        self._ws.unsubscribe(self._emit)
