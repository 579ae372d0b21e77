"""Example tests of kits and the merge: identity, conflicts, tombstones, clocks, history,
duplicates, resolutions, atomicity."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from consulta.domain import model as m
from consulta.domain.errors import CancelledError, UserError
from consulta.domain.progress import Progress
from consulta.merge.apply import apply_merge
from consulta.merge.history import list_history, restore_version
from consulta.merge.kit import make_kit
from consulta.merge.model import (
    DuplicateResolution,
    FieldResolution,
    Kind,
    Resolutions,
    Side,
)
from consulta.merge.plan import plan_merge
from consulta.services.workspace import Workspace
from tests.merge.helpers import BASE_MS, build_master, copy_of, set_clock, sha256, snapshot


@pytest.fixture
def master(tmp_path: Path) -> Path:
    return build_master(tmp_path / "master.consulta")


def _person(ws: Workspace, name: str) -> m.Participant:
    return next(p for p in ws.participants.list() if p.name == name)


def _rename(ws: Workspace, person: m.Participant, name: str) -> None:
    ws.participants.update(m.Participant(**{**_fields(person), "name": name}))


def _fields(p: m.Participant) -> dict[str, object]:
    keep = ("id", "sector_id", "organisation_id", "email", "phone", "gender", "district_id")
    return {k: getattr(p, k) for k in keep}


def test_kit_holds_one_district_and_is_marked(master: Path, tmp_path: Path) -> None:
    kit = make_kit(master, "Norte", tmp_path / "norte.consulta")
    conn = sqlite3.connect(kit)
    names = {r[0] for r in conn.execute("SELECT name FROM participant")}
    sessions = {r[0] for r in conn.execute("SELECT title FROM session")}
    info = dict(conn.execute("SELECT key, value FROM file_info").fetchall())
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM guideline").fetchone()[0] == 2
    conn.close()
    assert names == {"Ana Pérez", "Luis Gómez"}
    assert sessions == {"Mesa Norte"}
    assert info["kit_district_name"] == "Norte"
    assert b"Rosa D" not in kit.read_bytes()
    with Workspace.open(master, readonly=True) as ws, Workspace.open(kit) as k:
        assert k.consultation.get().id == ws.consultation.get().id
        assert k.file.replica_id == info["replica_id"] != ws.file.replica_id
        assert [s.name for s in k.sectors.list()] == [s.name for s in ws.sectors.list()]


def test_kit_of_unknown_district_is_refused(master: Path, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Norte"):
        make_kit(master, "Atlántida", tmp_path / "x.consulta")
    assert not (tmp_path / "x.consulta").exists()


def test_kit_work_comes_back_and_second_merge_changes_nothing(master: Path, tmp_path: Path) -> None:
    kit = make_kit(master, "Norte", tmp_path / "norte.consulta")
    with Workspace.open(kit) as k:
        set_clock(k, BASE_MS + 10_000_000, 1000)
        session = k.sessions.list()[0]
        ana = _person(k, "Ana Pérez")
        k.attendance.check_in(session.id, ana.id)
        guideline = k.guidelines.list()[0]
        k.positions.record(guideline.id, session.id, ana.sector_id, m.Stance.OPPOSE, "Costly")
        k.agenda.add(session.id, "Apertura", "Notes")
        k.sessions.close(session.id)
    plan = plan_merge(master, [kit])
    counts = plan.files[0].counts
    assert (counts.added, counts.changed, counts.conflicting) == (3, 1, 0)
    kinds = {(c.entity, c.kind) for c in plan.files[0].changes}
    assert ("session", Kind.CHANGED) in kinds and ("position", Kind.NEW) in kinds
    result = apply_merge(master, plan)
    assert result.master_sha256_before != result.master_sha256_after == sha256(master)
    with Workspace.open(master, readonly=True) as ws:
        assert len(ws.attendance.for_session(session.id)) == 1
        assert ws.sessions.get(session.id).status is m.SessionStatus.CLOSED
    before = sha256(master)
    again = apply_merge(master, [kit])
    assert again.files[0].counts.added == again.files[0].counts.changed == 0
    assert sha256(master) == before  # idempotent, byte for byte


def test_every_record_read_is_counted(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    with Workspace.open(a) as ws:
        ws.participants.delete(_person(ws, "Rosa Díaz").id)
        _rename(ws, _person(ws, "Ana Pérez"), "Ana P.")
    with Workspace.open(master) as ws:
        _rename(ws, _person(ws, "Ana Pérez"), "Ana Pérez Soto")
    counts = plan_merge(master, [a]).files[0].counts
    conn = sqlite3.connect(a)
    rows = sum(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in (
            "consultation",
            "district",
            "sector",
            "organisation",
            "participant",
            "session",
            "agenda_item",
            "attendance",
            "guideline",
            "position",
            "tombstone",
            "erasure",
        )
    )
    conn.close()
    accounted = (
        counts.added
        + counts.changed
        + counts.deleted
        + counts.conflicting
        + counts.unchanged
        + counts.older
    )
    assert counts.read == rows == accounted
    assert counts.conflicting == 1


def test_conflict_later_edit_wins_loser_kept_and_restorable(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    with Workspace.open(a) as ws:
        set_clock(ws, BASE_MS + 5_000_000, 1000)  # this laptop is an hour and a half ahead
        _rename(ws, _person(ws, "Luis Gómez"), "Luis Gómez (A)")
    with Workspace.open(master) as ws:
        set_clock(ws, BASE_MS + 2_000_000, 1000)
        _rename(ws, _person(ws, "Luis Gómez"), "Luis Gómez (M)")
    plan = plan_merge(master, [a])
    [conflict] = plan.conflicts
    assert conflict.winner is Side.INCOMING
    assert [(f.field, f.master, f.incoming) for f in conflict.fields] == [
        ("name", "Luis Gómez (M)", "Luis Gómez (A)")
    ]
    apply_merge(master, plan)
    with Workspace.open(master) as ws:
        person = ws.participants.get(conflict.record_id)
        assert person.name == "Luis Gómez (A)"
        [entry] = list_history(ws, record_id=person.id)
        assert entry.reason == "conflict" and entry.data is not None
        assert entry.data["name"] == "Luis Gómez (M)"
        restore_version(ws, entry.seq)
        assert ws.participants.get(person.id).name == "Luis Gómez (M)"
        assert list_history(ws, record_id=person.id)[0].restored_at is not None


def test_resolution_keep_master_and_edited_value(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    with Workspace.open(a) as ws:
        set_clock(ws, BASE_MS + 5_000_000, 1000)
        p = _person(ws, "Luis Gómez")
        ws.participants.update(m.Participant(**{**_fields(p), "name": "Luis A", "phone": "555"}))
    with Workspace.open(master) as ws:
        _rename(ws, _person(ws, "Luis Gómez"), "Luis M")
    plan = plan_merge(master, [a])
    [conflict] = plan.conflicts
    resolutions = Resolutions(
        fields=[
            FieldResolution(0, "participant", conflict.record_id, "name", Side.MASTER),
            FieldResolution(0, "participant", conflict.record_id, "phone", Side.EDITED, "777"),
        ]
    )
    result = apply_merge(master, plan, resolutions)
    assert [o.resolution for o in result.outcomes] == ["edited"]
    with Workspace.open(master) as ws:
        person = ws.participants.get(conflict.record_id)
        assert (person.name, person.phone) == ("Luis M", "777")
        assert person.origin == ws.file.replica_id  # a new edit by the master, to travel on
    # The resolution beats both versions in every later merge.
    apply_merge(master, [a])
    with Workspace.open(master, readonly=True) as ws:
        assert ws.participants.get(conflict.record_id).name == "Luis M"


def test_edit_after_deletion_wins_and_deletion_after_edit_wins(
    master: Path, tmp_path: Path
) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    b = copy_of(master, tmp_path / "b.consulta")
    with Workspace.open(a) as ws:
        set_clock(ws, BASE_MS + 1_000_000, 1000)
        ws.participants.delete(_person(ws, "Ana Pérez").id)
        ws.participants.delete(_person(ws, "Rosa Díaz").id)
    with Workspace.open(b) as ws:
        set_clock(ws, BASE_MS + 2_000_000, 1000)  # later than A's deletions
        _rename(ws, _person(ws, "Ana Pérez"), "Ana Pérez Vidal")
    apply_merge(master, [a, b])
    with Workspace.open(master, readonly=True) as ws:
        names = {p.name for p in ws.participants.list()}
    assert "Ana Pérez Vidal" in names  # edited after the deletion: back
    assert "Rosa Díaz" not in names  # deleted, never edited after


def test_order_of_files_does_not_matter(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    b = copy_of(master, tmp_path / "b.consulta")
    with Workspace.open(a) as ws:
        set_clock(ws, BASE_MS + 3_000_000, 7)
        _rename(ws, _person(ws, "Ana Pérez"), "Ana A")
        ws.guidelines.create(m.Guideline(code="G-03", title="From A"))
    with Workspace.open(b) as ws:
        set_clock(ws, BASE_MS + 3_000_000, 7)  # the very same wall times: tie on origin
        _rename(ws, _person(ws, "Ana Pérez"), "Ana B")
        ws.guidelines.create(m.Guideline(code="G-03", title="From B"))
    m1 = copy_of(master, tmp_path / "m1.consulta")
    m2 = copy_of(master, tmp_path / "m2.consulta")
    apply_merge(m1, [a, b])
    apply_merge(m2, [b])
    apply_merge(m2, [a])
    assert snapshot(m1) == snapshot(m2)
    with Workspace.open(m1, readonly=True) as ws:
        codes = sorted(g.code for g in ws.guidelines.list())
    assert len(codes) == 4 and codes[2].startswith("G-03") and codes[3].startswith("G-03 (")


def test_duplicate_person_confirmed_moves_attendance(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    with Workspace.open(a) as ws:
        ana = _person(ws, "Ana Pérez")
        twin = ws.participants.create(
            m.Participant(name="ANA  perez", sector_id=ana.sector_id, email="x@y.org")
        )
        session = ws.sessions.list()[0]
        ws.attendance.check_in(session.id, twin.id)
    plan = plan_merge(master, [a])
    [pair] = plan.duplicates
    assert (pair.master_name, pair.incoming_name, pair.reason) == (
        "Ana Pérez",
        "ANA  perez",
        "name",
    )
    choice = DuplicateResolution(0, pair.master_id, pair.incoming_id, confirm=True)
    result = apply_merge(master, plan, Resolutions(duplicates=[choice]))
    assert result.totals().duplicates_merged == 1
    with Workspace.open(master, readonly=True) as ws:
        ids = {p.id for p in ws.participants.list()}
        assert pair.incoming_id not in ids
        present = {p.id for p in ws.attendance.present(session.id)}
        assert present == {pair.master_id}
        assert ws.participants.get(pair.master_id).email == "p0@example.org"


def test_deleted_session_sets_attendance_aside_until_it_returns(
    master: Path, tmp_path: Path
) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    b = copy_of(master, tmp_path / "b.consulta")
    with Workspace.open(a) as ws:
        session = ws.sessions.list()[0]
        ws.attendance.check_in(session.id, _person(ws, "Luis Gómez").id)
    with Workspace.open(master) as ws:
        ws.sessions.delete(session.id)
    result = apply_merge(master, [a])
    assert result.set_aside == 1
    with Workspace.open(master, readonly=True) as ws:
        [entry] = list_history(ws, entity="attendance")
        assert entry.parked and entry.reason == "orphan"
    with Workspace.open(b) as ws:
        set_clock(ws, BASE_MS + 90_000_000_000, 1000)  # edited long after the deletion
        s = ws.sessions.get(session.id)
        ws.sessions.update(
            m.Session(
                **{
                    **{f: getattr(s, f) for f in ("id", "date", "district_id")},
                    "title": "Mesa Norte bis",
                }
            )
        )
    apply_merge(master, [b])
    with Workspace.open(master, readonly=True) as ws:
        assert ws.sessions.get(session.id).title == "Mesa Norte bis"
        assert len(ws.attendance.for_session(session.id)) == 1


def test_cancel_and_failure_leave_master_byte_for_byte(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    with Workspace.open(a) as ws:
        for i in range(30):
            ws.participants.create(m.Participant(name=f"P{i}", sector_id=ws.sectors.list()[0].id))
    before = sha256(master)

    class CancelLate(Progress):
        def update(self, done: int, total: int, message: str = "") -> None:
            if "Saving" in message:
                self.cancel()

    progress = CancelLate()
    with pytest.raises(CancelledError):
        apply_merge(master, [a], progress=progress)
    assert sha256(master) == before
    bad = tmp_path / "bad.consulta"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(UserError):
        apply_merge(master, [a, bad])
    assert sha256(master) == before


def test_file_of_another_consultation_is_refused_naming_both(master: Path, tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "other.consulta", "Otra consulta") as ws:
        other_id = ws.consultation.get().id
    before = sha256(master)
    with pytest.raises(UserError) as caught:
        plan_merge(master, [tmp_path / "other.consulta"])
    assert "Otra consulta" in str(caught.value) and other_id in str(caught.value)
    assert "Plan de internacionalización" in str(caught.value)
    assert sha256(master) == before


def test_plan_refused_when_master_changed_since(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    plan = plan_merge(master, [a])
    with Workspace.open(master) as ws:
        ws.districts.create("Este")
    with pytest.raises(UserError, match="preview"):
        apply_merge(master, plan)


def test_merge_into_open_workspace_notifies(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    with Workspace.open(a) as ws:
        ws.districts.create("Este")
    seen: list[str] = []
    with Workspace.open(master) as ws:
        ws.subscribe(lambda changes: seen.append(changes.action))
        apply_merge(ws, plan_merge(ws, [a]))
        assert ws.districts.by_name("Este") is not None
    assert seen == ["merge.apply"]


def test_positions_with_other_ids_merge_by_natural_key(master: Path, tmp_path: Path) -> None:
    """Imported data may carry any ids: one position per guideline, session and sector."""
    a = copy_of(master, tmp_path / "a.consulta")
    b = copy_of(master, tmp_path / "b.consulta")
    for path, stance, start in ((a, m.Stance.SUPPORT, 1), (b, m.Stance.OPPOSE, 2)):
        with Workspace.open(path) as ws:
            set_clock(ws, BASE_MS + start * 1_000_000, 1000)
            g, s = ws.guidelines.list()[0], ws.sessions.list()[0]
            ws.positions.record(g.id, s.id, ws.sectors.list()[0].id, stance, "why")
        conn = sqlite3.connect(path)
        conn.execute("UPDATE position SET id = ?", (f"imported-{start}",))
        conn.commit()
        conn.close()
    m1, m2 = copy_of(master, tmp_path / "m1.consulta"), copy_of(master, tmp_path / "m2.consulta")
    apply_merge(m1, [a, b])
    apply_merge(m2, [b, a])
    assert snapshot(m1) == snapshot(m2)
    with Workspace.open(m1, readonly=True) as ws:
        [position] = ws.positions.for_session(ws.sessions.list()[0].id)
        assert position.stance is m.Stance.OPPOSE and position.id == "imported-1"


def test_session_date_survives_history(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    with Workspace.open(a) as ws:
        set_clock(ws, BASE_MS + 9_000_000, 1000)
        s = ws.sessions.list()[0]
        ws.sessions.update(
            m.Session(
                **{
                    **{f: getattr(s, f) for f in ("id", "title", "district_id")},
                    "date": date(2026, 5, 5),
                }
            )
        )
    with Workspace.open(master) as ws:
        s = ws.sessions.list()[0]
        ws.sessions.update(
            m.Session(
                **{
                    **{f: getattr(s, f) for f in ("id", "title", "district_id")},
                    "date": date(2026, 4, 4),
                }
            )
        )
    apply_merge(master, [a])
    with Workspace.open(master) as ws:
        [entry] = list_history(ws, entity="session")
        restore_version(ws, entry.seq)
        assert ws.sessions.get(s.id).date == date(2026, 4, 4)


def test_a_deletion_that_lost_can_be_restored(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    with Workspace.open(a) as ws:
        set_clock(ws, BASE_MS + 1_000_000, 1000)
        ws.participants.delete(_person(ws, "Rosa Díaz").id)
    with Workspace.open(master) as ws:
        set_clock(ws, BASE_MS + 2_000_000, 1000)  # edited after A deleted her, unaware
        _rename(ws, _person(ws, "Rosa Díaz"), "Rosa Díaz Ruiz")
    plan = plan_merge(master, [a])
    [conflict] = plan.conflicts
    assert conflict.incoming_deleted and conflict.winner is Side.MASTER
    apply_merge(master, plan)
    with Workspace.open(master) as ws:
        rosa = _person(ws, "Rosa Díaz Ruiz")
        [entry] = list_history(ws, record_id=rosa.id)
        assert entry.data is None and entry.reason_label == "Lost a conflict"
        restore_version(ws, entry.seq)
        assert all(p.id != rosa.id for p in ws.participants.list())
        ws.history.undo()
        assert ws.participants.get(rosa.id).name == "Rosa Díaz Ruiz"


def test_restoring_a_version_whose_parent_is_gone_is_refused(master: Path, tmp_path: Path) -> None:
    a = copy_of(master, tmp_path / "a.consulta")
    with Workspace.open(a) as ws:
        session = ws.sessions.list()[0]
        ws.attendance.check_in(session.id, _person(ws, "Luis Gómez").id)
    with Workspace.open(master) as ws:
        ws.sessions.delete(session.id)
    apply_merge(master, [a])
    with Workspace.open(master) as ws:
        [entry] = list_history(ws, entity="attendance")
        with pytest.raises(UserError, match="Restore that record first"):
            restore_version(ws, entry.seq)
