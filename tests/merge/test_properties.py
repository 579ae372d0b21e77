"""Property tests: random edit histories on three copies of one consultation, on laptops
whose clocks drift, then merged — in different orders, again, with erasures."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consulta.domain import model as m
from consulta.domain.errors import UserError
from consulta.merge.apply import apply_merge
from consulta.merge.erase import erase_participant
from consulta.services.workspace import Workspace
from tests.merge.helpers import BASE_MS, build_master, export, set_clock, sha256, snapshot

OPS = (
    "add_person",
    "rename",
    "delete_person",
    "check_in",
    "check_out",
    "position",
    "delete_session",
    "retitle_session",
    "close_session",
    "reopen_session",
    "add_guideline",
    "erase",
)
op = st.tuples(
    st.integers(0, 3),  # three district copies, and 3: the master itself
    st.sampled_from(OPS),
    st.integers(0, 9),
    st.integers(0, 9),
    st.integers(0, 9),
)
clocks = st.lists(
    st.tuples(st.integers(-3_600_000, 3_600_000), st.integers(1, 5000)), min_size=4, max_size=4
)


@cache
def template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="consulta-prop-"))
    return build_master(folder / "template.consulta")


def _pick(items: list[Any], index: int) -> Any:
    return items[index % len(items)] if items else None


def _apply(ws: Workspace, name: str, a: int, b: int, c: int) -> None:
    people = sorted(ws.participants.list(), key=lambda p: p.id)
    sessions = sorted(ws.sessions.list(), key=lambda s: s.id)
    guidelines = sorted(ws.guidelines.list(), key=lambda g: g.id)
    sectors = ws.sectors.list()
    person, session = _pick(people, a), _pick(sessions, b)
    if name == "add_person":
        ws.participants.create(
            m.Participant(
                name=f"Persona {a}{b}{c}",
                sector_id=sectors[a % 7].id,
                district_id=session.district_id if session else None,
            )
        )
    elif name == "rename" and person:
        keep = ("id", "sector_id", "email", "district_id")
        ws.participants.update(
            m.Participant(**{k: getattr(person, k) for k in keep}, name=f"Nombre {b}{c}")
        )
    elif name == "delete_person" and person:
        ws.participants.delete(person.id)
    elif name == "check_in" and session and people:
        ws.attendance.check_in(session.id, _pick(people, c).id)
    elif name == "check_out" and session and people:
        ws.attendance.check_out(session.id, _pick(people, c).id)
    elif name == "position" and session and guidelines:
        stance = list(m.Stance)[c % 4]
        ws.positions.record(
            _pick(guidelines, a).id, session.id, sectors[c % 7].id, stance, f"razón {a}"
        )
    elif name == "delete_session" and session:
        ws.sessions.delete(session.id)
    elif name == "retitle_session" and session:
        keep = ("id", "date", "district_id", "status")
        ws.sessions.update(
            m.Session(**{k: getattr(session, k) for k in keep}, title=f"Mesa {a}{c}")
        )
    elif name == "close_session" and session:
        ws.sessions.close(session.id)
    elif name == "reopen_session" and session:
        ws.sessions.reopen(session.id)
    elif name == "add_guideline":
        ws.guidelines.create(m.Guideline(code=ws.guidelines.next_code(), title=f"Línea {a}"))
    elif name == "erase" and person:
        erase_participant(ws, person.id)


def _history_ids(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT record_id FROM merge_history")}
    finally:
        conn.close()


def _erased_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT name FROM participant JOIN erasure ON participant_id = participant.id"
            )
        ]
    finally:
        conn.close()


@settings(
    max_examples=int(os.environ.get("CONSULTA_MERGE_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ops=st.lists(op, min_size=1, max_size=24), drift=clocks)
def test_merge_is_order_independent_idempotent_lossless_and_erasure_wins(
    ops: list[tuple[int, str, int, int, int]], drift: list[tuple[int, int]]
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="consulta-prop-run-"))
    try:
        copies = [folder / f"copy{i}.consulta" for i in range(3)]
        base = folder / "master.consulta"
        for path in [*copies, base]:
            shutil.copy(template(), path)
        spaces = [Workspace.open(path) for path in [*copies, base]]
        try:
            for ws, (offset, step) in zip(spaces, drift, strict=True):
                set_clock(ws, BASE_MS + 10_000_000 + offset, step)
            for index, name, a, b, c in ops:
                with suppress(UserError):
                    _apply(spaces[index], name, a, b, c)
        finally:
            for ws in spaces:
                ws.close()

        forward, backward = folder / "m1.consulta", folder / "m2.consulta"
        shutil.copy(base, forward)
        shutil.copy(base, backward)
        results = [apply_merge(forward, [path]) for path in copies]  # one at a time
        results.append(apply_merge(backward, list(reversed(copies))))  # all at once

        # Order-independent: the same consultation whichever order the files came in.
        assert snapshot(forward) == snapshot(backward)
        assert export(forward) == export(backward)
        # Idempotent: merging a file again changes nothing, byte for byte.
        before = sha256(forward)
        again = apply_merge(forward, [copies[0]])
        assert sha256(forward) == before
        assert again.totals().added == again.totals().changed == again.totals().deleted == 0
        # Lossless: every conflict's losing version is in the merge history; all read counted.
        kept = _history_ids(forward) | _history_ids(backward)
        for result in results:
            for outcome in result.outcomes:
                assert outcome.change.record_id in kept
            for f in result.files:
                c = f.counts
                assert (
                    c.read
                    == c.added + c.changed + c.deleted + c.conflicting + c.unchanged + c.older
                )
        # Erasure wins: whoever was erased anywhere stays erased.
        assert all(name == "" for name in _erased_names(forward))
        # Merging into a copy gives the same consultation again (copies converge).
        apply_merge(copies[1], [forward])
        assert export(copies[1]) == export(forward)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
