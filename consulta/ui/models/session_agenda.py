"""The agenda items of a session, in order, as a list model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from consulta.domain import model as m
from consulta.i18n import _

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1
_NO_INDEX = QModelIndex()


class AgendaModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[m.AgendaItem] = []

    def set_items(self, items: list[m.AgendaItem]) -> None:
        """Replace the items; when only texts changed, rows stay (selection is kept)."""
        items = list(items)
        if [i.id for i in items] == [i.id for i in self._items]:
            self._items = items
            if items:
                self.dataChanged.emit(self.index(0), self.index(len(items) - 1))
            return
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    def item(self, row: int) -> m.AgendaItem:
        return self._items[row]

    def row_of(self, item_id: str) -> int:
        return next((i for i, item in enumerate(self._items) if item.id == item_id), -1)

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _("{number}. {title}", number=index.row() + 1, title=item.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = item.notes.strip()
            notes = (notes[:300] + "…") if len(notes) > 300 else (notes or _("No notes yet"))
            return f"{item.title}\n\n{notes}"
        if role == IdRole:
            return item.id
        return None
