"""The legitimacy figures of docs/legitimacy.md, computed from domain objects (no Qt, no SQL).

``compute(snapshot)`` gives a ``LegitimacyReport`` (frozen dataclasses); ``to_json_dict(report)``
gives the legitimacy-json shape, rationals rounded to 4 places.

``report.input`` / ``report.throughput`` / ``report.guidelines`` (one ``GuidelineFigures``
per guideline, ordered by code, withdrawn ones included but left out of ``by_level`` and
``by_status``). Sector-keyed maps are keyed by sector id, in ``report.sectors`` order;
``GuidelineFigures.latest`` gives each sector's latest ``Position`` (the guideline x sector
matrix). ``level_label``, ``warning_label``, ``gender_label`` and ``explanations`` give the
translated words for documents.
"""

from consulta.legitimacy.figures import compute, quorum_for
from consulta.legitimacy.labels import explanations, gender_label, level_label, warning_label
from consulta.legitimacy.output import consensus_score, latest_key, level_for, votes_of
from consulta.legitimacy.report import (
    GENDER_BUCKETS,
    NOT_RECORDED,
    GuidelineFigures,
    GuidelineWarning,
    InputFigures,
    LegitimacyReport,
    Level,
    ThroughputFigures,
)
from consulta.legitimacy.report_json import to_json_dict

__all__ = [
    "GENDER_BUCKETS",
    "NOT_RECORDED",
    "GuidelineFigures",
    "GuidelineWarning",
    "InputFigures",
    "LegitimacyReport",
    "Level",
    "ThroughputFigures",
    "compute",
    "consensus_score",
    "explanations",
    "gender_label",
    "latest_key",
    "level_for",
    "level_label",
    "quorum_for",
    "to_json_dict",
    "votes_of",
    "warning_label",
]
