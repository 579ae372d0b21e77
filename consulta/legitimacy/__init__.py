"""The legitimacy figures of docs/legitimacy.md, computed from domain objects (no Qt, no SQL).

report = compute(snapshot)          # LegitimacyReport
data = to_json_dict(report)         # the legitimacy-json shape
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
