"""Add or edit a guideline: code, title, axis, status and text."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from consulta.domain import model as m
from consulta.i18n import _
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.form import FormDialog, fill_combo


class GuidelineDialog(FormDialog):
    def __init__(
        self, ws: Workspace, guideline: m.Guideline | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Edit guideline") if guideline else _("Add guideline"), parent)
        self.setMinimumWidth(560)
        self.ws = ws
        self.guideline = guideline
        g = guideline
        self.code = self.add_row(
            "code", _("Code"), QLineEdit(g.code if g else ws.guidelines.next_code())
        )
        self.title_edit = self.add_row("title", _("Title"), QLineEdit(g.title if g else ""))
        self.axis = self.add_row("axis", _("Axis"), QLineEdit(g.axis if g else ""))
        self.status = self.add_row("status", _("Status"), QComboBox())
        fill_combo(
            self.status,
            [(s.label, s.value) for s in m.GuidelineStatus],
            g.status.value if g else None,
        )
        self.text = self.add_row("text", _("Text"), QPlainTextEdit(g.text if g else ""))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(140)

    def save(self) -> m.Guideline:
        values = {
            "code": self.code.text(),
            "title": self.title_edit.text(),
            "axis": self.axis.text(),
            "status": m.GuidelineStatus(self.status.currentData()),
            "text": self.text.toPlainText(),
        }
        if self.guideline is None:
            return self.ws.guidelines.create(m.Guideline(**values))  # type: ignore[arg-type]
        return self.ws.guidelines.update(replace(self.guideline, **values))  # type: ignore[arg-type]
