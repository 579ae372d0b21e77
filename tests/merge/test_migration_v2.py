"""A file of format 1 (made before merging existed) opens in this version: migrated, backed up."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

from consulta.services.workspace import Workspace
from consulta.store.fileformat import SCHEMA_VERSION

FIXTURE = Path(__file__).parent.parent / "fixtures" / "v1.consulta"


def test_version_1_file_is_migrated_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.consulta"
    shutil.copy(FIXTURE, path)
    original = hashlib.sha256(path.read_bytes()).hexdigest()
    with Workspace.open(path) as ws:
        assert ws.consultation.get().title == "Fixture v1"
        counts = ws.consultation.counts()
        assert counts["participants"] == 2 and counts["attendance"] == 2
        assert counts["positions"] == 1
    assert SCHEMA_VERSION == 2
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"erasure", "merge_history", "replica_clock"} <= tables
    conn.close()
    backups = list(tmp_path.glob("old.backup-v1*.consulta"))
    assert len(backups) == 1
    assert hashlib.sha256(backups[0].read_bytes()).hexdigest() == original
