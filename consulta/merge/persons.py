"""People during a merge: erased participants stay erased; possible duplicates found and,
when the user confirms, merged into one (their attendance moved)."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from consulta.domain.model import attendance_id
from consulta.domain.text import fold
from consulta.merge.model import DuplicatePair
from consulta.merge.tables import Row, TableSpec, spec

if TYPE_CHECKING:
    from consulta.merge.engine import Merger

# What erasure leaves of a person: sector and district (the figures need them), no more.
BLANK: dict[str, Any] = {
    "name": "",
    "email": None,
    "phone": None,
    "gender": None,
    "organisation_id": None,
    "consent_named": False,
    "search_key": "",
}
_BLANK_SQL = ", ".join(f"{k} = ?" for k in BLANK)


def blank(table: TableSpec, row: Row) -> Row:
    values = list(row)
    for col, value in BLANK.items():
        values[table.cols.index(col)] = value
    return tuple(values)


def blank_dict(data: dict[str, Any]) -> dict[str, Any]:
    return {k: BLANK.get(k, v) for k, v in data.items()}


def erase_in_master(db: sqlite3.Connection, participant_id: str) -> None:
    """Blank a participant's personal data in place, in the merge history too (the stamp
    is kept: erasure is applied the same way whatever order files come in)."""
    db.execute(
        f"UPDATE participant SET {_BLANK_SQL} WHERE id = ?", (*BLANK.values(), participant_id)
    )
    rows = db.execute(
        "SELECT seq, data FROM merge_history WHERE entity = 'participant' AND record_id = ?",
        (participant_id,),
    ).fetchall()
    for seq, data in rows:
        loaded = json.loads(data)
        if loaded is not None:
            cleaned = json.dumps(blank_dict(loaded), ensure_ascii=False)
            db.execute("UPDATE merge_history SET data = ? WHERE seq = ?", (cleaned, seq))


class PersonIndex:
    """The master's people by folded e-mail and by folded name + organisation."""

    def __init__(self, db: sqlite3.Connection, exclude: set[str]) -> None:
        self.by_email: dict[str, tuple[str, str]] = {}
        self.by_name: dict[tuple[str, str], tuple[str, str]] = {}
        table = spec("participant")
        for row in db.execute(table.select):
            if row[0] not in exclude:
                self.add(table, tuple(row))

    @staticmethod
    def _keys(table: TableSpec, row: Row) -> tuple[str, tuple[str, str]]:
        """Folded e-mail, and folded name + organisation — from ``search_key`` (the folded
        "name e-mail" every participant row carries), so no name is folded again."""
        email = (row[table.cols.index("email")] or "").strip()
        email = email.casefold() if email.isascii() else fold(email)
        key = str(row[table.cols.index("search_key")] or "")
        if email and key.endswith(" " + email):
            key = key[: -len(email) - 1]
        org = row[table.cols.index("organisation_id")] or ""
        return email, (" ".join(key.split()), org)

    def add(self, table: TableSpec, row: Row) -> None:
        email, name = self._keys(table, row)
        who = (str(row[0]), table.label(row))
        if email:
            self.by_email.setdefault(email, who)
        if name[0]:
            self.by_name.setdefault(name, who)

    def find(self, table: TableSpec, row: Row) -> tuple[str, str, str] | None:
        email, name = self._keys(table, row)
        if email and email in self.by_email and self.by_email[email][0] != row[0]:
            return (*self.by_email[email], "email")
        if name[0] and name in self.by_name and self.by_name[name][0] != row[0]:
            return (*self.by_name[name], "name")
        return None


def merge_people(merger: Merger, keep_id: str, other_id: str) -> None:
    """One person: ``other`` folds into ``keep`` (blanks filled, attendance moved), as new
    edits stamped by the master; ``other``'s versions go to the merge history."""
    from consulta.merge.history import record_loss
    from consulta.merge.tombstones import TOMB_UPSERT

    db = merger.db
    people = spec("participant")
    visits = spec("attendance")
    keep = db.execute(f"{people.select} WHERE id = ?", (keep_id,)).fetchone()
    other = db.execute(f"{people.select} WHERE id = ?", (other_id,)).fetchone()
    if keep is None or other is None:
        return
    stamp = merger.new_stamp()
    fill = {}
    for col in ("email", "phone", "gender", "organisation_id"):
        i = people.cols.index(col)
        if keep[i] is None and other[i] is not None:
            fill[col] = other[i]
    if fill:
        sets = ", ".join(f"{c} = ?" for c in fill)
        db.execute(
            f"UPDATE participant SET {sets}, hlc = ?, origin = ?, updated_at = ? WHERE id = ?",
            (*fill.values(), stamp, merger.replica, merger.now, keep_id),
        )
    pid = visits.cols.index("participant_id")
    sid = visits.cols.index("session_id")
    for row in db.execute(f"{visits.select} WHERE participant_id = ?", (other_id,)).fetchall():
        moved = attendance_id(row[sid], keep_id)
        exists = db.execute(
            "SELECT 1 FROM attendance WHERE id = ? OR (session_id = ? AND participant_id = ?)",
            (moved, row[sid], keep_id),
        ).fetchone()
        record_loss(
            db, merger.file.name if merger.file else "", visits, tuple(row), "person", merger.now
        )
        db.execute("DELETE FROM attendance WHERE id = ?", (row[0],))
        db.execute(TOMB_UPSERT, ("attendance", row[0], stamp, merger.replica, merger.now))
        if exists is None:
            values = list(row)
            values[0], values[1], values[2] = moved, stamp, merger.replica
            values[pid] = keep_id
            values[visits.cols.index("updated_at")] = merger.now
            db.execute(visits.insert, values)
    record_loss(
        db, merger.file.name if merger.file else "", people, tuple(other), "person", merger.now
    )
    db.execute("DELETE FROM participant WHERE id = ?", (other_id,))
    db.execute(TOMB_UPSERT, ("participant", other_id, stamp, merger.replica, merger.now))


def find_duplicates(self: Merger, new_people: list[Row]) -> None:
    """Possible duplicates among the people new in this file; merge those confirmed."""
    assert self.file is not None
    if not new_people:
        return
    if self.people is None:
        self.people = PersonIndex(self.db, exclude={r[0] for r in new_people})
    table = spec("participant")
    for row in new_people:
        found = self.people.find(table, row)
        if found is not None:
            master_id, master_name, reason = found
            pair = DuplicatePair(
                self.file.index, master_id, master_name, row[0], table.label(row), reason
            )
            self.file.duplicates.append(pair)
            self.file.counts.duplicates += 1
    for row in new_people:
        self.people.add(table, row)
    for pair in self.file.duplicates:
        for choice in self.resolutions.duplicates:
            same = (choice.file_index, choice.master_id, choice.incoming_id) == (
                pair.file_index,
                pair.master_id,
                pair.incoming_id,
            )
            if same and choice.confirm:
                merge_people(self, pair.master_id, pair.incoming_id)
                self.file.counts.duplicates_merged += 1
                self.merged_pairs.append(pair)
