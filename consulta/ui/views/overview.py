"""Overview: the consultation at a glance — sessions by status, sectors present so far (absent
sectors stand out), guidelines by status, and the legitimacy figures with their warnings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consulta.domain import model as m
from consulta.i18n import N_, _, n_
from consulta.services.workspace import Workspace
from consulta.ui.icons import pixmap
from consulta.ui.views.base import View

ABSENT = "#c0392b"  # semantic highlight, readable on light and dark backgrounds
PRESENT = "#2e8b57"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _clear(layout: QGridLayout | QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()


class Card(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("card")
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 12, 14, 12)
        box.setSpacing(8)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        box.addWidget(self.title)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(5)
        self.grid.setColumnStretch(1, 1)
        box.addLayout(self.grid)
        box.addStretch(1)

    def set_rows(self, rows: Sequence[tuple[str, str, str | None]]) -> None:
        """(label, value, colour or None) rows."""
        _clear(self.grid)
        for i, (label, value, colour) in enumerate(rows):
            left = QLabel(label)
            left.setWordWrap(True)
            right = QLabel(value)
            right.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if colour:
                left.setStyleSheet(f"color: {colour};")
                right.setStyleSheet(f"color: {colour}; font-weight: bold;")
            self.grid.addWidget(left, i, 1)
            self.grid.addWidget(right, i, 2)


class OverviewView(View):
    title_key = N_("Overview")
    icon_name = "overview"
    tables = frozenset({"consultation", "session", "guideline", "sector"})

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, parent)
        self.report: Any = None
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.layout_.addWidget(self.subtitle)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)
        self.sessions_card = Card()
        self.guidelines_card = Card()
        self.sectors_card = Card()
        self.legitimacy_card = Card()
        self.warnings_card = Card()
        self.grid.addWidget(self.sessions_card, 0, 0)
        self.grid.addWidget(self.guidelines_card, 1, 0)
        self.grid.addWidget(self.sectors_card, 0, 1, 2, 1)
        self.grid.addWidget(self.legitimacy_card, 0, 2, 2, 1)
        self.grid.addWidget(self.warnings_card, 2, 0, 1, 3)
        for column in range(3):
            self.grid.setColumnStretch(column, 1)
        self.grid.setRowStretch(3, 1)
        scroll.setWidget(body)
        self.layout_.addWidget(scroll, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_(self.title_key))
        self.sessions_card.title.setText(_("Sessions"))
        self.guidelines_card.title.setText(_("Guidelines"))
        self.sectors_card.title.setText(_("Sectors present so far"))
        self.legitimacy_card.title.setText(_("Legitimacy"))
        self.warnings_card.title.setText(_("Warnings"))
        self.refresh()

    def set_report(self, report: Any) -> None:
        self.report = report
        self._show_report()

    def refresh(self) -> None:
        consultation = self.ws.consultation.get()
        counts = self.ws.consultation.counts()
        parts = [p for p in (consultation.title, consultation.territory) if p]
        people = n_("{n} participant", "{n} participants", counts["participants"])
        orgs = n_("{n} organisation", "{n} organisations", counts["organisations"])
        self.subtitle.setText(f"<b>{' — '.join(parts)}</b><br>{people} · {orgs}")
        sessions = self.ws.sessions.list()
        self.sessions_card.set_rows(
            [
                (status.label, str(sum(1 for s in sessions if s.status is status)), None)
                for status in m.SessionStatus
            ]
            + [(_("Total"), str(len(sessions)), None)]
        )
        guidelines = self.ws.guidelines.list()
        self.guidelines_card.set_rows(
            [
                (status.label, str(sum(1 for g in guidelines if g.status is status)), None)
                for status in m.GuidelineStatus
            ]
        )
        self._show_report()

    def _show_report(self) -> None:
        report = self.report
        if report is None:
            waiting = [(_("Computing the figures…"), "", None)]
            self.sectors_card.set_rows(waiting)
            self.legitimacy_card.set_rows(waiting)
            self.warnings_card.set_rows([])
            return
        from consulta.legitimacy import level_label, warning_label

        figures = report.input
        rows: list[tuple[str, str, str | None]] = []
        for sector in report.sectors:
            attended = figures.attendances_by_sector.get(sector.id, 0)
            if attended:
                rows.append((sector.name, str(attended), None))
            else:
                rows.append((sector.name, _("absent"), ABSENT))
        for sector in report.sectors_outside:
            rows.append(
                (
                    _("{name} (does not count)", name=sector.name),
                    str(figures.attendances_outside_s_by_sector.get(sector.id, 0)),
                    None,
                )
            )
        self.sectors_card.set_rows(rows)
        t = report.throughput
        legit = [
            (
                _("Sector coverage"),
                f"{figures.sectors_present} / {figures.sectors_total} "
                f"({_percent(figures.sector_coverage)})",
                None if figures.sectors_present >= report.quorum else ABSENT,
            ),
            (_("Quorum (sectors)"), str(report.quorum), None),
            (_("Attendances"), str(figures.attendances), None),
            (_("Evenness"), "—" if figures.evenness is None else f"{figures.evenness:.2f}", None),
            (_("Continuity"), _percent(figures.continuity), None),
            (_("Minutes closed"), _percent(t.minutes_closed_share), None),
            (_("Positions recorded"), str(t.positions_recorded), None),
            (_("Dissent with a reason"), _percent(t.dissent_with_reason_share), None),
        ]
        for level, count in report.by_level.items():
            legit.append((level_label(level), str(count), None))
        self.legitimacy_card.set_rows(legit)
        warnings = [
            (f"{g.code} · {g.guideline.title}", warning_label(w), ABSENT)
            for g, w in report.warnings
        ]
        if not warnings:
            warnings = [(_("No warnings: the statuses agree with the evidence."), "", PRESENT)]
        self.warnings_card.set_rows(warnings[:30])
        if len(report.warnings) > 30:
            more = len(report.warnings) - 30
            self.warnings_card.grid.addWidget(QLabel(_("… and {count} more", count=more)), 30, 1)


def icon_label(name: str, size: int = 16) -> QLabel:
    label = QLabel()
    label.setPixmap(pixmap(name, size))
    return label


def row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    line = QHBoxLayout(holder)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    return holder
