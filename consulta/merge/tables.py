"""How the merge sees each replicated table: its columns in a fixed order and its SQL.

A row is a tuple ``(id, hlc, origin, created_at, updated_at, *data)``; two rows are the
same version when their ``(hlc, origin)`` are equal, and have the same content when their
data columns are equal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, cached_property
from typing import Any

from consulta.store.models import TABLES_BY_NAME

Row = tuple[Any, ...]
META = ("id", "hlc", "origin", "created_at", "updated_at")
DATA_START = len(META)
# Natural keys: at most one row per key, whatever its id.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "attendance": ("session_id", "participant_id"),
    "position": ("guideline_id", "session_id", "sector_id"),
}
# Unique text columns: two different records with the same value get told apart.
UNIQUE_TEXT: dict[str, str] = {"district": "name", "guideline": "code"}
LABEL_COLUMNS = ("name", "title", "code")
BATCH = 500


@dataclass(frozen=True, eq=False)
class TableSpec:
    name: str
    cols: tuple[str, ...]
    nk: tuple[int, ...]  # column indexes of the natural key
    unique: int  # column index of the unique text column, or -1

    @cached_property
    def column_list(self) -> str:
        return ", ".join(f'"{c}"' for c in self.cols)

    @cached_property
    def select(self) -> str:
        return f"SELECT {self.column_list} FROM {self.name}"

    @cached_property
    def insert(self) -> str:
        marks = ", ".join("?" for _ in self.cols)
        return f"INSERT INTO {self.name} ({self.column_list}) VALUES ({marks})"

    @cached_property
    def update(self) -> str:
        sets = ", ".join(f'"{c}" = ?' for c in self.cols[1:])
        return f"UPDATE {self.name} SET {sets} WHERE id = ?"

    def update_args(self, row: Row) -> Row:
        return (*row[1:], row[0])

    def as_dict(self, row: Row) -> dict[str, Any]:
        return dict(zip(self.cols, row, strict=True))

    def from_dict(self, values: dict[str, Any]) -> Row:
        return tuple(values.get(c) for c in self.cols)

    def label(self, row: Row) -> str:
        for col in LABEL_COLUMNS:
            if col in self.cols:
                return str(row[self.cols.index(col)] or "")
        return str(row[0])

    def key_of(self, row: Row) -> tuple[Any, ...]:
        return tuple(row[i] for i in self.nk)


@cache
def spec(name: str) -> TableSpec:
    table = TABLES_BY_NAME[name].__table__  # type: ignore[attr-defined]
    data = [c.name for c in table.columns if c.name not in META]
    cols = (*META, *data)
    nk = tuple(cols.index(c) for c in NATURAL_KEYS.get(name, ()))
    unique = cols.index(UNIQUE_TEXT[name]) if name in UNIQUE_TEXT else -1
    return TableSpec(name, cols, nk, unique)


def specs() -> list[TableSpec]:
    return [spec(name) for name in TABLES_BY_NAME]


def stamp(row: Row) -> tuple[str, str]:
    return (str(row[1]), str(row[2]))


def same_content(a: Row, b: Row) -> bool:
    return a[DATA_START:] == b[DATA_START:]


def chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


def now_text() -> str:
    """The current UTC time as SQLAlchemy stores a DateTime in SQLite."""
    return datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
