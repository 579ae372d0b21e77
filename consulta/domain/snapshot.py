"""A whole consultation as plain domain objects, read in one go.

The legitimacy figures, the documents and the JSON export all read a snapshot; the
services build it (``ConsultationService.snapshot``) in one read transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from consulta.domain.model import (
    AgendaItem,
    Attendance,
    Consultation,
    District,
    Guideline,
    Organisation,
    Participant,
    Position,
    Sector,
    Session,
)


@dataclass(frozen=True, slots=True)
class Snapshot:
    consultation: Consultation
    sectors: Sequence[Sector] = ()
    districts: Sequence[District] = ()
    organisations: Sequence[Organisation] = ()
    participants: Sequence[Participant] = ()
    sessions: Sequence[Session] = ()
    agenda_items: Sequence[AgendaItem] = ()
    attendance: Sequence[Attendance] = ()
    guidelines: Sequence[Guideline] = ()
    positions: Sequence[Position] = ()
    _index: dict[str, dict[str, object]] = field(default_factory=dict, compare=False, repr=False)

    def sector(self, sector_id: str) -> Sector:
        return self._lookup("sectors", sector_id)  # type: ignore[return-value]

    def participant(self, participant_id: str) -> Participant:
        return self._lookup("participants", participant_id)  # type: ignore[return-value]

    def session(self, session_id: str) -> Session:
        return self._lookup("sessions", session_id)  # type: ignore[return-value]

    def guideline(self, guideline_id: str) -> Guideline:
        return self._lookup("guidelines", guideline_id)  # type: ignore[return-value]

    def district(self, district_id: str) -> District:
        return self._lookup("districts", district_id)  # type: ignore[return-value]

    def organisation(self, organisation_id: str) -> Organisation:
        return self._lookup("organisations", organisation_id)  # type: ignore[return-value]

    def _lookup(self, kind: str, record_id: str) -> object:
        table = self._index.get(kind)
        if table is None:
            table = {r.id: r for r in getattr(self, kind)}
            self._index[kind] = table
        return table[record_id]
