"""The one place that makes SQLite connections to a .consulta file, with its pragmas."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool


def sqlite_uri(path: Path, readonly: bool) -> str:
    mode = "ro" if readonly else "rw"
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def connect(path: Path, readonly: bool, create: bool = False) -> sqlite3.Connection:
    """A raw connection with the file contract's pragmas (rollback journal, FULL sync)."""
    uri = sqlite_uri(path, readonly)
    if create:
        uri = uri.replace("mode=rw", "mode=rwc")
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 5000")
    if not readonly:
        # One self-contained file at every moment: never WAL (a copy taken while the app
        # is open must hold every committed edit).
        conn.execute("PRAGMA journal_mode = DELETE")
    return conn


def make_engine(path: Path, readonly: bool) -> Engine:
    """An SQLAlchemy engine over ``connect``; transactions begin explicitly (pysqlite recipe)."""
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, readonly),
        poolclass=NullPool if readonly else None,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN")

    return engine
