"""Add or edit a sector (stakeholder group)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from consulta.domain import model as m
from consulta.i18n import _
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.form import FormDialog


class SectorDialog(FormDialog):
    def __init__(
        self, ws: Workspace, sector: m.Sector | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Edit sector") if sector else _("Add sector"), parent)
        self.ws = ws
        self.sector = sector
        self.name = self.add_row("name", _("Name"), QLineEdit(sector.name if sector else ""))
        self.counts = self.add_row("counts", "", QCheckBox(_("Counts for legitimacy")))
        self.counts.setChecked(sector.counts_for_legitimacy if sector else True)
        self.counts.setToolTip(
            _("Only the sectors that count enter the legitimacy figures and the quorum.")
        )

    def save(self) -> m.Sector:
        if self.sector is None:
            return self.ws.sectors.create(self.name.text(), self.counts.isChecked())
        return self.ws.sectors.update(
            self.sector.id, name=self.name.text(), counts_for_legitimacy=self.counts.isChecked()
        )
