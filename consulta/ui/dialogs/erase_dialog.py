"""Erase a participant for privacy: a strong confirmation, then the core removes the
person's personal data everywhere in the file (the bytes too) and records the erasure, so
no later merge brings it back.

    erase_participant_interactively(parent, ws, participant_id) -> bool
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from consulta.domain.text import fold
from consulta.i18n import _
from consulta.services.workspace import Workspace
from consulta.ui.errors import show_error


class EraseDialog(QDialog):
    """Explains what is erased and what is kept; Erase is enabled once the user has typed
    the person's name (or, for a name that is hard to type, ticked the box)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setWindowTitle(_("Erase participant"))
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel(_("Erase “{name}” from this consultation?", name=name))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        text = QLabel(
            _(
                "This cannot be undone. The person's name, e-mail, phone, gender and organisation "
                "are removed everywhere in this file, including the undo history, the audit trail "
                "and the merge history, and the space they used is overwritten.\n\n"
                "What is kept: that a participant of their sector attended each session, so the "
                "legitimacy figures stay right. The erasure is recorded, so merging an older copy "
                "of this consultation later does not bring the data back.\n\n"
                "Copies made earlier (district kits, exports, backups) still hold the data: erase "
                "the person there too, or delete those copies."
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addWidget(QLabel(_("Type the person's name to confirm:")))
        self.typed = QLineEdit()
        self.typed.setPlaceholderText(name)
        self.typed.textChanged.connect(self._update)
        layout.addWidget(self.typed)
        self.sure = QCheckBox(_("I understand that this cannot be undone"))
        self.sure.toggled.connect(self._update)
        layout.addWidget(self.sure)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton(
            _("Erase for good"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        layout.addWidget(self.buttons)
        self._update()

    def confirmed(self) -> bool:
        typed = " ".join(fold(self.typed.text()).split())
        return self.sure.isChecked() and typed == " ".join(fold(self.name).split())

    def _update(self) -> None:
        self.erase_button.setEnabled(self.confirmed())


def erase_participant_interactively(
    parent: QWidget | None, ws: Workspace, participant_id: str
) -> bool:
    """Ask, then erase. Returns True if the person was erased."""
    from consulta.merge.erase import erase_participant

    try:
        person = ws.participants.get(participant_id)
    except Exception as error:  # shown, not raised: the list may be out of date
        show_error(error, parent)
        return False
    dialog = EraseDialog(person.name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.confirmed():
        return False
    try:
        erase_participant(ws, participant_id)
    except Exception as error:
        show_error(error, parent)
        return False
    return True
