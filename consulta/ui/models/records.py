"""Table models for the small lists: sectors, organisations, sessions, guidelines, positions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor

from consulta.domain import model as m
from consulta.i18n import N_, _
from consulta.ui.models.base import Column, RecordTableModel

WARNING_COLOUR = QColor("#c0392b")  # readable on light and dark backgrounds


@dataclass(frozen=True)
class SectorRow:
    sector: m.Sector
    participants: int
    organisations: int


class SectorTableModel(RecordTableModel[SectorRow]):
    columns = (
        Column(N_("Order"), lambda r: r.sector.sort_order + 1, lambda r: r.sector.sort_order, True),
        Column(N_("Sector"), lambda r: r.sector.name),
        Column(N_("Counts for legitimacy"), lambda r: r.sector.counts_for_legitimacy),
        Column(N_("Participants"), lambda r: r.participants, lambda r: r.participants, True),
        Column(N_("Organisations"), lambda r: r.organisations, lambda r: r.organisations, True),
    )


@dataclass(frozen=True)
class OrganisationRow:
    organisation: m.Organisation
    sector: str


class OrganisationTableModel(RecordTableModel[OrganisationRow]):
    columns = (
        Column(N_("Organisation"), lambda r: r.organisation.name),
        Column(N_("Sector"), lambda r: r.sector),
    )


@dataclass(frozen=True)
class SessionRow:
    session: m.Session
    district: str


def _time(session: m.Session) -> str:
    if session.start and session.end:
        return f"{session.start:%H:%M}–{session.end:%H:%M}"
    return f"{session.start:%H:%M}" if session.start else ""


class SessionTableModel(RecordTableModel[SessionRow]):
    columns = (
        Column(
            N_("Date"),
            lambda r: r.session.date.isoformat(),
            lambda r: (r.session.date, r.session.start or m.time()),
        ),
        Column(N_("Time"), lambda r: _time(r.session)),
        Column(N_("Title"), lambda r: r.session.title),
        Column(N_("District"), lambda r: r.district),
        Column(N_("Venue"), lambda r: r.session.venue),
        Column(
            N_("Status"),
            lambda r: r.session.status.label,
            lambda r: list(m.SessionStatus).index(r.session.status),
        ),
    )


@dataclass(frozen=True)
class GuidelineRow:
    guideline: m.Guideline
    level: str = ""  # translated level label, "" until the legitimacy figures are known
    consensus: float | None = None
    warnings: int = 0


class GuidelineTableModel(RecordTableModel[GuidelineRow]):
    columns = (
        Column(N_("Code"), lambda r: r.guideline.code, lambda r: _natural(r.guideline.code)),
        Column(N_("Title"), lambda r: r.guideline.title),
        Column(N_("Axis"), lambda r: r.guideline.axis),
        Column(
            N_("Status"),
            lambda r: r.guideline.status.label,
            lambda r: list(m.GuidelineStatus).index(r.guideline.status),
        ),
        Column(
            N_("Level"),
            lambda r: r.level,
            foreground=lambda r: WARNING_COLOUR if r.warnings else None,
        ),
        Column(N_("Consensus"), lambda r: r.consensus, lambda r: r.consensus, True),
    )


def _natural(code: str) -> tuple[Any, ...]:
    import re

    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", code))


@dataclass(frozen=True)
class PositionRow:
    position: m.Position
    session: m.Session | None
    sector: str


def _tally(votes: m.Tally | None) -> str:
    if votes is None:
        return ""
    return f"{votes.support} / {votes.support_with_reservations} / {votes.oppose} / {votes.abstain}"


class PositionHistoryModel(RecordTableModel[PositionRow]):
    """The positions taken on one guideline, across sessions."""

    columns = (
        Column(
            N_("Date"),
            lambda r: r.session.date.isoformat() if r.session else "",
            lambda r: r.session.date if r.session else m.date.min,
        ),
        Column(N_("Session"), lambda r: r.session.title if r.session else ""),
        Column(N_("Sector"), lambda r: r.sector),
        Column(
            N_("Stance"),
            lambda r: r.position.stance.label,
            foreground=lambda r: WARNING_COLOUR if r.position.stance is m.Stance.OPPOSE else None,
        ),
        Column(N_("Reason"), lambda r: r.position.note),
        Column(N_("Tally"), lambda r: _tally(r.position.votes)),
    )


def sector_names(sectors: list[m.Sector]) -> Mapping[str, str]:
    return {s.id: s.name for s in sectors}


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")
