"""Writing a document's rows into a new file in bulk: executemany per table in one
transaction, every row with the same clock stamp, no ORM object and no service call per
row. The rows come column by column from ``json_validate.parse_document`` as it checks
them and go to SQLite as tuples zipped from those columns (``bulk_insert``). The tables'
own indexes are dropped while the rows go in and built once per table, after its rows.

Where the time goes for a national document (142,088 rows) is in benchmarks/
bench_interchange.py: most of it is SQLite maintaining the primary-key and unique
indexes on 36-character ids, then parsing the JSON text.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import threading
from datetime import UTC, datetime
from hashlib import sha1
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.exc import DBAPIError

from consulta.domain.errors import FileError
from consulta.domain.model import DERIVED_ID_NAMESPACE
from consulta.domain.progress import Progress, step
from consulta.domain.text import fold
from consulta.i18n import _
from consulta.interchange.bulk_insert import insert_columns
from consulta.interchange.json_checks import KINDS, TABLE_OF
from consulta.interchange.json_columns import Columns
from consulta.store.file import ConsultaFile, write_info
from consulta.store.models import TABLES_BY_NAME, AuditRow

# The tables in foreign-key order, with the document's name for each.
ORDER = (
    ("consultation", "consultation"),
    ("district", "districts"),
    *((TABLE_OF[kind], kind) for kind in KINDS),
)
KIND_OF = dict(ORDER)
_DONE = "done"


class BulkWriter:
    """Writes checked rows into a new file at ``tmp``, in a thread of its own: the file is
    made while the document is read, and rows are written while the rest is checked
    (SQLite's own work runs outside Python's global lock). ``put(table, columns, n)``
    hands rows over in foreign-key order; ``finish(warnings)`` commits and waits;
    ``abort()`` stops and deletes the file. Nothing here decides whether the document is
    sound: the caller aborts when it is not.
    """

    def __init__(self, tmp: Path, target: Path, source: Path) -> None:
        self.tmp = tmp
        self.target = target
        self.source = source
        self.counts: dict[str, int] = {kind: 0 for _table_name, kind in ORDER}
        self.done = 0
        self.error: BaseException | None = None
        self._queue: queue.SimpleQueue[tuple[str, Any, int]] = queue.SimpleQueue()
        self._abort = threading.Event()
        self._thread = threading.Thread(target=self._run, name="consulta-import", daemon=True)
        self._thread.start()

    def put(self, table: str, columns: Columns, n: int) -> None:
        if n:
            self._queue.put((table, columns, n))

    def finish(
        self, warnings: int, progress: Progress | None = None, total: int = 0
    ) -> dict[str, int]:
        """Commit and close the file; reports progress (``total`` rows, 0 if unknown) and
        honours a cancel meanwhile."""
        self._queue.put((_DONE, warnings, 0))
        while self._thread.is_alive():
            step(progress, self.done, total, _("Writing the consultation…"))
            self._thread.join(0.1)
        if self.error is not None:
            raise self.error
        # A cancel while the last rows were written still counts.
        step(progress, self.done, total, _("Writing the consultation…"))
        return self.counts

    def abort(self) -> None:
        """Stop writing and delete the file (waits for the writing thread)."""
        self._abort.set()
        self._queue.put((_DONE, None, 0))
        self._thread.join()
        self.tmp.unlink(missing_ok=True)

    # -- the writing thread ----------------------------------------------------------------

    def _run(self) -> None:
        try:
            cfile = ConsultaFile.create(self.tmp)
            try:
                self._fill(cfile)
            finally:
                cfile.close()
            if not self._abort.is_set():
                with self.tmp.open("rb+") as handle:
                    os.fsync(handle.fileno())
        except (sqlite3.Error, DBAPIError) as exc:  # a full disk, an I/O error
            self.error = FileError(
                self.target,
                _(
                    "“{path}” could not be written ({reason}). "
                    "Check the folder and the free space.",
                    path=self.target,
                    reason=str(getattr(exc, "orig", None) or exc),
                ),
            )
        except FileError as exc:
            self.error = FileError(
                self.target, exc.message.replace(str(self.tmp), str(self.target))
            )
        except BaseException as exc:
            self.error = exc

    def _fill(self, cfile: ConsultaFile) -> None:
        stamp = cfile.clock.tick()
        now = datetime.now(UTC).replace(tzinfo=None)
        meta = {"created_at": now, "updated_at": now, "hlc": stamp, "origin": cfile.replica_id}
        with cfile.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            # The temporary file is deleted on any failure, so it needs no crash safety
            # while it is written; it is synced once, before it is renamed into place.
            for pragma in _FAST:
                raw.execute(pragma)
            try:
                with conn.begin():
                    # The tables' own indexes are built once, after their rows are in:
                    # that costs less than keeping them up to date row by row (~15 %), and
                    # SQLite builds one without Python's lock, while later kinds are checked.
                    indexes = _drop_indexes(raw)
                    filling = ""
                    while True:
                        table, columns, n = self._queue.get()
                        if self._abort.is_set():
                            raise _Aborted()
                        if table != filling:  # rows come table by table, in ORDER
                            for sql in indexes.pop(filling, []):
                                raw.execute(sql)
                            filling = table
                        if table == _DONE:
                            for sql in (sql for group in indexes.values() for sql in group):
                                raw.execute(sql)
                            _audit(conn, cfile, stamp, now, self.source, self.counts, columns)
                            write_info(conn, {"clock": stamp, "replica_path": str(self.target)})
                            break
                        _prepare(table, columns, n, self.counts[KIND_OF[table]])
                        insert_columns(raw, conn.dialect, _table(table), columns, meta)
                        self.counts[KIND_OF[table]] += n
                        self.done += n
            finally:
                for pragma in _SAFE:
                    raw.execute(pragma)


def _drop_indexes(raw: Any) -> dict[str, list[str]]:
    """Drop the indexes declared on their own (not those of primary keys and unique
    constraints, which are part of their tables); returns, per table, the SQL that
    recreates them exactly as they were."""
    found = raw.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    by_table: dict[str, list[str]] = {}
    for name, table, sql in found:
        raw.execute(f'DROP INDEX "{name}"')
        by_table.setdefault(str(table), []).append(str(sql))
    return by_table


class _Aborted(Exception):
    pass


_FAST = (
    "PRAGMA foreign_keys = OFF",  # every reference was checked with the document
    "PRAGMA synchronous = OFF",
    "PRAGMA journal_mode = MEMORY",
    "PRAGMA cache_size = -262144",
)
_SAFE = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA cache_size = -2000",
)


_NO_VOTES = (None, None, None, None)


def _prepare(table: str, columns: Columns, n: int, offset: int) -> None:
    """What a table needs beyond the document: sort order, search key, ids, split votes.
    ``offset`` is the number of rows of the table already written."""
    if table == "sector":
        columns["sort_order"] = list(range(offset, offset + n))
    elif table == "participant":
        columns["search_key"] = list(map(search_key, columns["name"], columns["email"]))
    elif table == "attendance":
        columns["id"] = list(map(attendance_key, columns["session_id"], columns["participant_id"]))
    elif table == "position":
        votes = [v or _NO_VOTES for v in columns.pop("votes")]
        for i, column in enumerate(
            (
                "votes_support",
                "votes_support_with_reservations",
                "votes_oppose",
                "votes_abstain",
            )
        ):
            columns[column] = [v[i] for v in votes]


_FOLDED: dict[str, str] = {}


def search_key(name: str, email: str | None) -> str:
    """``fold(name + " " + email)`` as ``participant_row`` computes it, faster: folding
    works word by word across spaces (a space is a starter in Unicode normalisation), so
    words are folded once each and ASCII words are just lower-cased."""
    text = f"{name} {email}" if name and email else name or email or ""
    if text.isascii():
        return text.lower()
    words = []
    for word in text.split(" "):
        folded = _FOLDED.get(word)
        if folded is None:
            folded = word.lower() if word.isascii() else fold(word)
            if len(_FOLDED) < 100_000:
                _FOLDED[word] = folded
        words.append(folded)
    return " ".join(words)


_NAMESPACE = DERIVED_ID_NAMESPACE.bytes


def attendance_key(session_id: str, participant_id: str) -> str:
    """``attendance_id(session_id, participant_id)`` (a UUID 5), without the UUID object."""
    digest = bytearray(
        sha1(_NAMESPACE + f"attendance/{session_id}/{participant_id}".encode()).digest()[:16]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def _table(name: str) -> Table:
    return TABLES_BY_NAME[name].__table__  # type: ignore[attr-defined, no-any-return]


_AUDIT: Table = AuditRow.__table__  # type: ignore[assignment]


def _audit(
    conn: Connection,
    cfile: ConsultaFile,
    stamp: str,
    now: datetime,
    source: Path,
    counts: dict[str, int],
    warnings: int,
) -> None:
    entry = {
        "table": "consultation",
        "id": conn.exec_driver_sql("SELECT id FROM consultation").scalar(),
        "before": None,
        "after": {"imported_from": source.name, "counts": counts, "warnings": warnings},
    }
    conn.execute(
        insert(_AUDIT).values(
            at=now,
            hlc=stamp,
            origin=cfile.replica_id,
            actor=cfile.actor,
            action="interchange.import",
            changes=json.dumps([entry], ensure_ascii=False),
        )
    )
