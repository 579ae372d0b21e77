"""A small builder of consultation snapshots for tests (figures, reports, exports).

    b = SnapshotBuilder()
    acad = b.sector("Academia")
    media = b.sector("Media", counts=False)
    ana = b.participant(acad, gender=Gender.FEMALE)
    s1 = b.session(date(2026, 3, 1), status=SessionStatus.HELD)
    b.attend(s1, ana)
    g1 = b.guideline("G-01", status=GuidelineStatus.AGREED)
    b.position(g1, s1, acad, Stance.SUPPORT)
    snapshot = b.build(quorum=None)

Ids are readable and deterministic ("sector-1", "session-2", ...). Every method returns
the record it added, so tests can refer to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from consulta.domain.model import (
    Attendance,
    Consultation,
    District,
    Gender,
    Guideline,
    GuidelineStatus,
    Participant,
    Position,
    Sector,
    Session,
    SessionStatus,
    Stance,
    Tally,
)
from consulta.domain.snapshot import Snapshot


@dataclass
class SnapshotBuilder:
    title: str = "Test consultation"
    sectors: list[Sector] = field(default_factory=list)
    districts: list[District] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    guidelines: list[Guideline] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    _counter: int = 0

    def _id(self, kind: str) -> str:
        self._counter += 1
        return f"{kind}-{self._counter}"

    def sector(self, name: str, *, counts: bool = True, sort_order: int | None = None) -> Sector:
        sector = Sector(
            id=self._id("sector"),
            name=name,
            counts_for_legitimacy=counts,
            sort_order=len(self.sectors) if sort_order is None else sort_order,
        )
        self.sectors.append(sector)
        return sector

    def sectors_named(self, *names: str) -> list[Sector]:
        return [self.sector(name) for name in names]

    def district(self, name: str) -> District:
        district = District(id=self._id("district"), name=name)
        self.districts.append(district)
        return district

    def participant(
        self,
        sector: Sector,
        *,
        gender: Gender | None = None,
        district: District | None = None,
        name: str | None = None,
    ) -> Participant:
        pid = self._id("participant")
        participant = Participant(
            id=pid,
            name=name or f"Person {pid}",
            sector_id=sector.id,
            gender=gender,
            district_id=district.id if district else None,
        )
        self.participants.append(participant)
        return participant

    def people(self, sector: Sector, n: int, *, gender: Gender | None = None) -> list[Participant]:
        return [self.participant(sector, gender=gender) for _ in range(n)]

    def session(
        self,
        day: date,
        *,
        status: SessionStatus = SessionStatus.HELD,
        start: time | None = None,
        district: District | None = None,
    ) -> Session:
        sid = self._id("session")
        session = Session(
            id=sid,
            title=f"Round table {sid}",
            date=day,
            start=start,
            district_id=district.id if district else None,
            status=status,
        )
        self.sessions.append(session)
        return session

    def attend(self, session: Session, *people: Participant, present: bool = True) -> None:
        for person in people:
            self.attendance.append(
                Attendance(
                    id=self._id("attendance"),
                    session_id=session.id,
                    participant_id=person.id,
                    present=present,
                )
            )

    def guideline(
        self, code: str, *, status: GuidelineStatus = GuidelineStatus.UNDER_DISCUSSION
    ) -> Guideline:
        guideline = Guideline(
            id=self._id("guideline"), code=code, title=f"Guideline {code}", status=status
        )
        self.guidelines.append(guideline)
        return guideline

    def position(
        self,
        guideline: Guideline,
        session: Session,
        sector: Sector,
        stance: Stance,
        *,
        note: str | None = None,
        votes: Tally | None = None,
        created_at: datetime | None = None,
        hlc: str = "",
        id: str | None = None,
    ) -> Position:
        """A position; ``note`` defaults to a reason for oppose / reservations (so that a
        test sees ``dissent_without_reason`` only when it asks for it with ``note=""``)."""
        if note is None:
            note = "Because." if stance.needs_reason else ""
        position = Position(
            id=id or self._id("position"),
            guideline_id=guideline.id,
            session_id=session.id,
            sector_id=sector.id,
            stance=stance,
            note=note,
            votes=votes,
            created_at=created_at,
            hlc=hlc,
        )
        self.positions.append(position)
        return position

    def build(self, *, quorum: int | None = None) -> Snapshot:
        return Snapshot(
            consultation=Consultation(id="consultation-1", title=self.title, quorum_sectors=quorum),
            sectors=tuple(self.sectors),
            districts=tuple(self.districts),
            participants=tuple(self.participants),
            sessions=tuple(self.sessions),
            attendance=tuple(self.attendance),
            guidelines=tuple(self.guidelines),
            positions=tuple(self.positions),
        )
