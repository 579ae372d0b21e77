"""Warnings per guideline, and the totals over guidelines (withdrawn ones left out)."""

from __future__ import annotations

from datetime import date

from consulta.domain.model import GuidelineStatus, SessionStatus, Stance
from consulta.legitimacy import GuidelineWarning, Level, compute

from .builders import SnapshotBuilder

SUPPORT, RESERV = Stance.SUPPORT, Stance.SUPPORT_WITH_RESERVATIONS
OPPOSE, ABSTAIN = Stance.OPPOSE, Stance.ABSTAIN
D1, D2 = date(2026, 4, 1), date(2026, 4, 2)


# --- warnings ----------------------------------------------------------------------------------


def _one_guideline(status: GuidelineStatus, stances: list[Stance], **notes: str) -> list[str]:
    b = SnapshotBuilder()
    sectors = b.sectors_named("A", "B", "C")
    g = b.guideline("G-01", status=status)
    s1 = b.session(D1)
    for sector, stance in zip(sectors, stances, strict=False):
        b.position(g, s1, sector, stance, note=notes.get(sector.name))
    return [str(w) for w in compute(b.build()).guidelines[0].warnings]


AGREED, REJECTED = GuidelineStatus.AGREED, GuidelineStatus.REJECTED


def test_warning_agreed_but_insufficiently_consulted() -> None:
    assert _one_guideline(AGREED, [SUPPORT]) == ["agreed_but_insufficiently_consulted"]


def test_warning_agreed_but_contested() -> None:
    assert _one_guideline(AGREED, [SUPPORT, OPPOSE]) == ["agreed_but_contested"]


def test_warning_rejected_despite_consensus() -> None:
    assert _one_guideline(REJECTED, [SUPPORT, SUPPORT]) == ["rejected_despite_consensus"]


def test_no_warning_when_status_matches() -> None:
    assert _one_guideline(AGREED, [SUPPORT, SUPPORT, OPPOSE]) == []  # majority
    assert _one_guideline(AGREED, [SUPPORT, RESERV]) == []
    assert _one_guideline(REJECTED, [SUPPORT, OPPOSE]) == []
    assert _one_guideline(REJECTED, [SUPPORT, RESERV]) == []  # not plain consensus
    assert _one_guideline(GuidelineStatus.DRAFT, [SUPPORT]) == []


def test_warning_dissent_without_reason_and_order() -> None:
    assert _one_guideline(AGREED, [SUPPORT, OPPOSE], B=" \n") == [
        "agreed_but_contested",
        "dissent_without_reason",
    ]
    assert _one_guideline(GuidelineStatus.DRAFT, [SUPPORT, RESERV], B="") == [
        "dissent_without_reason"
    ]
    assert _one_guideline(GuidelineStatus.DRAFT, [SUPPORT, ABSTAIN], B="") == []


def test_dissent_without_reason_looks_at_every_position_not_only_the_latest() -> None:
    b = SnapshotBuilder()
    sa, sb = b.sectors_named("A", "B")
    g = b.guideline("G-01", status=REJECTED)
    s1, s2 = b.session(D1), b.session(D2)
    b.position(g, s1, sa, OPPOSE, note="")  # superseded, but unexplained
    b.position(g, s2, sa, SUPPORT)
    b.position(g, s2, sb, SUPPORT)
    f = compute(b.build()).guidelines[0]
    assert f.level is Level.CONSENSUS
    assert f.warnings == (
        GuidelineWarning.REJECTED_DESPITE_CONSENSUS,
        GuidelineWarning.DISSENT_WITHOUT_REASON,
    )


def test_dissent_without_reason_ignores_uncounted_positions() -> None:
    b = SnapshotBuilder()
    sa = b.sector("A")
    media = b.sector("Media", counts=False)
    g = b.guideline("G-01")
    held, planned = b.session(D1), b.session(D2, status=SessionStatus.PLANNED)
    b.position(g, held, sa, SUPPORT)
    b.position(g, planned, sa, OPPOSE, note="")
    b.position(g, held, media, RESERV, note="")
    assert compute(b.build()).guidelines[0].warnings == ()


# --- totals, withdrawn guidelines, order -------------------------------------------------------


def test_totals_exclude_withdrawn_guidelines() -> None:
    b = SnapshotBuilder()
    sa, sb = b.sectors_named("A", "B")
    s1 = b.session(D1)
    specs = [
        ("G-01", AGREED, [SUPPORT, SUPPORT]),  # consensus
        ("G-02", AGREED, [SUPPORT, RESERV]),  # consensus with reservations
        ("G-03", REJECTED, [OPPOSE, OPPOSE]),  # contested
        ("G-04", GuidelineStatus.WITHDRAWN, [SUPPORT, SUPPORT]),  # consensus, but withdrawn
        ("G-05", GuidelineStatus.WITHDRAWN, [OPPOSE, SUPPORT]),  # contested, withdrawn
    ]
    for code, status, stances in specs:
        g = b.guideline(code, status=status)
        for sector, stance in zip((sa, sb), stances, strict=True):
            b.position(g, s1, sector, stance)
    report = compute(b.build())
    assert [g.code for g in report.guidelines] == ["G-01", "G-02", "G-03", "G-04", "G-05"]
    withdrawn = report.guideline("G-04")
    assert withdrawn.level is Level.CONSENSUS
    assert not withdrawn.in_totals
    assert dict(report.by_level) == {
        Level.CONSENSUS: 1,
        Level.CONSENSUS_WITH_RESERVATIONS: 1,
        Level.CONTESTED: 1,
    }
    assert dict(report.by_status) == {AGREED: 2, REJECTED: 1}


def test_guidelines_in_natural_code_order_and_report_warnings() -> None:
    b = SnapshotBuilder()
    sa = b.sector("A")
    b.guideline("G-10", status=AGREED)
    for code in ["G-2", "G-01", "A-3"]:
        b.guideline(code, status=GuidelineStatus.DRAFT)  # insufficiently consulted: no warning
    b.position(b.guidelines[0], b.session(D1), sa, OPPOSE, note="")
    report = compute(b.build())
    assert [g.code for g in report.guidelines] == ["A-3", "G-01", "G-2", "G-10"]
    assert [(g.code, str(w)) for g, w in report.warnings] == [
        ("G-10", "agreed_but_contested"),
        ("G-10", "dissent_without_reason"),
    ]
    assert report.sector_name(sa.id) == "A"


def test_every_guideline_appears_even_undiscussed() -> None:
    b = SnapshotBuilder()
    b.sectors_named("A", "B", "C")
    b.guideline("G-01", status=AGREED)
    f = compute(b.build()).guidelines[0]
    assert (f.consulted, f.coverage, f.sessions_discussed) == (0, 0.0, 0)
    assert f.latest == {}
    assert f.level is Level.INSUFFICIENTLY_CONSULTED
    assert f.warnings == (GuidelineWarning.AGREED_BUT_INSUFFICIENTLY_CONSULTED,)
