"""Import an interchange document into a new ``.consulta`` file: all or nothing, in bulk.

The whole document is checked first (``json_validate``); any problem raises
``InvalidDocumentError`` listing every one, and no file is written. A sound document is
written into a new file under a temporary name with one executemany per table in one
transaction, every row stamped with the same clock stamp, then renamed into place. A
failure or a cancel removes the temporary file.
"""

from __future__ import annotations

import json
import os
from hashlib import sha1
from operator import itemgetter
import re
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Time, insert

from consulta.domain.errors import (
    FileError,
    FileFormatError,
    InvalidDocumentError,
    Problem,
)
from consulta.domain.model import DERIVED_ID_NAMESPACE
from consulta.domain.progress import Progress, step
from consulta.domain.text import fold
from consulta.i18n import _
from consulta.interchange.json_validate import (
    FORMAT,
    VERSION,
    Parsed,
    Rows,
    check_header,
    parse_document,
)
from consulta.store.file import ConsultaFile
from consulta.store.lock import FileLock
from consulta.store.models import TABLES_BY_NAME, AuditRow, Replicated

# The tables in foreign-key order, with the document's name for each.
ORDER = (
    ("consultation", "consultation"),
    ("district", "districts"),
    ("sector", "sectors"),
    ("organisation", "organisations"),
    ("participant", "participants"),
    ("session", "sessions"),
    ("agenda_item", "agenda_items"),
    ("attendance", "attendance"),
    ("guideline", "guidelines"),
    ("position", "positions"),
)
CHUNK = 20_000
# A JSON escape of a UTF-16 surrogate: only then can a string hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote: the file, the count per kind, and what it ignored."""

    target: Path
    counts: dict[str, int]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _reject_constant(name: str) -> Any:
    raise ValueError(_("{name} is not allowed in JSON", name=name))


def load_document(source: Path) -> tuple[dict[str, Any], bool]:
    """Read and parse the file; returns the document and whether it may hold surrogates."""
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        raise FileError(
            source, _("“{path}” does not exist. Check the name and folder.", path=source)
        ) from None
    except IsADirectoryError:
        raise FileError(source, _("“{path}” is a folder, not a JSON document.", path=source)) from None
    except OSError as exc:
        raise FileError(
            source, _("“{path}” could not be read ({reason}).", path=source, reason=exc.strerror)
        ) from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            source,
            _(
                "“{path}” is not UTF-8 text (invalid byte at position {offset}). "
                "Save it as UTF-8 and import it again.",
                path=source,
                offset=exc.start,
            ),
        ) from None
    try:
        doc = json.loads(content, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            source,
            _(
                "“{path}” is not valid JSON: {error} at line {line}, column {column}. "
                "Correct it and import it again.",
                path=source,
                error=exc.msg,
                line=exc.lineno,
                column=exc.colno,
            ),
        ) from None
    except (ValueError, RecursionError) as exc:
        raise FileFormatError(
            source,
            _(
                "“{path}” is not valid JSON ({error}). Correct it and import it again.",
                path=source,
                error=str(exc) or type(exc).__name__,
            ),
        ) from None
    if type(doc) is not dict:
        raise FileFormatError(
            source,
            _(
                "“{path}” is JSON, but not a Consulta interchange document (it must be one "
                "object with “format”: “{format}”).",
                path=source,
                format=FORMAT,
            ),
        )
    return doc, _SURROGATE_ESCAPE.search(raw) is not None


def check_document(source: Path, doc: dict[str, Any], surrogates: bool = True) -> Parsed:
    """Every problem of the document, or raise: the format, the version, then the rest."""
    problems = check_header(doc)
    if problems:
        raise InvalidDocumentError(source, problems)
    version = doc["version"]
    if version > VERSION:
        raise FileFormatError(
            source,
            _(
                "“{path}” is interchange version {found}; this Consulta reads up to version "
                "{supported}. Update Consulta to import it.",
                path=source,
                found=version,
                supported=VERSION,
            ),
        )
    parsed = parse_document(doc, surrogates=surrogates)
    if parsed.problems:
        raise InvalidDocumentError(source, parsed.problems)
    return parsed


def import_json(
    source: Path | str,
    target: Path | str,
    progress: Progress | None = None,
    overwrite: bool = False,
) -> ImportReport:
    """Check the document ``source`` and write it as the new consultation file ``target``."""
    source = Path(source)
    _check_target(Path(target).absolute(), overwrite)
    step(progress, 0, 0, _("Reading “{name}”…", name=source.name))
    doc, surrogates = load_document(source)
    return import_document(doc, target, progress, overwrite, source=source, surrogates=surrogates)


def import_document(
    doc: dict[str, Any],
    target: Path | str,
    progress: Progress | None = None,
    overwrite: bool = False,
    *,
    source: Path | str = "document",
    surrogates: bool = True,
) -> ImportReport:
    """Check an already parsed document and write it as the new file ``target``.
    ``source`` names the document in messages; ``surrogates=False`` skips the search for
    lone surrogates (only sound when the document came from text without ``\\udXXX``)."""
    source = Path(source)
    target = Path(target).absolute()
    _check_target(target, overwrite)
    step(progress, 0, 0, _("Checking the document…"))
    parsed = check_document(source, doc, surrogates)
    tmp = target.with_name(f".{target.name}.{uuidlib.uuid4().hex[:8]}.importing")
    try:
        counts = _write(tmp, target, source, parsed, progress)
        _check_target(target, overwrite)
        _replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return ImportReport(target, counts, parsed.warnings)


