"""The legitimacy report as plain, immutable data (docs/legitimacy.md, figure by figure).

Maps keyed by a sector are keyed by the sector's **id** here (names are not guaranteed to be
unique); ``report_json`` turns them into name-keyed maps. Every sector-keyed map lists every
sector of ``S`` in ``LegitimacyReport.sectors`` order, with 0 when it has nothing.

Rationals are full-precision floats here; rounding (4 places) happens only in the JSON.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from consulta.domain.model import Consultation, Guideline, GuidelineStatus, Position, Sector


class Level(enum.StrEnum):
    """The level of agreement on a guideline, in the order the rules are tried."""

    INSUFFICIENTLY_CONSULTED = "insufficiently_consulted"
    CONSENSUS = "consensus"
    CONSENSUS_WITH_RESERVATIONS = "consensus_with_reservations"
    MAJORITY = "majority"
    CONTESTED = "contested"


class GuidelineWarning(enum.StrEnum):
    """A mismatch between the status a person set and the evidence, in report order."""

    AGREED_BUT_INSUFFICIENTLY_CONSULTED = "agreed_but_insufficiently_consulted"
    AGREED_BUT_CONTESTED = "agreed_but_contested"
    REJECTED_DESPITE_CONSENSUS = "rejected_despite_consensus"
    DISSENT_WITHOUT_REASON = "dissent_without_reason"


# The gender buckets of ``attendances_by_gender``: always all four, in this order.
NOT_RECORDED = "not_recorded"
GENDER_BUCKETS: tuple[str, ...] = ("female", "male", "other", NOT_RECORDED)


@dataclass(frozen=True, kw_only=True, slots=True)
class InputFigures:
    """Who took part. Only attendances of participants whose sector is in ``S`` enter these
    figures; the others are counted apart in ``attendances_outside_s``."""

    sectors_total: int
    sectors_present: int
    sector_coverage: float  # 0.0 when sectors_total == 0
    attendances: int
    attendances_by_sector: Mapping[str, int]  # sector id -> attendances
    distinct_participants_by_sector: Mapping[str, int]  # sector id -> distinct participants
    evenness: float | None  # None when |S| < 2 or no attendances
    largest_sector_share: float | None  # None when no attendances
    districts_total: int  # declared districts
    districts_covered: int  # declared districts with >= 1 counted session
    districts_missing: tuple[str, ...]  # names of the other declared districts, sorted by name
    continuity: float | None  # None when no participant has an attendance
    attendances_by_gender: Mapping[str, int]  # GENDER_BUCKETS -> attendances, all four keys
    attendances_outside_s: int  # attendances of participants whose sector is not in S
    # Sector id -> attendances, for every known sector that does not count (0 when none).
    attendances_outside_s_by_sector: Mapping[str, int]


@dataclass(frozen=True, kw_only=True, slots=True)
class ThroughputFigures:
    """How the process ran."""

    sessions_planned: int
    sessions_held: int
    sessions_closed: int
    minutes_closed_share: float | None  # None when no held or closed session
    sectors_per_session_mean: float | None  # None when no counted session
    sectors_per_session_min: int | None  # None when no counted session
    positions_recorded: int
    dissent_with_reason_share: float | None  # None when no oppose/reservations position


@dataclass(frozen=True, kw_only=True, slots=True)
class GuidelineFigures:
    """What was agreed on one guideline, and with what support.

    Every guideline of the consultation has one, withdrawn ones included: a withdrawn
    guideline was still consulted, and the report should show the evidence gathered on it
    (and its warnings) rather than silently drop it. It is marked by its ``status`` (see
    ``in_totals``) and left out of ``LegitimacyReport.by_level`` / ``by_status`` only, as
    legitimacy.md says.
    """

    guideline: Guideline
    # Sector id -> that sector's latest position on the guideline, for the sectors of S
    # that have one, in ``LegitimacyReport.sectors`` order (the guideline x sector matrix).
    latest: Mapping[str, Position]
    consulted: int
    supporting: int
    with_reservations: int
    opposing: int
    abstaining: int
    coverage: float  # consulted / |S|; 0.0 when |S| == 0 (as sector_coverage)
    consensus: float | None  # None when |S| == 0
    level: Level
    sessions_discussed: int
    warnings: tuple[GuidelineWarning, ...]

    @property
    def code(self) -> str:
        return self.guideline.code

    @property
    def status(self) -> GuidelineStatus:
        return self.guideline.status

    @property
    def in_totals(self) -> bool:
        """Whether this guideline counts in ``by_level`` / ``by_status`` (not withdrawn)."""
        return self.guideline.status != GuidelineStatus.WITHDRAWN


@dataclass(frozen=True, kw_only=True, slots=True)
class LegitimacyReport:
    consultation: Consultation
    sectors: tuple[Sector, ...]  # S, ordered by (sort_order, name)
    sectors_outside: tuple[Sector, ...]  # known sectors that do not count, same order
    quorum: int
    input: InputFigures
    throughput: ThroughputFigures
    guidelines: tuple[GuidelineFigures, ...]  # every guideline, ordered by code
    by_level: Mapping[Level, int]  # non-withdrawn guidelines; only levels that occur
    by_status: Mapping[GuidelineStatus, int]  # non-withdrawn; only statuses that occur

    @property
    def warnings(self) -> tuple[tuple[GuidelineFigures, GuidelineWarning], ...]:
        """Every (guideline, warning) pair, in guideline order then warning order."""
        return tuple((g, w) for g in self.guidelines for w in g.warnings)

    def sector_name(self, sector_id: str) -> str:
        for sector in (*self.sectors, *self.sectors_outside):
            if sector.id == sector_id:
                return sector.name
        raise KeyError(sector_id)

    def guideline(self, code: str) -> GuidelineFigures:
        """The figures of the (first) guideline with this code."""
        for figures in self.guidelines:
            if figures.code == code:
                return figures
        raise KeyError(code)
