"""The legitimacy-json shape: exact key sets, names as keys, rounding, nulls."""

from __future__ import annotations

import json
from datetime import date

from consulta.domain.model import Gender, GuidelineStatus, SessionStatus, Stance, Tally
from consulta.legitimacy import compute, to_json_dict

from .builders import SnapshotBuilder
from .test_input_throughput import worked_example

INPUT_KEYS = {
    "sectors_total",
    "sectors_present",
    "sector_coverage",
    "attendances",
    "attendances_by_sector",
    "distinct_participants_by_sector",
    "evenness",
    "largest_sector_share",
    "districts_covered",
    "districts_missing",
    "continuity",
    "attendances_by_gender",
}
INPUT_EXTRA = {"districts_total", "attendances_outside_s", "attendances_outside_s_by_sector"}
THROUGHPUT_KEYS = {
    "sessions_planned",
    "sessions_held",
    "sessions_closed",
    "minutes_closed_share",
    "sectors_per_session_mean",
    "sectors_per_session_min",
    "positions_recorded",
    "dissent_with_reason_share",
}
GUIDELINE_KEYS = {
    "consulted",
    "supporting",
    "with_reservations",
    "opposing",
    "abstaining",
    "coverage",
    "consensus",
    "level",
    "sessions_discussed",
    "warnings",
}


def test_exact_shape_and_values_of_the_worked_example() -> None:
    _, snapshot = worked_example()
    data = to_json_dict(compute(snapshot))
    assert set(data) == {"input", "throughput", "output"}
    assert set(data["input"]) == INPUT_KEYS | INPUT_EXTRA
    assert set(data["throughput"]) == THROUGHPUT_KEYS
    assert set(data["output"]) == {"guidelines", "by_level", "by_status", "quorum"}
    assert data["input"] == {
        "sectors_total": 3,
        "sectors_present": 2,
        "sector_coverage": 0.6667,  # 2/3
        "attendances": 8,
        "attendances_by_sector": {"A": 5, "B": 3, "C": 0},
        "distinct_participants_by_sector": {"A": 3, "B": 2, "C": 0},
        "evenness": 0.6022,  # 0.602181
        "largest_sector_share": 0.625,
        "districts_covered": 2,
        "districts_missing": ["east", "West"],
        "continuity": 0.4,
        "attendances_by_gender": {"female": 4, "male": 1, "other": 2, "not_recorded": 1},
        "districts_total": 4,
        "attendances_outside_s": 2,
        "attendances_outside_s_by_sector": {"Media": 2},
    }
    assert data["throughput"] == {
        "sessions_planned": 1,
        "sessions_held": 3,
        "sessions_closed": 1,
        "minutes_closed_share": 0.25,
        "sectors_per_session_mean": 1.25,
        "sectors_per_session_min": 0,
        "positions_recorded": 4,
        "dissent_with_reason_share": 0.6667,
    }
    # G-01: A latest oppose (s4), B latest reservations (s2), C silent; quorum 2
    # consensus: A 1/3, B 2/3, C 1/2 -> (1/9)^(1/3) = 0.480750
    assert data["output"] == {
        "guidelines": {
            "G-01": {
                "consulted": 2,
                "supporting": 1,
                "with_reservations": 1,
                "opposing": 1,
                "abstaining": 0,
                "coverage": 0.6667,
                "consensus": 0.4807,
                "level": "contested",  # 1 > 2/2 is false
                "sessions_discussed": 3,  # s1, s2, s4
                "warnings": ["dissent_without_reason"],  # B's "   "
                "status": "under_discussion",
            }
        },
        "by_level": {"contested": 1},
        "by_status": {"under_discussion": 1},
        "quorum": 2,
    }


def test_nulls_and_plain_json() -> None:
    b = SnapshotBuilder()
    b.sector("Media", counts=False)
    b.guideline("G-01")
    data = to_json_dict(compute(b.build()))
    text = json.dumps(data, allow_nan=False)
    assert '"evenness": null' in text
    again = json.loads(text)
    assert again == data
    assert again["input"]["attendances_by_sector"] == {}
    assert again["input"]["attendances_by_gender"] == {
        "female": 0,
        "male": 0,
        "other": 0,
        "not_recorded": 0,
    }
    assert again["throughput"]["minutes_closed_share"] is None
    assert again["throughput"]["sectors_per_session_min"] is None
    assert again["output"]["guidelines"]["G-01"]["consensus"] is None
    assert again["output"]["guidelines"]["G-01"]["coverage"] == 0.0
    # every value is a plain JSON type (no enums that only look like strings)
    assert type(again["output"]["guidelines"]["G-01"]["level"]) is str
    assert type(data["output"]["guidelines"]["G-01"]["level"]) is str
    assert all(type(k) is str for k in data["output"]["by_level"])


def test_rounding_to_four_places() -> None:
    b = SnapshotBuilder()
    sectors = b.sectors_named("A", "B", "C", "D", "E", "F", "G")
    g = b.guideline("G-01", status=GuidelineStatus.AGREED)
    s1 = b.session(date(2026, 1, 1))
    for sector in sectors[:6]:
        b.attend(s1, b.participant(sector, gender=Gender.MALE))
        b.position(g, s1, sector, Stance.SUPPORT, votes=Tally(support=3))  # (3+1)/(3+2) = 4/5
    data = to_json_dict(compute(b.build()))
    i = data["input"]
    assert i["sector_coverage"] == 0.8571  # 6/7 = 0.857142...
    assert i["largest_sector_share"] == 0.1667  # 1/6
    # H = ln 6 = 1.791759; / ln 7 = 1.945910 -> 0.920782
    assert i["evenness"] == 0.9208
    out = data["output"]["guidelines"]["G-01"]
    assert out["coverage"] == 0.8571
    # (0.8^6 * 0.5)^(1/7) = (0.131072)^(1/7) = e^(-2.032021/7) = e^(-0.290289) = 0.748049
    assert out["consensus"] == 0.748  # 0.7480
    assert out["level"] == "consensus"
    assert data["output"]["by_level"] == {"consensus": 1}
    assert data["output"]["by_status"] == {"agreed": 1}


def test_withdrawn_guidelines_are_listed_and_marked_but_not_totalled() -> None:
    b = SnapshotBuilder()
    b.sector("A")
    b.guideline("G-02", status=GuidelineStatus.WITHDRAWN)
    b.guideline("G-01", status=GuidelineStatus.REJECTED)
    data = to_json_dict(compute(b.build()))
    assert list(data["output"]["guidelines"]) == ["G-01", "G-02"]
    assert data["output"]["guidelines"]["G-02"]["status"] == "withdrawn"
    assert set(data["output"]["guidelines"]["G-02"]) == GUIDELINE_KEYS | {"status"}
    assert data["output"]["by_status"] == {"rejected": 1}
    assert data["output"]["by_level"] == {"insufficiently_consulted": 1}


def test_repeated_names_and_codes_do_not_overwrite() -> None:
    b = SnapshotBuilder()
    first, second = b.sector("Academia"), b.sector("Academia")
    session = b.session(date(2026, 1, 1), status=SessionStatus.CLOSED)
    b.attend(session, b.participant(first))
    b.attend(session, *b.people(second, 2))
    b.guideline("G-01")
    b.guideline("G-01")
    data = to_json_dict(compute(b.build()))
    assert data["input"]["attendances_by_sector"] == {"Academia": 1, "Academia (2)": 2}
    assert list(data["output"]["guidelines"]) == ["G-01", "G-01 (2)"]
