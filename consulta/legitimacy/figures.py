"""Compute the legitimacy figures of docs/legitimacy.md from a ``Snapshot``.

One pass over attendance and one over positions, with dicts: a national consultation
(tens of thousands of participants and positions) computes in a fraction of a second.

Decisions where legitimacy.md is silent (all deliberate, all tested):

- Records that point at something the snapshot does not hold (an attendance of an unknown
  participant, a position at an unknown session) are ignored: an unknown session is not a
  counted session, an unknown sector is not in ``S``.
- The same (session, participant) pair recorded twice is one attendance (it is a pair).
- Attendances of a participant whose sector is not in ``S`` are counted apart only; they
  enter neither continuity nor the gender buckets nor ``sectors_per_session``.
- ``districts_covered`` looks only at the declared districts (``snapshot.districts``); a
  session in an undeclared district covers nothing.
- ``positions_recorded`` and ``dissent_with_reason_share`` count every position at a counted
  session by a sector of ``S``, whatever its guideline (withdrawn ones included).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from consulta.domain.model import (
    GuidelineStatus,
    Participant,
    Sector,
    Session,
    SessionStatus,
)
from consulta.domain.snapshot import Snapshot
from consulta.legitimacy.indexing import R, by_id
from consulta.legitimacy.output import guideline_figures
from consulta.legitimacy.report import (
    GENDER_BUCKETS,
    NOT_RECORDED,
    InputFigures,
    LegitimacyReport,
    Level,
    ThroughputFigures,
)


def compute(snapshot: Snapshot) -> LegitimacyReport:
    """Every figure of legitimacy.md for one consultation."""
    sectors = _unique(snapshot.sectors)
    in_s = tuple(sorted((s for s in sectors if s.counts_for_legitimacy), key=_sector_key))
    outside = tuple(sorted((s for s in sectors if not s.counts_for_legitimacy), key=_sector_key))
    s_ids = [s.id for s in in_s]
    sessions = by_id(snapshot.sessions)
    counted = {sid: s for sid, s in sessions.items() if s.status.counts}
    quorum = quorum_for(snapshot.consultation.quorum_sectors, len(in_s))

    # sector ids of S present at each counted session (for sectors_per_session)
    present_at: dict[str, set[str]] = {sid: set() for sid in counted}
    input_figures = _input(snapshot, in_s, outside, counted, present_at)
    guidelines = guideline_figures(snapshot, s_ids, counted, quorum)
    throughput = _throughput(snapshot, sessions.values(), present_at, set(s_ids), counted)

    in_totals = [g for g in guidelines if g.in_totals]
    levels = Counter(g.level for g in in_totals)
    statuses = Counter(g.status for g in in_totals)
    return LegitimacyReport(
        consultation=snapshot.consultation,
        sectors=in_s,
        sectors_outside=outside,
        quorum=quorum,
        input=input_figures,
        throughput=throughput,
        guidelines=guidelines,
        by_level={level: levels[level] for level in Level if levels[level]},
        by_status={status: statuses[status] for status in GuidelineStatus if statuses[status]},
    )


def quorum_for(quorum_sectors: int | None, sectors_total: int) -> int:
    """The consultation's quorum if set, else ceil(2/3 * |S|) in exact integer arithmetic."""
    if quorum_sectors is not None:
        return quorum_sectors
    return (2 * sectors_total + 2) // 3


