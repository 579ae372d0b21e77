"""What every screen shares: the workspace, live retranslation, refresh after edits, and a
search bar + table helper for lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consulta.services.unit import ChangeSet
from consulta.services.workspace import Workspace
from consulta.ui.icons import icon

MARGIN = 16
SPACING = 10


class View(QWidget):
    """A screen of the main window. Subclasses set ``tables`` (the tables they show) and
    define ``refresh()`` (reload what is shown) and ``retranslate()`` (set every text
    again); tests/ui/test_hooks.py checks that each one does."""

    title_key = ""  # marked with N_
    icon_name = ""
    tables: frozenset[str] = frozenset()
    statusMessage = Signal(str)
    refresh: Callable[[], None]
    retranslate: Callable[[], None]

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._stale = False
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.layout_.setSpacing(SPACING)
        self.heading = QLabel()
        self.heading.setObjectName("viewHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.heading.setFont(font)
        self.layout_.addWidget(self.heading)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def on_changes(self, changes: ChangeSet) -> None:
        """Refresh now if visible and concerned; otherwise when next shown."""
        if self.tables and not (changes.tables() & self.tables):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QEvent) -> None:  # type: ignore[override]
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def close_workspace(self) -> None:
        """The file is closing: stop background work and timers."""


def make_table(model: object, sortable: bool = True, stretch: int = -1) -> QTableView:
    table = QTableView()
    table.setModel(model)  # type: ignore[arg-type]
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(sortable)
    table.setWordWrap(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch < 0)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setDefaultSectionSize(140)
    return table


class SearchBar(QWidget):
    """A search field (debounced) and room for filters and buttons on one line."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, delay_ms: int = 200) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(8)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(220)
        self.row.addWidget(self.search, 2)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _text: self._timer.start())

    def add(self, widgets: Iterable[QWidget], stretch: int = 0) -> None:
        for widget in widgets:
            self.row.addWidget(widget, stretch)

    def add_stretch(self) -> None:
        self.row.addStretch(1)

    @property
    def text(self) -> str:
        return self.search.text()

    def flush(self) -> None:
        """Apply a pending search now (tests, Enter)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()


def selected_row(table: QTableView) -> int:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    return rows[0].row() if rows else -1


def align_top() -> Qt.AlignmentFlag:
    return Qt.AlignmentFlag.AlignTop
