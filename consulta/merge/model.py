"""What a merge preview, its resolutions and its result are made of (plain data, Qt-free)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Kind(enum.StrEnum):
    NEW = "new"  # the master did not have the record
    CHANGED = "changed"  # the incoming version is a later edit of the master's
    DELETED = "deleted"  # the incoming file deleted it
    CONFLICT = "conflict"  # both sides edited it since they last met


class Side(enum.StrEnum):
    MASTER = "master"
    INCOMING = "incoming"
    EDITED = "edited"  # a value typed by the user (fields only)


@dataclass(frozen=True)
class FieldChange:
    field: str
    master: Any
    incoming: Any


@dataclass(frozen=True)
class RecordChange:
    """One record of one incoming file that the merge changes (or has to decide on).

    For a conflict, ``winner`` is the side the automatic rule picks (the later clock
    stamp); ``master_deleted`` / ``incoming_deleted`` say a side is a deletion."""

    file_index: int
    entity: str
    record_id: str
    kind: Kind
    label: str
    fields: tuple[FieldChange, ...] = ()
    winner: Side = Side.INCOMING
    master_deleted: bool = False
    incoming_deleted: bool = False

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.file_index, self.entity, self.record_id)


@dataclass(frozen=True)
class DuplicatePair:
    """A person new in an incoming file who looks like one the master already has."""

    file_index: int
    master_id: str
    master_name: str
    incoming_id: str
    incoming_name: str
    reason: str  # "email" or "name"


@dataclass
class Counts:
    read: int = 0  # records and deletions read from the file
    added: int = 0
    changed: int = 0
    deleted: int = 0
    conflicting: int = 0
    duplicates: int = 0  # possible duplicate persons found
    duplicates_merged: int = 0
    unchanged: int = 0  # the master already had this very version
    older: int = 0  # the master already had a later version
    set_aside: int = 0  # for the whole merge only (see MergeResult.set_aside)

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class FilePreview:
    index: int
    path: Path
    sha256: str
    title: str
    district: str
    replica_id: str
    counts: Counts = field(default_factory=Counts)
    changes: list[RecordChange] = field(default_factory=list)  # every change if detailed
    conflicts: list[RecordChange] = field(default_factory=list)
    duplicates: list[DuplicatePair] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class MergePlan:
    master_path: Path
    master_sha256: str
    files: list[FilePreview]
    set_aside: int = 0  # records set aside (parent deleted) by the whole merge

    @property
    def conflicts(self) -> list[RecordChange]:
        return [c for f in self.files for c in f.conflicts]

    @property
    def duplicates(self) -> list[DuplicatePair]:
        return [d for f in self.files for d in f.duplicates]


@dataclass(frozen=True)
class FieldResolution:
    """For one conflicting record: which side's value a field takes (``field`` "" = the
    whole record, e.g. deleted against edited)."""

    file_index: int
    entity: str
    record_id: str
    field: str
    choice: Side
    value: Any = None  # for Side.EDITED


@dataclass(frozen=True)
class DuplicateResolution:
    file_index: int
    master_id: str
    incoming_id: str
    confirm: bool  # True: the two are one person (merged into the master's)


@dataclass
class Resolutions:
    fields: list[FieldResolution] = field(default_factory=list)
    duplicates: list[DuplicateResolution] = field(default_factory=list)

    def for_record(self, key: tuple[int, str, str]) -> list[FieldResolution]:
        return [r for r in self.fields if (r.file_index, r.entity, r.record_id) == key]


@dataclass(frozen=True)
class ConflictOutcome:
    change: RecordChange
    resolution: str  # "automatic", "master", "incoming", "edited"
    final: dict[str, Any] | None


@dataclass
class MergeResult:
    master_path: Path
    master_sha256_before: str
    master_sha256_after: str
    files: list[FilePreview]
    outcomes: list[ConflictOutcome]
    duplicates_merged: list[DuplicatePair]
    dry_run: bool = False
    set_aside: int = 0  # records set aside (their parent is deleted), all files together

    def totals(self) -> Counts:
        total = Counts(set_aside=self.set_aside)
        for f in self.files:
            for key, value in f.counts.as_dict().items():
                setattr(total, key, getattr(total, key) + value)
        return total
