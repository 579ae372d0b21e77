"""Erasure: personal data gone from the file's bytes, figures unchanged, and it stays
erased through every later merge."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from consulta.domain import model as m
from consulta.merge.apply import apply_merge
from consulta.merge.erase import erase_participant
from consulta.merge.kit import make_kit
from consulta.services.workspace import Workspace
from tests.merge.helpers import BASE_MS, build_master, copy_of, set_clock

NAME = "Zacarías Quintero"
EMAIL = "zq-private@example.org"


@pytest.fixture
def master(tmp_path: Path) -> tuple[Path, str, str]:
    path = build_master(tmp_path / "master.consulta")
    with Workspace.open(path) as ws:
        sectors = ws.sectors.list()
        session = ws.sessions.list()[0]
        person = ws.participants.create(
            m.Participant(
                name="Zacarias Q",
                sector_id=sectors[3].id,
                email=EMAIL,
                phone="+34 600 000 000",
                gender=m.Gender.MALE,
                district_id=session.district_id,
            )
        )
        person = ws.participants.update(
            m.Participant(
                **{
                    **{
                        k: getattr(person, k)
                        for k in ("id", "sector_id", "email", "phone", "gender", "district_id")
                    },
                    "name": NAME,
                }
            )
        )
        ws.attendance.check_in(session.id, person.id)
        ws.sessions.close(session.id)
    return path, person.id, session.id


def _assert_gone(path: Path) -> None:
    raw = path.read_bytes()
    for secret in (NAME, "Zacarias Q", "zacarias q", EMAIL, "600 000 000"):
        assert secret.encode("utf-8") not in raw, secret


def test_erasure_removes_the_bytes_and_keeps_the_figures(master: tuple[Path, str, str]) -> None:
    path, pid, sid = master
    assert NAME.encode("utf-8") in path.read_bytes()
    with Workspace.open(path) as ws:
        figures = ws.attendance.count_by_sector(sid)
        erase_participant(ws, pid)  # even though the session's minutes are locked
        person = ws.participants.get(pid)
        assert (person.name, person.email, person.phone, person.gender) == ("", None, None, None)
        assert ws.attendance.count_by_sector(sid) == figures
        assert not ws.history.can_undo
    _assert_gone(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT participant_id FROM erasure").fetchall() == [(pid,)]
    conn.close()


def test_erasure_wins_over_older_and_later_copies(
    master: tuple[Path, str, str], tmp_path: Path
) -> None:
    path, pid, _sid = master
    old = copy_of(path, tmp_path / "old.consulta")  # made before the erasure
    edited = copy_of(path, tmp_path / "edited.consulta")
    with Workspace.open(edited) as ws:
        set_clock(ws, BASE_MS + 900_000_000, 1000)  # far in the future: edits after erasure
        p = ws.participants.get(pid)
        ws.participants.update(
            m.Participant(
                **{
                    **{k: getattr(p, k) for k in ("id", "sector_id", "district_id")},
                    "name": NAME + " Jr",
                    "email": EMAIL,
                }
            )
        )
    with Workspace.open(path) as ws:
        erase_participant(ws, pid)
    apply_merge(path, [old, edited])
    with Workspace.open(path, readonly=True) as ws:
        assert ws.participants.get(pid).name == ""
    _assert_gone(path)


def test_erasure_in_a_kit_travels_to_the_master(
    master: tuple[Path, str, str], tmp_path: Path
) -> None:
    path, pid, _sid = master
    kit = make_kit(path, "Norte", tmp_path / "kit.consulta")
    with Workspace.open(kit) as ws:
        erase_participant(ws, pid)
    apply_merge(path, [kit])
    with Workspace.open(path, readonly=True) as ws:
        assert ws.participants.get(pid).name == ""
    _assert_gone(path)


def test_erase_command(master: tuple[Path, str, str]) -> None:
    path, pid, _sid = master
    done = subprocess.run(
        [sys.executable, "-m", "consulta", "erase", str(path), "--participant", pid],
        capture_output=True,
        text=True,
        env={"CONSULTA_LANG": "en", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    _assert_gone(path)
    again = subprocess.run(
        [sys.executable, "-m", "consulta", "erase", str(path), "--participant", "nobody"],
        capture_output=True,
        text=True,
        env={"CONSULTA_LANG": "en", "PATH": ""},
    )
    assert again.returncode == 1 and "not found" in again.stderr
