"""The participants list: LAZY. It asks the service for one page at a time as the view scrolls
(``canFetchMore``/``fetchMore``); search, sector filter and sort are done by the service, so a
national file with tens of thousands of people costs one page per screenful.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from consulta.domain import model as m
from consulta.i18n import N_, _
from consulta.services.workspace import Workspace
from consulta.ui.models.base import RecordRole

Index = QModelIndex | QPersistentModelIndex
PAGE = 200

# (title, service sort key or None when the service cannot sort by it)
COLUMNS: tuple[tuple[str, str | None], ...] = (
    (N_("Name"), "name"),
    (N_("Sector"), None),
    (N_("Organisation"), None),
    (N_("E-mail"), "email"),
    (N_("Phone"), "phone"),
    (N_("Named in minutes"), "consent_named"),
)
NAME, SECTOR, ORGANISATION, EMAIL, PHONE, CONSENT = range(len(COLUMNS))


class ParticipantTableModel(QAbstractTableModel):
    def __init__(self, ws: Workspace, parent: Any = None, page_size: int = PAGE) -> None:
        super().__init__(parent)
        self.ws = ws
        self.page_size = page_size
        self.query = ""
        self.sector_id: str | None = None
        self.sort_key = "name"
        self.descending = False
        self._rows: list[m.Participant] = []
        self._total = 0
        self._sectors: dict[str, str] = {}
        self._organisations: dict[str, str] = {}
        self.pages_fetched = 0
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def total(self) -> int:
        """How many participants match the search (all of them, not just those loaded)."""
        return self._total

    def loaded(self) -> int:
        return len(self._rows)

    def reload(self, keep_loaded: bool = False, names: bool = True) -> None:
        """Count again and start from the first page (after a search or an edit); ``names``
        also re-reads the sector and organisation names (not needed for a new search)."""
        wanted = len(self._rows) if keep_loaded else 0
        self.beginResetModel()
        if names or not self._sectors:
            self._sectors = {s.id: s.name for s in self.ws.sectors.list()}
            self._organisations = {o.id: o.name for o in self.ws.organisations.list()}
        self._total = self.ws.participants.count(self.query, self.sector_id)
        self._rows = self._page(0, max(wanted, self.page_size))
        self.endResetModel()

    def _page(self, offset: int, limit: int) -> list[m.Participant]:
        self.pages_fetched += 1
        return self.ws.participants.page(
            offset,
            limit,
            query=self.query,
            sector_id=self.sector_id,
            sort=self.sort_key,
            descending=self.descending,
        )

    def set_search(self, query: str, sector_id: str | None = None) -> None:
        if query == self.query and sector_id == self.sector_id:
            return
        self.query = query
        self.sector_id = sector_id or None
        self.reload(names=False)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._page(len(self._rows), self.page_size)
        if not more:
            self._total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload(names=False)

    def sortable(self, column: int) -> bool:
        return COLUMNS[column][1] is not None

    # -- access ----------------------------------------------------------------------------

    def participant(self, row: int) -> m.Participant:
        return self._rows[row]

    def row_of(self, participant_id: str) -> int:
        return next((i for i, p in enumerate(self._rows) if p.id == participant_id), -1)

    def sector_name(self, sector_id: str) -> str:
        return self._sectors.get(sector_id, "")

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        p = self._rows[index.row()]
        if role == RecordRole:
            return p
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == NAME:
            return p.name
        if column == SECTOR:
            return self._sectors.get(p.sector_id, "")
        if column == ORGANISATION:
            return self._organisations.get(p.organisation_id or "", "")
        if column == EMAIL:
            return p.email or ""
        if column == PHONE:
            return p.phone or ""
        return _("Yes") if p.consent_named else _("No")

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, CONSENT), self.index(len(self._rows) - 1, CONSENT))
