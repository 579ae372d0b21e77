"""The quick path of checking a document: a chunk of records checked column by column.

Checking record by record (``json_validate``) costs a few microseconds per value in
Python, and a national document holds about a million values. Here a chunk of records is
turned into columns (one list per key) and each column is checked with bulk operations
that run in C (``Check.all``); the chunk's ids and unique keys are checked with sets.

The quick path only ever says "sound" or "look closer". When a chunk holds anything out of
the ordinary (a problem, an unknown key, an id written in capitals, a duplicate) it gives
up and the chunk is checked record by record, which finds and reports each problem with
its path. Both paths give the same rows for every document (tests/interchange/
test_columns.py compares them), and the record-by-record path remains the one that
explains.
"""

from __future__ import annotations

from itertools import repeat
from typing import Any

from consulta.interchange.json_checks import NEEDS_ONE_BY_ONE, Spec

Columns = dict[str, list[Any]]


def chunk_columns(chunk: list[Any], specs: list[Spec], known: frozenset[str]) -> Columns | None:
    """The chunk's checked values, one list per column (in ``specs`` order), or None when
    any record needs a closer look."""
    if not chunk or set(map(type, chunk)) != {dict}:
        return None
    if not all(map(known.issuperset, chunk)):  # an unknown key: a warning to word
        return None
    out: Columns = {}
    try:
        for key, column, required, default, check in specs:
            values = list(map(dict.get, chunk, repeat(key)))
            if None not in values:
                out[column] = check.all(values)
            elif required:
                return None
            else:
                present = [v for v in values if v is not None]
                checked = iter(check.all(present) if present else ())
                out[column] = [default if v is None else next(checked) for v in values]
    except NEEDS_ONE_BY_ONE:
        return None
    return out


def claim(
    columns: Columns,
    start: int,
    ids: dict[str, int] | None,
    keys: dict[Any, int] | None,
    key_columns: tuple[str, ...],
) -> bool:
    """Record the chunk's ids in ``ids`` and its unique keys (``key_columns``) in ``keys``,
    each with the index of its record (the chunk starts at ``start``), if none of them is
    repeated or already taken; else change nothing and return False."""
    n = len(next(iter(columns.values())))
    if ids is not None:
        new_ids = columns["id"]
        if len(set(new_ids)) != n or not ids.keys().isdisjoint(new_ids):
            return False
    if keys is not None:
        new_keys = list(zip(*(columns[c] for c in key_columns), strict=True))
        if len(set(new_keys)) != n or not keys.keys().isdisjoint(new_keys):
            return False
    if ids is not None:
        ids.update(zip(columns["id"], range(start, start + n), strict=True))
    if keys is not None:
        keys.update(zip(new_keys, range(start, start + n), strict=True))
    return True


def rows_to_columns(rows: list[dict[str, Any]], columns: list[str]) -> Columns:
    """Rows (dicts with every column) as one list per column."""
    return {c: [row[c] for row in rows] for c in columns}
