"""The schema of a ``.consulta`` file as SQLAlchemy 2 typed models.

Every replicated table carries ``created_at``/``updated_at`` (UTC wall time, informative),
``hlc`` (hybrid logical clock stamp of the last edit) and ``origin`` (the file copy that
made it). Deleted records leave a row in ``tombstone``. The mapping to and from domain
objects lives in ``consulta.store.mapping``.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = String(36)


class Base(DeclarativeBase):
    pass


class Replicated:
    """Columns every replicated record has."""

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    hlc: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(36))


class ConsultationRow(Replicated, Base):
    __tablename__ = "consultation"
    title: Mapped[str] = mapped_column(Text)
    territory: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="en")
    description: Mapped[str] = mapped_column(Text, default="")
    quorum_sectors: Mapped[int | None] = mapped_column(Integer)


class DistrictRow(Replicated, Base):
    __tablename__ = "district"
    name: Mapped[str] = mapped_column(Text, unique=True)


class SectorRow(Replicated, Base):
    __tablename__ = "sector"
    name: Mapped[str] = mapped_column(Text)
    counts_for_legitimacy: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class OrganisationRow(Replicated, Base):
    __tablename__ = "organisation"
    name: Mapped[str] = mapped_column(Text)
    sector_id: Mapped[str] = mapped_column(ForeignKey("sector.id"), index=True)


class ParticipantRow(Replicated, Base):
    __tablename__ = "participant"
    name: Mapped[str] = mapped_column(Text)
    sector_id: Mapped[str] = mapped_column(ForeignKey("sector.id"), index=True)
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    gender: Mapped[str | None] = mapped_column(String(16))
    district_id: Mapped[str | None] = mapped_column(ForeignKey("district.id"), index=True)
    consent_named: Mapped[bool] = mapped_column(Boolean, default=False)
    # Lower-cased, accent-folded name for fast type-ahead search.
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)


class SessionRow(Replicated, Base):
    __tablename__ = "session"
    title: Mapped[str] = mapped_column(Text)
    date: Mapped[date] = mapped_column(Date, index=True)
    start: Mapped[time | None] = mapped_column(Time)
    end: Mapped[time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(Text, default="")
    district_id: Mapped[str | None] = mapped_column(ForeignKey("district.id"), index=True)
    facilitator: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="planned")


class AgendaItemRow(Replicated, Base):
    __tablename__ = "agenda_item"
    session_id: Mapped[str] = mapped_column(ForeignKey("session.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")


class AttendanceRow(Replicated, Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)
    session_id: Mapped[str] = mapped_column(ForeignKey("session.id"))
    participant_id: Mapped[str] = mapped_column(ForeignKey("participant.id"), index=True)
    present: Mapped[bool] = mapped_column(Boolean, default=True)


class GuidelineRow(Replicated, Base):
    __tablename__ = "guideline"
    code: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    axis: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(24), default="draft")


class PositionRow(Replicated, Base):
    __tablename__ = "position"
    __table_args__ = (
        UniqueConstraint("guideline_id", "session_id", "sector_id"),
        Index("ix_position_session", "session_id"),
    )
    guideline_id: Mapped[str] = mapped_column(ForeignKey("guideline.id"))
    session_id: Mapped[str] = mapped_column(ForeignKey("session.id"))
    sector_id: Mapped[str] = mapped_column(ForeignKey("sector.id"))
    stance: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    votes_support: Mapped[int | None] = mapped_column(Integer)
    votes_support_with_reservations: Mapped[int | None] = mapped_column(Integer)
    votes_oppose: Mapped[int | None] = mapped_column(Integer)
    votes_abstain: Mapped[int | None] = mapped_column(Integer)


class TombstoneRow(Base):
    """A deleted record: its table, id, and the clock stamp of the deletion."""

    __tablename__ = "tombstone"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hlc: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(36))
    deleted_at: Mapped[datetime] = mapped_column(DateTime)


class AuditRow(Base):
    """One user action: when, which file copy, by whom, and the rows it changed (JSON)."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    hlc: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(36))
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(64))
    changes: Mapped[str] = mapped_column(Text)


class FileInfoRow(Base):
    """Key/value facts about this file copy (replica id, clock, facilitator name…)."""

    __tablename__ = "file_info"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# Tables whose rows are replicated records, in an order that respects foreign keys.
REPLICATED_TABLES: tuple[type[Replicated], ...] = (
    ConsultationRow,
    DistrictRow,
    SectorRow,
    OrganisationRow,
    ParticipantRow,
    SessionRow,
    AgendaItemRow,
    AttendanceRow,
    GuidelineRow,
    PositionRow,
)
TABLES_BY_NAME: dict[str, type[Replicated]] = {
    t.__tablename__: t  # type: ignore[attr-defined]
    for t in REPLICATED_TABLES
}


# -- File format 2: merging district files (owned by consulta/merge) ----------------------


class ErasureRow(Base):
    """A participant erased for privacy; every later merge keeps them erased."""

    __tablename__ = "erasure"
    participant_id: Mapped[str] = mapped_column(ID, primary_key=True)
    hlc: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(36))
    erased_at: Mapped[datetime] = mapped_column(DateTime)


class MergeHistoryRow(Base):
    """A version that lost a merge (or a record set aside), kept so it can be restored."""

    __tablename__ = "merge_history"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    merged_at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(Text)
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(ID, index=True)
    reason: Mapped[str] = mapped_column(String(16))
    hlc: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(36))
    data: Mapped[str] = mapped_column(Text)  # the losing row as JSON ("null": a deletion)
    parked: Mapped[bool] = mapped_column(Boolean, default=False)  # set aside, may come back
    restored_at: Mapped[datetime | None] = mapped_column(DateTime)


class ReplicaClockRow(Base):
    """What this file knows: for each file copy, the latest of its edits merged in."""

    __tablename__ = "replica_clock"
    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(32))
