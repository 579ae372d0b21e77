"""Use cases: validation, locked minutes, the audit trail, tombstones and exact undo."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest

from consulta.domain import model as m
from consulta.domain.errors import NotFoundError, SessionLockedError, ValidationError
from consulta.services.workspace import Workspace


@pytest.fixture
def ws(tmp_consulta: Path) -> Iterator[Workspace]:
    with Workspace.create(tmp_consulta, "Plan de internacionalización") as workspace:
        workspace.history.clear()
        yield workspace


def setup_session(ws: Workspace) -> tuple[m.Session, m.Participant, m.Guideline, m.Sector]:
    sector = ws.sectors.list()[2]
    person = ws.participants.create(m.Participant(name="Elena Castro", sector_id=sector.id))
    session = ws.sessions.create(
        m.Session(title="Mesa 1", date=date(2026, 3, 2), start=time(10), end=time(12))
    )
    guideline = ws.guidelines.create(m.Guideline(code="G-01", title="Oficina de cooperación"))
    return session, person, guideline, sector


def raw(ws: Workspace, sql: str, *args: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{ws.path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


# -- validation ------------------------------------------------------------------------------


def test_validation_errors_are_typed_and_name_the_field(ws: Workspace) -> None:
    sector = ws.sectors.list()[0]
    with pytest.raises(ValidationError, match="Name is required") as info:
        ws.participants.create(m.Participant(name="   ", sector_id=sector.id))
    assert info.value.field == "name"
    with pytest.raises(ValidationError, match="not a valid e-mail"):
        ws.participants.create(m.Participant(name="A", sector_id=sector.id, email="nope"))
    with pytest.raises(NotFoundError):
        ws.participants.create(m.Participant(name="A", sector_id="no-such-sector"))
    with pytest.raises(ValidationError, match="ends before it starts"):
        ws.sessions.create(
            m.Session(title="T", date=date(2026, 1, 1), start=time(12), end=time(10))
        )
    ws.guidelines.create(m.Guideline(code="G-01", title="Uno"))
    with pytest.raises(ValidationError, match="already used"):
        ws.guidelines.create(m.Guideline(code="g-01", title="Dos"))
    with pytest.raises(ValidationError, match="already exists"):
        ws.sectors.create("academia")
    with pytest.raises(ValidationError, match="whole number"):
        session, _p, guideline, sector = setup_session_for_tally(ws)
        ws.positions.record(
            guideline.id, session.id, sector.id, m.Stance.SUPPORT, votes=m.Tally(-1)
        )
    assert raw(ws, "SELECT count(*) FROM participant") == [(0,)]


def setup_session_for_tally(ws: Workspace) -> tuple[m.Session, None, m.Guideline, m.Sector]:
    session = ws.sessions.create(m.Session(title="Mesa", date=date(2026, 3, 2)))
    return session, None, ws.guidelines.list()[0], ws.sectors.list()[0]


def test_long_and_unusual_text_is_kept(ws: Workspace) -> None:
    session, _person, _g, _s = setup_session(ws)
    note = ("Ελληνικά, кириллица, 中文, عربى, <b>bold</b> & =SUM(A1) " * 200)[:10_000]
    item = ws.agenda.add(session.id, "=cmd|' /C calc'!A0", notes=note)
    assert ws.agenda.get(item.id).notes == note.strip()
    assert ws.agenda.get(item.id).title == "=cmd|' /C calc'!A0"


def test_search_ignores_case_and_accents_and_pages(ws: Workspace) -> None:
    sector = ws.sectors.list()[0]
    for name in ("María Núñez", "Mario Nunes", "Jordi Puig", "Ana Núñez"):
        ws.participants.create(m.Participant(name=name, sector_id=sector.id))
    assert [p.name for p in ws.participants.page(query="núñez")] == ["Ana Núñez", "María Núñez"]
    assert ws.participants.count(query="NUNEZ") == 2
    assert ws.participants.count(query="mar nu") == 2
    assert ws.participants.count(query="50%_") == 0
    assert [p.name for p in ws.participants.page(offset=1, limit=2)] == [
        "Jordi Puig",
        "María Núñez",
    ]


# -- locked minutes ---------------------------------------------------------------------------


def test_closing_a_session_locks_its_minutes(ws: Workspace) -> None:
    session, person, guideline, sector = setup_session(ws)
    item = ws.agenda.add(session.id, "Apertura")
    ws.attendance.check_in(session.id, person.id)
    ws.positions.record(guideline.id, session.id, sector.id, m.Stance.SUPPORT)
    ws.sessions.mark_held(session.id)
    ws.sessions.close(session.id)

    refused = [
        lambda: ws.agenda.update(item.id, notes="late edit"),
        lambda: ws.agenda.add(session.id, "Otro punto"),
        lambda: ws.agenda.delete(item.id),
        lambda: ws.attendance.check_out(session.id, person.id),
        lambda: ws.positions.record(guideline.id, session.id, sector.id, m.Stance.OPPOSE, "no"),
        lambda: ws.sessions.update(replace(ws.sessions.get(session.id), title="Otro")),
        lambda: ws.sessions.delete(session.id),
        lambda: ws.participants.delete(person.id),
    ]
    audit_before = raw(ws, "SELECT count(*) FROM audit_log")
    for attempt in refused:
        with pytest.raises(SessionLockedError, match="Reopen the session"):
            attempt()
    assert raw(ws, "SELECT count(*) FROM audit_log") == audit_before
    assert raw(ws, "SELECT notes FROM agenda_item") == [("",)]

    ws.sessions.reopen(session.id)
    assert ws.sessions.get(session.id).status is m.SessionStatus.HELD
    ws.agenda.update(item.id, notes="after reopening")
    actions = [a for (a,) in raw(ws, "SELECT action FROM audit_log ORDER BY seq")]
    assert actions[-3:] == ["session.close", "session.reopen", "agenda.update"]


# -- audit trail, clock, tombstones -------------------------------------------------------------


def test_every_change_is_audited_with_who_where_and_what(ws: Workspace) -> None:
    ws.consultation.set_facilitator_name("Lucía Fernández")
    sector = ws.sectors.list()[0]
    person = ws.participants.create(m.Participant(name="Rosa", sector_id=sector.id))
    ws.participants.update(replace(person, name="Rosa María"))
    entries = ws.consultation.audit(limit=2)
    assert [e.action for e in entries] == ["participant.update", "participant.create"]
    assert all(e.actor == "Lucía Fernández" for e in entries)
    assert all(e.origin == ws.file.replica_id for e in entries)
    assert entries[0].changes == [
        {
            "table": "participant",
            "id": person.id,
            "before": {"name": "Rosa", "search_key": "rosa"},
            "after": {"name": "Rosa María", "search_key": "rosa maria"},
        }
    ]
    (stored,) = raw(ws, "SELECT changes FROM audit_log ORDER BY seq DESC LIMIT 1")
    assert json.loads(str(stored[0]))[0]["after"]["name"] == "Rosa María"


def test_clock_stamps_grow_and_deletions_leave_tombstones(ws: Workspace) -> None:
    sector = ws.sectors.list()[0]
    a = ws.participants.create(m.Participant(name="A", sector_id=sector.id))
    b = ws.participants.create(m.Participant(name="B", sector_id=sector.id))
    assert b.hlc > a.hlc
    assert a.origin == ws.file.replica_id
    ws.participants.delete(a.id)
    ((entity, hlc),) = raw(ws, "SELECT entity, hlc FROM tombstone WHERE id = ?", a.id)
    assert entity == "participant" and str(hlc) > b.hlc


# -- undo and redo ------------------------------------------------------------------------------


def test_undo_and_redo_are_exact(ws: Workspace) -> None:
    session, person, guideline, sector = setup_session(ws)
    ws.history.clear()
    start = ws.consultation.snapshot()

    ws.attendance.check_in(session.id, person.id)
    item = ws.agenda.add(session.id, "Apertura", notes="uno")
    ws.agenda.update(item.id, notes="dos")
    ws.positions.record(guideline.id, session.id, sector.id, m.Stance.OPPOSE, "coste")
    ws.participants.delete(person.id)
    end = ws.consultation.snapshot()
    assert ws.history.undo_label == "Delete participant"

    while ws.history.can_undo:
        ws.history.undo()
    assert strip(ws.consultation.snapshot()) == strip(start)
    assert raw(ws, "SELECT count(*) FROM attendance") == [(0,)]
    while ws.history.can_redo:
        ws.history.redo()
    assert strip(ws.consultation.snapshot()) == strip(end)
    assert ws.participants.count() == 0


def test_a_new_edit_clears_redo(ws: Workspace) -> None:
    ws.districts.create("Norte")
    ws.history.undo()
    assert ws.history.can_redo
    ws.districts.create("Sur")
    assert not ws.history.can_redo


def test_listeners_hear_every_committed_change(ws: Workspace) -> None:
    heard: list[str] = []
    ws.subscribe(lambda change: heard.append(change.action))
    ws.districts.create("Norte")
    ws.history.undo()
    assert heard == ["district.create", "undo:district.create"]


def strip(snapshot: object) -> object:
    """A snapshot without the bookkeeping that a redo legitimately renews."""
    from dataclasses import fields, is_dataclass

    def clean(value: object) -> object:
        if is_dataclass(value) and not isinstance(value, type):
            return tuple(
                (f.name, clean(getattr(value, f.name)))
                for f in fields(value)
                if f.name not in ("updated_at", "hlc", "origin", "_index")
            )
        if isinstance(value, (list, tuple)):
            return tuple(clean(v) for v in value)
        return value

    return clean(snapshot)


def test_a_group_of_calls_is_one_undo_step(ws: Workspace) -> None:
    session, _person, _g, sector = setup_session(ws)
    ws.history.clear()
    with ws.history.group("Add and check in Rosa"):
        organisation = ws.organisations.find_or_create("Red vecinal", sector.id)
        rosa = ws.participants.create(
            m.Participant(name="Rosa", sector_id=sector.id, organisation_id=organisation.id)
        )
        ws.attendance.check_in(session.id, rosa.id)
    assert ws.history.undo_label == "Add and check in Rosa"
    ws.history.undo()
    assert not ws.history.can_undo
    assert ws.participants.count(query="rosa") == 0
    assert ws.organisations.list(sector.id) == []
    ws.history.redo()
    assert [p.name for p in ws.attendance.present(session.id)] == ["Rosa"]
