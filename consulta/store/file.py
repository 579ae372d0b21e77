"""Opening, creating, checking and copying a .consulta file: the one place that opens it.

``ConsultaFile.open`` checks the header before SQLite parses anything, takes the OS lock,
checks integrity, migrates an older file (after a backup copy) and refuses with a clear
message — leaving the file unchanged — anything that is not a sound consultation.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine

from consulta.domain.errors import FileError, FileFormatError
from consulta.i18n import _
from consulta.store import migrate
from consulta.store.clock import HybridLogicalClock
from consulta.store.engine import connect, make_engine
from consulta.store.fileformat import SCHEMA_VERSION, damaged, read_header
from consulta.store.lock import FileLock


@dataclass(frozen=True)
class CheckResult:
    format_version: int
    integrity: list[str]
    foreign_keys: list[str]

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.foreign_keys


def _writable(path: Path) -> bool:
    # The owner's write bit is the file's read-only attribute (honoured even for root); a
    # rollback journal is created beside the file, so the folder must be writable too.
    owner_may_write = bool(path.stat().st_mode & stat.S_IWUSR)
    return owner_may_write and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        conn.execute("SELECT count(*) FROM consultation").fetchone()
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from exc
    if rows != ["ok"]:
        raise damaged(path, "; ".join(rows[:3]))


class ConsultaFile:
    """An open consultation file: its engine, lock, clock and identity as a file copy."""

    def __init__(self, path: Path, engine: Engine, lock: FileLock, readonly: bool) -> None:
        self.path = path
        self.engine = engine
        self.readonly = readonly
        self._lock = lock
        info = self._read_info()
        self.replica_id = info.get("replica_id", "")
        self.clock = HybridLogicalClock(info.get("clock", ""))
        self.facilitator = info.get("facilitator", "")
        if not readonly:
            self._refresh_replica_identity(info)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, readonly: bool = False) -> ConsultaFile:
        path = Path(path).absolute()
        header = read_header(path)
        readonly = readonly or not _writable(path)
        lock = FileLock(path, exclusive=not readonly)
        try:
            cls._check_and_migrate(path, header.user_version, readonly)
            engine = make_engine(path, readonly)
            return cls(path, engine, lock, readonly)
        except BaseException:
            lock.release()
            raise

    @staticmethod
    def _check_and_migrate(path: Path, version: int, readonly: bool) -> None:
        try:
            # A writable open rolls back a hot journal left by a crash before checking.
            conn = connect(path, readonly=readonly)
        except sqlite3.DatabaseError as exc:
            raise damaged(path, str(exc)) from exc
        try:
            _quick_check(conn, path)
        finally:
            conn.close()
        if version == SCHEMA_VERSION:
            return
        if readonly:
            raise FileFormatError(
                path,
                _(
                    "“{path}” was made by an older version of Consulta and must be updated, "
                    "but it is read-only. Copy it to a folder you can write to and open the copy.",
                    path=path,
                ),
            )
        migrate.backup_before_migrating(path, version)
        conn = connect(path, readonly=False)
        try:
            migrate.upgrade(conn)
        finally:
            conn.close()

    @classmethod
    def create(cls, path: Path | str) -> ConsultaFile:
        """A new, empty file with the current schema (the caller adds the consultation)."""
        path = Path(path).absolute()
        if path.exists():
            raise FileError(
                path,
                _("“{path}” already exists. Choose another name.", path=path),
            )
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.creating")
        try:
            conn = connect(tmp, readonly=False, create=True)
            try:
                migrate.create_current(conn)
                conn.execute(
                    "INSERT INTO file_info(key, value) "
                    "VALUES ('replica_id', ?), ('replica_path', ?)",
                    (str(uuid.uuid4()), str(path)),
                )
            finally:
                conn.close()
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise FileError(
                path,
                _(
                    "“{path}” could not be created ({reason}). Choose a folder you can write to.",
                    path=path,
                    reason=exc.strerror,
                ),
            ) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return cls.open(path)

    # -- identity --------------------------------------------------------------------------

    def _read_info(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT key, value FROM file_info").fetchall()
        return {str(k): str(v) for k, v in rows}

    def _refresh_replica_identity(self, info: dict[str, str]) -> None:
        """A file copied or moved elsewhere becomes a new file copy with its own id, so that
        two copies edited apart never share an origin."""
        if info.get("replica_path") == str(self.path) and self.replica_id:
            return
        self.replica_id = str(uuid.uuid4())
        self.set_info({"replica_id": self.replica_id, "replica_path": str(self.path)})

    def set_info(self, values: dict[str, str]) -> None:
        with self.engine.begin() as conn:
            write_info(conn, values)

    @property
    def actor(self) -> str:
        """Who makes the edits: the facilitator name set in the file, else the OS user."""
        if self.facilitator:
            return self.facilitator
        try:
            return getpass.getuser()
        except Exception:
            return "unknown"

    # -- whole-file operations -------------------------------------------------------------

    def check(self) -> CheckResult:
        with self.engine.connect() as conn:
            integrity = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            fks = [
                f"{r[0]} row {r[1]} → {r[2]}"
                for r in conn.exec_driver_sql("PRAGMA foreign_key_check")
            ]
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
        return CheckResult(int(version), [] if integrity == ["ok"] else integrity, fks)

    def save_copy(self, target: Path | str) -> Path:
        """A consistent, compact single-file copy (VACUUM INTO, fsync, rename into place)."""
        target = Path(target).absolute()
        if target == self.path:
            raise FileError(target, _("Choose a different file name for the copy."))
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
        try:
            conn = connect(self.path, readonly=True)
            try:
                conn.execute("VACUUM INTO ?", (str(tmp),))
            finally:
                conn.close()
            with tmp.open("rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, target)
            _fsync_dir(target.parent)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise FileError(
                target,
                _(
                    "The copy “{path}” could not be written ({reason}). "
                    "Check the folder and the free space.",
                    path=target,
                    reason=getattr(exc, "strerror", None) or str(exc),
                ),
            ) from exc
        return target

    def close(self) -> None:
        self.engine.dispose()
        self._lock.release()

    def __enter__(self) -> ConsultaFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_info(conn: Connection, values: dict[str, str]) -> None:
    """Set keys of ``file_info`` within the caller's transaction."""
    for key, value in values.items():
        conn.exec_driver_sql(
            "INSERT INTO file_info(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
