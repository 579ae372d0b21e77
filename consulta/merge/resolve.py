"""Applying the user's choices for a conflict, after the automatic rule has run.

A choice that differs from the automatic result is written as a new edit stamped by the
master (so it travels to other copies and beats both versions); the version it replaces
is kept in the merge history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from consulta.domain.text import fold
from consulta.merge.history import record_loss
from consulta.merge.model import FieldResolution, RecordChange, Side
from consulta.merge.tables import DATA_START, Row, TableSpec

if TYPE_CHECKING:
    from consulta.merge.engine import Merger


def _current(merger: Merger, table: TableSpec, record_id: str) -> Row | None:
    found = merger.db.execute(f"{table.select} WHERE id = ?", (record_id,)).fetchone()
    return tuple(found) if found else None


def _restamp(merger: Merger, table: TableSpec, row: Row) -> Row:
    values = list(row)
    values[1], values[2] = merger.new_stamp(), merger.replica
    values[table.cols.index("updated_at")] = merger.now
    if table.name == "participant":
        name, email = values[table.cols.index("name")], values[table.cols.index("email")]
        values[table.cols.index("search_key")] = fold(" ".join(filter(None, (name, email))))
    return tuple(values)


def apply_resolution(
    merger: Merger,
    table: TableSpec,
    change: RecordChange,
    inc: Row | None,
    mine: Row | None,
    choices: list[FieldResolution],
) -> tuple[str, dict[str, Any] | None]:
    from consulta.merge.tombstones import TOMB_UPSERT

    db = merger.db
    current = _current(merger, table, change.record_id)
    whole = [c for c in choices if c.field == ""]
    if whole:
        side = whole[0].choice
        chosen = inc if side is Side.INCOMING else mine
        if chosen is None:  # the deletion
            if current is not None:
                record_loss(db, merger._source, table, current, "conflict", merger.now)
                db.execute(f"DELETE FROM {table.name} WHERE id = ?", (current[0],))
                stamp = merger.new_stamp()
                db.execute(TOMB_UPSERT, (table.name, current[0], stamp, merger.replica, merger.now))
            return side.value, None
        final = _restamp(merger, table, chosen)
    else:
        base = current if current is not None else (inc if inc is not None else mine)
        assert base is not None
        values = list(base)
        how = "edited"
        for choice in choices:
            if choice.field not in table.cols[DATA_START:]:
                continue
            i = table.cols.index(choice.field)
            if choice.choice is Side.MASTER and mine is not None:
                values[i] = mine[i]
            elif choice.choice is Side.INCOMING and inc is not None:
                values[i] = inc[i]
            elif choice.choice is Side.EDITED:
                values[i] = choice.value
        if (
            all(c.choice is choices[0].choice for c in choices)
            and choices[0].choice is not Side.EDITED
        ):
            how = choices[0].choice.value
        if current is not None and tuple(values[DATA_START:]) == current[DATA_START:]:
            return how, table.as_dict(current)
        final = _restamp(merger, table, tuple(values))
    merger.touched = True
    if current is not None:
        if current[DATA_START:] != final[DATA_START:]:
            record_loss(db, merger._source, table, current, "conflict", merger.now)
        db.execute(table.update, table.update_args(final))
    else:
        db.execute("DELETE FROM tombstone WHERE entity = ? AND id = ?", (table.name, final[0]))
        merger._insert(table, final)
    return (whole[0].choice.value if whole else how), table.as_dict(final)
