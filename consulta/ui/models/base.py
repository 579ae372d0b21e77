"""A table model over a small in-memory list of records, with columns, search and sort.

For lists that stay small (sectors, sessions, guidelines, organisations). The participants
list, which grows, has its own lazy model (participants.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from consulta.domain.text import fold
from consulta.i18n import _

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str  # marked with N_, translated at display
    value: Callable[[T], Any]
    sort_key: Callable[[T], Any] | None = None
    align_right: bool = False
    foreground: Callable[[T], Any] | None = None
    icon: Callable[[T], Any] | None = None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, float):
        return f"{value:.0%}"
    return str(value)


class RecordTableModel(QAbstractTableModel, Generic[T]):
    columns: Sequence[Column[T]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[T] = []
        self._rows: list[T] = []
        self._query = ""
        self._predicate: Callable[[T], bool] | None = None
        self._sort_column = -1
        self._descending = False

    # -- data ------------------------------------------------------------------------------

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._all = list(records)
        self._rows = self._visible()
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._rows[row]

    def records(self) -> list[T]:
        return list(self._rows)

    def total(self) -> int:
        return len(self._all)

    def row_of(self, match: Callable[[T], bool]) -> int:
        return next((i for i, r in enumerate(self._rows) if match(r)), -1)

    def search_text(self, record: T) -> str:
        return " ".join(_text(c.value(record)) for c in self.columns)

    # -- search and filter -----------------------------------------------------------------

    def set_filter(self, query: str = "", predicate: Callable[[T], bool] | None = None) -> None:
        self.beginResetModel()
        self._query = fold(query)
        self._predicate = predicate
        self._rows = self._visible()
        self.endResetModel()

    def _visible(self) -> list[T]:
        words = self._query.split()
        rows = [
            r
            for r in self._all
            if (self._predicate is None or self._predicate(r))
            and (not words or all(w in fold(self.search_text(r)) for w in words))
        ]
        return self._sorted(rows)

    def _sorted(self, rows: list[T]) -> list[T]:
        if not 0 <= self._sort_column < len(self.columns):
            return rows
        column = self.columns[self._sort_column]
        key = column.sort_key or (lambda r: fold(_text(column.value(r))))
        return sorted(rows, key=lambda r: _none_last(key(r)), reverse=self._descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._rows = self._sorted(self._rows)
        self.layoutChanged.emit()

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _text(column.value(record))  # the tooltip shows text cut off in a narrow column
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            return column.foreground(record)
        if role == Qt.ItemDataRole.DecorationRole and column.icon is not None:
            return column.icon(record)
        if role == RecordRole:
            return record
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.columns) - 1))
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )


def _none_last(value: Any) -> tuple[int, Any]:
    return (1, 0) if value is None else (0, value)
