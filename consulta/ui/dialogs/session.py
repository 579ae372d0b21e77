"""Plan or edit a session's header (title, date, times, venue, district, facilitator)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from consulta.domain import model as m
from consulta.i18n import _
from consulta.services.workspace import Workspace
from consulta.ui.dialogs.form import FormDialog, fill_combo


def _qtime(value: object, default: QTime) -> QTime:
    return QTime(value.hour, value.minute) if value is not None else default  # type: ignore[attr-defined]


class SessionDialog(FormDialog):
    def __init__(
        self, ws: Workspace, session: m.Session | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Edit session") if session else _("Plan a session"), parent)
        self.ws = ws
        self.session = session
        s = session
        self.title_edit = self.add_row("title", _("Title"), QLineEdit(s.title if s else ""))
        day = s.date if s else date.today()
        self.date = self.add_row("date", _("Date"), QDateEdit(QDate(day.year, day.month, day.day)))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")  # as in the lists: unambiguous in every language
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        self.has_times = QCheckBox(_("From"))
        self.has_times.setChecked(bool(s is None or s.start))
        self.start = QTimeEdit(_qtime(s.start if s else None, QTime(9, 0)))
        self.end = QTimeEdit(_qtime(s.end if s else None, QTime(12, 0)))
        row.addWidget(self.has_times)
        row.addWidget(self.start)
        row.addWidget(QLabelLike(_("to")))
        row.addWidget(self.end)
        row.addStretch(1)
        self.add_row("start", _("Time"), times)
        self.has_times.toggled.connect(self.start.setEnabled)
        self.has_times.toggled.connect(self.end.setEnabled)
        self.start.setEnabled(self.has_times.isChecked())
        self.end.setEnabled(self.has_times.isChecked())
        self.venue = self.add_row("venue", _("Venue"), QLineEdit(s.venue if s else ""))
        self.district = self.add_row("district", _("District"), QComboBox())
        fill_combo(
            self.district,
            [(_("(none)"), None), *[(d.name, d.id) for d in ws.districts.list()]],
            s.district_id if s else None,
        )
        self.facilitator = self.add_row(
            "facilitator", _("Facilitator"), QLineEdit(s.facilitator if s else ws.file.facilitator)
        )

    def save(self) -> m.Session:
        d = self.date.date()
        start = end = None
        if self.has_times.isChecked():
            start = self.start.time().toPython()
            end = self.end.time().toPython()
        values = {
            "title": self.title_edit.text(),
            "date": date(d.year(), d.month(), d.day()),
            "start": start,
            "end": end,
            "venue": self.venue.text(),
            "district_id": self.district.currentData(),
            "facilitator": self.facilitator.text(),
        }
        if self.session is None:
            return self.ws.sessions.create(m.Session(**values))  # type: ignore[arg-type]
        return self.ws.sessions.update(replace(self.session, **values))  # type: ignore[arg-type]


def QLabelLike(text: str) -> QWidget:
    from PySide6.QtWidgets import QLabel

    return QLabel(text)
