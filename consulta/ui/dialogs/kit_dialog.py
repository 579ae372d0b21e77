"""Make a district kit: choose a district, choose where to save, done.

The kit is a file of the same consultation holding that district's participants and
sessions, for a facilitator's laptop; it merges back into this file (Districts ▸ Merge).
The open file is copied first (it stays open and untouched), the kit is made from the
copy in the background runner and renamed into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from consulta.domain.progress import Progress
from consulta.i18n import _
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.export import ExportedMessage, safe_file_name
from consulta.ui.tasks import Task, run_task


class KitDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(_("District kit"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        text = QLabel(
            _(
                "A district kit is a file for a facilitator's laptop: the same "
                "consultation, sectors and guidelines, with only that district's "
                "participants and sessions. Merge it back here when it returns."
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.district = QComboBox()
        for district in ws.districts.list():
            self.district.addItem(district.name, district.name)
        form.addRow(_("District:"), self.district)
        layout.addLayout(form)
        self.problem = QLabel(
            _(
                "This consultation has no districts yet. Add a district to "
                "its sessions or participants first."
            )
        )
        self.problem.setWordWrap(True)
        self.problem.setVisible(self.district.count() == 0)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            _("Save kit as…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setEnabled(self.district.count() > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def district_name(self) -> str:
        return str(self.district.currentData())


def write_kit(ws: Workspace, district: str, target: Path, progress: Progress) -> Path:
    """The kit of ``district`` at ``target`` (replacing it), made from a copy of ``ws``."""
    from consulta.domain.errors import FileError
    from consulta.merge.kit import make_kit

    if target.resolve() == Path(ws.path).resolve():
        raise FileError(
            target, _("A kit cannot replace the consultation it is made from. Choose another name.")
        )
    folder = Path(tempfile.mkdtemp(prefix="consulta-kit-"))
    try:
        copy = ws.file.save_copy(folder / "master.consulta")
        made = make_kit(copy, district, folder / "kit.consulta", progress)
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(made, partial)
        os.replace(partial, target)
        return target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def ask_kit_target(parent: QWidget | None, ws: Workspace, district: str) -> Path | None:
    name = (
        safe_file_name(_("{title} - {district} kit", title=Path(ws.path).stem, district=district))
        + ".consulta"
    )
    path, _selected = QFileDialog.getSaveFileName(
        parent,
        _("Save district kit"),
        str(Path(ws.path).parent / name),
        _("Consultation files (*.consulta)"),
    )
    if not path:
        return None
    target = Path(path)
    return target if target.suffix.lower() == ".consulta" else Path(path + ".consulta")


last_message: ExportedMessage | None = None  # kept alive while it shows


def start_kit(parent: QWidget | None, ws: Workspace, district: str, target: Path) -> Task:
    def done(path: Path) -> None:
        global last_message
        message = last_message = ExportedMessage(path, parent)
        message.setWindowTitle(_("District kit"))
        message.setText(
            _(
                "The kit of {district} was saved as “{name}”. Give it to the "
                "district's facilitator.",
                district=district,
                name=path.name,
            )
        )
        message.open_button.hide()
        message.open()

    return run_task(
        parent,
        lambda p: write_kit(ws, district, target, p),
        title=_("District kit"),
        label=_("Making the kit of {district}…", district=district),
        on_done=done,
    )


def make_kit_interactively(parent: QWidget | None, ws: Workspace) -> Task | None:
    dialog = KitDialog(ws, parent)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        target = ask_kit_target(parent, ws, dialog.district_name())
        if target is not None:
            return start_kit(parent, ws, dialog.district_name(), target)
    return None
