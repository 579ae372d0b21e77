"""Opening refuses what is not a sound consultation, with a clear message, file unchanged."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from consulta.domain import model as m
from consulta.domain.errors import FileError, FileFormatError
from consulta.services.workspace import Workspace
from consulta.store.fileformat import APPLICATION_ID, SCHEMA_VERSION


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, match: str, error: type[Exception] = FileFormatError) -> None:
    before = sha(path)
    with pytest.raises(error, match=match) as info:
        Workspace.open(path)
    assert str(path) in str(info.value)  # the message names the file
    assert sha(path) == before
    assert not Path(str(path) + "-journal").exists()


def test_refuses_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.consulta"
    path.write_text("minutes of the meeting\n" * 20)
    refused(path, "is not a Consulta file")


def test_refuses_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.consulta"
    path.write_bytes(b"")
    refused(path, "is not a Consulta file")


def test_refuses_a_sqlite_file_that_is_not_a_consultation(tmp_path: Path) -> None:
    path = tmp_path / "other.consulta"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    refused(path, "not a Consulta consultation")


def test_refuses_a_file_from_a_newer_consulta(tmp_path: Path) -> None:
    path = tmp_path / "future.consulta"
    Workspace.create(path, "Plan").close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    refused(path, "newer version of Consulta")


def test_refuses_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "damaged.consulta"
    with Workspace.create(path, "Plan") as ws:
        sector = ws.sectors.list()[0]
        for i in range(300):
            ws.organisations.create(f"Organisation {i} " + "x" * 200, sector.id)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")  # the page size in the header
    for offset in range(page * 3, min(len(data), page * 12), 97):
        data[offset] = (data[offset] + 91) % 256
    path.write_bytes(bytes(data))
    refused(path, "is damaged")


def test_refuses_a_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.consulta"
    with Workspace.create(path, "Plan") as ws:
        sector = ws.sectors.list()[0]
        for i in range(200):
            ws.participants.create(m.Participant(name=f"P{i} " + "y" * 250, sector_id=sector.id))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refused(path, "is damaged")


def test_refuses_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="does not exist"):
        Workspace.open(tmp_path / "nothing.consulta")
    with pytest.raises(FileError, match="folder"):
        Workspace.open(tmp_path)


def test_application_id_is_checked_before_sqlite_parses(tmp_path: Path) -> None:
    # A header that claims SQLite with a foreign application id is refused from the header.
    path = tmp_path / "fake.consulta"
    header = bytearray(b"SQLite format 3\x00" + bytes(84))
    header[60:64] = (1).to_bytes(4, "big")
    header[68:72] = (APPLICATION_ID + 1).to_bytes(4, "big")
    path.write_bytes(bytes(header) + b"garbage" * 100)
    refused(path, "not a Consulta consultation")
