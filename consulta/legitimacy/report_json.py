"""The machine-readable legitimacy report (``legitimacy-json``) of docs/legitimacy.md.

``to_json_dict`` gives exactly the documented shape, plus a few extra keys (the document
allows adding keys, never renaming them):

- ``input.attendances_outside_s``: attendances of participants whose sector is not in S
  (reported apart, as legitimacy.md asks), and ``input.attendances_outside_s_by_sector``.
- ``input.districts_total``: the number of declared districts.
- ``output.quorum``: the quorum the levels were computed with.
- ``output.guidelines[code].status``: the guideline's status. Withdrawn guidelines stay in
  ``output.guidelines`` with ``"status": "withdrawn"`` (the evidence gathered on them is
  part of the record) but, as the document says, not in ``by_level`` / ``by_status``.

Rationals are rounded with ``round(x, 4)``; ``None`` becomes ``null`` when dumped. Maps
keyed by sector use the sector's name; should two sectors share a name (or two guidelines
a code), the later ones get " (2)", " (3)"... so that no figure is silently overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from consulta.domain.model import Sector
from consulta.legitimacy.report import GuidelineFigures, LegitimacyReport

DECIMALS = 4


def to_json_dict(report: LegitimacyReport) -> dict[str, Any]:
    """The report as plain JSON-ready data (str keys; int, float, str, list, None values)."""
    i, t = report.input, report.throughput
    names = _sector_names(report.sectors)
    outside_names = _sector_names(report.sectors_outside)
    return {
        "input": {
            "sectors_total": i.sectors_total,
            "sectors_present": i.sectors_present,
            "sector_coverage": _r(i.sector_coverage),
            "attendances": i.attendances,
            "attendances_by_sector": _by_name(i.attendances_by_sector, names),
            "distinct_participants_by_sector": _by_name(i.distinct_participants_by_sector, names),
            "evenness": _r(i.evenness),
            "largest_sector_share": _r(i.largest_sector_share),
            "districts_covered": i.districts_covered,
            "districts_missing": list(i.districts_missing),
            "continuity": _r(i.continuity),
            "attendances_by_gender": dict(i.attendances_by_gender),
            "districts_total": i.districts_total,
            "attendances_outside_s": i.attendances_outside_s,
            "attendances_outside_s_by_sector": _by_name(
                i.attendances_outside_s_by_sector, outside_names
            ),
        },
        "throughput": {
            "sessions_planned": t.sessions_planned,
            "sessions_held": t.sessions_held,
            "sessions_closed": t.sessions_closed,
            "minutes_closed_share": _r(t.minutes_closed_share),
            "sectors_per_session_mean": _r(t.sectors_per_session_mean),
            "sectors_per_session_min": t.sectors_per_session_min,
            "positions_recorded": t.positions_recorded,
            "dissent_with_reason_share": _r(t.dissent_with_reason_share),
        },
        "output": {
            "guidelines": dict(
                zip(
                    _unique_keys(g.code for g in report.guidelines),
                    (_guideline(g) for g in report.guidelines),
                    strict=True,
                )
            ),
            "by_level": {str(level.value): n for level, n in report.by_level.items()},
            "by_status": {str(status.value): n for status, n in report.by_status.items()},
            "quorum": report.quorum,
        },
    }


def _guideline(g: GuidelineFigures) -> dict[str, Any]:
    return {
        "consulted": g.consulted,
        "supporting": g.supporting,
        "with_reservations": g.with_reservations,
        "opposing": g.opposing,
        "abstaining": g.abstaining,
        "coverage": _r(g.coverage),
        "consensus": _r(g.consensus),
        "level": str(g.level.value),
        "sessions_discussed": g.sessions_discussed,
        "warnings": [str(w.value) for w in g.warnings],
        "status": str(g.status.value),
    }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def _sector_names(sectors: tuple[Sector, ...]) -> dict[str, str]:
    """Sector id -> the key of its figures in the JSON (its name, made unique)."""
    return dict(zip([s.id for s in sectors], _unique_keys(s.name for s in sectors), strict=True))


def _by_name(values: Mapping[str, int], names: Mapping[str, str]) -> dict[str, int]:
    return {names[sector_id]: n for sector_id, n in values.items()}


def _unique_keys(keys: Iterable[str]) -> list[str]:
    """The keys in order, a repeated one suffixed " (2)", " (3)"... to keep it distinct."""
    seen: set[str] = set()
    out: list[str] = []
    for key in keys:
        candidate, n = key, 1
        while candidate in seen:
            n += 1
            candidate = f"{key} ({n})"
        seen.add(candidate)
        out.append(candidate)
    return out
