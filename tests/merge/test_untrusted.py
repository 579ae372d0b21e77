"""Incoming files are untrusted: altered, damaged or foreign files are refused, the
master untouched, and nothing in them runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from consulta.domain.errors import UserError
from consulta.domain.model import Stance, Tally
from consulta.merge.apply import apply_merge
from consulta.merge.plan import plan_merge
from consulta.merge.untrusted import open_untrusted
from consulta.services.workspace import Workspace
from tests.merge.helpers import build_master, copy_of, sha256

FIXTURE_V1 = Path(__file__).parent.parent / "fixtures" / "v1.consulta"


@pytest.fixture
def master(tmp_path: Path) -> Path:
    return build_master(tmp_path / "master.consulta")


def _alter(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()


def _refused(master: Path, incoming: Path, words: str) -> None:
    before = sha256(master)
    incoming_before = sha256(incoming)
    with pytest.raises(UserError) as caught:
        apply_merge(master, [incoming])
    assert words in str(caught.value)
    assert incoming.name in str(caught.value)
    assert sha256(master) == before
    assert sha256(incoming) == incoming_before


def test_extra_trigger_is_refused_and_never_runs(master: Path, tmp_path: Path) -> None:
    bad = copy_of(master, tmp_path / "trigger.consulta")
    _alter(
        bad,
        "CREATE TABLE loot(x); CREATE TRIGGER steal AFTER INSERT ON participant "
        "BEGIN INSERT INTO loot VALUES (new.name); END;",
    )
    _refused(master, bad, "trigger")


def test_extra_view_is_refused(master: Path, tmp_path: Path) -> None:
    bad = copy_of(master, tmp_path / "view.consulta")
    _alter(bad, "CREATE VIEW everyone AS SELECT name, email FROM participant;")
    _refused(master, bad, "view")


def test_extra_table_is_refused(master: Path, tmp_path: Path) -> None:
    bad = copy_of(master, tmp_path / "table.consulta")
    _alter(bad, "CREATE TABLE extra(x TEXT);")
    _refused(master, bad, "extra")


def test_changed_table_definition_is_refused(master: Path, tmp_path: Path) -> None:
    bad = copy_of(master, tmp_path / "column.consulta")
    _alter(bad, "ALTER TABLE participant ADD COLUMN secret TEXT;")
    _refused(master, bad, "refused")


def test_damaged_page_is_refused(master: Path, tmp_path: Path) -> None:
    bad = copy_of(master, tmp_path / "damaged.consulta")
    data = bytearray(bad.read_bytes())
    page = int.from_bytes(data[16:18], "big")  # the page size in the header
    for offset in range(3 * page, 3 * page + 400):
        data[offset] = 0xA5
    bad.write_bytes(bytes(data))
    _refused(master, bad, "damaged")


def test_foreign_file_is_refused_before_sqlite_reads_it(master: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.consulta"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.close()
    _refused(master, other, "not a Consulta consultation")
    text = tmp_path / "notes.consulta"
    text.write_text("hello")
    _refused(master, text, "not a Consulta file")


def test_malformed_stamps_are_refused(master: Path, tmp_path: Path) -> None:
    bad = copy_of(master, tmp_path / "stamps.consulta")
    _alter(bad, "UPDATE participant SET hlc = '9999999999999999999999';")
    _refused(master, bad, "stamps")


def test_version_1_file_is_migrated_on_a_private_copy(master: Path, tmp_path: Path) -> None:
    old = copy_of(FIXTURE_V1, tmp_path / "old.consulta")
    before = sha256(old)
    with open_untrusted(old) as incoming:
        assert incoming.format_version == 1
        assert incoming.title == "Fixture v1"
        tables = {r[0] for r in incoming.conn.execute("SELECT name FROM sqlite_master")}
        assert "erasure" in tables
        with pytest.raises(sqlite3.OperationalError):
            incoming.conn.execute("DELETE FROM participant")  # read-only
    assert sha256(old) == before
    assert not list(tmp_path.glob("old.backup*"))
    with pytest.raises(UserError, match="another consultation"):
        plan_merge(master, [old])
    # Into a master of its own consultation (itself migrated), it merges: nothing new.
    own = (
        copy_of(FIXTURE_V1, tmp_path / "own" / "master.consulta")
        if (tmp_path / "own").mkdir() is None
        else None
    )
    assert own is not None
    counts = plan_merge(own, [old]).files[0].counts
    assert counts.read > 10 and counts.read == counts.unchanged


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE session SET date = 'soon'",
        "UPDATE participant SET gender = 'robot'",
        "UPDATE position SET votes_oppose = 'many'",
        "UPDATE attendance SET present = 7",
        "UPDATE guideline SET title = x'00ff'",
    ],
)
def test_values_of_the_wrong_kind_are_refused(master: Path, tmp_path: Path, sql: str) -> None:
    bad = copy_of(master, tmp_path / "values.consulta")
    with Workspace.open(bad) as ws:
        session = ws.sessions.list()[0]
        person = ws.participants.list()[0]
        ws.attendance.check_in(session.id, person.id)
        guideline = ws.guidelines.list()[0]
        ws.positions.record(
            guideline.id, session.id, person.sector_id, Stance.OPPOSE, "no", Tally(1, 0, 2, 0)
        )
    _alter(bad, sql + ";")
    _refused(master, bad, "refused")
