"""Input and throughput figures on small consultations whose numbers are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from consulta.domain.model import Attendance, Gender, SessionStatus, Stance
from consulta.domain.snapshot import Snapshot
from consulta.legitimacy import compute

from .builders import SnapshotBuilder

HELD, CLOSED, PLANNED = SessionStatus.HELD, SessionStatus.CLOSED, SessionStatus.PLANNED


def worked_example() -> tuple[SnapshotBuilder, Snapshot]:
    """Three sectors in S (A, B, C) and Media, which does not count.

    Attendance (present, counted sessions only):
      s1 held   North   : a1 a2 b1 (+ m1 of Media; a3 recorded absent)
      s2 closed South   : a1 b1 b2 (+ m1)
      s3 planned West   : a1 a2 a3 b1 c1 (ignored: planned)
      s4 held   -       : a1 a3 (a1 recorded twice: one pair)
      s5 held   -       : nobody
    """
    b = SnapshotBuilder()
    sa, sb, sc = b.sectors_named("A", "B", "C")
    media = b.sector("Media", counts=False)
    north, south = b.district("North"), b.district("South")
    west, east = b.district("West"), b.district("east")
    a1 = b.participant(sa, gender=Gender.FEMALE)
    a2 = b.participant(sa, gender=Gender.MALE)
    a3 = b.participant(sa)
    b1 = b.participant(sb, gender=Gender.OTHER)
    b2 = b.participant(sb, gender=Gender.FEMALE)
    c1 = b.participant(sc, gender=Gender.MALE)
    m1 = b.participant(media, gender=Gender.FEMALE)
    s1 = b.session(date(2026, 3, 1), status=HELD, district=north)
    s2 = b.session(date(2026, 3, 2), status=CLOSED, district=south)
    s3 = b.session(date(2026, 3, 3), status=PLANNED, district=west)
    s4 = b.session(date(2026, 3, 5), status=HELD)
    b.session(date(2026, 3, 6), status=HELD)
    b.attend(s1, a1, a2, b1, m1)
    b.attend(s1, a3, present=False)
    b.attend(s2, a1, b1, b2, m1)
    b.attend(s3, a1, a2, a3, b1, c1)
    b.attend(s4, a1, a3, a1)

    g = b.guideline("G-01")
    b.position(g, s1, sa, Stance.SUPPORT)
    b.position(g, s1, sb, Stance.OPPOSE, note="Too costly")
    b.position(g, s2, sb, Stance.SUPPORT_WITH_RESERVATIONS, note="   ")  # no reason
    b.position(g, s2, media, Stance.OPPOSE, note="")  # not in S: ignored
    b.position(g, s3, sa, Stance.OPPOSE, note="")  # planned: ignored
    b.position(g, s4, sa, Stance.OPPOSE, note=" no ")
    del east  # declared, no session
    return b, b.build()


def test_input_worked_example() -> None:
    b, snapshot = worked_example()
    sa, sb, sc, media = b.sectors
    fig = compute(snapshot).input
    assert fig.sectors_total == 3
    assert fig.sectors_present == 2  # A and B; C only at the planned session
    assert fig.sector_coverage == pytest.approx(2 / 3)
    # A: a1 x3 (s1 s2 s4), a2 x1, a3 x1 (s4) = 5; B: b1 x2, b2 x1 = 3; C: 0
    assert fig.attendances == 8
    assert fig.attendances_by_sector == {sa.id: 5, sb.id: 3, sc.id: 0}
    assert list(fig.attendances_by_sector) == [sa.id, sb.id, sc.id]
    assert fig.distinct_participants_by_sector == {sa.id: 3, sb.id: 2, sc.id: 0}
    # p = 5/8, 3/8, 0; H = 0.625*0.4700 + 0.375*0.9808 = 0.66156; J = H / ln 3 = 0.60218
    assert fig.evenness == pytest.approx(0.60218, abs=1e-5)
    assert fig.largest_sector_share == pytest.approx(0.625)
    # North (s1) and South (s2) covered; West only had a planned session
    assert fig.districts_total == 4
    assert fig.districts_covered == 2
    assert fig.districts_missing == ("east", "West")  # sorted by name, case-insensitively
    # people with attendance in S: a1 (3 sessions), b1 (2), a2, a3, b2 (1) -> 2 / 5;
    # m1 of Media came twice but is outside S (with m1 it would be 3 / 6)
    assert fig.continuity == pytest.approx(0.4)
    # female a1 x3 + b2 = 4, male a2 = 1, other b1 x2 = 2, not recorded a3 = 1; m1 excluded
    assert fig.attendances_by_gender == {"female": 4, "male": 1, "other": 2, "not_recorded": 1}
    assert list(fig.attendances_by_gender) == ["female", "male", "other", "not_recorded"]
    assert fig.attendances_outside_s == 2  # m1 at s1 and s2
    assert fig.attendances_outside_s_by_sector == {media.id: 2}


def test_throughput_worked_example() -> None:
    _, snapshot = worked_example()
    fig = compute(snapshot).throughput
    assert (fig.sessions_planned, fig.sessions_held, fig.sessions_closed) == (1, 3, 1)
    assert fig.minutes_closed_share == pytest.approx(0.25)  # 1 closed / (3 held + 1 closed)
    # sectors of S present: s1 {A,B}=2, s2 {A,B}=2, s4 {A}=1, s5 {}=0 (Media never counts)
    assert fig.sectors_per_session_mean == pytest.approx(1.25)
    assert fig.sectors_per_session_min == 0
    # s1 A, s1 B, s2 B, s4 A (Media's and the planned session's are not counted)
    assert fig.positions_recorded == 4
    # dissent: B oppose "Too costly", B reservations "   ", A oppose " no " -> 2 of 3 with reason
    assert fig.dissent_with_reason_share == pytest.approx(2 / 3)


def test_no_sessions_and_no_positions() -> None:
    b = SnapshotBuilder()
    b.sectors_named("A", "B")
    b.district("North")
    report = compute(b.build())
    t, i = report.throughput, report.input
    assert (t.sessions_planned, t.sessions_held, t.sessions_closed) == (0, 0, 0)
    assert t.minutes_closed_share is None
    assert t.sectors_per_session_mean is None
    assert t.sectors_per_session_min is None
    assert t.positions_recorded == 0
    assert t.dissent_with_reason_share is None
    assert i.districts_covered == 0
    assert i.districts_missing == ("North",)


def test_no_attendance() -> None:
    b = SnapshotBuilder()
    sa, sb = b.sectors_named("A", "B")
    person = b.participant(sa)
    b.session(date(2026, 1, 1), status=HELD)
    planned = b.session(date(2026, 1, 2), status=PLANNED)
    b.attend(planned, person)  # a planned session's attendance never counts
    i = compute(b.build()).input
    assert i.attendances == 0
    assert i.sectors_present == 0
    assert i.sector_coverage == 0.0
    assert i.attendances_by_sector == {sa.id: 0, sb.id: 0}
    assert i.distinct_participants_by_sector == {sa.id: 0, sb.id: 0}
    assert i.evenness is None
    assert i.largest_sector_share is None
    assert i.continuity is None
    assert i.attendances_by_gender == {"female": 0, "male": 0, "other": 0, "not_recorded": 0}
    t = compute(b.build()).throughput
    assert (t.sectors_per_session_mean, t.sectors_per_session_min) == (0.0, 0)
    assert t.minutes_closed_share == 0.0  # one held, none closed


def test_no_sectors_in_s() -> None:
    b = SnapshotBuilder()
    media = b.sector("Media", counts=False)
    person = b.participant(media, gender=Gender.FEMALE)
    s1 = b.session(date(2026, 1, 1), status=CLOSED)
    b.attend(s1, person)
    b.position(b.guideline("G-01"), s1, media, Stance.OPPOSE, note="")
    report = compute(b.build())
    i, t = report.input, report.throughput
    assert report.sectors == ()
    assert report.sectors_outside == (media,)
    assert (i.sectors_total, i.sectors_present, i.sector_coverage) == (0, 0, 0.0)
    assert i.attendances == 0
    assert i.attendances_by_sector == {}
    assert i.evenness is None
    assert i.largest_sector_share is None
    assert i.continuity is None
    assert i.attendances_by_gender["female"] == 0
    assert i.attendances_outside_s == 1
    assert t.sectors_per_session_mean == 0.0
    assert t.positions_recorded == 0
    assert t.dissent_with_reason_share is None


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([4], None),  # |S| = 1: evenness undefined (ln 1 = 0)
        ([2, 2], 1.0),  # equal shares
        ([3, 3, 3], 1.0),
        ([5, 0], 0.0),  # one sector has everything: H = 0
        # p = 1/4, 3/4: H = 0.25 ln 4 + 0.75 ln(4/3) = 0.34657 + 0.21576 = 0.56233; / ln 2
        ([1, 3], 0.81128),
    ],
)
def test_evenness(counts: list[int], expected: float | None) -> None:
    b = SnapshotBuilder()
    session = b.session(date(2026, 1, 1))
    for n, sector in enumerate(b.sectors_named(*(f"S{k}" for k in range(len(counts))))):
        b.attend(session, *b.people(sector, counts[n]))
    i = compute(b.build()).input
    if expected is None:
        assert i.evenness is None
    else:
        assert i.evenness == pytest.approx(expected, abs=1e-5)
    assert i.largest_sector_share == pytest.approx(max(counts) / sum(counts))


def test_continuity_counts_sessions_not_records() -> None:
    b = SnapshotBuilder()
    sector = b.sector("A")
    p1, p2 = b.people(sector, 2)
    s1, s2 = b.session(date(2026, 1, 1)), b.session(date(2026, 1, 2))
    planned = b.session(date(2026, 1, 3), status=PLANNED)
    b.attend(s1, p1, p1, p2)  # p1 twice at s1: still one session
    b.attend(s2, p2)
    b.attend(planned, p1)  # a planned session does not make p1 continuous
    i = compute(b.build()).input
    assert i.continuity == pytest.approx(0.5)  # p2 only (s1, s2), of p1 and p2
    assert i.attendances == 3


def test_gender_buckets_and_absent_records() -> None:
    b = SnapshotBuilder()
    sector = b.sector("A")
    session = b.session(date(2026, 1, 1), status=CLOSED)
    b.attend(session, *b.people(sector, 2, gender=Gender.FEMALE))
    b.attend(session, *b.people(sector, 3, gender=Gender.MALE))
    b.attend(session, *b.people(sector, 1, gender=Gender.OTHER))
    b.attend(session, *b.people(sector, 4))
    b.attend(session, *b.people(sector, 5, gender=Gender.FEMALE), present=False)
    i = compute(b.build()).input
    assert i.attendances_by_gender == {"female": 2, "male": 3, "other": 1, "not_recorded": 4}


def test_districts_undeclared_and_planned() -> None:
    b = SnapshotBuilder()
    a, z, m = b.district("Alto"), b.district("zona sur"), b.district("Mar")
    b.session(date(2026, 1, 1), status=PLANNED, district=a)
    b.session(date(2026, 1, 1), status=CLOSED, district=m)
    b.session(date(2026, 1, 1), status=HELD)  # no district: covers none
    del z
    i = compute(b.build()).input
    assert (i.districts_total, i.districts_covered) == (3, 1)
    assert i.districts_missing == ("Alto", "zona sur")


def test_dangling_references_are_ignored() -> None:
    b = SnapshotBuilder()
    sector = b.sector("A")
    person = b.participant(sector)
    session = b.session(date(2026, 1, 1))
    b.attend(session, person)
    snapshot = b.build()
    snapshot = Snapshot(
        consultation=snapshot.consultation,
        sectors=snapshot.sectors,
        participants=snapshot.participants,
        sessions=snapshot.sessions,
        attendance=(
            *snapshot.attendance,
            Attendance(session_id="no-such-session", participant_id=person.id),
            Attendance(session_id=session.id, participant_id="no-such-person"),
        ),
    )
    i = compute(snapshot).input
    assert i.attendances == 1
    assert i.attendances_outside_s == 0
