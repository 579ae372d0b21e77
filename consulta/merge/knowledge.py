"""What a file knows of each file copy's edits: a version vector of clock stamps.

``knowledge(db)[origin]`` is the latest clock stamp of an edit made by file copy
``origin`` that this file has seen — its own edits (rows, tombstones, audit trail) and
every edit merged in (kept in ``replica_clock``). A version is *known* to a file when its
stamp is not later than that file's entry for the version's origin. Two versions of a
record conflict when neither file knew the other's version: both were edited apart.
"""

from __future__ import annotations

import sqlite3

from consulta.store.models import TABLES_BY_NAME

Vector = dict[str, str]


def knowledge(db: sqlite3.Connection) -> Vector:
    vector: Vector = {}
    sources = [*TABLES_BY_NAME, "tombstone", "audit_log", "replica_clock"]
    for name in sources:
        for origin, hlc in db.execute(f"SELECT origin, max(hlc) FROM {name} GROUP BY origin"):
            if origin is not None and hlc is not None and hlc > vector.get(origin, ""):
                vector[str(origin)] = str(hlc)
    return vector


def knows(vector: Vector, hlc: str, origin: str) -> bool:
    return hlc <= vector.get(origin, "")


def combine(into: Vector, other: Vector) -> None:
    for origin, hlc in other.items():
        if hlc > into.get(origin, ""):
            into[origin] = hlc


def save(db: sqlite3.Connection, vector: Vector) -> None:
    db.executemany(
        "INSERT INTO replica_clock(origin, hlc) VALUES (?, ?) "
        "ON CONFLICT(origin) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > hlc",
        sorted(vector.items()),
    )
