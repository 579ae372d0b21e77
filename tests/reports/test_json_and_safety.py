"""legitimacy-json against to_json_dict and hand-computed figures; interrupted and cancelled
exports leave no file."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from consulta.atomic import atomic_target
from consulta.domain.errors import CancelledError, FileError
from consulta.domain.progress import Progress
from consulta.legitimacy import compute, to_json_dict
from consulta.reports import (
    export_legitimacy_json,
    export_legitimacy_pdf,
    export_legitimacy_xlsx,
    export_minutes_pdf,
    export_minutes_xlsx,
    export_signin_pdf,
)

from .conftest import Fixture


def test_json_is_the_report_and_matches_hand_computed_figures(
    consultation: Fixture, tmp_path: Path
) -> None:
    out = tmp_path / "l.json"
    export_legitimacy_json(consultation.ws, out)
    data = json.loads(out.read_text("utf-8"))
    assert data == to_json_dict(compute(consultation.ws.consultation.snapshot()))
    i, t, g = data["input"], data["throughput"], data["output"]["guidelines"]
    # Seven default sectors; attendances: First round Ana, Bob, Ian; Second Ana, Bob, Eve, Fay.
    assert i["sectors_total"] == 7 and i["sectors_present"] == 3
    assert i["sector_coverage"] == round(3 / 7, 4)
    assert i["attendances"] == 7
    assert i["attendances_by_sector"]["Academia"] == 3
    assert i["attendances_by_sector"]["Private sector"] == 3
    assert i["attendances_by_sector"]["Media"] == 1
    assert i["distinct_participants_by_sector"]["Academia"] == 2
    assert i["continuity"] == round(2 / 5, 4)  # Ana and Bob came twice, of five people
    assert i["attendances_by_gender"] == {"female": 2, "male": 2, "other": 0, "not_recorded": 3}
    assert i["districts_covered"] == 1 and i["districts_missing"] == []
    assert t["sessions_planned"] == 1 and t["sessions_held"] == 1 and t["sessions_closed"] == 1
    assert t["minutes_closed_share"] == 0.5 and t["positions_recorded"] == 4
    assert t["dissent_with_reason_share"] == round(2 / 3, 4)
    # G-01: Academia supports (March); Private sector's latest is April's reservations with a
    # 3/1/0/1 tally; quorum ceil(2/3 * 7) = 5 > 2 consulted.
    g1 = g["G-01"]
    assert (g1["consulted"], g1["supporting"], g1["with_reservations"], g1["opposing"]) == (
        2,
        2,
        1,
        0,
    )
    assert g1["level"] == "insufficiently_consulted" and g1["sessions_discussed"] == 2
    expected = (2 / 3 * 5 / 7 * 0.5**5) ** (1 / 7)
    assert math.isclose(g1["consensus"], round(expected, 4))
    assert g1["warnings"] == ["agreed_but_insufficiently_consulted"]
    assert g["G-02"]["warnings"] == ["dissent_without_reason"]


class CancelAfter(Progress):
    def __init__(self, updates: int) -> None:
        super().__init__()
        self.left = updates

    def update(self, done: int, total: int, message: str = "") -> None:
        self.left -= 1
        if self.left <= 0:
            self.cancel()

    def check(self) -> None:
        self.update(0, 0)
        super().check()


EXPORTS = [
    ("m.pdf", lambda f, out, p: export_minutes_pdf(f.ws, out, progress=p)),
    ("m.xlsx", lambda f, out, p: export_minutes_xlsx(f.ws, out, progress=p)),
    ("l.pdf", lambda f, out, p: export_legitimacy_pdf(f.ws, out, progress=p)),
    ("l.xlsx", lambda f, out, p: export_legitimacy_xlsx(f.ws, out, progress=p)),
    ("l.json", lambda f, out, p: export_legitimacy_json(f.ws, out, progress=p)),
    ("s.pdf", lambda f, out, p: export_signin_pdf(f.ws, out, f.planned, progress=p)),
]


@pytest.mark.parametrize(("name", "export"), EXPORTS, ids=[e[0] for e in EXPORTS])
def test_cancelled_export_leaves_no_file(
    consultation: Fixture, tmp_path: Path, name: str, export: object
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / name
    with pytest.raises(CancelledError):
        export(consultation, out, CancelAfter(1))  # type: ignore[operator]
    assert list(folder.iterdir()) == []
    # A previous document at the target survives a cancelled export untouched.
    out.write_bytes(b"previous")
    with pytest.raises(CancelledError):
        export(consultation, out, CancelAfter(2))  # type: ignore[operator]
    assert list(folder.iterdir()) == [out] and out.read_bytes() == b"previous"
    export(consultation, out, None)  # type: ignore[operator]
    assert out.read_bytes() != b"previous" and list(folder.iterdir()) == [out]


def test_a_failure_midway_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "doc.pdf"
    with pytest.raises(RuntimeError), atomic_target(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("disk on fire")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(FileError), atomic_target(tmp_path / "no" / "doc.pdf"):
        pass
