"""Positions: the guidelines discussed at the session and, for the chosen one, the sector ×
stance grid. Every choice is recorded at once through ``ws.positions.record``; a reason is
committed when Enter is pressed, when the field is left, or ~0.8 s after typing stops."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consulta.domain import model as m
from consulta.i18n import _
from consulta.services.workspace import Workspace
from consulta.ui.models.session_guidelines import DiscussedModel
from consulta.ui.views.session_common import GAP, SPACING, heading, icon, list_table, run
from consulta.ui.views.session_stances import StanceGrid, StanceRow

DEBOUNCE_MS = 800


class PositionsPanel(QWidget):
    changed = Signal()
    message = Signal(str)

    def __init__(self, ws: Workspace, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.session_id = session_id
        self.locked = False
        self.guideline_id: str | None = None
        self._added: list[str] = []  # chosen to discuss here, no position yet
        self._positions: dict[tuple[str, str], m.Position] = {}
        self._guidelines: list[m.Guideline] = []
        self._pending: StanceRow | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.commit_pending)
        self.model = DiscussedModel(self)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(GAP)

        left = QVBoxLayout()
        left.setSpacing(SPACING)
        self.list_title = heading()
        self.discussed = list_table(self.model, "discussedList", lines=2)
        self.list_title.setBuddy(self.discussed)
        self.pick_label = QLabel()
        self.pick = QComboBox()
        self.pick.setObjectName("guidelinePick")
        self.pick.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.pick.setMinimumContentsLength(16)
        self.pick_label.setBuddy(self.pick)
        self.discuss_button = QPushButton(icon("add"), "")
        self.discuss_button.clicked.connect(self.discuss_picked)
        pick_row = QHBoxLayout()
        pick_row.addStretch(1)
        pick_row.addWidget(self.discuss_button)
        left.addWidget(self.list_title)
        left.addWidget(self.discussed, 1)
        left.addWidget(self.pick_label)
        left.addWidget(self.pick)
        left.addLayout(pick_row)
        box = QWidget()
        box.setLayout(left)
        box.setMinimumWidth(190)
        box.setMaximumWidth(270)
        left.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box, 1)

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        right = QVBoxLayout(body)
        right.setContentsMargins(0, 0, SPACING, 0)
        right.setSpacing(SPACING)
        self.guideline_title = heading("", 1.0)
        self.guideline_title.setWordWrap(True)
        self.guideline_text = QLabel()
        self.guideline_text.setWordWrap(True)
        self.guideline_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setEnabled(False)  # the palette's quieter text colour
        self.grid = StanceGrid()
        right.addWidget(self.guideline_title)
        right.addWidget(self.guideline_text)
        right.addSpacing(SPACING)
        right.addWidget(self.grid)
        right.addWidget(self.help)
        right.addStretch(1)
        self.scroller.setWidget(body)
        layout.addWidget(self.scroller, 3)

        self.discussed.selectionModel().currentChanged.connect(self._current_changed)
        self.discussed.installEventFilter(self)
        self.pick.installEventFilter(self)
        self.retranslate()
        self.refresh()

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.list_title.setText(_("Guidelines disc&ussed"))
        self.pick_label.setText(_("Add a guideline to &discuss:"))
        self.pick.setPlaceholderText(_("Choose (type its code)…"))
        self.discuss_button.setText(_("Discuss"))
        self.discuss_button.setToolTip(_("Add the chosen guideline to this session (Enter)"))
        self.help.setText(
            _(
                "Arrows move between cells, Space or 1–4 choose a stance, Delete clears it. "
                "Enter in a reason goes to the next sector."
            )
        )
        self.grid.retranslate()
        self._show_guideline()
        self.model.layoutChanged.emit()

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._guidelines = self.ws.guidelines.list()
        positions = self.ws.positions.for_session(self.session_id)
        self._positions = {(p.guideline_id, p.sector_id): p for p in positions}
        with_positions = {p.guideline_id for p in positions}
        known = {g.id for g in self._guidelines}
        self._added = [g for g in self._added if g in known and g not in with_positions]
        shown = [g for g in self._guidelines if g.id in with_positions or g.id in self._added]
        counts: dict[str, int] = {}
        for p in positions:
            counts[p.guideline_id] = counts.get(p.guideline_id, 0) + 1
        sectors = self.ws.sectors.list()
        self.model.set_guidelines(shown, counts, len(sectors))
        rows = self.grid.set_sectors(sectors)
        for row in rows:
            if not row.wired:  # new rows: connect once
                row.wired = True
                row.chosen.connect(self._chosen)
                row.cleared.connect(self._cleared)
                row.note_done.connect(self._note_done)
                row.note_edited.connect(self._note_edited)
                row.tally_edited.connect(self._record)
            row.set_locked(self.locked)
        self.pick.blockSignals(True)
        picked = self.pick.currentData()
        self.pick.clear()
        for g in self._guidelines:
            if g.id not in self.model.ids():
                self.pick.addItem(_("{code}  {title}", code=g.code, title=g.title), g.id)
        self.pick.setCurrentIndex(self.pick.findData(picked) if picked else -1)
        self.pick.blockSignals(False)
        if self.guideline_id not in self.model.ids():
            self.guideline_id = None
        if self.guideline_id is None and shown:
            self._select(shown[0].id)
        else:
            self._select(self.guideline_id)
            self._show_guideline()
        self._update_enabled()

    def guideline_count(self) -> int:
        return self.model.rowCount()

    def set_locked(self, locked: bool) -> None:
        if locked:
            self.commit_pending()
        self.locked = locked
        for row in self.grid.rows:
            row.set_locked(locked)
        self._update_enabled()

    def _update_enabled(self) -> None:
        editable = not self.locked
        self.pick.setEnabled(editable and self.pick.count() > 0)
        self.discuss_button.setEnabled(editable and self.pick.count() > 0)
        self.grid.setVisible(self.guideline_id is not None)
        self.help.setVisible(self.guideline_id is not None and editable)

    def _select(self, guideline_id: str | None) -> None:
        row = self.model.row_of(guideline_id) if guideline_id else -1
        if row < 0:
            return
        index = self.model.index(row)
        if self.discussed.currentIndex() != index:
            self.discussed.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.commit_pending()
        self.guideline_id = self.model.guideline(current.row()).id if current.isValid() else None
        for row in self.grid.rows:
            row.note.setModified(False)
        self._show_guideline(fresh=True)
        self._update_enabled()

    def _show_guideline(self, fresh: bool = False) -> None:
        if self.guideline_id is None:
            self.guideline_title.setText(_("No guideline discussed yet"))
            self.guideline_text.setText(
                _(
                    "Choose a guideline below the list and press Discuss "
                    "to record the sectors' positions."
                )
            )
            return
        g = next((x for x in self._guidelines if x.id == self.guideline_id), None)
        if g is None:
            return
        self.guideline_title.setText(_("{code}  {title}", code=g.code, title=g.title))
        self.guideline_text.setText(g.text)
        self.guideline_text.setVisible(bool(g.text))
        for row in self.grid.rows:
            row.load(self._positions.get((g.id, row.sector.id)), fresh)

    # -- recording -------------------------------------------------------------------------

    def discuss_picked(self) -> None:
        guideline_id = self.pick.currentData()
        if self.locked or not guideline_id:
            return
        if guideline_id not in self._added:
            self._added.append(guideline_id)
        self.refresh()
        self._select(str(guideline_id))
        self.grid.focus_row(0)

    def _record(self, row: StanceRow) -> None:
        stance = row.stance()
        guideline_id = self.guideline_id
        if self.locked or stance is None or guideline_id is None:
            return
        note, votes = row.note.text(), row.tally()
        existing = row.existing
        if existing and (existing.stance, existing.note, existing.votes) == (stance, note, votes):
            row.note.setModified(False)
            return
        recorded: list[m.Position] = []
        ok = run(
            self,
            lambda: recorded.append(
                self.ws.positions.record(
                    guideline_id, self.session_id, row.sector.id, stance, note, votes
                )
            ),
        )
        row.note.setModified(False)
        if ok:
            self._positions[(guideline_id, row.sector.id)] = recorded[0]
            row.load(recorded[0])
            self.changed.emit()
        else:
            row.load(existing)

    def _chosen(self, row: StanceRow) -> None:
        self._record(row)
        stance = row.stance()
        if stance is not None and stance.needs_reason and not row.note.text().strip():
            row.note.setFocus(Qt.FocusReason.OtherFocusReason)
            self.message.emit(_("{sector}: why? A reason is recommended.", sector=row.sector.name))

    def _cleared(self, row: StanceRow) -> None:
        existing = row.existing
        if self.locked or existing is None:
            return
        if run(self, lambda: self.ws.positions.delete(existing.id)):
            self._positions.pop((existing.guideline_id, row.sector.id), None)
            row.note.setModified(False)
            row.load(None)
            self.changed.emit()

    def _note_edited(self, row: StanceRow) -> None:
        if self._pending is not None and self._pending is not row:
            self.commit_pending()
        self._pending = row
        self._timer.start()

    def _note_done(self, row: StanceRow) -> None:
        if self._pending is row:
            self._timer.stop()
            self._pending = None
        if row.note.isModified():
            self._record(row)

    def commit_pending(self) -> None:
        self._timer.stop()
        row, self._pending = self._pending, None
        if row is not None and row.note.isModified():
            self._record(row)

    def hideEvent(self, event: object) -> None:
        self.commit_pending()
        super().hideEvent(event)  # type: ignore[arg-type]

    def focus_first(self) -> None:
        if self.guideline_id is not None and self.grid.rows and not self.locked:
            self.grid.focus_row(0)
        elif self.model.rowCount():
            self.discussed.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.pick.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if watched is self.pick and enter:
                self.discuss_picked()
                return True
            if watched is self.discussed and enter and self.guideline_id is not None:
                self.grid.focus_row(0)
                return True
        return super().eventFilter(watched, event)
