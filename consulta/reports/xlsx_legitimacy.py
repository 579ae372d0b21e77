"""The legitimacy report as a workbook: Summary, Sectors, Sessions, Guidelines, Matrix,
Warnings. Same figures as the PDF and the JSON; real numbers with number formats. No
personal data (sessions are listed without their facilitator)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from consulta.domain.progress import Progress
from consulta.domain.snapshot import Snapshot
from consulta.i18n import _
from consulta.legitimacy import LegitimacyReport, level_label, warning_label
from consulta.reports.legitimacy_text import key_figures, stance_symbol, summary_sentences
from consulta.reports.minutes import session_key
from consulta.reports.xlsx_base import Column, XlsxBook


def write_legitimacy(
    path: Path,
    snapshot: Snapshot,
    report: LegitimacyReport,
    paper: str = "a4",
    progress: Progress | None = None,
) -> int:
    c = snapshot.consultation
    with XlsxBook(paper, progress, f"{c.title} – {_('Legitimacy report')}", c.language) as book:
        fill(book, snapshot, report)
        return book.save(path)


def fill(book: XlsxBook, snapshot: Snapshot, report: LegitimacyReport) -> None:
    c = snapshot.consultation
    yes, no = _("Yes"), _("No")

    summary = book.sheet(
        _("Summary"), [Column(_("Figure"), 44), Column(_("Value"), 14)], table=False
    )
    for figure in key_figures(report):
        summary.append([figure.label, figure.value], ["text", figure.kind])
    summary.append([None, None])
    summary.append([c.title, None])
    for sentence in summary_sentences(report):
        summary.append([sentence, None])

    i = report.input
    sectors = book.sheet(
        _("Sectors"),
        [
            Column(_("Sector"), 40),
            Column(_("Counts for legitimacy"), 12),
            Column(_("Attendances"), 12, "int"),
            Column(_("Different people"), 12, "int"),
            Column(_("Share"), 10, "percent"),
        ],
    )
    for s in report.sectors:
        n = i.attendances_by_sector.get(s.id, 0)
        sectors.append(
            [
                s.name,
                yes,
                n,
                i.distinct_participants_by_sector.get(s.id, 0),
                n / i.attendances if i.attendances else None,
            ]
        )
    for s in report.sectors_outside:
        sectors.append([s.name, no, i.attendances_outside_s_by_sector.get(s.id, 0), None, None])

    write_sessions(book, snapshot, report)

    guidelines = book.sheet(
        _("Guidelines"),
        [
            Column(_("Code"), 9),
            Column(_("Title"), 40),
            Column(_("Axis"), 18),
            Column(_("Status"), 14),
            Column(_("Level"), 22),
            Column(_("Consensus"), 11, "number"),
            Column(_("Coverage"), 10, "percent"),
            Column(_("Consulted"), 10, "int"),
            Column(_("Supporting"), 10, "int"),
            Column(_("With reservations"), 12, "int"),
            Column(_("Opposing"), 10, "int"),
            Column(_("Abstaining"), 10, "int"),
            Column(_("Sessions discussed"), 11, "int"),
            Column(_("Warnings"), 50, "wrap"),
        ],
        landscape=True,
    )
    for g in report.guidelines:
        guidelines.append(
            [
                g.code,
                g.guideline.title,
                g.guideline.axis,
                g.status.label,
                level_label(g.level),
                g.consensus,
                g.coverage,
                g.consulted,
                g.supporting,
                g.with_reservations,
                g.opposing,
                g.abstaining,
                g.sessions_discussed,
                "; ".join(warning_label(w) for w in g.warnings),
            ]
        )

    matrix = book.sheet(
        _("Matrix"),
        [Column(_("Code"), 9), Column(_("Title"), 34)]
        + [Column(s.name, 18) for s in report.sectors],
        landscape=True,
    )
    for g in report.guidelines:
        cells: list[object] = [g.code, g.guideline.title]
        for s in report.sectors:
            p = g.latest.get(s.id)
            cells.append(
                f"{stance_symbol(p.stance)} {p.stance.label}" if p else stance_symbol(None)
            )
        matrix.append(cells)

    warnings = book.sheet(
        _("Warnings"),
        [
            Column(_("Code"), 9),
            Column(_("Title"), 40),
            Column(_("Status"), 14),
            Column(_("Level"), 22),
            Column(_("Warning code"), 30),
            Column(_("Warning"), 60, "wrap"),
        ],
        landscape=True,
    )
    for g, w in report.warnings:
        warnings.append(
            [
                g.code,
                g.guideline.title,
                g.status.label,
                level_label(g.level),
                str(w.value),
                warning_label(w),
            ]
        )


def write_sessions(book: XlsxBook, snapshot: Snapshot, report: LegitimacyReport) -> None:
    in_s = {s.id for s in report.sectors}
    sector_of = {p.id: p.sector_id for p in snapshot.participants}
    districts = {d.id: d.name for d in snapshot.districts}
    present: dict[str, int] = defaultdict(int)
    sectors_present: dict[str, set[str]] = defaultdict(set)
    for a in snapshot.attendance:
        if a.present:
            present[a.session_id] += 1
            sector = sector_of.get(a.participant_id)
            if sector in in_s:
                sectors_present[a.session_id].add(sector)
    positions: dict[str, int] = defaultdict(int)
    for p in snapshot.positions:
        positions[p.session_id] += 1
    sheet = book.sheet(
        _("Sessions"),
        [
            Column(_("Date"), 11, "date"),
            Column(_("Start"), 8, "time"),
            Column(_("Session"), 40),
            Column(_("District"), 18),
            Column(_("Status"), 11),
            Column(_("Counts"), 9),
            Column(_("Present"), 10, "int"),
            Column(_("Sectors present"), 10, "int"),
            Column(_("Positions"), 10, "int"),
        ],
        landscape=True,
    )
    for s in sorted(snapshot.sessions, key=session_key):
        sheet.append(
            [
                s.date,
                s.start,
                s.title,
                districts.get(s.district_id or "", ""),
                s.status.label,
                _("Yes") if s.status.counts else _("No"),
                present.get(s.id, 0),
                len(sectors_present.get(s.id, ())),
                positions.get(s.id, 0),
            ]
        )
