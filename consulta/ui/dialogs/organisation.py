"""Add or edit an organisation."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from consulta.domain import model as m
from consulta.i18n import _
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.form import FormDialog, fill_combo


class OrganisationDialog(FormDialog):
    def __init__(
        self,
        ws: Workspace,
        organisation: m.Organisation | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Edit organisation") if organisation else _("Add organisation"), parent)
        self.ws = ws
        self.organisation = organisation
        self.name = self.add_row(
            "name", _("Name"), QLineEdit(organisation.name if organisation else "")
        )
        self.sector = self.add_row("sector", _("Sector"), QComboBox())
        fill_combo(
            self.sector,
            [(s.name, s.id) for s in ws.sectors.list()],
            organisation.sector_id if organisation else None,
        )

    def save(self) -> m.Organisation:
        if self.organisation is None:
            return self.ws.organisations.create(self.name.text(), self.sector.currentData())
        return self.ws.organisations.update(
            self.organisation.id, name=self.name.text(), sector_id=self.sector.currentData()
        )
