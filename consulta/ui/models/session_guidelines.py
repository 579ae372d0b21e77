"""The guidelines discussed at a session, with how many sectors took a position on each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from consulta.domain import model as m
from consulta.i18n import _

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1
_NO_INDEX = QModelIndex()


class DiscussedModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[m.Guideline] = []
        self._counts: dict[str, int] = {}
        self._sectors = 0

    def set_guidelines(
        self, guidelines: list[m.Guideline], counts: dict[str, int], sectors: int
    ) -> None:
        if [g.id for g in guidelines] == [g.id for g in self._rows]:
            self._rows, self._counts, self._sectors = list(guidelines), dict(counts), sectors
            if self._rows:
                self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))
            return
        self.beginResetModel()
        self._rows, self._counts, self._sectors = list(guidelines), dict(counts), sectors
        self.endResetModel()

    def guideline(self, row: int) -> m.Guideline:
        return self._rows[row]

    def ids(self) -> list[str]:
        return [g.id for g in self._rows]

    def row_of(self, guideline_id: str) -> int:
        return next((i for i, g in enumerate(self._rows) if g.id == guideline_id), -1)

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        g = self._rows[index.row()]
        count = self._counts.get(g.id, 0)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(
                "{code}  {title}\n{count} of {total} sectors recorded",
                code=g.code,
                title=g.title,
                count=count,
                total=self._sectors,
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{g.code}  {g.title}\n\n{g.text}" if g.text else f"{g.code}  {g.title}"
        if role == IdRole:
            return g.id
        return None
