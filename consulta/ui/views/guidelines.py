"""Guidelines: the list (code, title, axis, status, level, consensus) and a detail with the
text and the history of positions taken on it across sessions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from consulta.domain import model as m
from consulta.i18n import N_, _
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.guideline import GuidelineDialog
from consulta.ui.errors import attempt
from consulta.ui.icons import icon
from consulta.ui.models.records import (
    GuidelineRow,
    GuidelineTableModel,
    PositionHistoryModel,
    PositionRow,
)
from consulta.ui.views.base import SearchBar, View, make_table, selected_row


def level_text(figures: Any) -> str:
    from consulta.legitimacy import level_label

    return level_label(figures.level)


class GuidelinesView(View):
    title_key = N_("Guidelines")
    icon_name = "guidelines"
    tables = frozenset({"guideline", "position", "session", "sector"})

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.report: Any = None
        self.bar = SearchBar()
        self.status = QComboBox()
        self.add_button = QPushButton(icon("add"), "")
        self.edit_button = QPushButton(icon("edit"), "")
        self.delete_button = QPushButton(icon("remove"), "")
        self.bar.add([self.status], 1)
        self.bar.add([self.add_button, self.edit_button, self.delete_button])
        self.layout_.addWidget(self.bar)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = GuidelineTableModel(self)
        self.table = make_table(self.model, stretch=1)
        for column, width in ((0, 70), (2, 170), (3, 130), (4, 190), (5, 95)):
            self.table.setColumnWidth(column, width)
        self.splitter.addWidget(self.table)

        self.detail = QWidget()
        box = QVBoxLayout(self.detail)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(6)
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        font = self.detail_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.detail_title.setFont(font)
        box.addWidget(self.detail_title)
        self.detail_meta = QLabel()
        self.detail_meta.setWordWrap(True)
        box.addWidget(self.detail_meta)
        inner = QSplitter(Qt.Orientation.Horizontal)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        inner.addWidget(self.text)
        history = QWidget()
        hbox = QVBoxLayout(history)
        hbox.setContentsMargins(0, 0, 0, 0)
        self.history_label = QLabel()
        hbox.addWidget(self.history_label)
        self.history = PositionHistoryModel(self)
        self.history_table = make_table(self.history, stretch=4)
        for column, width in ((0, 90), (1, 150), (2, 140), (3, 130), (5, 90)):
            self.history_table.setColumnWidth(column, width)
        hbox.addWidget(self.history_table, 1)
        inner.addWidget(history)
        inner.setSizes([280, 760])
        box.addWidget(inner, 1)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([300, 300])
        self.layout_.addWidget(self.splitter, 1)

        self.bar.changed.connect(self.apply_search)
        self.status.currentIndexChanged.connect(self.apply_search)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.show_detail())
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_(self.title_key))
        self.bar.search.setPlaceholderText(_("Search guidelines"))
        current = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(_("All statuses"), None)
        for status in m.GuidelineStatus:
            self.status.addItem(status.label, status.value)
        self.status.setCurrentIndex(max(self.status.findData(current), 0))
        self.status.blockSignals(False)
        self.add_button.setText(_("Add…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete"))
        self.history_label.setText(_("Positions taken on it, session by session"))
        self.model.retranslate()
        self.history.retranslate()
        if self.report is not None:
            self.set_report(self.report)
        else:
            self.show_detail()

    def set_report(self, report: Any) -> None:
        """New legitimacy figures: fill the level and consensus columns."""
        self.report = report
        self.refresh()

    def _rows(self) -> list[GuidelineRow]:
        figures = (
            {f.guideline.id: f for f in self.report.guidelines} if self.report is not None else {}
        )
        rows = []
        for guideline in self.ws.guidelines.list():
            f = figures.get(guideline.id)
            if f is None:
                rows.append(GuidelineRow(guideline))
            else:
                rows.append(GuidelineRow(guideline, level_text(f), f.consensus, len(f.warnings)))
        return rows

    def refresh(self) -> None:
        current = self.current()
        self.model.set_records(self._rows())
        self.apply_search()
        if current is not None:
            self.select(current.id)
        self.show_detail()

    def apply_search(self) -> None:
        status = self.status.currentData()
        self.model.set_filter(
            self.bar.text, (lambda r: r.guideline.status.value == status) if status else None
        )

    def current(self) -> m.Guideline | None:
        row = selected_row(self.table)
        return self.model.record(row).guideline if row >= 0 else None

    def select(self, guideline_id: str) -> None:
        row = self.model.row_of(lambda r: r.guideline.id == guideline_id)
        if row >= 0:
            self.table.selectRow(row)

    def show_detail(self) -> None:
        row = selected_row(self.table)
        if row < 0:
            self.detail_title.setText(_("Select a guideline to see its text and history."))
            self.detail_meta.setText("")
            self.text.clear()
            self.history.set_records([])
            return
        record = self.model.record(row)
        g = record.guideline
        self.detail_title.setText(f"{g.code} · {g.title}")
        meta = [_("Status: {status}", status=g.status.label)]
        if g.axis:
            meta.append(_("Axis: {axis}", axis=g.axis))
        if record.level:
            meta.append(_("Level: {level}", level=record.level))
        self.detail_meta.setText("   ·   ".join(meta))
        self.text.setPlainText(g.text or _("(no text yet)"))
        sessions = {s.id: s for s in self.ws.sessions.list()}
        sectors = {s.id: s.name for s in self.ws.sectors.list()}
        self.history.set_records(
            [
                PositionRow(p, sessions.get(p.session_id), sectors.get(p.sector_id, ""))
                for p in self.ws.positions.for_guideline(g.id)
            ]
        )

    def add(self) -> None:
        dialog = GuidelineDialog(self.ws, parent=self)
        if dialog.exec() and dialog.result_value is not None:
            self.select(dialog.result_value.id)

    def edit(self) -> None:
        guideline = self.current()
        if guideline:
            GuidelineDialog(self.ws, guideline, parent=self).exec()

    def delete(self) -> None:
        guideline = self.current()
        if guideline:
            attempt(self.ws.guidelines.delete, guideline.id, parent=self)
