"""A national-scale consultation computes in well under a second."""

from __future__ import annotations

import random
import time as clock
from datetime import date, timedelta

from consulta.domain.model import (
    Attendance,
    Consultation,
    District,
    Gender,
    Guideline,
    GuidelineStatus,
    Participant,
    Position,
    Sector,
    Session,
    SessionStatus,
    Stance,
    Tally,
)
from consulta.domain.snapshot import Snapshot
from consulta.legitimacy import compute, to_json_dict


def national_snapshot(seed: int = 7) -> Snapshot:
    """24,000 participants, 1,200 sessions, ~30,000 attendances, ~80,000 positions,
    40 guidelines, 7 sectors (one of which does not count), 60 districts."""
    rng = random.Random(seed)
    sectors = [
        Sector(id=f"sector-{k}", name=f"Sector {k}", counts_for_legitimacy=k != 6, sort_order=k)
        for k in range(7)
    ]
    districts = [District(id=f"district-{k}", name=f"District {k}") for k in range(60)]
    genders = [None, *Gender]
    participants = [
        Participant(
            id=f"participant-{k}",
            name=f"Person {k}",
            sector_id=sectors[k % 7].id,
            gender=genders[k % 4],
        )
        for k in range(24_000)
    ]
    statuses = [SessionStatus.PLANNED, SessionStatus.HELD, *[SessionStatus.CLOSED] * 4]
    sessions = [
        Session(
            id=f"session-{k}",
            title=f"Round table {k}",
            date=date(2026, 1, 1) + timedelta(days=k % 300),
            district_id=districts[k % 55].id,
            status=statuses[k % 6],
        )
        for k in range(1_200)
    ]
    attendance = [
        Attendance(
            id=f"attendance-{k}",
            session_id=sessions[rng.randrange(1_200)].id,
            participant_id=participants[rng.randrange(24_000)].id,
        )
        for k in range(30_000)
    ]
    guidelines = [
        Guideline(
            id=f"guideline-{k}", code=f"G-{k:02d}", title="", status=list(GuidelineStatus)[k % 5]
        )
        for k in range(40)
    ]
    stances = list(Stance)
    positions = [
        Position(
            id=f"position-{k}",
            guideline_id=guidelines[k % 40].id,
            session_id=sessions[rng.randrange(1_200)].id,
            sector_id=sectors[k % 7].id,
            stance=stances[rng.randrange(4)],
            note="" if k % 5 == 0 else "reason",
            votes=Tally(3, 1, 2, 0) if k % 3 == 0 else None,
        )
        for k in range(80_000)
    ]
    return Snapshot(
        consultation=Consultation(title="National"),
        sectors=sectors,
        districts=districts,
        participants=participants,
        sessions=sessions,
        attendance=attendance,
        guidelines=guidelines,
        positions=positions,
    )


def test_national_scale_in_well_under_a_second() -> None:
    snapshot = national_snapshot()
    best = float("inf")
    for _ in range(3):
        started = clock.perf_counter()
        report = compute(snapshot)
        to_json_dict(report)
        best = min(best, clock.perf_counter() - started)
    assert best < 0.5, f"compute took {best:.3f} s"
    assert report.input.sectors_total == 6
    assert report.input.districts_missing == tuple(f"District {k}" for k in range(55, 60))
    assert len(report.guidelines) == 40
    assert report.throughput.positions_recorded > 50_000
