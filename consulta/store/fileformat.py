"""The file contract: header constants and a check of the header before SQLite parses anything."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from consulta.domain.errors import FileError, FileFormatError
from consulta.i18n import _

# PRAGMA application_id of every .consulta file: "CnsL".
APPLICATION_ID = 0x436E734C
# PRAGMA user_version: the schema version this Consulta writes.
SCHEMA_VERSION = 2
SQLITE_MAGIC = b"SQLite format 3\x00"
FILE_SUFFIX = ".consulta"


@dataclass(frozen=True)
class Header:
    application_id: int
    user_version: int
    page_size: int


def read_header(path: Path) -> Header:
    """Read and check the 100-byte SQLite header; refuse what is not a consultation."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(100)
    except FileNotFoundError:
        raise FileError(
            path, _("“{path}” does not exist. Check the name and folder.", path=path)
        ) from None
    except IsADirectoryError:
        raise FileError(
            path, _("“{path}” is a folder, not a consultation file.", path=path)
        ) from None
    except OSError as exc:
        raise FileError(
            path, _("“{path}” could not be read ({reason}).", path=path, reason=exc.strerror)
        ) from exc
    if len(raw) < 100 or not raw.startswith(SQLITE_MAGIC):
        raise FileFormatError(
            path,
            _(
                "“{path}” is not a Consulta file. Open a .consulta file, or import a "
                "JSON document with File ▸ Import.",
                path=path,
            ),
        )
    page_size = struct.unpack(">H", raw[16:18])[0]
    user_version, application_id = struct.unpack(">I4xI", raw[60:72])
    header = Header(application_id, user_version, 65536 if page_size == 1 else page_size)
    if header.application_id != APPLICATION_ID:
        raise FileFormatError(
            path,
            _(
                "“{path}” is a database, but not a Consulta consultation. "
                "Open a .consulta file made by Consulta.",
                path=path,
            ),
        )
    if header.user_version > SCHEMA_VERSION:
        raise FileFormatError(
            path,
            _(
                "“{path}” was made by a newer version of Consulta (file format {found}; "
                "this version reads up to {supported}). Update Consulta to open it.",
                path=path,
                found=header.user_version,
                supported=SCHEMA_VERSION,
            ),
        )
    if header.user_version < 1:
        raise FileFormatError(
            path,
            _("“{path}” is an incomplete Consulta file and cannot be opened.", path=path),
        )
    return header


def damaged(path: Path, detail: str = "") -> FileFormatError:
    text = _(
        "“{path}” is damaged and cannot be opened. Nothing was changed. "
        "Use a backup or ask the person who sent it for a new copy.",
        path=path,
    )
    if detail:
        text += " (" + detail + ")"
    return FileFormatError(path, text)
