"""Rows given column by column, into one table, as fast as Python's sqlite3 allows.

``insert_columns`` writes the values exactly as SQLAlchemy would store them (dates, times
and timestamps through the column types' own bind processors; booleans as 0 and 1) and
the values every row shares (stamps, the file copy) as literals in the statement, not
bound once per row.

Python's sqlite3 binds ints and strings directly but takes a slow path for every None and
bool (an attribute lookup that fails and is formatted into an exception, ~0.5 µs each: a
few hundred thousand in a national document). Booleans are therefore passed as ints, and
rows are grouped by which columns hold None: each group's statement leaves those columns
out, and SQLite stores NULL in them (no column of the schema has a default).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from itertools import repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Dialect, Table, Time

Row = tuple[Any, ...]


def insert_columns(
    raw: Any, dialect: Dialect, table: Table, columns: dict[str, list[Any]], shared: dict[str, Any]
) -> None:
    """Insert the rows zipped from ``columns`` (all of one length) into ``table`` through
    the DB-API connection ``raw``, each with the ``shared`` values too."""
    for column, values in columns.items():
        convert = _processor(table.c[column], dialect)
        if convert is not None:
            columns[column] = [None if v is None else convert(v) for v in values]
        elif isinstance(table.c[column].type, Boolean):
            columns[column] = list(map(int, values))
    literals = [_literal(_stored(table, c, v, dialect)) for c, v in shared.items()]
    names = list(columns)
    for present, rows in _by_nulls(columns):
        listed = ", ".join(f'"{c}"' for c in (*(names[i] for i in present), *shared))
        placeholders = ", ".join(["?"] * len(present) + literals)
        raw.executemany(f'INSERT INTO "{table.name}" ({listed}) VALUES ({placeholders})', rows)


def _by_nulls(columns: dict[str, list[Any]]) -> list[tuple[list[int], Iterable[Row]]]:
    """The rows grouped by which columns hold None, in the order each group first
    appears: (indexes of the columns to write, the rows with just those values)."""
    everything = list(range(len(columns)))
    rows: Iterable[Row] = zip(*columns.values(), strict=True)
    nullable = [i for i, values in enumerate(columns.values()) if None in values]
    if not nullable:
        return [(everything, rows)]
    names = list(columns)
    patterns = zip(
        *(map(operator.is_, repeat(None), columns[names[i]]) for i in nullable), strict=True
    )
    groups: dict[tuple[bool, ...], list[Row]] = {}
    for pattern, row in zip(patterns, rows, strict=True):
        group = groups.get(pattern)
        if group is None:
            groups[pattern] = [row]
        else:
            group.append(row)
    out: list[tuple[list[int], Iterable[Row]]] = []
    for pattern, group in groups.items():
        nulls = {i for i, null in zip(nullable, pattern, strict=True) if null}
        present = [i for i in everything if i not in nulls]
        if not nulls or not present:  # nothing to leave out, or nothing else to write
            out.append((everything, group))
        else:
            out.append((present, map(_pick(present), group)))
    return out


def _pick(indexes: list[int]) -> Callable[[Row], Row]:
    if len(indexes) == 1:
        (only,) = indexes
        return lambda row: (row[only],)
    return itemgetter(*indexes)


def _stored(table: Table, column: str, value: Any, dialect: Dialect) -> Any:
    convert = _processor(table.c[column], dialect)
    return value if convert is None else convert(value)


def _literal(value: Any) -> str:
    """An SQL string literal (the shared values are our own: stamps, times, an id)."""
    if type(value) is not str:
        raise TypeError(f"not text: {value!r}")
    return "'" + value.replace("'", "''") + "'"


def _processor(column: Any, dialect: Any) -> Any:
    """The bind processor of a date, time or timestamp column (None for the others:
    sqlite3 stores strings and numbers as SQLAlchemy would)."""
    if not isinstance(column.type, Date | Time | DateTime):
        return None
    return column.type.dialect_impl(dialect).bind_processor(dialect)
