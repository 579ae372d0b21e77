"""The glossary of product.md as plain, immutable dataclasses.

Every record carries its id (a UUID string) and the bookkeeping a merge needs:
``created_at``/``updated_at`` (UTC wall time, informative only), ``hlc`` (the hybrid
logical clock stamp of the last edit, which orders concurrent edits) and ``origin``
(the id of the file copy that made the last edit).
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time

from consulta.i18n import N_, _

# Namespace for ids derived from other ids (attendance, position): two laptops that
# check the same person in at the same session produce the same record id.
DERIVED_ID_NAMESPACE = uuid.UUID("6f1d2c54-7d7e-4b8f-9a51-0c0a5f1e2d3b")


def new_id() -> str:
    return str(uuid.uuid4())


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(DERIVED_ID_NAMESPACE, "/".join(parts)))


class SessionStatus(enum.StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _(_SESSION_STATUS_LABELS[self])

    @property
    def counts(self) -> bool:
        """A session counts for legitimacy when it was held (closed included)."""
        return self is not SessionStatus.PLANNED


_SESSION_STATUS_LABELS = {
    SessionStatus.PLANNED: N_("Planned"),
    SessionStatus.HELD: N_("Held"),
    SessionStatus.CLOSED: N_("Closed"),
}


class GuidelineStatus(enum.StrEnum):
    DRAFT = "draft"
    UNDER_DISCUSSION = "under_discussion"
    AGREED = "agreed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _(_GUIDELINE_STATUS_LABELS[self])


_GUIDELINE_STATUS_LABELS = {
    GuidelineStatus.DRAFT: N_("Draft"),
    GuidelineStatus.UNDER_DISCUSSION: N_("Under discussion"),
    GuidelineStatus.AGREED: N_("Agreed"),
    GuidelineStatus.REJECTED: N_("Rejected"),
    GuidelineStatus.WITHDRAWN: N_("Withdrawn"),
}


class Stance(enum.StrEnum):
    SUPPORT = "support"
    SUPPORT_WITH_RESERVATIONS = "support_with_reservations"
    OPPOSE = "oppose"
    ABSTAIN = "abstain"

    @property
    def label(self) -> str:
        return _(_STANCE_LABELS[self])

    @property
    def is_support(self) -> bool:
        return self in (Stance.SUPPORT, Stance.SUPPORT_WITH_RESERVATIONS)

    @property
    def needs_reason(self) -> bool:
        """Opposition and reservations should carry a reason (asked for, not forced)."""
        return self in (Stance.OPPOSE, Stance.SUPPORT_WITH_RESERVATIONS)


_STANCE_LABELS = {
    Stance.SUPPORT: N_("Support"),
    Stance.SUPPORT_WITH_RESERVATIONS: N_("Support with reservations"),
    Stance.OPPOSE: N_("Oppose"),
    Stance.ABSTAIN: N_("Abstain"),
}


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(_GENDER_LABELS[self])


_GENDER_LABELS = {Gender.FEMALE: N_("Female"), Gender.MALE: N_("Male"), Gender.OTHER: N_("Other")}


# The seven default sectors of product.md, in their display order.
DEFAULT_SECTORS: tuple[str, ...] = (
    N_("Public administration"),
    N_("Private sector"),
    N_("Academia"),
    N_("Citizens and civil society"),
    N_("Diplomatic missions and consulates"),
    N_("International cooperation agencies and networks"),
    N_("Media"),
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Record:
    id: str = field(default_factory=new_id)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    hlc: str = ""
    origin: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Consultation(Record):
    title: str
    territory: str = ""
    language: str = "en"
    description: str = ""
    quorum_sectors: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class District(Record):
    name: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Sector(Record):
    name: str
    counts_for_legitimacy: bool = True
    sort_order: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class Organisation(Record):
    name: str
    sector_id: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Participant(Record):
    name: str
    sector_id: str
    organisation_id: str | None = None
    email: str | None = None
    phone: str | None = None
    gender: Gender | None = None
    district_id: str | None = None
    consent_named: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Session(Record):
    title: str
    date: date
    start: time | None = None
    end: time | None = None
    venue: str = ""
    district_id: str | None = None
    facilitator: str = ""
    status: SessionStatus = SessionStatus.PLANNED


@dataclass(frozen=True, kw_only=True, slots=True)
class AgendaItem(Record):
    session_id: str
    position: int
    title: str
    notes: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Attendance(Record):
    session_id: str
    participant_id: str
    present: bool = True


@dataclass(frozen=True, kw_only=True, slots=True)
class Guideline(Record):
    code: str
    title: str
    text: str = ""
    axis: str = ""
    status: GuidelineStatus = GuidelineStatus.DRAFT


@dataclass(frozen=True, slots=True)
class Tally:
    """A show-of-hands count of one sector's participants."""

    support: int = 0
    support_with_reservations: int = 0
    oppose: int = 0
    abstain: int = 0

    @property
    def total(self) -> int:
        return self.support + self.support_with_reservations + self.oppose + self.abstain

    @property
    def supporting(self) -> int:
        return self.support + self.support_with_reservations

    def as_dict(self) -> dict[str, int]:
        return {
            "support": self.support,
            "support_with_reservations": self.support_with_reservations,
            "oppose": self.oppose,
            "abstain": self.abstain,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Position(Record):
    guideline_id: str
    session_id: str
    sector_id: str
    stance: Stance
    note: str = ""
    votes: Tally | None = None


def attendance_id(session_id: str, participant_id: str) -> str:
    return derived_id("attendance", session_id, participant_id)


def position_id(guideline_id: str, session_id: str, sector_id: str) -> str:
    return derived_id("position", guideline_id, session_id, sector_id)
