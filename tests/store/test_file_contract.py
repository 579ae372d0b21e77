"""The .consulta file contract: identity pragmas, journal, integrity, durability, copies."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from consulta.domain import model as m
from consulta.domain.errors import FileError, FileLockedError, ReadOnlyError
from consulta.services.workspace import Workspace
from consulta.store.file import ConsultaFile
from consulta.store.fileformat import APPLICATION_ID, SCHEMA_VERSION


def pragma(path: Path, name: str) -> object:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_new_file_carries_identity_and_version(tmp_consulta: Path) -> None:
    Workspace.create(tmp_consulta, "Plan").close()
    assert pragma(tmp_consulta, "application_id") == APPLICATION_ID
    assert pragma(tmp_consulta, "user_version") == SCHEMA_VERSION
    assert pragma(tmp_consulta, "journal_mode") == "delete"
    assert pragma(tmp_consulta, "integrity_check") == "ok"


def test_connections_use_the_contract_pragmas(tmp_consulta: Path) -> None:
    with Workspace.create(tmp_consulta, "Plan") as ws, ws.read() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"


def test_new_consultation_has_the_seven_default_sectors(tmp_consulta: Path) -> None:
    with Workspace.create(tmp_consulta, "Plan") as ws:
        names = [s.name for s in ws.sectors.list()]
    assert names == [
        "Public administration",
        "Private sector",
        "Academia",
        "Citizens and civil society",
        "Diplomatic missions and consulates",
        "International cooperation agencies and networks",
        "Media",
    ]


def test_default_sectors_are_named_in_the_consultation_language(tmp_consulta: Path) -> None:
    with Workspace.create(tmp_consulta, "Plan", language="es") as ws:
        assert ws.sectors.list()[0].name == "Administración pública"


def test_byte_copy_taken_while_open_holds_every_committed_edit(tmp_path: Path) -> None:
    path = tmp_path / "live.consulta"
    with Workspace.create(path, "Plan") as ws:
        sector = ws.sectors.list()[0]
        person = ws.participants.create(m.Participant(name="Rosa Quispe", sector_id=sector.id))
        copy = tmp_path / "usb-stick.consulta"
        shutil.copyfile(path, copy)  # the app still holds the file open
        assert not (tmp_path / "live.consulta-journal").exists()
        conn = sqlite3.connect(copy)
        names = [
            r[0] for r in conn.execute("SELECT name FROM participant WHERE id = ?", (person.id,))
        ]
        conn.close()
        assert names == ["Rosa Quispe"]


def test_a_second_process_gets_a_lock_message(tmp_consulta: Path) -> None:
    import subprocess
    import sys

    with Workspace.create(tmp_consulta, "Plan"):
        code = (
            "import sys\nfrom consulta.store.file import ConsultaFile\n"
            "from consulta.domain.errors import FileLockedError\n"
            f"try:\n    ConsultaFile.open({str(tmp_consulta)!r})\n"
            "except FileLockedError as e:\n    print(e); sys.exit(7)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 7, result.stderr
    assert "already open" in result.stdout
    ConsultaFile.open(tmp_consulta).close()  # released when the first closes


def test_lock_in_the_same_process(tmp_consulta: Path) -> None:
    with Workspace.create(tmp_consulta, "Plan"), pytest.raises(FileLockedError):
        Workspace.open(tmp_consulta)


def test_read_only_file_opens_read_only(tmp_consulta: Path) -> None:
    Workspace.create(tmp_consulta, "Plan").close()
    tmp_consulta.chmod(0o444)
    try:
        with Workspace.open(tmp_consulta) as ws:
            assert ws.readonly
            assert ws.consultation.get().title == "Plan"
            with pytest.raises(ReadOnlyError, match="read-only"):
                ws.districts.create("Norte")
    finally:
        tmp_consulta.chmod(0o644)


def test_explicit_read_only_open_refuses_edits(tmp_consulta: Path) -> None:
    Workspace.create(tmp_consulta, "Plan").close()
    with Workspace.open(tmp_consulta, readonly=True) as ws, pytest.raises(ReadOnlyError):
        ws.consultation.update(title="Otro")


def test_save_a_copy_is_consistent_and_compact(tmp_path: Path) -> None:
    path = tmp_path / "a.consulta"
    with Workspace.create(path, "Plan") as ws:
        sector = ws.sectors.list()[0]
        for i in range(50):
            ws.participants.create(m.Participant(name=f"Person {i}", sector_id=sector.id))
        for p in ws.participants.list()[:40]:
            ws.participants.delete(p.id)
        target = ws.file.save_copy(tmp_path / "copy.consulta")
        assert not list(tmp_path.glob("*.partial"))
        original_replica = ws.file.replica_id
    assert target.stat().st_size < path.stat().st_size
    with Workspace.open(target) as copy:
        assert copy.participants.count() == 10
        assert copy.file.check().ok
        # A copy in another place is another file copy, with its own id.
        assert copy.file.replica_id != original_replica


def test_save_a_copy_refuses_its_own_path(tmp_consulta: Path) -> None:
    with Workspace.create(tmp_consulta, "Plan") as ws, pytest.raises(FileError):
        ws.file.save_copy(tmp_consulta)


def test_a_moved_file_becomes_a_new_file_copy(tmp_path: Path) -> None:
    first = tmp_path / "a.consulta"
    with Workspace.create(first, "Plan") as ws:
        original = ws.file.replica_id
    second = tmp_path / "b.consulta"
    shutil.copyfile(first, second)
    with Workspace.open(first) as ws:
        assert ws.file.replica_id == original
    with Workspace.open(second) as ws:
        assert ws.file.replica_id != original
        session = ws.sessions.create(m.Session(title="Mesa", date=date(2026, 3, 1)))
        assert session.origin == ws.file.replica_id


def test_create_refuses_an_existing_file(tmp_consulta: Path) -> None:
    tmp_consulta.write_text("keep me")
    with pytest.raises(FileError, match="already exists"):
        Workspace.create(tmp_consulta, "Plan")
    assert tmp_consulta.read_text() == "keep me"
