"""Models of the check-in: the type-ahead search, those present, and the count per sector.

The search never holds more than one page (``LIMIT`` rows) of participants: it asks the
service for the first page that matches what is typed, so a national file of 24,000 people
costs the same as a demo file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from consulta.domain import model as m
from consulta.domain.errors import UserError
from consulta.i18n import _, n_
from consulta.services.workspace import Workspace
from consulta.ui.views.session_common import icon, ok_colours, warning_colours

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1
_NO_INDEX = QModelIndex()


def blank_icon() -> QIcon:
    """An empty icon the size of the others, so names line up."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


class Names:
    """Sector and organisation names by id, fetched once and on demand."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.sectors: dict[str, str] = {}
        self._organisations: dict[str, str] = {}

    def reload(self) -> None:
        self.sectors = {s.id: s.name for s in self.ws.sectors.list()}
        self._organisations.clear()

    def organisation(self, organisation_id: str | None) -> str:
        if not organisation_id:
            return ""
        if organisation_id not in self._organisations:
            try:
                self._organisations[organisation_id] = self.ws.organisations.get(
                    organisation_id
                ).name
            except UserError:  # deleted meanwhile: show nothing rather than fail a paint
                self._organisations[organisation_id] = ""
        return self._organisations[organisation_id]

    def describe(self, p: m.Participant) -> str:
        sector = self.sectors.get(p.sector_id, "")
        organisation = self.organisation(p.organisation_id)
        if organisation:
            return _(
                "{name} — {sector}, {organisation}",
                name=p.name,
                sector=sector,
                organisation=organisation,
            )
        return _("{name} — {sector}", name=p.name, sector=sector)


class ParticipantSearchModel(QAbstractTableModel):
    """The first ``LIMIT`` participants matching the typed text (nothing when it is empty)."""

    LIMIT = 50

    def __init__(self, ws: Workspace, names: Names, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.names = names
        self._rows: list[m.Participant] = []
        self._present: set[str] = set()
        self.query = ""
        self.total = 0

    def search(self, text: str) -> None:
        self.beginResetModel()
        self.query = text
        if text.strip():
            self._rows = self.ws.participants.page(0, self.LIMIT, query=text)
            more = len(self._rows) == self.LIMIT
            self.total = self.ws.participants.count(query=text) if more else len(self._rows)
        else:
            self._rows, self.total = [], 0
        self.endResetModel()

    def set_present(self, ids: set[str]) -> None:
        self._present = set(ids)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 2))

    def is_present(self, row: int) -> bool:
        return self._rows[row].id in self._present

    def participant(self, row: int) -> m.Participant:
        return self._rows[row]

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Name"), _("Sector"), _("Organisation"))[section]
        return None

    def first_absent(self) -> int:
        """The row to highlight first: the first match not checked in yet."""
        return next(
            (i for i, p in enumerate(self._rows) if p.id not in self._present),
            0 if self._rows else -1,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        p = self._rows[index.row()]
        present = p.id in self._present
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return p.name
            return (
                self.names.sectors.get(p.sector_id, "")
                if column == 1
                else self.names.organisation(p.organisation_id)
            )
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icon("check-in") if present else blank_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.names.describe(p)
            return _("{person} — already checked in", person=text) if present else text
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0 and present:
            return _("{name}, already checked in", name=p.name)
        if role == Qt.ItemDataRole.ForegroundRole and present:
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == IdRole:
            return p.id
        return None


class PresentModel(QAbstractTableModel):
    """Those checked in at the session, by name."""

    def __init__(self, names: Names, parent: Any = None) -> None:
        super().__init__(parent)
        self.names = names
        self._rows: list[m.Participant] = []

    def set_people(self, people: list[m.Participant]) -> None:
        self.beginResetModel()
        self._rows = list(people)
        self.endResetModel()

    def participant(self, row: int) -> m.Participant:
        return self._rows[row]

    def ids(self) -> set[str]:
        return {p.id for p in self._rows}

    def row_of(self, participant_id: str) -> int:
        return next((i for i, p in enumerate(self._rows) if p.id == participant_id), -1)

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Name"), _("Sector"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        p = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return p.name if index.column() == 0 else self.names.sectors.get(p.sector_id, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.names.describe(p)
        if role == IdRole:
            return p.id
        return None


class SectorCountModel(QAbstractTableModel):
    """Sector | present: absent sectors that count for legitimacy get a tint, an icon and a word."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sectors: list[m.Sector] = []
        self._counts: dict[str, int] = {}

    def set_counts(self, sectors: list[m.Sector], counts: dict[str, int]) -> None:
        self.beginResetModel()
        self._sectors = list(sectors)
        self._counts = dict(counts)
        self.endResetModel()

    def absent(self) -> list[m.Sector]:
        return [s for s in self._sectors if s.counts_for_legitimacy and not self._counts.get(s.id)]

    def counted(self) -> list[m.Sector]:
        return [s for s in self._sectors if s.counts_for_legitimacy]

    def is_absent(self, row: int) -> bool:
        sector = self._sectors[row]
        return sector.counts_for_legitimacy and not self._counts.get(sector.id)

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._sectors)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Sector"), _("Present"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._sectors):
            return None
        sector = self._sectors[index.row()]
        count = self._counts.get(sector.id, 0)
        absent = self.is_absent(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return sector.name
            if absent:
                return _("Absent")
            if not sector.counts_for_legitimacy and not count:
                return _("— (not counted)")
            return str(count)
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            if absent:
                return icon("warning", warning_colours(QApplication.palette())[1].name())
            if count:
                return icon("check-in", ok_colours(QApplication.palette())[1].name())
            return None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and absent:
            background, text = warning_colours(QApplication.palette())
            return background if role == Qt.ItemDataRole.BackgroundRole else text
        if role == Qt.ItemDataRole.ToolTipRole:
            if absent:
                return _("Nobody from “{sector}” is present yet.", sector=sector.name)
            return n_("{n} person present", "{n} people present", count)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                _("{sector}: absent", sector=sector.name) if absent else f"{sector.name}: {count}"
            )
        return None
