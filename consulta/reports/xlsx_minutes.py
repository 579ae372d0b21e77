"""The minutes as a workbook: Sessions, Attendance, Agenda, Positions (one row per record,
so the sheets filter and sort; every row names its session by date and title)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from consulta.domain.progress import Progress, step
from consulta.domain.snapshot import Snapshot
from consulta.i18n import _
from consulta.reports.minutes import STANCE_SYMBOLS, SessionMinutes
from consulta.reports.xlsx_base import Column, XlsxBook, split_long


def write_minutes(
    path: Path,
    snapshot: Snapshot,
    minutes: Sequence[SessionMinutes],
    paper: str = "a4",
    progress: Progress | None = None,
) -> int:
    consultation = snapshot.consultation
    with XlsxBook(
        paper, progress, f"{consultation.title} – {_('Minutes')}", consultation.language
    ) as book:
        fill(book, minutes, progress)
        return book.save(path)


def fill(book: XlsxBook, minutes: Sequence[SessionMinutes], progress: Progress | None) -> None:
    date_c, title_c = Column(_("Date"), 11, "date"), Column(_("Session"), 34)

    sessions = book.sheet(
        _("Sessions"),
        [
            date_c,
            Column(_("Start"), 8, "time"),
            Column(_("End"), 8, "time"),
            title_c,
            Column(_("Venue"), 24),
            Column(_("District"), 16),
            Column(_("Facilitator"), 22),
            Column(_("Status"), 11),
            Column(_("Present"), 9, "int"),
            Column(_("Draft"), 8),
        ],
        landscape=True,
    )
    for m in minutes:
        s = m.session
        sessions.append(
            [
                s.date,
                s.start,
                s.end,
                s.title,
                s.venue,
                m.district,
                s.facilitator,
                s.status.label,
                m.present,
                _("Yes") if m.draft else _("No"),
            ]
        )

    attendance = book.sheet(
        _("Attendance"),
        [
            date_c,
            title_c,
            Column(_("Sector"), 30),
            Column(_("Name"), 32),
            Column(_("Organisation"), 32),
        ],
        landscape=True,
    )
    agenda = book.sheet(
        _("Agenda"),
        [
            date_c,
            title_c,
            Column(_("Item"), 6, "int"),
            Column(_("Title"), 34),
            Column(_("Notes"), 90, "wrap"),
        ],
        landscape=True,
    )
    positions = book.sheet(
        _("Positions"),
        [
            date_c,
            title_c,
            Column(_("Guideline"), 9),
            Column(_("Guideline title"), 30),
            Column(_("Sector"), 28),
            Column(_("Symbol"), 7),
            Column(_("Position"), 22),
            Column(_("Reason"), 50, "wrap"),
            Column(_("Votes for"), 9, "int"),
            Column(_("Votes with reservations"), 12, "int"),
            Column(_("Votes against"), 9, "int"),
            Column(_("Abstentions"), 11, "int"),
        ],
        landscape=True,
    )

    total = len(minutes)
    for number, m in enumerate(minutes, 1):
        step(progress, number, total, _("Writing the minutes"))
        s = m.session
        for group in m.attendance:
            for a in group.attendees:
                attendance.append([s.date, s.title, group.sector, a.name, a.organisation])
        for index, item in enumerate(m.agenda, 1):
            for part in split_long(item.notes):
                agenda.append([s.date, s.title, index, item.title, part])
        for p in m.positions:
            notes = split_long(p.note)
            v = p.votes
            counts = (
                [v.support, v.support_with_reservations, v.oppose, v.abstain]
                if v
                else [None, None, None, None]
            )
            positions.append(
                [
                    s.date,
                    s.title,
                    p.code,
                    p.title,
                    p.sector,
                    STANCE_SYMBOLS[p.stance],
                    p.stance.label,
                    notes[0],
                    *counts,
                ]
            )
            for part in notes[1:]:
                positions.append(
                    [
                        s.date,
                        s.title,
                        p.code,
                        p.title,
                        p.sector,
                        None,
                        None,
                        part,
                        None,
                        None,
                        None,
                        None,
                    ]
                )