def _check_target(target: Path, overwrite: bool) -> None:
    if target.is_dir():
        raise FileError(target, _("“{path}” is a folder. Choose a file name.", path=target))
    if target.exists() and not overwrite:
        raise FileError(
            target,
            _(
                "“{path}” already exists. Choose another name, or allow replacing it.",
                path=target,
            ),
        )
    if not target.parent.is_dir():
        raise FileError(
            target, _("The folder of “{path}” does not exist. Choose another folder.", path=target)
        )


def _replace(tmp: Path, target: Path) -> None:
    """Rename into place; an existing target must not be open in Consulta."""
    lock = FileLock(target, exclusive=True) if target.exists() else None
    try:
        os.replace(tmp, target)
    except OSError as exc:
        raise FileError(
            target,
            _("“{path}” could not be written ({reason}).", path=target, reason=exc.strerror),
        ) from exc
    finally:
        if lock is not None:
            lock.release()
    if os.name == "posix":
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write(
    tmp: Path, target: Path, source: Path, parsed: Parsed, progress: Progress | None
) -> dict[str, int]:
    cfile = ConsultaFile.create(tmp)
    try:
        stamp = cfile.clock.tick()
        now = datetime.now(UTC).replace(tzinfo=None)
        meta = {"created_at": now, "updated_at": now, "hlc": stamp, "origin": cfile.replica_id}
        _finish_rows(parsed)
        total = sum(len(rows) for rows in parsed.rows.values())
        done = 0
        counts: dict[str, int] = {}
        with cfile.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            # The temporary file is deleted on any failure, so it needs no crash safety
            # while it is written; it is synced once, before it is renamed into place.
            for pragma in _FAST:
                raw.execute(pragma)
            try:
                with conn.begin():
                    for table_name, kind in ORDER:
                        rows = parsed.rows[table_name]
                        for start in range(0, len(rows), CHUNK):
                            step(progress, done, total, _("Writing the consultation…"))
                            chunk = rows[start : start + CHUNK]
                            _insert(conn, table_name, chunk, meta)
                            done += len(chunk)
                        counts[kind] = len(rows)
                    _audit(conn, cfile, stamp, now, source, parsed, counts)
                    step(progress, total, total, _("Writing the consultation…"))
            finally:
                for pragma in _SAFE:
                    raw.execute(pragma)
        cfile.set_info({"clock": stamp, "replica_path": str(target)})
    finally:
        cfile.close()
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    return counts


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


def _insert(conn: Connection, name: str, rows: Rows, meta: dict[str, Any]) -> None:
    """One executemany of ``rows`` (all with the same keys) plus the shared ``meta``.

    Values go through the column types' own bind processors (dates, times and
    timestamps are stored exactly as SQLAlchemy stores them); ``meta`` is processed once.
    """
    if not rows:
        return
    t = _table(name)
    dialect = conn.dialect
    columns = list(rows[0])
    converters = [(c, p) for c in columns if (p := _processor(t.c[c], dialect)) is not None]
    for row in rows:
        for column, convert in converters:
            value = row[column]
            if value is not None:
                row[column] = convert(value)
    fixed = tuple(
        p(v) if (p := _processor(t.c[c], dialect)) is not None else v for c, v in meta.items()
    )
    names = ", ".join(f'"{c}"' for c in (*columns, *meta))
    marks = ", ".join("?" * (len(columns) + len(meta)))
    getter = itemgetter(*columns)
    conn.exec_driver_sql(
        f'INSERT INTO "{t.name}" ({names}) VALUES ({marks})',
        [getter(row) + fixed for row in rows],
    )


def _processor(column: Any, dialect: Any) -> Any:
    """The bind processor of a date, time or timestamp column (None for the others:
    sqlite3 stores strings, numbers and booleans as SQLAlchemy would)."""
    if not isinstance(column.type, Date | Time | DateTime):
        return None
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def _finish_rows(parsed: Parsed) -> None:
    """What the table needs beyond the document: sort order, search key, split votes."""
    for order, row in enumerate(parsed.rows["sector"]):
        row["sort_order"] = order
    for row in parsed.rows["participant"]:
        row["search_key"] = search_key(row["name"], row["email"])
    for row in parsed.rows["attendance"]:
        row["id"] = attendance_key(row["session_id"], row["participant_id"])
    for row in parsed.rows["position"]:
        votes = row.pop("votes")
        (
            row["votes_support"],
            row["votes_support_with_reservations"],
            row["votes_oppose"],
            row["votes_abstain"],
        ) = votes if votes is not None else (None, None, None, None)


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
    digest = bytearray(sha1(_NAMESPACE + f"attendance/{session_id}/{participant_id}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def _table(name: str) -> Any:
    model: type[Replicated] = TABLES_BY_NAME[name]
    return model.__table__  # type: ignore[attr-defined]


def _audit(
    conn: Connection,
    cfile: ConsultaFile,
    stamp: str,
    now: datetime,
    source: Path,
    parsed: Parsed,
    counts: dict[str, int],
) -> None:
    consultation = parsed.rows["consultation"][0]
    entry = {
        "table": "consultation",
        "id": consultation["id"],
        "before": None,
        "after": {"imported_from": source.name, "counts": counts, "warnings": len(parsed.warnings)},
    }
    conn.execute(
        insert(AuditRow.__table__).values(
            at=now,
            hlc=stamp,
            origin=cfile.replica_id,
            actor=cfile.actor,
            action="interchange.import",
            changes=json.dumps([entry], ensure_ascii=False),
        )
    )
