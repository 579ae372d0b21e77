"""The legitimacy report's result in plain words, and the symbols of its matrix.

Shared by the PDF (first page) and the workbook (Summary sheet), so both say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from consulta.domain.model import GuidelineStatus, Stance
from consulta.i18n import _, n_
from consulta.legitimacy import LegitimacyReport, Level, level_label
from consulta.reports.minutes import STANCE_SYMBOLS
from consulta.reports.numbers import decimal, integer, percent

NO_POSITION = "·"


def stance_symbol(stance: Stance | None) -> str:
    return NO_POSITION if stance is None else STANCE_SYMBOLS[stance]


def legend() -> list[tuple[str, str]]:
    """(symbol, meaning) for the matrix legend."""
    return [(STANCE_SYMBOLS[s], s.label) for s in Stance] + [
        (NO_POSITION, _("No position recorded"))
    ]


def summary_sentences(report: LegitimacyReport) -> list[str]:
    i, t = report.input, report.throughput
    out = [
        n_(
            "{present} of the {n} sector that count took part ({coverage}).",
            "{present} of the {n} sectors that count took part ({coverage}).",
            i.sectors_total,
            present=i.sectors_present,
            coverage=percent(i.sector_coverage),
        ),
        n_(
            "{n} session was held or closed",
            "{n} sessions were held or closed",
            t.sessions_held + t.sessions_closed,
        )
        + " "
        + _(
            "(minutes closed: {closed}; planned sessions: {planned}), with {attendances} "
            "attendances.",
            closed=t.sessions_closed,
            planned=t.sessions_planned,
            attendances=integer(i.attendances),
        ),
    ]
    if i.districts_total:
        out.append(
            _(
                "Sessions took place in {covered} of the {total} districts.",
                covered=i.districts_covered,
                total=i.districts_total,
            )
        )
        if i.districts_missing:
            out.append(
                _("Districts without a session: {names}.", names=", ".join(i.districts_missing))
            )
    counted = sum(report.by_status.values())
    agreed = report.by_status.get(GuidelineStatus.AGREED, 0)
    out.append(
        n_(
            "{agreed} of the {n} guideline (withdrawn ones aside) is marked as agreed.",
            "{agreed} of the {n} guidelines (withdrawn ones aside) are marked as agreed.",
            counted,
            agreed=agreed,
        )
    )
    levels = [
        _("{level}: {count}", level=level_label(level), count=report.by_level[level])
        for level in Level
        if report.by_level.get(level)
    ]
    if levels:
        out.append(_("Level of agreement reached: {levels}.", levels="; ".join(levels)))
    agreed_levels = [
        _("{level}: {count}", level=level_label(level), count=n)
        for level, n in agreed_by_level(report).items()
        if n
    ]
    if agreed_levels:
        out.append(
            _("Of the guidelines marked as agreed: {levels}.", levels="; ".join(agreed_levels))
        )
    warnings = len(report.warnings)
    if warnings:
        out.append(
            n_(
                "{n} warning needs attention: see “Warnings”.",
                "{n} warnings need attention: see “Warnings”.",
                warnings,
            )
        )
    else:
        out.append(_("No warnings: the statuses set agree with the evidence."))
    return out


def agreed_by_level(report: LegitimacyReport) -> dict[Level, int]:
    counts = dict.fromkeys(Level, 0)
    for g in report.guidelines:
        if g.status is GuidelineStatus.AGREED:
            counts[g.level] += 1
    return counts


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: float | int | None
    kind: str  # percent | number | int


def key_figures(report: LegitimacyReport) -> list[KeyFigure]:
    """The headline figures, as values (the workbook) and as text (``shown``, the PDF)."""
    i, t = report.input, report.throughput
    return [
        KeyFigure(_("Sectors that count"), i.sectors_total, "int"),
        KeyFigure(_("Sectors present"), i.sectors_present, "int"),
        KeyFigure(_("Sector coverage"), i.sector_coverage, "percent"),
        KeyFigure(_("Attendances"), i.attendances, "int"),
        KeyFigure(_("Evenness"), i.evenness, "number"),
        KeyFigure(_("Largest sector share"), i.largest_sector_share, "percent"),
        KeyFigure(_("Districts covered"), i.districts_covered, "int"),
        KeyFigure(_("Districts declared"), i.districts_total, "int"),
        KeyFigure(_("Continuity"), i.continuity, "percent"),
        KeyFigure(_("Attendances of sectors that do not count"), i.attendances_outside_s, "int"),
        KeyFigure(_("Sessions planned"), t.sessions_planned, "int"),
        KeyFigure(_("Sessions held"), t.sessions_held, "int"),
        KeyFigure(_("Sessions closed"), t.sessions_closed, "int"),
        KeyFigure(_("Minutes closed"), t.minutes_closed_share, "percent"),
        KeyFigure(_("Sectors per session (mean)"), t.sectors_per_session_mean, "number"),
        KeyFigure(_("Sectors per session (minimum)"), t.sectors_per_session_min, "int"),
        KeyFigure(_("Positions recorded"), t.positions_recorded, "int"),
        KeyFigure(_("Dissent with a reason"), t.dissent_with_reason_share, "percent"),
        KeyFigure(_("Quorum (sectors)"), report.quorum, "int"),
    ]


def shown(figure: KeyFigure) -> str:
    if figure.value is None:
        return _("n/a")
    if figure.kind == "percent":
        return percent(float(figure.value))
    if figure.kind == "number":
        return decimal(float(figure.value), 2)
    return integer(int(figure.value))
