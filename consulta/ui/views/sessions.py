"""Sessions (round tables): the list, and the selected one opened in the session workspace."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consulta.domain import model as m
from consulta.i18n import N_, _
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.session import SessionDialog
from consulta.ui.errors import attempt
from consulta.ui.icons import icon
from consulta.ui.models.records import SessionRow, SessionTableModel
from consulta.ui.views.base import SearchBar, View, make_table, selected_row


class SessionsView(View):
    title_key = N_("Sessions")
    icon_name = "sessions"
    tables = frozenset({"session", "district"})

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.stack = QStackedWidget()
        self.layout_.addWidget(self.stack, 1)
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(10)
        self.bar = SearchBar()
        self.status = QComboBox()
        self.district = QComboBox()
        self.open_button = QPushButton(icon("open-item"), "")
        self.open_button.setDefault(True)
        self.add_button = QPushButton(icon("add"), "")
        self.edit_button = QPushButton(icon("edit"), "")
        self.delete_button = QPushButton(icon("remove"), "")
        self.bar.add([self.status, self.district], 1)
        self.bar.add([self.open_button, self.add_button, self.edit_button, self.delete_button])
        box.addWidget(self.bar)
        self.model = SessionTableModel(self)
        self.table = make_table(self.model, stretch=2)
        for column, width in ((0, 110), (1, 110), (3, 160), (4, 200), (5, 110)):
            self.table.setColumnWidth(column, width)
        box.addWidget(self.table, 1)
        self.hint = QLabel()
        self.hint.setEnabled(False)
        box.addWidget(self.hint)
        self.stack.addWidget(page)
        self.workspace: QWidget | None = None

        self.bar.changed.connect(self.apply_search)
        self.status.currentIndexChanged.connect(self.apply_search)
        self.district.currentIndexChanged.connect(self.apply_search)
        self.open_button.clicked.connect(self.open_selected)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_(self.title_key))
        self.bar.search.setPlaceholderText(_("Search sessions"))
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(_("All statuses"), None)
        for status in m.SessionStatus:
            self.status.addItem(status.label, status.value)
        self.status.setCurrentIndex(max(self.status.findData(current), 0))
        self.status.blockSignals(False)
        if self.district.count():
            self.district.setItemText(0, _("All districts"))
        self.open_button.setText(_("Open"))
        self.add_button.setText(_("Plan…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete"))
        self.hint.setText(_("Double-click a session, or press Enter, to open it."))
        self.model.retranslate()

    def _fill_districts(self) -> None:
        current = self.district.currentData()
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(_("All districts"), None)
        for district in self.ws.districts.list():
            self.district.addItem(district.name, district.id)
        self.district.setCurrentIndex(max(self.district.findData(current), 0))
        self.district.blockSignals(False)

    def refresh(self) -> None:
        self._fill_districts()
        districts = {d.id: d.name for d in self.ws.districts.list()}
        rows = [
            SessionRow(s, districts.get(s.district_id or "", "")) for s in self.ws.sessions.list()
        ]
        current = self._current()
        self.model.set_records(rows)
        self.apply_search()
        if current:
            self.select(current.id)

    def apply_search(self) -> None:
        status = self.status.currentData()
        district = self.district.currentData()

        def wanted(row: SessionRow) -> bool:
            return (not status or row.session.status.value == status) and (
                not district or row.session.district_id == district
            )

        self.model.set_filter(self.bar.text, wanted if status or district else None)

    def _current(self) -> m.Session | None:
        row = selected_row(self.table)
        return self.model.record(row).session if row >= 0 else None

    def select(self, session_id: str) -> None:
        row = self.model.row_of(lambda r: r.session.id == session_id)
        if row >= 0:
            self.table.selectRow(row)

    def add(self) -> None:
        dialog = SessionDialog(self.ws, parent=self)
        if dialog.exec() and dialog.result_value is not None:
            self.select(dialog.result_value.id)

    def edit(self) -> None:
        session = self._current()
        if session:
            SessionDialog(self.ws, session, parent=self).exec()

    def delete(self) -> None:
        session = self._current()
        if session is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete session"),
            _(
                "Delete the session “{title}” with its agenda, attendance and positions? "
                "You can undo this with Edit ▸ Undo.",
                title=session.title,
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            attempt(self.ws.sessions.delete, session.id, parent=self)

    # -- the session workspace -------------------------------------------------------------

    def open_selected(self) -> None:
        session = self._current()
        if session:
            self.open_session(session.id)

    def open_session(self, session_id: str) -> None:
        self.close_session()
        try:
            from consulta.ui.views.session_workspace import SessionWorkspace
        except ImportError:
            self.workspace = QLabel(_("The session workspace is not available in this build."))
        else:
            workspace = SessionWorkspace(self.ws, session_id, self)
            workspace.closeRequested.connect(self.close_session)
            self.workspace = workspace
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.heading.hide()
        self.workspace.setFocus()

    def close_session(self) -> None:
        if self.workspace is None:
            return
        workspace, self.workspace = self.workspace, None
        self.stack.setCurrentIndex(0)
        self.heading.show()
        self.stack.removeWidget(workspace)
        for name in ("flush", "close_workspace"):  # commit notes still being typed
            method = getattr(workspace, name, None)
            if callable(method):
                method()
        workspace.deleteLater()
        self.refresh()

    def close_workspace(self) -> None:
        self.close_session()
