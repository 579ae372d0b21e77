"""Output figures: per guideline, from the positions of sectors of ``S`` at counted sessions.

Decisions where legitimacy.md is silent (deliberate, tested):

- ``sessions_discussed`` and ``dissent_without_reason`` use the same positions as the rest of
  the output section: recorded at counted sessions by sectors of ``S``. For
  ``dissent_without_reason`` every such position counts, not only the latest.
- A tally whose votes add up to 0 gives ``A_k = N_k = 0``: the sector contributes 1/2, as
  a sector with no position. Negative vote counts (invalid data) are read as 0.
- With ``|S| = 0`` the coverage is 0.0 (as ``sector_coverage``) and the consensus None; the
  level rules are applied as written (a quorum of 0 is met by 0 consulted sectors).
- Latest-position ties that legitimacy.md leaves open are broken by ``created_at`` (a missing
  one sorts first; a naive one is read as UTC), then ``hlc``, then ``id``: the result never
  depends on the order of the input lists.
- Guidelines are ordered by code in natural order ("G-2" before "G-10"; zero-padded codes
  sort as plain text), then by id.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time

from consulta.domain.model import Guideline, GuidelineStatus, Position, Session, Stance
from consulta.domain.snapshot import Snapshot
from consulta.legitimacy.indexing import by_id
from consulta.legitimacy.report import GuidelineFigures, GuidelineWarning, Level

LatestKey = tuple[date, bool, time, bool, datetime, str, str]
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def guideline_figures(
    snapshot: Snapshot, s_ids: Sequence[str], counted: Mapping[str, Session], quorum: int
) -> tuple[GuidelineFigures, ...]:
    """The figures of every guideline (withdrawn ones included), ordered by code."""
    in_s = set(s_ids)
    latest: dict[tuple[str, str], tuple[LatestKey, Position]] = {}
    discussed: dict[str, set[str]] = {}
    unexplained: set[str] = set()
    for position in snapshot.positions:
        session = counted.get(position.session_id)
        if session is None or position.sector_id not in in_s:
            continue
        guideline_id = position.guideline_id
        discussed.setdefault(guideline_id, set()).add(position.session_id)
        if position.stance.needs_reason and not position.note.strip():
            unexplained.add(guideline_id)
        key = latest_key(position, session)
        slot = (guideline_id, position.sector_id)
        current = latest.get(slot)
        if current is None or key > current[0]:
            latest[slot] = (key, position)

    guidelines = sorted(by_id(snapshot.guidelines).values(), key=guideline_order)
    return tuple(
        _one(
            guideline,
            {sid: latest[(guideline.id, sid)][1] for sid in s_ids if (guideline.id, sid) in latest},
            s_ids,
            quorum,
            len(discussed.get(guideline.id, ())),
            guideline.id in unexplained,
        )
        for guideline in guidelines
    )


def _one(
    guideline: Guideline,
    latest: dict[str, Position],
    s_ids: Sequence[str],
    quorum: int,
    sessions_discussed: int,
    unexplained_dissent: bool,
) -> GuidelineFigures:
    stances = Counter(p.stance for p in latest.values())
    consulted = len(latest)
    with_reservations = stances[Stance.SUPPORT_WITH_RESERVATIONS]
    supporting = stances[Stance.SUPPORT] + with_reservations
    opposing = stances[Stance.OPPOSE]
    level = level_for(
        consulted=consulted,
        supporting=supporting,
        with_reservations=with_reservations,
        opposing=opposing,
        quorum=quorum,
    )
    return GuidelineFigures(
        guideline=guideline,
        latest=latest,
        consulted=consulted,
        supporting=supporting,
        with_reservations=with_reservations,
        opposing=opposing,
        abstaining=stances[Stance.ABSTAIN],
        coverage=consulted / len(s_ids) if s_ids else 0.0,
        consensus=consensus_score([latest.get(sid) for sid in s_ids]),
        level=level,
        sessions_discussed=sessions_discussed,
        warnings=warnings_for(guideline.status, level, unexplained_dissent),
    )


def latest_key(position: Position, session: Session) -> LatestKey:
    """Sort key of a position: the greatest is the latest (a missing start or creation
    time sorts first; then ``hlc`` and ``id`` as the deterministic last tie-break)."""
    created = position.created_at
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return (
        session.date,
        session.start is not None,
        session.start if session.start is not None else time.min,
        created is not None,
        created if created is not None else _EPOCH,
        position.hlc,
        position.id,
    )


def votes_of(position: Position | None) -> tuple[int, int]:
    """``(A_k, N_k)`` of a sector's latest position: its tally if it has one (A = support +
    reservations votes, N = all votes), else the stance as one vote; (0, 0) for none."""
    if position is None:
        return 0, 0
    tally = position.votes
    if tally is None:
        return (1 if position.stance.is_support else 0), 1
    agree = max(0, tally.support) + max(0, tally.support_with_reservations)
    return agree, agree + max(0, tally.oppose) + max(0, tally.abstain)


def consensus_score(latest: Sequence[Position | None]) -> float | None:
    """Geometric mean over the sectors of S of (A_k + 1) / (N_k + 2); None when |S| = 0.

    ``latest`` has one item per sector of S: its latest position, or None. Computed as
    exp(mean(log)) with exactly summed logs, so that it neither underflows nor depends on
    the order of the sectors; every factor is in (0, 1), so the score is in (0, 1].
    """
    if not latest:
        return None
    logs = []
    for position in latest:
        agree, total = votes_of(position)
        logs.append(min(0.0, math.log(agree + 1) - math.log(total + 2)))
    return math.exp(math.fsum(logs) / len(latest))


def level_for(
    *, consulted: int, supporting: int, with_reservations: int, opposing: int, quorum: int
) -> Level:
    """The first level of legitimacy.md that applies."""
    if consulted < quorum:
        return Level.INSUFFICIENTLY_CONSULTED
    if opposing == 0 and with_reservations == 0:
        return Level.CONSENSUS
    if opposing == 0:
        return Level.CONSENSUS_WITH_RESERVATIONS
    if 2 * supporting > consulted:
        return Level.MAJORITY
    return Level.CONTESTED


def warnings_for(
    status: GuidelineStatus, level: Level, unexplained_dissent: bool
) -> tuple[GuidelineWarning, ...]:
    """The warnings of a guideline, in legitimacy.md's order."""
    found: list[GuidelineWarning] = []
    if status == GuidelineStatus.AGREED and level == Level.INSUFFICIENTLY_CONSULTED:
        found.append(GuidelineWarning.AGREED_BUT_INSUFFICIENTLY_CONSULTED)
    if status == GuidelineStatus.AGREED and level == Level.CONTESTED:
        found.append(GuidelineWarning.AGREED_BUT_CONTESTED)
    if status == GuidelineStatus.REJECTED and level == Level.CONSENSUS:
        found.append(GuidelineWarning.REJECTED_DESPITE_CONSENSUS)
    if unexplained_dissent:
        found.append(GuidelineWarning.DISSENT_WITHOUT_REASON)
    return tuple(found)


def guideline_order(guideline: Guideline) -> tuple[tuple[tuple[str, int], ...], str, str]:
    """Natural order of codes ("G-2" < "G-10"), then the code itself, then the id."""
    chunks = tuple(
        (text.casefold(), int(digits) if digits else -1)
        for text, digits in re.findall(r"(\D*)(\d*)", guideline.code)
    )
    return chunks, guideline.code, guideline.id
