"""Schema creation and migrations (Alembic), with a backup copy before migrating."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from consulta.domain.errors import FileError
from consulta.i18n import _
from consulta.resources import migrations_dir
from consulta.store.fileformat import APPLICATION_ID, SCHEMA_VERSION


def upgrade(conn: sqlite3.Connection) -> None:
    """Run every migration the file lacks, in one transaction per revision."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = create_engine("sqlite://", creator=lambda: conn)
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:  # a migration must set user_version: a bug, not user error
        raise RuntimeError(f"migrations ended at user_version {version}, not {SCHEMA_VERSION}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def backup_path(path: Path, old_version: int) -> Path:
    candidate = path.with_name(f"{path.stem}.backup-v{old_version}{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.backup-v{old_version}-{n}{path.suffix}")
        n += 1
    return candidate


def backup_before_migrating(path: Path, old_version: int) -> Path:
    target = backup_path(path, old_version)
    try:
        shutil.copy2(path, target)
    except OSError as exc:
        raise FileError(
            path,
            _(
                "“{path}” needs updating to this version of Consulta, but the backup copy "
                "“{backup}” could not be written ({reason}). Free some space or move the "
                "file to a folder you can write to.",
                path=path,
                backup=target,
                reason=exc.strerror,
            ),
        ) from exc
    return target
