"""Properties over random consultations: ranges, consistency, and order independence."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consulta.domain.model import Gender, GuidelineStatus, SessionStatus, Stance, Tally
from consulta.domain.snapshot import Snapshot
from consulta.legitimacy import GuidelineFigures, GuidelineWarning, Level, compute, to_json_dict

from .builders import SnapshotBuilder

DATES = [date(2026, 5, 1), date(2026, 5, 2), date(2026, 5, 3)]
STARTS = [None, time(9, 0), time(10, 0)]
CREATED = [None, datetime(2026, 5, 1, 8, tzinfo=UTC), datetime(2026, 5, 1, 9, tzinfo=UTC)]
tallies = st.none() | st.builds(
    Tally, *(st.integers(0, 3) for _ in range(4))
)  # zero tallies included


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    b = SnapshotBuilder()
    sectors = [
        b.sector(f"S{k}", counts=draw(st.sampled_from([True, True, False])))
        for k in range(draw(st.integers(0, 4)))
    ]
    districts = [b.district(f"D{k}") for k in range(draw(st.integers(0, 2)))]
    people = [
        b.participant(
            draw(st.sampled_from(sectors)), gender=draw(st.none() | st.sampled_from(Gender))
        )
        for _ in range(draw(st.integers(0, 8) if sectors else st.just(0)))
    ]
    sessions = [
        b.session(
            draw(st.sampled_from(DATES)),
            status=draw(st.sampled_from(SessionStatus)),
            start=draw(st.sampled_from(STARTS)),
            district=draw(st.none() | st.sampled_from(districts)) if districts else None,
        )
        for _ in range(draw(st.integers(0, 5)))
    ]
    if sessions and people:
        for _ in range(draw(st.integers(0, 20))):
            b.attend(
                draw(st.sampled_from(sessions)),
                draw(st.sampled_from(people)),
                present=draw(st.booleans()),
            )
    guidelines = [
        b.guideline(f"G-{k:02d}", status=draw(st.sampled_from(GuidelineStatus)))
        for k in range(draw(st.integers(1, 3)))
    ]
    if sessions and sectors:
        for _ in range(draw(st.integers(0, 15))):
            b.position(
                draw(st.sampled_from(guidelines)),
                draw(st.sampled_from(sessions)),
                draw(st.sampled_from(sectors)),
                draw(st.sampled_from(Stance)),
                note=draw(st.sampled_from(["", " ", "why"])),
                votes=draw(tallies),
                created_at=draw(st.sampled_from(CREATED)),
                hlc=draw(st.sampled_from(["", "1", "2"])),
            )
    return b.build(quorum=draw(st.none() | st.integers(0, 5)))


def _permuted(draw: st.DrawFn, snapshot: Snapshot) -> Snapshot:
    def perm(items: object) -> tuple[object, ...]:
        return tuple(draw(st.permutations(list(items))))  # type: ignore[call-overload]

    return Snapshot(
        consultation=snapshot.consultation,
        sectors=perm(snapshot.sectors),  # type: ignore[arg-type]
        districts=perm(snapshot.districts),  # type: ignore[arg-type]
        participants=perm(snapshot.participants),  # type: ignore[arg-type]
        sessions=perm(snapshot.sessions),  # type: ignore[arg-type]
        attendance=perm(snapshot.attendance),  # type: ignore[arg-type]
        guidelines=perm(snapshot.guidelines),  # type: ignore[arg-type]
        positions=perm(snapshot.positions),  # type: ignore[arg-type]
    )


@settings(max_examples=200, deadline=None)
@given(snapshots())
def test_ranges_and_consistency(snapshot: Snapshot) -> None:
    report = compute(snapshot)
    n = len(report.sectors)
    counted = sum(1 for s in snapshot.sessions if s.status is not SessionStatus.PLANNED)
    i = report.input
    assert sum(i.attendances_by_sector.values()) == i.attendances
    assert sum(i.attendances_by_gender.values()) == i.attendances
    assert 0 <= i.sectors_present <= i.sectors_total == n
    assert 0.0 <= i.sector_coverage <= 1.0
    for share in (i.evenness, i.largest_sector_share, i.continuity):
        assert share is None or 0.0 <= share <= 1.0
    assert (i.evenness is None) == (n < 2 or i.attendances == 0)
    for figures in report.guidelines:
        assert figures.consulted == len(figures.latest) <= n
        assert figures.supporting + figures.opposing + figures.abstaining == figures.consulted
        assert 0 <= figures.with_reservations <= figures.supporting
        assert 0.0 <= figures.coverage <= 1.0
        assert 0 <= figures.sessions_discussed <= counted
        if n == 0:
            assert figures.consensus is None
        else:
            assert figures.consensus is not None
            assert 0.0 < figures.consensus <= 1.0
        _check_level(figures.level, figures.consulted, report.quorum, figures)
        _check_warnings(figures.guideline.status, figures.level, figures.warnings)
    in_totals = [g for g in report.guidelines if g.guideline.status != "withdrawn"]
    assert sum(report.by_level.values()) == len(in_totals) == sum(report.by_status.values())
    assert all(count > 0 for count in (*report.by_level.values(), *report.by_status.values()))
    json.dumps(to_json_dict(report), allow_nan=False)


def _check_level(level: Level, consulted: int, quorum: int, f: GuidelineFigures) -> None:
    opposing, reservations, supporting = f.opposing, f.with_reservations, f.supporting
    assert (level is Level.INSUFFICIENTLY_CONSULTED) == (consulted < quorum)
    if level is Level.CONSENSUS:
        assert opposing == reservations == 0
    elif level is Level.CONSENSUS_WITH_RESERVATIONS:
        assert opposing == 0 < reservations
    elif level is Level.MAJORITY:
        assert opposing > 0 and 2 * supporting > consulted
    elif level is Level.CONTESTED:
        assert opposing > 0 and 2 * supporting <= consulted


def _check_warnings(
    status: GuidelineStatus, level: Level, warnings: tuple[GuidelineWarning, ...]
) -> None:
    agreed, rejected = status == "agreed", status == "rejected"
    expected_status_warnings = [
        w
        for w, applies in [
            (
                GuidelineWarning.AGREED_BUT_INSUFFICIENTLY_CONSULTED,
                agreed and level == "insufficiently_consulted",
            ),
            (GuidelineWarning.AGREED_BUT_CONTESTED, agreed and level == "contested"),
            (GuidelineWarning.REJECTED_DESPITE_CONSENSUS, rejected and level == "consensus"),
        ]
        if applies
    ]
    assert [w for w in warnings if w != GuidelineWarning.DISSENT_WITHOUT_REASON] == (
        expected_status_warnings
    )
    assert list(warnings) == sorted(warnings, key=list(GuidelineWarning).index)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_independent_of_input_order(data: st.DataObject) -> None:
    snapshot = data.draw(snapshots())
    shuffled = _permuted(data.draw, snapshot)
    assert compute(shuffled) == compute(snapshot)
    assert json.dumps(to_json_dict(compute(shuffled))) == json.dumps(
        to_json_dict(compute(snapshot))
    )


@settings(max_examples=200, deadline=None)
@given(snapshots())
def test_consensus_equals_the_exact_product(snapshot: Snapshot) -> None:
    """The score against an independent computation: the exact rational product, then the
    |S|-th root (the literal formula of legitimacy.md)."""
    report = compute(snapshot)
    for figures in report.guidelines:
        if not report.sectors:
            continue
        product = Fraction(1)
        for sector in report.sectors:
            position = figures.latest.get(sector.id)
            if position is None:
                agree = total = 0
            elif position.votes is not None:
                t = position.votes
                agree = t.support + t.support_with_reservations
                total = agree + t.oppose + t.abstain
            else:
                agree, total = int(position.stance.is_support), 1
            product *= Fraction(agree + 1, total + 2)
        expected = float(product) ** (1 / len(report.sectors))
        assert figures.consensus == pytest.approx(expected, rel=1e-12)
