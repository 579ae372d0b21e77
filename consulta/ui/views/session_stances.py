"""The sector × stance grid of one guideline: a row per sector with four radio buttons, a
reason, and an optional show-of-hands tally behind a "Tally…" toggle.

Keyboard: arrows move between cells (without choosing), Space or 1–4 choose a stance, Delete
clears the sector's position. Choosing reservations or opposition moves the focus to the
reason field ("Why? (recommended)"); a gentle warning icon stays while it is empty.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from consulta.domain import model as m
from consulta.i18n import _
from consulta.ui.views.session_common import SPACING, icon, warning_colours

STANCES: tuple[m.Stance, ...] = (
    m.Stance.SUPPORT,
    m.Stance.SUPPORT_WITH_RESERVATIONS,
    m.Stance.OPPOSE,
    m.Stance.ABSTAIN,
)
_NUMBER_KEYS = {
    int(Qt.Key.Key_1): 0,
    int(Qt.Key.Key_2): 1,
    int(Qt.Key.Key_3): 2,
    int(Qt.Key.Key_4): 3,
}
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class StanceRow(QObject):
    """The widgets of one sector's row (they live in the grid's layout)."""

    chosen = Signal(object)  # the row: a stance was chosen by Space, a click or 1–4
    cleared = Signal(object)
    note_done = Signal(object)  # Enter or focus left the reason field
    note_edited = Signal(object)
    tally_edited = Signal(object)

    def __init__(self, sector: m.Sector, parent: QWidget) -> None:
        super().__init__(parent)
        self.sector = sector
        self.name = QLabel(sector.name, parent)
        self.name.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        for number, _stance in enumerate(STANCES):
            radio = QRadioButton(parent)
            radio.setObjectName(f"stance_{sector.id}_{number}")
            self.group.addButton(radio, number)
            self.radios.append(radio)
        self.group.idClicked.connect(lambda _id: self.chosen.emit(self))
        self.warn = QLabel(parent)
        self.warn.setPixmap(
            icon("warning", warning_colours(parent.palette())[1].name()).pixmap(16, 16)
        )
        self.warn.setFixedWidth(18)
        self.note = QLineEdit(parent)
        self.note.setObjectName(f"note_{sector.id}")
        self.note.setMinimumWidth(140)
        self.note.textEdited.connect(lambda _t: self._note_edited())
        self.note_view = QLabel(parent)  # the reason as read-only minutes show it
        self.note_view.setWordWrap(True)
        self.note_view.setTextFormat(Qt.TextFormat.RichText)
        self.note_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_view.hide()
        self.note.installEventFilter(self)
        self.tally_button = QToolButton(parent)
        self.tally_button.setCheckable(True)
        self.tally_button.toggled.connect(self._toggle_tally)
        self.tally_box = QWidget(parent)
        box = QHBoxLayout(self.tally_box)
        box.setContentsMargins(0, 0, 0, SPACING)
        box.setSpacing(SPACING)
        self.spin_labels: list[QLabel] = []
        self.spins: list[QSpinBox] = []
        for number, _stance in enumerate(STANCES):
            label = QLabel(self.tally_box)
            spin = QSpinBox(self.tally_box)
            spin.setObjectName(f"tally_{sector.id}_{number}")
            spin.setRange(0, 100_000)
            spin.setAccelerated(True)
            spin.editingFinished.connect(lambda: self.tally_edited.emit(self))
            label.setBuddy(spin)
            box.addWidget(label)
            box.addWidget(spin)
            self.spin_labels.append(label)
            self.spins.append(spin)
        box.addStretch(1)
        self.tally_box.hide()
        for radio in self.radios:
            radio.installEventFilter(self)
        self.locked = False
        self.wired = False  # connected to the panel
        self._existing: m.Position | None = None

    # -- state -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        for radio, stance in zip(self.radios, STANCES, strict=True):
            radio.setAccessibleName(
                _("{sector}: {stance}", sector=self.sector.name, stance=stance.label)
            )
            radio.setToolTip(radio.accessibleName())
        for label, stance in zip(self.spin_labels, STANCES, strict=True):
            label.setText(stance.label)
        self.warn.setToolTip(_("A reason is recommended for reservations and opposition."))
        self.note.setAccessibleName(_("Reason of {sector}", sector=self.sector.name))
        self.tally_button.setToolTip(_("Show of hands: how many supported, opposed…"))
        self._update_hints()

    def stance(self) -> m.Stance | None:
        number = self.group.checkedId()
        return STANCES[number] if number >= 0 else None

    def tally(self) -> m.Tally | None:
        values = [spin.value() for spin in self.spins]
        if not any(values):
            return None
        return m.Tally(*values)

    @property
    def existing(self) -> m.Position | None:
        return self._existing

    def load(self, position: m.Position | None, fresh: bool = False) -> None:
        """Show a recorded position (a reason being typed is left alone). ``fresh``: another
        guideline is shown, so the tally box opens only where a tally was recorded."""
        self._existing = position
        stance = position.stance if position else None
        if stance != self.stance():
            self.group.setExclusive(False)
            for radio, value in zip(self.radios, STANCES, strict=True):
                radio.setChecked(value is stance)
            self.group.setExclusive(True)
        if not self.note.isModified():
            text = position.note if position else ""
            if self.note.text() != text:
                self.note.setText(text)
                self.note.setCursorPosition(0)

        votes = position.votes if position else None
        if not any(spin.hasFocus() for spin in self.spins):
            values = list(votes.as_dict().values()) if votes else [0, 0, 0, 0]
            for spin, count in zip(self.spins, values, strict=True):
                spin.blockSignals(True)
                spin.setValue(count)
                spin.blockSignals(False)
        if fresh or votes is not None:
            self.tally_button.setChecked(votes is not None)
        self._update_hints()

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self.note.setVisible(not locked)
        self.note_view.setVisible(locked)
        for radio in self.radios:
            radio.setEnabled(not locked)
        self._update_hints()

    def _update_hints(self) -> None:
        stance = self.stance()
        needs = stance is not None and stance.needs_reason
        self.note.setEnabled(stance is not None and not self.locked)
        self.note.setToolTip(self.note.text())
        self.note.setPlaceholderText(_("Why? (recommended)") if needs else _("Note (optional)"))
        self.warn.setVisible(needs and not self.note.text().strip())
        self._show_view()
        votes = self.tally()
        self.tally_button.setText(_("Tally ({n})", n=votes.total) if votes else _("Tally…"))
        self.tally_button.setVisible(not self.locked or votes is not None)
        for spin in self.spins:
            spin.setEnabled(stance is not None and not self.locked)

    def _show_view(self) -> None:
        """The locked row as minutes read: the stance in words (not only a dimmed radio)."""
        stance = self.stance()
        if stance is None:
            self.note_view.setText("—")
            return
        note = html.escape(self.note.text().strip())
        label = html.escape(stance.label)
        self.note_view.setText(
            _("<b>{stance}</b>: {note}", stance=label, note=note) if note else f"<b>{label}</b>"
        )

    def _note_edited(self) -> None:
        self._update_hints()
        self.note_edited.emit(self)

    def _toggle_tally(self, on: bool) -> None:
        self.tally_box.setVisible(on)
        if on and self.tally_button.hasFocus() and self.spins[0].isEnabled():
            self.spins[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_cell(self, column: int | None = None) -> None:
        """Focus a radio: ``column``, else the chosen stance, else the first."""
        if column is None:
            column = max(0, self.group.checkedId())
        self.radios[max(0, min(3, column))].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched is self.note:
            self.note_done.emit(self)
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.note:
            if key in _ENTER:
                self.note_done.emit(self)
                grid = self.parent()
                if isinstance(grid, StanceGrid):
                    grid.focus_row(grid.rows.index(self) + 1)
                return True
            return False
        if watched in self.radios and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            column = next(i for i, radio in enumerate(self.radios) if radio is watched)
            grid = self.parent()
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.focus_cell(column + (1 if key == Qt.Key.Key_Right else -1))
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and isinstance(grid, StanceGrid):
                grid.focus_row(
                    grid.rows.index(self) + (1 if key == Qt.Key.Key_Down else -1), column
                )
                return True
            if int(key) in _NUMBER_KEYS and not self.locked:
                self.radios[_NUMBER_KEYS[int(key)]].click()
                return True
            if key in _ENTER and not self.locked:
                self.radios[column].click()
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self.locked:
                self.cleared.emit(self)
                return True
        return False


class StanceGrid(QWidget):
    """Rows of sectors, columns of stances; the rows are ``StanceRow``s."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[StanceRow] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(SPACING + 2)
        self.grid.setVerticalSpacing(SPACING)
        self.headers: list[QLabel] = []
        self.sector_header = QLabel(self)
        self.note_header = QLabel(self)
        self._sector_ids: list[str] = []

    def set_sectors(self, sectors: list[m.Sector]) -> list[StanceRow]:
        """(Re)build the rows when the sectors changed; returns the rows."""
        if [s.id for s in sectors] == self._sector_ids:
            return self.rows
        for row in self.rows:
            for widget in (
                row.name,
                *row.radios,
                row.warn,
                row.note,
                row.tally_button,
                row.tally_box,
            ):
                widget.deleteLater()
            row.deleteLater()
        for label in self.headers:
            label.deleteLater()
        self.headers = []
        self.rows = []
        self._sector_ids = [s.id for s in sectors]
        bold = self.sector_header.font()
        bold.setBold(True)
        self.sector_header.setFont(bold)
        self.note_header.setFont(bold)
        self.grid.addWidget(self.sector_header, 0, 0)
        for column, _stance in enumerate(STANCES, start=1):
            label = QLabel(self)
            label.setFont(bold)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumWidth(76)
            self.grid.addWidget(label, 0, column)
            self.headers.append(label)
        self.grid.addWidget(self.note_header, 0, 6)
        for number, sector in enumerate(sectors):
            row = StanceRow(sector, self)
            line = 1 + number * 2
            self.grid.addWidget(row.name, line, 0)
            for column, radio in enumerate(row.radios, start=1):
                self.grid.addWidget(radio, line, column, Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(row.warn, line, 5)
            self.grid.addWidget(row.note, line, 6)
            self.grid.addWidget(row.note_view, line, 6)
            self.grid.addWidget(row.tally_button, line, 7)
            self.grid.addWidget(row.tally_box, line + 1, 1, 1, 7)
            self.rows.append(row)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(6, 5)
        self.grid.setColumnMinimumWidth(0, 130)
        self.grid.setRowStretch(1 + len(sectors) * 2, 1)
        self.retranslate()
        return self.rows

    def retranslate(self) -> None:
        self.sector_header.setText(_("Sector"))
        self.note_header.setText(_("Reason or note"))
        for label, stance in zip(self.headers, STANCES, strict=False):
            label.setText(
                _("{number}  {stance}", number=STANCES.index(stance) + 1, stance=stance.label)
            )
        for row in self.rows:
            row.retranslate()

    def focus_row(self, index: int, column: int | None = None) -> None:
        if 0 <= index < len(self.rows):
            self.rows[index].focus_cell(column)