def _input(
    snapshot: Snapshot,
    in_s: tuple[Sector, ...],
    outside: tuple[Sector, ...],
    counted: Mapping[str, Session],
    present_at: dict[str, set[str]],
) -> InputFigures:
    s_ids = {s.id for s in in_s}
    participants: dict[str, Participant] = by_id(snapshot.participants)
    pairs = {
        (a.session_id, a.participant_id)
        for a in snapshot.attendance
        if a.present and a.session_id in counted and a.participant_id in participants
    }
    by_sector = dict.fromkeys(s_ids, 0)
    people_by_sector: dict[str, set[str]] = {sid: set() for sid in s_ids}
    outside_by_sector = {s.id: 0 for s in outside}
    outside_total = 0
    sessions_per_person: Counter[str] = Counter()
    by_gender = dict.fromkeys(GENDER_BUCKETS, 0)
    for session_id, participant_id in pairs:
        person = participants[participant_id]
        sector_id = person.sector_id
        if sector_id not in s_ids:
            outside_total += 1
            if sector_id in outside_by_sector:
                outside_by_sector[sector_id] += 1
            continue
        by_sector[sector_id] += 1
        people_by_sector[sector_id].add(participant_id)
        sessions_per_person[participant_id] += 1
        by_gender[person.gender.value if person.gender is not None else NOT_RECORDED] += 1
        present_at[session_id].add(sector_id)

    total = sum(by_sector.values())
    sectors_present = sum(1 for n in by_sector.values() if n)
    shares = [by_sector[s.id] / total for s in in_s] if total else []
    districts = _unique(snapshot.districts)
    covered_ids = {s.district_id for s in counted.values()}
    missing = sorted(
        (d.name for d in districts if d.id not in covered_ids), key=lambda n: (n.casefold(), n)
    )
    return InputFigures(
        sectors_total=len(in_s),
        sectors_present=sectors_present,
        sector_coverage=sectors_present / len(in_s) if in_s else 0.0,
        attendances=total,
        attendances_by_sector={s.id: by_sector[s.id] for s in in_s},
        distinct_participants_by_sector={s.id: len(people_by_sector[s.id]) for s in in_s},
        evenness=_evenness(shares),
        largest_sector_share=max(shares) if shares else None,
        districts_total=len(districts),
        districts_covered=len(districts) - len(missing),
        districts_missing=tuple(missing),
        continuity=(
            sum(1 for n in sessions_per_person.values() if n >= 2) / len(sessions_per_person)
            if sessions_per_person
            else None
        ),
        attendances_by_gender=by_gender,
        attendances_outside_s=outside_total,
        attendances_outside_s_by_sector={s.id: outside_by_sector[s.id] for s in outside},
    )


def _evenness(shares: list[float]) -> float | None:
    """Pielou's J = H / ln|S| over the attendance shares of the sectors of S.

    None when |S| < 2 or there are no attendances (``shares`` is then empty). Clamped to
    [0, 1] only to absorb floating-point error (J of equal shares is 1 by definition).
    """
    if len(shares) < 2:
        return None
    entropy = -math.fsum(p * math.log(p) for p in shares if p > 0)
    return min(1.0, max(0.0, entropy / math.log(len(shares))))


def _throughput(
    snapshot: Snapshot,
    sessions: Iterable[Session],
    present_at: Mapping[str, set[str]],
    s_ids: set[str],
    counted: Mapping[str, Session],
) -> ThroughputFigures:
    by_status = Counter(s.status for s in sessions)
    held, closed = by_status[SessionStatus.HELD], by_status[SessionStatus.CLOSED]
    per_session = [len(present) for present in present_at.values()]
    recorded = dissent = with_reason = 0
    for position in snapshot.positions:
        if position.session_id not in counted or position.sector_id not in s_ids:
            continue
        recorded += 1
        if position.stance.needs_reason:
            dissent += 1
            if position.note.strip():
                with_reason += 1
    return ThroughputFigures(
        sessions_planned=by_status[SessionStatus.PLANNED],
        sessions_held=held,
        sessions_closed=closed,
        minutes_closed_share=closed / (held + closed) if held + closed else None,
        sectors_per_session_mean=sum(per_session) / len(per_session) if per_session else None,
        sectors_per_session_min=min(per_session) if per_session else None,
        positions_recorded=recorded,
        dissent_with_reason_share=with_reason / dissent if dissent else None,
    )


def _sector_key(sector: Sector) -> tuple[int, str, str, str]:
    return (sector.sort_order, sector.name.casefold(), sector.name, sector.id)


def _unique(records: Iterable[R]) -> list[R]:
    return list(by_id(records).values())
