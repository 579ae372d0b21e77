"""The page shown while a consultation is open: navigation on the left, the screens on the right.

Screens are built the first time they are shown (a big file opens fast); every built screen
hears of every committed edit (undo and redo included) and refreshes what it shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from consulta.i18n import N_, _
from consulta.services.unit import ChangeSet
from consulta.services.workspace import Workspace
from consulta.ui.changes import ChangeRelay
from consulta.ui.icons import icon
from consulta.ui.models.legitimacy import LegitimacyFeed
from consulta.ui.views.base import View

OVERVIEW, SECTORS, PARTICIPANTS, SESSIONS, GUIDELINES = range(5)
FIGURE_VIEWS = (OVERVIEW, GUIDELINES)  # the screens that show legitimacy figures


def _factories() -> list[tuple[str, str, Callable[[Workspace, QWidget], View]]]:
    from consulta.ui.views.guidelines import GuidelinesView
    from consulta.ui.views.overview import OverviewView
    from consulta.ui.views.participants import ParticipantsView
    from consulta.ui.views.sectors import SectorsView
    from consulta.ui.views.sessions import SessionsView

    return [
        (N_("Overview"), "overview", OverviewView),
        (N_("Sectors"), "sectors", SectorsView),
        (N_("Participants"), "participants", ParticipantsView),
        (N_("Sessions"), "sessions", SessionsView),
        (N_("Guidelines"), "guidelines", GuidelinesView),
    ]


class WorkspacePage(QWidget):
    changed = Signal(object)  # ChangeSet, after every committed edit

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.factories = _factories()
        self.views: dict[int, View] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        self.nav.setFixedWidth(190)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setAutoFillBackground(True)
        self.nav.setBackgroundRole(self.nav.palette().ColorRole.Window)
        for _title, icon_name, _factory in self.factories:
            item = QListWidgetItem(icon(icon_name), "")
            item.setSizeHint(QSize(180, 40))
            self.nav.addItem(item)
        row.addWidget(self.nav)
        self.stack = QStackedWidget()
        for _entry in self.factories:
            self.stack.addWidget(QWidget())
        row.addWidget(self.stack, 1)
        self.feed = LegitimacyFeed(ws, self, wanted=lambda: self.nav.currentRow() in FIGURE_VIEWS)
        self.feed.ready.connect(self._report_ready)
        self.nav.currentRowChanged.connect(self.show_view)
        self.relay = ChangeRelay(ws, self)
        self.relay.changed.connect(self._on_changes)
        self.retranslate()
        self.nav.setCurrentRow(OVERVIEW)
        self.feed.schedule()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for index, (title, _icon, _factory) in enumerate(self.factories):
            self.nav.item(index).setText(_(title))

    def view(self, index: int) -> View:
        """The screen at ``index``, built on first use."""
        if index not in self.views:
            _title, _icon, factory = self.factories[index]
            view = factory(self.ws, self)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, view)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.views[index] = view
            if self.feed.report is not None and hasattr(view, "set_report"):
                view.set_report(self.feed.report)
        return self.views[index]

    def show_view(self, index: int) -> None:
        if index < 0:
            return
        view = self.view(index)
        self.stack.setCurrentWidget(view)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        self.feed.schedule()

    def current_view(self) -> View:
        return self.view(max(self.nav.currentRow(), 0))

    def _on_changes(self, changes: ChangeSet) -> None:
        for view in self.views.values():
            view.on_changes(changes)
        self.feed.on_changes(changes)
        self.changed.emit(changes)

    def _report_ready(self, report: object) -> None:
        for view in self.views.values():
            if hasattr(view, "set_report"):
                view.set_report(report)

    def shutdown(self) -> None:
        """Before the file closes: stop listening, stop timers and background refreshes."""
        self.relay.close()
        self.feed.close()
        for view in self.views.values():
            view.close_workspace()


def focus_first(widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
