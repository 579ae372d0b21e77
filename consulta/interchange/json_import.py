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
import re
import uuid as uuidlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from consulta.domain.errors import (
    FileError,
    FileFormatError,
    InvalidDocumentError,
    Problem,
)
from consulta.domain.progress import Progress, step
from consulta.gcpause import paused
from consulta.i18n import _
from consulta.interchange.json_bulk import BulkWriter
from consulta.interchange.json_checks import FORMAT, KINDS, VERSION
from consulta.interchange.json_columns import Columns
from consulta.interchange.json_validate import (
    Parsed,
    Sink,
    check_header,
    parse_document,
)
from consulta.store.lock import FileLock

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
        raise FileError(
            source, _("“{path}” is a folder, not a JSON document.", path=source)
        ) from None
    except OSError as exc:
        raise FileError(
            source, _("“{path}” could not be read ({reason}).", path=source, reason=exc.strerror)
        ) from exc
    # Only a \uD800–\uDFFF escape can put a lone surrogate in a string; most documents
    # have no such escape at all, which a plain search tells quickly.
    surrogates = (b"\\ud" in raw or b"\\uD" in raw) and _SURROGATE_ESCAPE.search(raw) is not None
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
    del raw  # the text alone while it is parsed (a national document is ~40 MB)
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
    return doc, surrogates


def check_header_or_raise(source: Path, doc: dict[str, Any]) -> None:
    """The format and the version; a document that fails here is not read further."""
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


def check_document(
    source: Path, doc: dict[str, Any], surrogates: bool = True, sink: Sink | None = None
) -> Parsed:
    """Every problem of the document, or raise ``InvalidDocumentError`` listing them."""
    check_header_or_raise(source, doc)
    parsed = parse_document(doc, surrogates=surrogates, sink=sink)
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
    target = Path(target).absolute()
    _check_target(target, overwrite)
    step(progress, 0, 0, _("Reading “{name}”…", name=source.name))
    # The new file is made while the document is read (the writer waits for rows).
    writer = _writer(target, source)
    try:
        with paused():
            doc, surrogates = load_document(source)
            try:
                return _import(doc, target, writer, progress, overwrite, source, surrogates)
            finally:
                # Freed while the collector is still paused: re-enabled with the document
                # alive, its next run would walk every one of its objects.
                del doc
    except BaseException:
        writer.abort()
        raise


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
    lone surrogates (only sound when the document came from text without an escape in
    ``\\uD800``–``\\uDFFF``)."""
    source = Path(source)
    target = Path(target).absolute()
    _check_target(target, overwrite)
    writer = _writer(target, source)
    try:
        with paused():
            return _import(doc, target, writer, progress, overwrite, source, surrogates)
    except BaseException:
        writer.abort()
        raise


def _writer(target: Path, source: Path) -> BulkWriter:
    """A writer into a temporary file beside ``target``; it is deleted unless the whole
    document is sound and fully written."""
    tmp = target.with_name(f".{target.name}.{uuidlib.uuid4().hex[:8]}.importing")
    return BulkWriter(tmp, target, source)


def _import(
    doc: dict[str, Any],
    target: Path,
    writer: BulkWriter,
    progress: Progress | None,
    overwrite: bool,
    source: Path,
    surrogates: bool,
) -> ImportReport:
    """Check the document while the writer writes its rows; the caller aborts the writer
    on any exception."""
    step(progress, 0, 0, _("Checking the document…"))
    check_header_or_raise(source, doc)
    total = _size(doc)
    checked = 0

    def sink(table: str, columns: Columns, n: int) -> None:
        nonlocal checked
        checked += n
        step(progress, checked, total, _("Checking and writing the consultation…"))
        writer.put(table, columns, n)

    parsed = check_document(source, doc, surrogates, sink)
    counts = writer.finish(len(parsed.warnings), progress, total)
    _check_target(target, overwrite)
    _replace(writer.tmp, target)
    return ImportReport(target, counts, parsed.warnings)


def _size(doc: dict[str, Any]) -> int:
    """How many records the document holds (for progress), 0 if it cannot tell."""
    consultation = doc.get("consultation")
    districts = consultation.get("districts") if type(consultation) is dict else None
    kinds = [doc.get(kind) for kind in KINDS]
    return 1 + sum(len(x) for x in (districts, *kinds) if type(x) is list)


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
    if not os.access(target.parent, os.W_OK):
        raise FileError(
            target,
            _(
                "“{path}” cannot be written: the folder is read-only. "
                "Choose a folder you can write to.",
                path=target,
            ),
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
