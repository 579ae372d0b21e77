"""Opening a consultation file that came from elsewhere (USB, e-mail), defensively.

The header is checked before SQLite parses anything; the file is copied to a private
temporary folder (hashing it on the way) and only the copy is opened, read-only; the
copy's schema must be exactly the schema Consulta writes for that file format (every
table, index, view and trigger, with its SQL), then integrity and foreign keys are
checked. An older format is migrated on the copy. The file is never attached to the
master's connection and nothing in it is executed.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from consulta.domain.errors import FileError, FileFormatError
from consulta.i18n import _
from consulta.store import migrate
from consulta.store.fileformat import SCHEMA_VERSION, damaged, read_header

SchemaEntry = tuple[str, str, str, str | None]
_STAMP = re.compile(r"^\d{13}-\d{6}$")


@dataclass
class IncomingFile:
    """A checked, private, read-only copy of an incoming file."""

    source: Path
    sha256: str
    conn: sqlite3.Connection
    consultation_id: str
    title: str
    replica_id: str
    kit_district: str
    format_version: int
    _folder: Path = field(repr=False)

    @property
    def name(self) -> str:
        return self.source.name

    def close(self) -> None:
        self.conn.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> IncomingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _schema(conn: sqlite3.Connection) -> frozenset[SchemaEntry]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return frozenset((str(t), str(n), str(tb), s) for t, n, tb, s in rows)


@cache
def expected_schema(version: int) -> frozenset[SchemaEntry]:
    """The exact schema of a fresh file of ``version``: the current one as new files get
    it (``schema_sql``, kept equal to the migrations by a test), an older one built by the
    migrations themselves."""
    if version == SCHEMA_VERSION:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            migrate.create_current(conn)
            return _schema(conn)
        finally:
            conn.close()
    with migrate.migrated_database(f"{version:04d}") as conn:
        return _schema(conn)


def _copy_and_hash(source: Path, target: Path) -> str:
    digest = hashlib.sha256()
    try:
        with source.open("rb") as src, target.open("wb") as dst:
            while chunk := src.read(1 << 20):
                digest.update(chunk)
                dst.write(chunk)
    except OSError as exc:
        raise FileError(
            source, _("“{path}” could not be read ({reason}).", path=source, reason=exc.strerror)
        ) from exc
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _hostile(path: Path, what: str) -> FileFormatError:
    return FileFormatError(
        path,
        _(
            "“{path}” was refused: it contains {what} that Consulta never writes, so it "
            "may have been altered. Nothing was changed. Ask the sender for a new copy "
            "made with Consulta.",
            path=path,
            what=what,
        ),
    )


def _check_schema(conn: sqlite3.Connection, version: int, source: Path) -> None:
    found = _schema(conn)
    expected = expected_schema(version)
    if found == expected:
        return
    extra = sorted(found - expected)
    kinds = {entry[0] for entry in extra}
    names = ", ".join(entry[1] for entry in extra) or ", ".join(
        entry[1] for entry in sorted(expected - found)
    )
    if "trigger" in kinds:
        what = _("a trigger ({names})", names=names)
    elif "view" in kinds:
        what = _("a view ({names})", names=names)
    elif extra:
        what = _("unexpected tables or indexes ({names})", names=names)
    else:
        what = _("a schema with missing parts ({names})", names=names)
    raise _hostile(source, what)


def _check_sound(conn: sqlite3.Connection, source: Path) -> None:
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
        if integrity != ["ok"]:
            raise damaged(source, "; ".join(str(i) for i in integrity[:3]))
        broken = conn.execute("PRAGMA foreign_key_check").fetchmany(3)
        if broken:
            raise damaged(source, "; ".join(f"{r[0]} → {r[2]}" for r in broken))
    except sqlite3.DatabaseError as exc:
        raise damaged(source, str(exc)) from exc


def _value_rules() -> dict[str, str]:
    """Per replicated table, an SQL condition every row must meet: each column holds a
    value of its kind (text, integer, ISO date/time, 0/1, a known enum value)."""
    from sqlalchemy import Boolean, Date, DateTime, Integer, Time

    from consulta.domain import model as m
    from consulta.store.models import TABLES_BY_NAME

    enums = {
        ("session", "status"): m.SessionStatus,
        ("guideline", "status"): m.GuidelineStatus,
        ("position", "stance"): m.Stance,
        ("participant", "gender"): m.Gender,
    }
    rules: dict[str, str] = {}
    for name, model in TABLES_BY_NAME.items():
        checks = []
        for column in model.__table__.columns:  # type: ignore[attr-defined]
            c, kind = f'"{column.name}"', column.type
            if (name, column.name) in enums:
                values = ", ".join(f"'{e.value}'" for e in enums[(name, column.name)])
                rule = f"{c} IN ({values})"
            elif isinstance(kind, Boolean):
                rule = f"{c} IN (0, 1)"
            elif isinstance(kind, Integer):
                rule = f"typeof({c}) = 'integer'"
            elif isinstance(kind, DateTime):
                rule = f"(typeof({c}) = 'text' AND datetime({c}) IS NOT NULL)"
            elif isinstance(kind, Date):
                rule = f"(typeof({c}) = 'text' AND date({c}) IS {c})"
            elif isinstance(kind, Time):
                rule = f"(typeof({c}) = 'text' AND time({c}) IS NOT NULL)"
            else:
                rule = f"(typeof({c}) = 'text' AND length({c}) <= 1000000)"
            checks.append(f"({c} IS NULL OR {rule})" if column.nullable else rule)
        rules[name] = " AND ".join(checks)
    return rules


def _check_values(conn: sqlite3.Connection, source: Path) -> None:
    for name, rule in _value_rules().items():
        bad = conn.execute(
            f"SELECT id FROM {name} WHERE NOT coalesce(({rule}), 0) LIMIT 1"
        ).fetchone()
        if bad is not None:
            raise _hostile(source, _("values of the wrong kind in {table}", table=name))


def _read_identity(conn: sqlite3.Connection, source: Path) -> tuple[str, str, dict[str, str]]:
    rows = conn.execute("SELECT id, title FROM consultation").fetchall()
    if len(rows) != 1:
        raise damaged(source, _("it holds {count} consultations", count=len(rows)))
    info = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM file_info")}
    from consulta.store.models import TABLES_BY_NAME

    for name in TABLES_BY_NAME:
        bad = conn.execute(
            f"SELECT id FROM {name} WHERE length(id) > 36 OR typeof(hlc) != 'text' "
            "OR hlc NOT GLOB '[0-9]*-[0-9]*' OR length(hlc) != 20 OR length(origin) > 36 LIMIT 1"
        ).fetchone()
        if bad is not None:
            raise _hostile(source, _("malformed record stamps in {table}", table=name))
    return str(rows[0][0]), str(rows[0][1]), info


def open_untrusted(path: Path | str) -> IncomingFile:
    """Check and open a private read-only copy of ``path``; raises a FileError if refused."""
    source = Path(path).absolute()
    read_header(source)  # before SQLite sees a byte of it
    folder = Path(tempfile.mkdtemp(prefix="consulta-incoming-"))
    copy = folder / "incoming.consulta"
    conn: sqlite3.Connection | None = None
    try:
        sha = _copy_and_hash(source, copy)
        header = read_header(copy)  # the copy is what we open: check it too
        version = header.user_version
        conn = _open_copy(copy, source, readonly=True)
        _check_schema(conn, version, source)
        _check_sound(conn, source)
        if version < SCHEMA_VERSION:
            conn.close()
            conn = _open_copy(copy, source, readonly=False)
            try:
                migrate.upgrade(conn)
            except Exception as exc:
                raise damaged(source, str(exc)) from exc
            conn.close()
            conn = _open_copy(copy, source, readonly=True)
            _check_schema(conn, SCHEMA_VERSION, source)
        consultation_id, title, info = _read_identity(conn, source)
        _check_values(conn, source)
        return IncomingFile(
            source=source,
            sha256=sha,
            conn=conn,
            consultation_id=consultation_id,
            title=title,
            replica_id=info.get("replica_id", ""),
            kit_district=info.get("kit_district_name", ""),
            format_version=version,
            _folder=folder,
        )
    except BaseException:
        if conn is not None:
            conn.close()
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _open_copy(copy: Path, source: Path, readonly: bool) -> sqlite3.Connection:
    mode = "ro" if readonly else "rw"
    try:
        conn = sqlite3.connect(f"file:{copy}?mode={mode}", uri=True, isolation_level=None)
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA cell_size_check = ON")
        if readonly:
            conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise damaged(source, str(exc)) from exc
    return conn


def valid_stamp(stamp: str) -> bool:
    return bool(_STAMP.match(stamp))
