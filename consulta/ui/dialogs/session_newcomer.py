"""The inline "new participant" form of the check-in: name, sector, optional organisation.

Shown under the search field when nobody matches (Enter) or on Ctrl+N; Enter in any field
adds the person and checks them in, Escape goes back to the search. No mouse needed: the
sector list selects by typing its first letters.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consulta.domain import model as m
from consulta.i18n import _
from consulta.ui.views.session_common import SPACING, heading, icon, warning_colours


class NewcomerForm(QFrame):
    """Emits ``submitted(name, sector_id, organisation)``; ``cancelled`` on Escape."""

    submitted = Signal(str, str, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newcomerForm")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._organisations: dict[str, list[str]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING + 2, SPACING, SPACING + 2, SPACING)
        layout.setSpacing(SPACING)
        self.title = heading("", 0.5)
        layout.addWidget(self.title)
        form = QFormLayout()
        form.setSpacing(SPACING)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.sector = QComboBox()
        self.sector.setMinimumContentsLength(18)
        self.sector.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.organisation = QLineEdit()
        self.organisation.setClearButtonEnabled(True)
        self._completion = QStringListModel(self)
        completer = QCompleter(self._completion, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organisation.setCompleter(completer)
        self.name_label, self.sector_label, self.organisation_label = QLabel(), QLabel(), QLabel()
        for label, field in (
            (self.name_label, self.name),
            (self.sector_label, self.sector),
            (self.organisation_label, self.organisation),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
            field.installEventFilter(self)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self.add_button = QPushButton(icon("add"), "")
        self.add_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.add_button)
        layout.addLayout(buttons)
        self.sector.currentIndexChanged.connect(self._sector_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("New participant"))
        self.name_label.setText(_("&Name:"))
        self.sector_label.setText(_("Sec&tor:"))
        self.organisation_label.setText(_("Organis&ation:"))
        self.name.setPlaceholderText(_("Full name"))
        self.sector.setPlaceholderText(_("Type to choose a sector…"))
        self.organisation.setPlaceholderText(_("Optional"))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setToolTip(_("Back to the search (Esc)"))
        self.add_button.setText(_("Add and check in"))
        self.add_button.setToolTip(_("Add this person and check them in (Enter)"))

    def start(
        self, name: str, sectors: list[m.Sector], organisations: dict[str, list[str]]
    ) -> None:
        """Show the form with ``name`` filled in; focus goes to what is still missing."""
        self._organisations = organisations
        self.sector.blockSignals(True)
        self.sector.clear()
        for sector in sectors:
            self.sector.addItem(sector.name, sector.id)
        self.sector.setCurrentIndex(-1)
        self.sector.blockSignals(False)
        self.name.setText(name.strip())
        self.organisation.clear()
        self.problem.hide()
        self.show()
        (self.sector if self.name.text() else self.name).setFocus(Qt.FocusReason.OtherFocusReason)

    def _sector_changed(self, _index: int) -> None:
        sector_id = self.sector.currentData()
        self._completion.setStringList(self._organisations.get(sector_id or "", []))

    def _complain(self, text: str, field: QWidget) -> None:
        background, colour = warning_colours(self.palette())
        self.problem.setStyleSheet(
            f"color: {colour.name()}; background: {background.name()}; padding: 4px;"
        )
        self.problem.setText(text)
        self.problem.show()
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        name = self.name.text().strip()
        if not name:
            self._complain(_("Type the person's name."), self.name)
            return
        if self.sector.currentIndex() < 0:
            self._complain(_("Choose the person's sector: type its first letters."), self.sector)
            return
        self.problem.hide()
        self.submitted.emit(name, str(self.sector.currentData()), self.organisation.text().strip())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            popup = self.organisation.completer().popup()
            if watched is self.organisation and popup is not None and popup.isVisible():
                return False
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.submit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.cancelled.emit()
                return True
        return super().eventFilter(watched, event)
