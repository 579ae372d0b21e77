"""About Consulta: what it is, and the versions to quote in a bug report."""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from consulta import __version__
from consulta.i18n import _
from consulta.ui.icons import app_icon


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        import PySide6

        super().__init__(parent)
        self.setWindowTitle(_("About Consulta"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(logo)
        name = QLabel(f"<h2>Consulta {__version__}</h2>")
        name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(name)
        text = QLabel(
            _(
                "Multi-stakeholder consultations for municipalities: round tables, minutes, "
                "and the evidence of a policy's legitimacy."
            )
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text)
        self.versions = QLabel(
            _(
                "Qt {qt} · PySide6 {pyside} · Python {python}",
                qt=qVersion(),
                pyside=PySide6.__version__,
                python=platform.python_version(),
            )
        )
        self.versions.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.versions)
        licence = QLabel(_("Free software under the GNU GPL, version 3 or later."))
        licence.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(licence)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
