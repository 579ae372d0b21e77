"""Every schema version ever shipped has a fixture file here, and each opens today."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from consulta.services.workspace import Workspace
from consulta.store.fileformat import SCHEMA_VERSION, read_header

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures").glob("v*.consulta"))


def test_there_is_a_fixture_for_every_schema_version() -> None:
    versions = {read_header(p).user_version for p in FIXTURES}
    assert versions == set(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_fixture_opens_in_the_current_version(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    old_version = read_header(path).user_version
    before = path.read_bytes()
    with Workspace.open(path) as ws:
        assert ws.file.check().ok
        snapshot = ws.consultation.snapshot()
        assert snapshot.consultation.title
        assert snapshot.sectors
    assert read_header(path).user_version == SCHEMA_VERSION
    backups = list(tmp_path.glob("*.backup-v*.consulta"))
    if old_version < SCHEMA_VERSION:
        assert len(backups) == 1
        assert backups[0].read_bytes() == before  # the untouched original
    else:
        assert backups == []
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
