"""Output figures per guideline: latest position, counts, consensus, levels, warnings, totals."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from consulta.domain.model import SessionStatus, Stance, Tally
from consulta.legitimacy import Level, compute, quorum_for

from .builders import SnapshotBuilder

SUPPORT, RESERV = Stance.SUPPORT, Stance.SUPPORT_WITH_RESERVATIONS
OPPOSE, ABSTAIN = Stance.OPPOSE, Stance.ABSTAIN
D1, D2 = date(2026, 4, 1), date(2026, 4, 2)
T1 = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
T2 = datetime(2026, 4, 1, 13, 0, tzinfo=UTC)


# --- latest position --------------------------------------------------------------------------


def test_later_date_wins_over_later_creation() -> None:
    b = SnapshotBuilder()
    sector = b.sector("A")
    g = b.guideline("G-01")
    late, early = b.session(D2), b.session(D1)
    newest_date = b.position(g, late, sector, OPPOSE, created_at=T1)
    b.position(g, early, sector, SUPPORT, created_at=T2)  # created later, earlier session
    figures = compute(b.build()).guidelines[0]
    assert figures.latest == {sector.id: newest_date}
    assert (figures.opposing, figures.supporting) == (1, 0)


def test_same_date_missing_start_sorts_first() -> None:
    b = SnapshotBuilder()
    sector = b.sector("A")
    g = b.guideline("G-01")
    with_start = b.session(D1, start=time(9, 0))
    no_start = b.session(D1)
    winner = b.position(g, with_start, sector, SUPPORT, created_at=T1)
    b.position(g, no_start, sector, OPPOSE, created_at=T2)  # later-created, but no start
    assert compute(b.build()).guidelines[0].latest[sector.id] is winner


def test_same_date_later_start_wins() -> None:
    b = SnapshotBuilder()
    sector = b.sector("A")
    g = b.guideline("G-01")
    evening, morning = b.session(D1, start=time(17, 0)), b.session(D1, start=time(8, 30))
    winner = b.position(g, evening, sector, RESERV, created_at=T1)
    b.position(g, morning, sector, SUPPORT, created_at=T2)
    assert compute(b.build()).guidelines[0].latest[sector.id] is winner


@pytest.mark.parametrize("reverse", [False, True])
def test_same_date_and_start_later_created_wins(reverse: bool) -> None:
    b = SnapshotBuilder()
    sector = b.sector("A")
    g = b.guideline("G-01")
    s1, s2 = b.session(D1, start=time(10, 0)), b.session(D1, start=time(10, 0))
    b.position(g, s1, sector, SUPPORT, created_at=T2.replace(hour=14))
    b.position(g, s2, sector, OPPOSE, created_at=T2)
    b.position(g, s2, sector, ABSTAIN)  # no creation time: sorts first
    if reverse:
        b.positions.reverse()
    figures = compute(b.build()).guidelines[0]
    assert figures.latest[sector.id].stance is SUPPORT


def test_naive_and_aware_creation_times_compare() -> None:
    b = SnapshotBuilder()
    sector = b.sector("A")
    g = b.guideline("G-01")
    s1 = b.session(D1)
    b.position(g, s1, sector, SUPPORT, created_at=datetime(2026, 4, 1, 12, 30))  # naive = UTC
    b.position(g, s1, sector, OPPOSE, created_at=T1)  # 12:00 UTC
    assert compute(b.build()).guidelines[0].latest[sector.id].stance is SUPPORT


def test_full_tie_falls_back_to_hlc_then_id() -> None:
    b = SnapshotBuilder()
    sector = b.sector("A")
    g = b.guideline("G-01")
    s1 = b.session(D1)
    b.position(g, s1, sector, SUPPORT, created_at=T1, hlc="0002", id="p-a")
    b.position(g, s1, sector, OPPOSE, created_at=T1, hlc="0001", id="p-z")
    b.position(g, s1, sector, ABSTAIN, created_at=T1, hlc="0002", id="p-b")
    assert compute(b.build()).guidelines[0].latest[sector.id].id == "p-b"


def test_latest_ignores_planned_sessions_and_sectors_outside_s() -> None:
    b = SnapshotBuilder()
    sa = b.sector("A")
    media = b.sector("Media", counts=False)
    g = b.guideline("G-01")
    held = b.session(D1)
    planned = b.session(D2, status=SessionStatus.PLANNED)
    kept = b.position(g, held, sa, SUPPORT)
    b.position(g, planned, sa, OPPOSE, note="")  # later, but planned: ignored everywhere
    b.position(g, held, media, OPPOSE, note="")  # Media does not count: ignored everywhere
    figures = compute(b.build()).guidelines[0]
    assert figures.latest == {sa.id: kept}
    assert (figures.consulted, figures.opposing) == (1, 0)
    assert figures.sessions_discussed == 1
    assert figures.warnings == ()
    assert figures.level is Level.CONSENSUS  # |S| = 1, quorum 1


# --- counts, coverage, sessions discussed ------------------------------------------------------


def test_counts_and_coverage() -> None:
    b = SnapshotBuilder()
    sectors = b.sectors_named("A", "B", "C", "D", "E")
    g = b.guideline("G-01")
    s1, s2, s3 = b.session(D1), b.session(D2), b.session(D2, status=SessionStatus.CLOSED)
    b.position(g, s1, sectors[0], SUPPORT)
    b.position(g, s1, sectors[1], RESERV)
    b.position(g, s2, sectors[2], OPPOSE)
    b.position(g, s3, sectors[3], ABSTAIN)
    b.position(g, s1, sectors[3], OPPOSE)  # earlier than the abstention: not the latest
    f = compute(b.build()).guidelines[0]
    # consulted A B C D (E silent); supporting A B; reservations B; opposing C; abstaining D
    assert (f.consulted, f.supporting, f.with_reservations) == (4, 2, 1)
    assert (f.opposing, f.abstaining) == (1, 1)
    assert f.coverage == pytest.approx(0.8)  # 4 / 5
    assert f.sessions_discussed == 3
    assert list(f.latest) == [s.id for s in sectors[:4]]  # in sector order


# --- consensus score ---------------------------------------------------------------------------


def test_consensus_tally_overrides_and_silent_sector() -> None:
    b = SnapshotBuilder()
    sa, sb, sc = b.sectors_named("A", "B", "C")
    g = b.guideline("G-01")
    s1 = b.session(D1)
    b.position(g, s1, sa, SUPPORT)  # no tally: A=1, N=1 -> 2/3
    # tally: A = 2 + 1 = 3, N = 2 + 1 + 6 + 1 = 10 -> 4/12 = 1/3
    b.position(g, s1, sb, OPPOSE, votes=Tally(2, 1, 6, 1))
    # C silent -> 1/2.  Product 2/3 * 1/3 * 1/2 = 1/9; (1/9)^(1/3) = 1 / 2.080084 = 0.480750
    f = compute(b.build()).guidelines[0]
    assert f.consensus == pytest.approx(0.480750, abs=1e-6)
    del sc


def test_tally_says_oppose_while_stance_says_support() -> None:
    b = SnapshotBuilder()
    sa = b.sector("A")
    g = b.guideline("G-01")
    b.position(g, b.session(D1), sa, SUPPORT, votes=Tally(support=1, oppose=5))
    f = compute(b.build()).guidelines[0]
    assert f.consensus == pytest.approx(0.25)  # (1 + 1) / (6 + 2), |S| = 1
    # counts and level follow the stance, not the tally
    assert (f.supporting, f.opposing, f.level) == (1, 0, Level.CONSENSUS)


def test_tally_with_no_votes_counts_as_silence() -> None:
    b = SnapshotBuilder()
    sa, sb = b.sectors_named("A", "B")
    g = b.guideline("G-01")
    s1 = b.session(D1)
    b.position(g, s1, sa, SUPPORT, votes=Tally())  # A = N = 0 -> 1/2, like no position
    f = compute(b.build()).guidelines[0]
    assert f.consensus == pytest.approx(0.5)  # sqrt(1/2 * 1/2)
    assert f.consulted == 1  # but it is a position: A was consulted
    del sb


def test_consensus_reservations_count_as_agreement() -> None:
    b = SnapshotBuilder()
    sa, sb = b.sectors_named("A", "B")
    g = b.guideline("G-01")
    s1 = b.session(D1)
    b.position(g, s1, sa, RESERV)  # 2/3
    b.position(g, s1, sb, ABSTAIN)  # A = 0, N = 1 -> 1/3
    f = compute(b.build()).guidelines[0]
    assert f.consensus == pytest.approx(0.471405, abs=1e-6)  # sqrt(2/9) = 0.471405


def test_consensus_nobody_spoke_and_no_sectors() -> None:
    b = SnapshotBuilder()
    b.sectors_named("A", "B", "C")
    b.guideline("G-01")
    assert compute(b.build()).guidelines[0].consensus == pytest.approx(0.5)
    empty = SnapshotBuilder()
    empty.guideline("G-01")
    f = compute(empty.build()).guidelines[0]
    assert f.consensus is None
    assert f.coverage == 0.0


# --- levels and quorum -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "quorum"), [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 4), (7, 5), (9, 6)]
)
def test_default_quorum_is_two_thirds_rounded_up(n: int, quorum: int) -> None:
    # ceil(2/3 n): 0, 0.67->1, 1.33->2, 2, 2.67->3, 3.33->4, 4, 4.67->5, 6
    assert quorum_for(None, n) == quorum
    b = SnapshotBuilder()
    b.sectors_named(*(f"S{k}" for k in range(n)))
    assert compute(b.build()).quorum == quorum


@pytest.mark.parametrize(
    ("stances", "level"),
    [
        ([SUPPORT], Level.INSUFFICIENTLY_CONSULTED),  # 1 consulted < quorum 2 (of 3)
        ([OPPOSE], Level.INSUFFICIENTLY_CONSULTED),
        ([SUPPORT, SUPPORT], Level.CONSENSUS),
        ([SUPPORT, ABSTAIN], Level.CONSENSUS),  # abstaining is consulted, not dissent
        ([ABSTAIN, ABSTAIN, ABSTAIN], Level.CONSENSUS),
        ([SUPPORT, RESERV], Level.CONSENSUS_WITH_RESERVATIONS),
        ([RESERV, RESERV, ABSTAIN], Level.CONSENSUS_WITH_RESERVATIONS),
        ([SUPPORT, SUPPORT, OPPOSE], Level.MAJORITY),  # 2 > 3/2
        ([SUPPORT, RESERV, OPPOSE], Level.MAJORITY),
        ([SUPPORT, OPPOSE], Level.CONTESTED),  # 1 > 2/2 is false
        ([SUPPORT, ABSTAIN, OPPOSE], Level.CONTESTED),  # 1 > 3/2 is false
        ([OPPOSE, OPPOSE, OPPOSE], Level.CONTESTED),
    ],
)
def test_levels(stances: list[Stance], level: Level) -> None:
    b = SnapshotBuilder()
    sectors = b.sectors_named("A", "B", "C")
    g = b.guideline("G-01")
    s1 = b.session(D1)
    for sector, stance in zip(sectors, stances, strict=False):
        b.position(g, s1, sector, stance)
    assert compute(b.build()).guidelines[0].level is level


def test_majority_needs_more_than_half() -> None:
    b = SnapshotBuilder()
    sectors = b.sectors_named("A", "B", "C", "D")
    g = b.guideline("G-01")
    s1 = b.session(D1)
    for sector, stance in zip(sectors, [SUPPORT, RESERV, OPPOSE, OPPOSE], strict=True):
        b.position(g, s1, sector, stance)
    assert compute(b.build()).guidelines[0].level is Level.CONTESTED  # 2 > 4/2 is false


def test_quorum_override() -> None:
    b = SnapshotBuilder()
    sa, *_ = b.sectors_named("A", "B", "C", "D", "E", "F", "G")
    g = b.guideline("G-01")
    b.position(g, b.session(D1), sa, SUPPORT)
    assert compute(b.build()).guidelines[0].level is Level.INSUFFICIENTLY_CONSULTED  # 1 < 5
    report = compute(b.build(quorum=1))
    assert report.quorum == 1
    assert report.guidelines[0].level is Level.CONSENSUS
    assert compute(b.build(quorum=8)).guidelines[0].level is Level.INSUFFICIENTLY_CONSULTED


def test_quorum_zero_is_met_by_nobody() -> None:
    # As written: with a quorum of 0 the first rule never applies; nobody opposes -> consensus.
    b = SnapshotBuilder()
    b.sectors_named("A", "B")
    b.guideline("G-01")
    assert compute(b.build(quorum=0)).guidelines[0].level is Level.CONSENSUS


def test_tally_of_abstentions_and_invalid_negative_counts() -> None:
    b = SnapshotBuilder()
    sa, sb = b.sectors_named("A", "B")
    g = b.guideline("G-01")
    s1 = b.session(D1)
    b.position(g, s1, sa, ABSTAIN, votes=Tally(abstain=3))  # A = 0, N = 3 -> 1/5
    b.position(g, s1, sb, SUPPORT, votes=Tally(support=-4, oppose=1))  # -4 read as 0 -> 1/3
    f = compute(b.build()).guidelines[0]
    assert f.consensus == pytest.approx(0.258199, abs=1e-6)  # sqrt(1/15) = 0.258199


def test_sectors_follow_their_sort_order() -> None:
    b = SnapshotBuilder()
    zeta = b.sector("Zeta", sort_order=0)
    alpha = b.sector("Alpha", sort_order=5)
    beta = b.sector("beta", sort_order=5)  # same sort order: by name, case-insensitively
    report = compute(b.build())
    assert report.sectors == (zeta, alpha, beta)
    assert list(report.input.attendances_by_sector) == [zeta.id, alpha.id, beta.id]
