"""The content of the minutes of a session, gathered from a snapshot (no layout here).

Privacy: a participant is named only when ``consent_named`` is true; otherwise the minutes
say "Participant (sector)" and leave out the organisation too (a small organisation would
identify the person). "Guidelines agreed" are the guidelines with status *agreed* on which
a position was recorded at the session.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from consulta.domain.errors import NotFoundError, UserError
from consulta.domain.model import (
    AgendaItem,
    Guideline,
    GuidelineStatus,
    Participant,
    Position,
    Session,
    SessionStatus,
    Stance,
    Tally,
)
from consulta.domain.snapshot import Snapshot
from consulta.i18n import _

STANCE_SYMBOLS: dict[Stance, str] = {
    Stance.SUPPORT: "✓",
    Stance.SUPPORT_WITH_RESERVATIONS: "✓*",
    Stance.OPPOSE: "✗",
    Stance.ABSTAIN: "–",
}


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str  # the person's name, or "Participant (sector)" without consent
    organisation: str  # empty without consent
    named: bool


@dataclass(frozen=True, slots=True)
class SectorAttendance:
    sector: str
    attendees: tuple[Attendee, ...]


@dataclass(frozen=True, slots=True)
class PositionLine:
    code: str
    title: str
    sector: str
    stance: Stance
    note: str
    votes: Tally | None


@dataclass(frozen=True, slots=True)
class SessionMinutes:
    consultation: str
    session: Session
    district: str
    attendance: tuple[SectorAttendance, ...]
    agenda: tuple[AgendaItem, ...]
    positions: tuple[PositionLine, ...]
    agreed: tuple[Guideline, ...]

    @property
    def draft(self) -> bool:
        return self.session.status is not SessionStatus.CLOSED

    @property
    def present(self) -> int:
        return sum(len(group.attendees) for group in self.attendance)


def session_key(session: Session) -> tuple[object, ...]:
    """Date order: date, then start time (a missing one first), then title."""
    return (session.date, session.start or time.min, session.title, session.id)


def minutes_sessions(snapshot: Snapshot, session_id: str | None) -> list[Session]:
    """The session asked for, or every held or closed session in date order."""
    if session_id is not None:
        try:
            return [snapshot.session(session_id)]
        except KeyError:
            raise NotFoundError(
                _("There is no session with the id “{id}” in this consultation.", id=session_id)
            ) from None
    sessions = sorted((s for s in snapshot.sessions if s.status.counts), key=session_key)
    if not sessions:
        raise UserError(
            _(
                "This consultation has no held or closed session yet, so there are no minutes "
                "to export. Mark a session as held first."
            )
        )
    return sessions


def display_name(participant: Participant, sector: str) -> str:
    if participant.consent_named:
        return participant.name
    return _("Participant ({sector})", sector=sector)


class MinutesBuilder:
    """Indexes a snapshot once, then gathers any number of sessions' minutes quickly."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.sector_names = {s.id: s.name for s in snapshot.sectors}
        self.sector_rank = {s.id: i for i, s in enumerate(snapshot.sectors)}
        self.districts = {d.id: d.name for d in snapshot.districts}
        self.organisations = {o.id: o.name for o in snapshot.organisations}
        self.participants = {p.id: p for p in snapshot.participants}
        self.guidelines = {g.id: g for g in snapshot.guidelines}
        self.attendance: dict[str, list[str]] = defaultdict(list)
        for a in snapshot.attendance:
            if a.present:
                self.attendance[a.session_id].append(a.participant_id)
        self.agenda: dict[str, list[AgendaItem]] = defaultdict(list)
        for item in snapshot.agenda_items:
            self.agenda[item.session_id].append(item)
        self.positions: dict[str, list[Position]] = defaultdict(list)
        for p in snapshot.positions:
            self.positions[p.session_id].append(p)

    def sector_name(self, sector_id: str) -> str:
        return self.sector_names.get(sector_id, _("Unknown sector"))

    def build(self, session: Session) -> SessionMinutes:
        return SessionMinutes(
            consultation=self.snapshot.consultation.title,
            session=session,
            district=self.districts.get(session.district_id or "", ""),
            attendance=self._attendance(session.id),
            agenda=tuple(sorted(self.agenda.get(session.id, ()), key=lambda i: i.position)),
            positions=self._positions(session.id),
            agreed=self._agreed(session.id),
        )

    def _attendance(self, session_id: str) -> tuple[SectorAttendance, ...]:
        groups: dict[str, list[Attendee]] = defaultdict(list)
        for participant_id in self.attendance.get(session_id, ()):
            p = self.participants.get(participant_id)
            if p is None:
                continue
            sector = self.sector_name(p.sector_id)
            organisation = self.organisations.get(p.organisation_id or "", "")
            named = p.consent_named
            groups[p.sector_id].append(
                Attendee(display_name(p, sector), organisation if named else "", named)
            )
        order = sorted(groups, key=lambda k: (self.sector_rank.get(k, 10**6), self.sector_name(k)))
        return tuple(
            SectorAttendance(
                self.sector_name(k),
                tuple(sorted(groups[k], key=lambda a: (not a.named, a.name.casefold()))),
            )
            for k in order
        )

    def _positions(self, session_id: str) -> tuple[PositionLine, ...]:
        lines = []
        for p in self.positions.get(session_id, ()):
            g = self.guidelines.get(p.guideline_id)
            if g is None:
                continue
            lines.append(
                (
                    g.code,
                    self.sector_rank.get(p.sector_id, 10**6),
                    PositionLine(
                        g.code, g.title, self.sector_name(p.sector_id), p.stance, p.note, p.votes
                    ),
                )
            )
        lines.sort(key=lambda t: (t[0], t[1]))
        return tuple(line for _code, _rank, line in lines)

    def _agreed(self, session_id: str) -> tuple[Guideline, ...]:
        ids = {p.guideline_id for p in self.positions.get(session_id, ())}
        found = [self.guidelines[i] for i in ids if i in self.guidelines]
        return tuple(
            sorted((g for g in found if g.status is GuidelineStatus.AGREED), key=lambda g: g.code)
        )


def gather(snapshot: Snapshot, session_id: str | None) -> Sequence[SessionMinutes]:
    builder = MinutesBuilder(snapshot)
    return [builder.build(s) for s in minutes_sessions(snapshot, session_id)]


def time_range(session: Session) -> str:
    if session.start and session.end:
        return f"{session.start:%H:%M}–{session.end:%H:%M}"
    if session.start:
        return f"{session.start:%H:%M}"
    return ""


def votes_text(votes: Tally | None) -> str:
    if votes is None:
        return ""
    return f"{votes.support} / {votes.support_with_reservations} / {votes.oppose} / {votes.abstain}"
