"""The command line: exit codes 0 / 1 / 2, messages that name the file, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from consulta.cli import run
from consulta.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CONSULTA_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "consulta", *args], capture_output=True, text=True, env=env
    )


def test_new_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.consulta"
    assert run(["new", str(path), "--title", "Plan de ciudad", "--language", "es"]) == 0
    assert run(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Plan de ciudad" in out
    assert "Sectors: 7" in out
    assert "Integrity: ok" in out


def test_demo_is_rich_enough_for_every_screen(tmp_path: Path) -> None:
    path = tmp_path / "demo.consulta"
    assert run(["demo", str(path)]) == 0
    with Workspace.open(path, readonly=True) as ws:
        snap = ws.consultation.snapshot()
    assert len(snap.sectors) == 7 and len(snap.districts) == 3
    assert 8 <= len(snap.sessions) <= 12
    assert {s.status.value for s in snap.sessions} == {"planned", "held", "closed"}
    assert 35 <= len(snap.participants) <= 45
    assert 10 <= len(snap.guidelines) <= 14
    assert {p.stance.value for p in snap.positions} == {
        "support",
        "support_with_reservations",
        "oppose",
        "abstain",
    }
    assert any(p.votes for p in snap.positions)
    assert any("ç" in p.name or "ã" in p.name or "ê" in p.name for p in snap.participants)
    assert all(
        item.notes for item in snap.agenda_items if snap.session(item.session_id).status.counts
    )


def test_user_errors_exit_1_with_a_message_and_no_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.consulta"
    result = cli("info", str(missing))
    assert result.returncode == 1
    assert str(missing) in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr

    junk = tmp_path / "junk.consulta"
    junk.write_bytes(b"\x00\x01 not a database" * 50)
    result = cli("check", str(junk))
    assert result.returncode == 1
    assert "is not a Consulta file" in result.stderr

    existing = tmp_path / "exists.consulta"
    existing.write_text("x")
    result = cli("new", str(existing), "--title", "T")
    assert result.returncode == 1 and "already exists" in result.stderr


def test_bad_usage_exits_2() -> None:
    assert cli("frobnicate").returncode == 2
    result = cli("new", "x.consulta")  # --title missing
    assert result.returncode == 2
    assert "--title" in result.stderr


def test_check_reports_a_sound_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.consulta"
    Workspace.create(path, "Plan").close()
    result = cli("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "is sound" in result.stdout


def test_check_fails_on_broken_references(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "broken.consulta"
    Workspace.create(path, "Plan").close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        "INSERT INTO organisation(id, name, sector_id, created_at, updated_at, hlc, origin) "
        "VALUES ('o1', 'Ghost', 'no-such-sector', '2026-01-01', '2026-01-01', '0', 'x')"
    )
    conn.commit()
    conn.close()
    result = cli("check", str(path))
    assert result.returncode == 1
    assert "Broken reference" in result.stdout
