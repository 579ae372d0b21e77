"""Participants (a lazy list, searched and sorted by the service) and their organisations."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from consulta.i18n import N_, _, n_
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.organisation import OrganisationDialog
from consulta.ui.dialogs.participant import ParticipantDialog
from consulta.ui.errors import attempt
from consulta.ui.icons import icon
from consulta.ui.models.participants import ParticipantTableModel
from consulta.ui.models.records import OrganisationRow, OrganisationTableModel
from consulta.ui.views.base import SearchBar, View, make_table, selected_row


def _sector_filter(ws: Workspace, combo: QComboBox) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(_("All sectors"), None)
    for sector in ws.sectors.list():
        combo.addItem(sector.name, sector.id)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


class ParticipantsView(View):
    title_key = N_("Participants")
    icon_name = "participants"
    tables = frozenset({"participant", "organisation", "sector"})

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.tabs = QTabWidget()
        self.layout_.addWidget(self.tabs, 1)

        people = QWidget()
        box = QVBoxLayout(people)
        box.setContentsMargins(0, 10, 0, 0)
        self.bar = SearchBar()
        self.sector = QComboBox()
        self.sector.setMinimumContentsLength(18)
        self.add_button = QPushButton(icon("add"), "")
        self.edit_button = QPushButton(icon("edit"), "")
        self.delete_button = QPushButton(icon("remove"), "")
        self.erase_button = QPushButton(icon("lock"), "")
        self.bar.add([self.sector], 1)
        self.bar.add([self.add_button, self.edit_button, self.delete_button, self.erase_button])
        box.addWidget(self.bar)
        self.model = ParticipantTableModel(ws, self)
        self.table = make_table(self.model, stretch=0)
        for column, width in enumerate((220, 200, 220, 220, 130, 130)):
            self.table.setColumnWidth(column, width)
        box.addWidget(self.table, 1)
        self.count = QLabel()
        box.addWidget(self.count)
        self.tabs.addTab(people, icon("participants"), "")

        orgs = QWidget()
        obox = QVBoxLayout(orgs)
        obox.setContentsMargins(0, 10, 0, 0)
        self.org_bar = SearchBar()
        self.org_sector = QComboBox()
        self.org_add = QPushButton(icon("add"), "")
        self.org_edit = QPushButton(icon("edit"), "")
        self.org_delete = QPushButton(icon("remove"), "")
        self.org_bar.add([self.org_sector], 1)
        self.org_bar.add([self.org_add, self.org_edit, self.org_delete])
        obox.addWidget(self.org_bar)
        self.org_model = OrganisationTableModel(self)
        self.org_table = make_table(self.org_model, stretch=0)
        obox.addWidget(self.org_table, 1)
        self.tabs.addTab(orgs, icon("organisation"), "")

        self.bar.changed.connect(self.apply_search)
        self.sector.currentIndexChanged.connect(self.apply_search)
        self.bar.search.returnPressed.connect(self.bar.flush)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.erase_button.clicked.connect(self.erase)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.org_bar.changed.connect(self._apply_org_search)
        self.org_sector.currentIndexChanged.connect(self._apply_org_search)
        self.org_add.clicked.connect(lambda: OrganisationDialog(self.ws, parent=self).exec())
        self.org_edit.clicked.connect(self.edit_organisation)
        self.org_delete.clicked.connect(self.delete_organisation)
        self.org_table.doubleClicked.connect(lambda _index: self.edit_organisation())
        self.model.modelReset.connect(self._update_count)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_(self.title_key))
        self.tabs.setTabText(0, _("People"))
        self.tabs.setTabText(1, _("Organisations"))
        self.bar.search.setPlaceholderText(_("Search by name or e-mail"))
        self.org_bar.search.setPlaceholderText(_("Search organisations"))
        for button, text in (
            (self.add_button, _("Add…")),
            (self.edit_button, _("Edit…")),
            (self.delete_button, _("Delete")),
            (self.erase_button, _("Erase personal data…")),
            (self.org_add, _("Add…")),
            (self.org_edit, _("Edit…")),
            (self.org_delete, _("Delete")),
        ):
            button.setText(text)
        self.sector.setItemText(0, _("All sectors"))
        self.org_sector.setItemText(0, _("All sectors"))
        self.model.retranslate()
        self.org_model.retranslate()
        self._update_count()

    def refresh(self) -> None:
        _sector_filter(self.ws, self.sector)
        _sector_filter(self.ws, self.org_sector)
        self.model.reload(keep_loaded=True)
        sectors = {s.id: s.name for s in self.ws.sectors.list()}
        self.org_model.set_records(
            [OrganisationRow(o, sectors.get(o.sector_id, "")) for o in self.ws.organisations.list()]
        )
        self._apply_org_search()

    def apply_search(self) -> None:
        self.model.set_search(self.bar.text, self.sector.currentData())
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.total()
        self.count.setText(n_("{n} participant", "{n} participants", total))

    def _apply_org_search(self) -> None:
        sector_id = self.org_sector.currentData()
        self.org_model.set_filter(
            self.org_bar.text,
            (lambda r: r.organisation.sector_id == sector_id) if sector_id else None,
        )

    def add(self) -> None:
        dialog = ParticipantDialog(self.ws, parent=self)
        if dialog.exec() and dialog.result_value is not None:
            row = self.model.row_of(dialog.result_value.id)
            if row >= 0:
                self.table.selectRow(row)

    def edit(self) -> None:
        row = selected_row(self.table)
        if row >= 0:
            ParticipantDialog(self.ws, self.model.participant(row), parent=self).exec()

    def delete(self) -> None:
        row = selected_row(self.table)
        if row >= 0:
            attempt(self.ws.participants.delete, self.model.participant(row).id, parent=self)

    def erase(self) -> None:
        """Erase a person's personal data everywhere, locked minutes included (on request)."""
        row = selected_row(self.table)
        if row < 0:
            return
        try:
            from consulta.ui.dialogs.erase_dialog import erase_participant_interactively
        except ImportError:
            return
        erase_participant_interactively(self, self.ws, self.model.participant(row).id)

    def edit_organisation(self) -> None:
        row = selected_row(self.org_table)
        if row >= 0:
            OrganisationDialog(self.ws, self.org_model.record(row).organisation, parent=self).exec()

    def delete_organisation(self) -> None:
        row = selected_row(self.org_table)
        if row >= 0:
            attempt(
                self.ws.organisations.delete,
                self.org_model.record(row).organisation.id,
                parent=self,
            )
