"""Sectors: the stakeholder groups that must be heard, their order and whether they count."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from consulta.i18n import N_, _
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.sector import SectorDialog
from consulta.ui.errors import attempt
from consulta.ui.icons import icon
from consulta.ui.models.records import SectorRow, SectorTableModel
from consulta.ui.views.base import SearchBar, View, make_table, selected_row


class SectorsView(View):
    title_key = N_("Sectors")
    icon_name = "sectors"
    tables = frozenset({"sector", "participant", "organisation"})

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.bar = SearchBar()
        self.add_button = QPushButton(icon("add"), "")
        self.edit_button = QPushButton(icon("edit"), "")
        self.delete_button = QPushButton(icon("remove"), "")
        self.up_button = QPushButton(icon("up"), "")
        self.down_button = QPushButton(icon("down"), "")
        self.bar.add_stretch()
        self.bar.add(
            [
                self.up_button,
                self.down_button,
                self.add_button,
                self.edit_button,
                self.delete_button,
            ]
        )
        self.layout_.addWidget(self.bar)
        self.model = SectorTableModel(self)
        self.table = make_table(self.model, stretch=1)
        self.table.setColumnWidth(0, 70)
        self.layout_.addWidget(self.table, 1)
        self.bar.changed.connect(self._apply_search)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_(self.title_key))
        self.bar.search.setPlaceholderText(_("Search sectors"))
        self.add_button.setText(_("Add…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete"))
        self.up_button.setToolTip(_("Move up"))
        self.down_button.setToolTip(_("Move down"))
        self.model.retranslate()

    def refresh(self) -> None:
        current = self._current()
        rows = []
        for sector in self.ws.sectors.list():
            rows.append(
                SectorRow(
                    sector,
                    self.ws.participants.count(sector_id=sector.id),
                    len(self.ws.organisations.list(sector.id)),
                )
            )
        self.model.set_records(rows)
        if current:
            self._select(current)

    def _apply_search(self) -> None:
        self.model.set_filter(self.bar.text)

    def _current(self) -> str | None:
        row = selected_row(self.table)
        return self.model.record(row).sector.id if row >= 0 else None

    def _select(self, sector_id: str) -> None:
        row = self.model.row_of(lambda r: r.sector.id == sector_id)
        if row >= 0:
            self.table.selectRow(row)

    def add(self) -> None:
        SectorDialog(self.ws, parent=self).exec()

    def edit(self) -> None:
        row = selected_row(self.table)
        if row >= 0:
            SectorDialog(self.ws, self.model.record(row).sector, parent=self).exec()

    def delete(self) -> None:
        sector_id = self._current()
        if sector_id:
            attempt(self.ws.sectors.delete, sector_id, parent=self)

    def move_selected(self, offset: int) -> None:
        sector_id = self._current()
        if sector_id:
            attempt(self.ws.sectors.move, sector_id, offset, parent=self)
            self._select(sector_id)
