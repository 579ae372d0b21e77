"""The merge history: every version a merge did not keep (lost a conflict, deleted by a
merge, a person merged into another, set aside), with its fields, and Restore.

Restoring makes the kept version the current one again, as an ordinary edit (undoable).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consulta.i18n import _
from consulta.merge.history import HistoryEntry, list_history, restore_version
from consulta.services.workspace import Workspace
from consulta.ui.errors import show_error
from consulta.ui.models.merge_preview import entity_label, field_label, value_text

Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 1
HIDDEN = {"id", "created_at", "updated_at", "hlc", "origin", "search_key"}


def _when(moment: datetime) -> str:
    stamp = QDateTime.fromString(moment.isoformat(timespec="seconds"), Qt.DateFormat.ISODate)
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)


def entry_label(entry: HistoryEntry) -> str:
    data = entry.data or {}
    for key in ("name", "title", "code"):
        if data.get(key):
            return str(data[key])
    return _("(a deletion)") if entry.data is None else entry.record_id[:8]


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        e = self.entries[index.row()]
        if role == SortRole:
            return e.seq if index.column() == 0 else self.data(index)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            return _when(e.merged_at)
        if column == 1:
            return e.source
        if column == 2:
            return entity_label(e.entity)
        if column == 3:
            return entry_label(e)
        if column == 4:
            return e.reason_label
        if e.restored_at is not None:
            return _(
                "Restored {when}",
                when=_when(e.restored_at),
            )
        return _("Set aside, may come back") if e.parked else ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                _("Merged"),
                _("From file"),
                _("Kind"),
                _("Record"),
                _("Why it was kept"),
                _("State"),
            )[section]
        return None


class MergeHistoryView(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.model = HistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search the history"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.restore_button = QPushButton(_("Restore this version"))
        self.restore_button.clicked.connect(self.restore)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.restore_button)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([320, 160])
        self.empty = QLabel(_("No merge has set any version aside yet."))
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_entries(list_history(self.ws))
        for column, width in ((0, 130), (1, 150), (2, 110), (3, 220), (4, 200)):
            self.table.setColumnWidth(column, width)
        self.empty.setVisible(not self.model.entries)
        self._selected()

    def current(self) -> HistoryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.entries[self.proxy.mapToSource(rows[0]).row()]

    def _selected(self, *args: object) -> None:
        entry = self.current()
        self.restore_button.setEnabled(entry is not None and not self.ws.readonly)
        if entry is None:
            self.details.setPlainText("")
            return
        if entry.data is None:
            self.details.setPlainText(_("This version was a deletion of the record."))
            return
        lines = [
            f"{field_label(k)}: {value_text(k, v, {})}"
            for k, v in entry.data.items()
            if k not in HIDDEN and not k.endswith("_id")
        ]
        self.details.setPlainText("\n".join(lines))

    def restore(self) -> bool:
        entry = self.current()
        if entry is None:
            return False
        try:
            restore_version(self.ws, entry.seq)
        except Exception as error:
            show_error(error, self)
            return False
        self.refresh()
        return True


class MergeHistoryDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Merge history"))
        self.resize(980, 600)
        layout = QVBoxLayout(self)
        text = QLabel(
            _(
                "The versions that merges did not keep. Restoring one makes it the "
                "current version again (Edit ▸ Undo takes it back)."
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.view = MergeHistoryView(ws, self)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
