"""Check-in: type-ahead search (Enter checks in), newcomers, those present, sectors present.

Keyboard: type a name; Up/Down move the highlight while the focus stays in the search field;
Enter checks the highlighted person in; when nobody matches, Enter (or Ctrl+N at any time)
opens the new-participant form with the typed name. Delete checks out the person selected in
the "Present" list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consulta.domain import model as m
from consulta.i18n import _, n_
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.session_newcomer import NewcomerForm
from consulta.ui.models.session_people import (
    Names,
    ParticipantSearchModel,
    PresentModel,
    SectorCountModel,
)
from consulta.ui.views.session_common import (
    GAP,
    SPACING,
    heading,
    icon,
    keys,
    people_table,
    run,
    with_keys,
)

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_DELETE = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class CheckInPanel(QWidget):
    changed = Signal()
    message = Signal(str)

    def __init__(self, ws: Workspace, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.session_id = session_id
        self.locked = False
        self.names = Names(ws)
        self.names.reload()
        self.search_model = ParticipantSearchModel(ws, self.names, self)
        self.present_model = PresentModel(self.names, self)
        self.count_model = SectorCountModel(self)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(GAP)

        # -- search and newcomers ---------------------------------------------------------
        left = QVBoxLayout()
        left.setSpacing(SPACING)
        self.search_title = heading()
        self.search = QLineEdit()
        self.search.setObjectName("checkInSearch")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._search_changed)
        self.search_title.setBuddy(self.search)
        self.results = people_table(self.search_model, "checkInResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.doubleClicked.connect(lambda index: self.check_in_row(index.row()))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(self.hint.foregroundRole())
        self.newcomer = NewcomerForm()
        self.newcomer.hide()
        self.newcomer.submitted.connect(self._add_newcomer)
        self.newcomer.cancelled.connect(self._close_newcomer)
        self.new_button = QPushButton(icon("add"), "")
        self.new_button.clicked.connect(self.open_newcomer)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.new_button)
        left.addWidget(self.search_title)
        left.addWidget(self.search)
        left.addWidget(self.newcomer)  # under the search; the matches stay visible (duplicates)
        left.addWidget(self.results, 1)
        left.addLayout(row)
        layout.addLayout(left, 6)

        # -- present ----------------------------------------------------------------------
        middle = QVBoxLayout()
        middle.setSpacing(SPACING)
        self.present_title = heading()
        self.present = people_table(self.present_model, "presentList")
        self.present_title.setBuddy(self.present)
        self.check_out_button = QPushButton(icon("remove"), "")
        self.check_out_button.clicked.connect(self.check_out_current)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_out_button)
        middle.addWidget(self.present_title)
        middle.addWidget(self.present, 1)
        middle.addLayout(buttons)
        layout.addLayout(middle, 4)

        # -- sectors ----------------------------------------------------------------------
        right = QVBoxLayout()
        right.setSpacing(SPACING)
        self.sectors_title = heading()
        self.sectors_summary = QLabel()
        self.sectors_summary.setWordWrap(True)
        self.sectors = QTableView()
        self.sectors.setObjectName("sectorCounts")
        self.sectors.setModel(self.count_model)
        self.sectors.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sectors.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.sectors.setWordWrap(True)
        self.sectors.verticalHeader().hide()
        self.sectors.setShowGrid(False)
        header = self.sectors.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.sectors.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        right.addWidget(self.sectors_title)
        right.addWidget(self.sectors_summary)
        right.addWidget(self.sectors, 1)
        layout.addLayout(right, 3)

        self.present.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.search.installEventFilter(self)
        self.present.installEventFilter(self)
        self.retranslate()
        self.refresh()

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search_title.setText(_("F&ind a participant"))
        self.search.setPlaceholderText(_("Type a name or e-mail, then Enter to check in"))
        self.search.setToolTip(
            _(
                "Up/Down choose, Enter checks in, {new} adds someone new, Esc clears",
                new=keys("Ctrl+N"),
            )
        )
        self.new_button.setText(_("New participant…"))
        self.new_button.setToolTip(with_keys(_("Add someone who is not in the list yet"), "Ctrl+N"))
        self.check_out_button.setText(_("Check out"))
        self.check_out_button.setToolTip(with_keys(_("Check out the selected person"), "Del"))
        self.sectors_title.setText(_("Sectors present"))
        self.newcomer.retranslate()
        self.search_model.layoutChanged.emit()
        self.count_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
        self._update_texts()

    def _update_texts(self) -> None:
        count = self.present_model.rowCount()
        self.present_title.setText(n_("P&resent: {n} person", "P&resent: {n} people", count))
        counted = len(self.count_model.counted())
        absent = self.count_model.absent()
        if absent:
            self.sectors_summary.setText(
                _(
                    "{present} of {total} sectors present; missing: {names}.",
                    present=counted - len(absent),
                    total=counted,
                    names=", ".join(s.name for s in absent),
                )
            )
        else:
            self.sectors_summary.setText(_("Every sector is present."))
        query = self.search_model.query.strip()
        shown = self.search_model.rowCount()
        if self.locked:
            self.hint.setText(_("The minutes are locked: check-in is closed."))
        elif not self.newcomer.isHidden():
            self.hint.setText(_("Enter adds and checks in; Esc goes back to the search."))
        elif not query:
            self.hint.setText(_("Type at least one letter of a name."))
        elif not shown:
            self.hint.setText(
                _(
                    "Nobody matches “{text}”. Press Enter to add them as a new participant.",
                    text=query,
                )
            )
        elif self.search_model.total > shown:
            self.hint.setText(
                _(
                    "Showing the first {shown} of {total}: keep typing to narrow.",
                    shown=shown,
                    total=self.search_model.total,
                )
            )
        else:
            self.hint.setText(n_("{n} match", "{n} matches", shown))

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.names.reload()
        people = self.ws.attendance.present(self.session_id)
        current = self._current_present_id()
        self.present_model.set_people(people)
        ids = self.present_model.ids()
        self.search_model.set_present(ids)
        counts: dict[str, int] = {}
        for person in people:
            counts[person.sector_id] = counts.get(person.sector_id, 0) + 1
        self.count_model.set_counts(self.ws.sectors.list(), counts)
        if current:
            self._select_present(current)
        self._update_texts()
        self._update_buttons()

    def present_count(self) -> int:
        return self.present_model.rowCount()

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        for widget in (self.search, self.new_button, self.results):
            widget.setEnabled(not locked)
        if locked:
            self._close_newcomer()
        self._update_buttons()
        self._update_texts()

    def _update_buttons(self) -> None:
        self.check_out_button.setEnabled(not self.locked and self.present.currentIndex().isValid())

    def focus_search(self) -> None:
        if self.newcomer.isVisible():
            self.newcomer.name.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif self.locked:
            self.present.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()

    # -- search ----------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.search_model.search(text)
        row = self.search_model.first_absent()
        if row >= 0:
            self._highlight(row)
        self._update_texts()

    def _move_highlight(self, step: int) -> None:
        rows = self.search_model.rowCount()
        if not rows:
            return
        self._highlight(max(0, min(rows - 1, self.results.currentIndex().row() + step)))

    def _highlight(self, row: int) -> None:
        index = self.search_model.index(row, 0)
        self.results.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.results.scrollTo(index)

    def _enter(self) -> None:
        if self.search_model.query != self.search.text():
            self._search_changed(self.search.text())
        row = self.results.currentIndex().row()
        if row >= 0:
            self.check_in_row(row)
        elif self.search.text().strip():
            self.open_newcomer()

    def check_in_row(self, row: int) -> None:
        if self.locked or row < 0:
            return
        person = self.search_model.participant(row)
        if self.search_model.is_present(row):
            self.message.emit(_("{name} is already checked in.", name=person.name))
            self._after_check_in(person)
            return
        if run(self, lambda: self.ws.attendance.check_in(self.session_id, person.id)):
            self.message.emit(_("{name} checked in.", name=person.name))
            self.refresh()
            self._after_check_in(person)
            self.changed.emit()

    def _after_check_in(self, person: m.Participant) -> None:
        self.search.clear()
        self._select_present(person.id)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- newcomers -------------------------------------------------------------------------

    def open_newcomer(self) -> None:
        if self.locked:
            return
        organisations: dict[str, list[str]] = {}
        sectors = self.ws.sectors.list()
        for sector in sectors:
            organisations[sector.id] = [o.name for o in self.ws.organisations.list(sector.id)]
        self.newcomer.start(self.search.text(), sectors, organisations)
        self._update_texts()

    def _close_newcomer(self) -> None:
        self.newcomer.hide()
        self._update_texts()
        if not self.locked:
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_newcomer(self, name: str, sector_id: str, organisation: str) -> None:
        created: list[m.Participant] = []

        def add() -> None:
            with self.ws.history.group(_("Add and check in {name}", name=name)):
                organisation_id = None
                if organisation:
                    organisation_id = self.ws.organisations.find_or_create(
                        organisation, sector_id
                    ).id
                person = self.ws.participants.create(
                    m.Participant(name=name, sector_id=sector_id, organisation_id=organisation_id)
                )
                created.append(person)
                self.ws.attendance.check_in(self.session_id, person.id)

        ok = run(self, add)
        if created:
            self.changed.emit()
        if ok:
            self.message.emit(_("{name} added and checked in.", name=name))
            self.newcomer.hide()
            self.refresh()
            self._after_check_in(created[0])

    # -- present ---------------------------------------------------------------------------

    def _current_present_id(self) -> str | None:
        row = self.present.currentIndex().row()
        return self.present_model.participant(row).id if row >= 0 else None

    def _select_present(self, participant_id: str) -> None:
        row = self.present_model.row_of(participant_id)
        if row >= 0:
            index = self.present_model.index(row, 0)
            self.present.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.present.scrollTo(index)

    def check_out_current(self) -> None:
        row = self.present.currentIndex().row()
        if self.locked or row < 0:
            return
        person = self.present_model.participant(row)
        if run(self, lambda: self.ws.attendance.check_out(self.session_id, person.id)):
            self.message.emit(_("{name} checked out.", name=person.name))
            self.refresh()
            rows = self.present_model.rowCount()
            if rows:
                self._select_present(self.present_model.participant(min(row, rows - 1)).id)
            self.changed.emit()

    # -- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.search and isinstance(event, QKeyEvent):
            ctrl_n = (
                event.key() == Qt.Key.Key_N
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            )
            escape = event.key() == Qt.Key.Key_Escape and bool(self.search.text())
            if kind == QEvent.Type.ShortcutOverride and (ctrl_n or escape):
                event.accept()  # ours while typing here, not the window's File ▸ New
                return True
            if kind == QEvent.Type.KeyPress:
                return self._search_key(event, bool(ctrl_n), escape)
        is_key = isinstance(event, QKeyEvent) and kind == QEvent.Type.KeyPress
        if watched is self.present and is_key and event.key() in _DELETE:  # type: ignore[attr-defined]
            self.check_out_current()
            return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent, ctrl_n: bool, escape: bool) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Down:
            self._move_highlight(1)
        elif key == Qt.Key.Key_Up:
            self._move_highlight(-1)
        elif key == Qt.Key.Key_PageDown:
            self._move_highlight(10)
        elif key == Qt.Key.Key_PageUp:
            self._move_highlight(-10)
        elif key in _ENTER:
            self._enter()
        elif ctrl_n:
            self.open_newcomer()
        elif escape:
            self.search.clear()
        else:
            return False
        return True
