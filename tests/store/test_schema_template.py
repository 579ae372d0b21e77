"""New files are created from schema_sql.py, not by running the migrations: the two must
give the same file (schema, stamps), and schema_sql.py must be what the migrations build."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from consulta.merge.untrusted import _schema, expected_schema
from consulta.store import migrate, schema_sql
from consulta.store.file import ConsultaFile
from consulta.store.fileformat import APPLICATION_ID, SCHEMA_VERSION


def test_schema_sql_is_what_the_migrations_build() -> None:
    revision, statements = migrate.current_statements()
    assert (SCHEMA_VERSION, revision) == (schema_sql.VERSION, schema_sql.REVISION), (
        "run python scripts/schema.py"
    )
    assert list(schema_sql.STATEMENTS) == statements, "run python scripts/schema.py"


def test_a_created_file_equals_a_migrated_one(tmp_path: Path) -> None:
    path = tmp_path / "new.consulta"
    ConsultaFile.create(path).close()
    with migrate.migrated_database() as migrated:  # every migration, as old files get them
        by_migrations = _schema(migrated)
    conn = sqlite3.connect(path)
    try:
        assert _schema(conn) == by_migrations == expected_schema(SCHEMA_VERSION)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (schema_sql.REVISION,)
        ]
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA page_size").fetchone() == (migrate.PAGE_SIZE,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    # Opening it runs no migration and makes no backup copy.
    with ConsultaFile.open(path) as again:
        assert again.path == path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.consulta"]


def test_a_failed_creation_leaves_no_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(schema_sql, "STATEMENTS", (*schema_sql.STATEMENTS, "CREATE TABLE ("))
    try:
        ConsultaFile.create(tmp_path / "bad.consulta")
    except sqlite3.Error:
        pass
    else:
        raise AssertionError("a broken schema must fail")
    assert list(tmp_path.iterdir()) == []
