"""Add or edit a participant: name and sector first (all that is required), then the rest."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from consulta.domain import model as m
from consulta.i18n import _
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.form import FormDialog, fill_combo


class ParticipantDialog(FormDialog):
    def __init__(
        self, ws: Workspace, participant: m.Participant | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Edit participant") if participant else _("Add participant"), parent)
        self.ws = ws
        self.participant = participant
        p = participant
        self.name = self.add_row("name", _("Name"), QLineEdit(p.name if p else ""))
        self.sector = self.add_row("sector", _("Sector"), QComboBox())
        fill_combo(
            self.sector, [(s.name, s.id) for s in ws.sectors.list()], p.sector_id if p else None
        )
        self.organisation = self.add_row("organisation", _("Organisation"), QComboBox())
        self.organisation.setEditable(True)
        self.organisation.lineEdit().setPlaceholderText(_("Optional; type a new one to add it"))
        self.sector.currentIndexChanged.connect(self._load_organisations)
        self._load_organisations()
        if p and p.organisation_id:
            self.organisation.setCurrentIndex(max(self.organisation.findData(p.organisation_id), 0))
        self.email = self.add_row("email", _("E-mail"), QLineEdit((p.email or "") if p else ""))
        self.phone = self.add_row("phone", _("Phone"), QLineEdit((p.phone or "") if p else ""))
        self.gender = self.add_row("gender", _("Gender"), QComboBox())
        fill_combo(
            self.gender,
            [(_("Not recorded"), None), *[(g.label, g.value) for g in m.Gender]],
            p.gender.value if p and p.gender else None,
        )
        self.district = self.add_row("district", _("District"), QComboBox())
        fill_combo(
            self.district,
            [(_("(none)"), None), *[(d.name, d.id) for d in ws.districts.list()]],
            p.district_id if p else None,
        )
        self.consent = self.add_row(
            "consent_named", "", QCheckBox(_("May be named in published minutes"))
        )
        self.consent.setChecked(bool(p and p.consent_named))
        self.name.setFocus()

    def _load_organisations(self) -> None:
        text = self.organisation.currentText()
        self.organisation.clear()
        self.organisation.addItem("", None)
        for organisation in self.ws.organisations.list(self.sector.currentData()):
            self.organisation.addItem(organisation.name, organisation.id)
        self.organisation.setEditText(text if self.organisation.findText(text) >= 0 else "")

    def _organisation_id(self) -> str | None:
        text = self.organisation.currentText().strip()
        if not text:
            return None
        index = self.organisation.findText(text)
        if index > 0 and self.organisation.itemData(index):
            return str(self.organisation.itemData(index))
        return self.ws.organisations.find_or_create(text, self.sector.currentData()).id

    def save(self) -> m.Participant:
        gender = self.gender.currentData()
        values = {
            "name": self.name.text(),
            "sector_id": self.sector.currentData() or "",
            "organisation_id": self._organisation_id(),
            "email": self.email.text() or None,
            "phone": self.phone.text() or None,
            "gender": m.Gender(gender) if gender else None,
            "district_id": self.district.currentData(),
            "consent_named": self.consent.isChecked(),
        }
        if self.participant is None:
            return self.ws.participants.create(m.Participant(**values))  # type: ignore[arg-type]
        return self.ws.participants.update(replace(self.participant, **values))  # type: ignore[arg-type]
