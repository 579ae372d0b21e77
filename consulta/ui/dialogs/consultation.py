"""A new consultation (title, territory, language, where to save it) and its settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from consulta.domain.errors import ValidationError
from consulta.i18n import _, available_languages
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.form import FormDialog, fill_combo
from consulta.ui.i18n import language_name

SUFFIX = ".consulta"


def language_items() -> list[tuple[str, str | None]]:
    return [(language_name(code), code) for code in available_languages()]


class NewConsultationDialog(FormDialog):
    """Asks what a new consultation needs; ``values()`` after OK. Creating is the caller's."""

    def __init__(
        self, folder: str = "", language: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(_("New consultation"), parent)
        self.setMinimumWidth(520)
        self.title_edit = self.add_row("title", _("Title"), QLineEdit())
        self.title_edit.setPlaceholderText(_("e.g. Internationalisation strategy 2026–2030"))
        self.territory = self.add_row("territory", _("Territory"), QLineEdit())
        self.language = self.add_row("language", _("Language of the documents"), QComboBox())
        fill_combo(self.language, language_items(), language)
        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit()
        self.path.setPlaceholderText(_("Where to save the file"))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._choose)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.add_row("path", _("File"), where)
        self.fields["path"] = self.path
        self.folder = folder or str(Path.home())
        self.title_edit.textChanged.connect(self._suggest_path)
        self._suggested = ""

    def _suggest_path(self, title: str) -> None:
        if self.path.text() and self.path.text() != self._suggested:
            return
        stem = (
            "".join(c if c.isalnum() or c in " -_" else "" for c in title).strip() or "consultation"
        )
        self._suggested = str(Path(self.folder) / f"{stem}{SUFFIX}")
        self.path.setText(self._suggested)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("New consultation"),
            self.path.text() or self.folder,
            _("Consultations (*.consulta)"),
        )
        if path:
            self.path.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    def values(self) -> dict[str, str]:
        return {
            "path": self.path.text().strip(),
            "title": self.title_edit.text().strip(),
            "territory": self.territory.text().strip(),
            "language": self.language.currentData() or "en",
        }

    def save(self) -> dict[str, str]:
        values = self.values()
        if not values["title"]:
            raise ValidationError(_("Give the consultation a title."), "title")
        if not values["path"]:
            raise ValidationError(_("Choose where to save the file."), "path")
        if Path(values["path"]).exists():
            raise ValidationError(
                _("“{path}” already exists. Choose another name.", path=values["path"]), "path"
            )
        return values


class ConsultationSettingsDialog(FormDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(_("Consultation settings"), parent)
        self.setMinimumWidth(560)
        self.ws = ws
        c = ws.consultation.get()
        self.title_edit = self.add_row("title", _("Title"), QLineEdit(c.title))
        self.territory = self.add_row("territory", _("Territory"), QLineEdit(c.territory))
        self.language = self.add_row("language", _("Language of the documents"), QComboBox())
        fill_combo(self.language, language_items(), c.language)
        self.quorum = self.add_row("quorum", _("Quorum (sectors)"), QSpinBox())
        self.quorum.setRange(0, 99)
        self.quorum.setSpecialValueText(_("Two thirds of the sectors"))
        self.quorum.setValue(c.quorum_sectors or 0)
        self.description = self.add_row(
            "description", _("Description"), QPlainTextEdit(c.description)
        )
        self.description.setTabChangesFocus(True)
        self.facilitator = self.add_row(
            "facilitator", _("Your name (audit trail)"), QLineEdit(ws.file.facilitator)
        )

    def save(self) -> object:
        if self.facilitator.text() != self.ws.file.facilitator:
            self.ws.consultation.set_facilitator_name(self.facilitator.text())
        return self.ws.consultation.update(
            title=self.title_edit.text(),
            territory=self.territory.text(),
            language=self.language.currentData(),
            description=self.description.toPlainText(),
            quorum_sectors=self.quorum.value() or None,
        )
