"""The Excel documents reopened with openpyxl: typed cells, text never a formula, frozen
header rows, tables with filters, print setup; and no personal data in the report."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from consulta.reports import export_legitimacy_xlsx, export_minutes_xlsx, xlsx_rows

from .conftest import FORMULA, MARKUP, Fixture


def cells(path: Path) -> list[Any]:
    wb = openpyxl.load_workbook(path)
    return [c for ws in wb for row in ws.iter_rows() for c in row]


def check_structure(path: Path, names: list[str]) -> openpyxl.Workbook:
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == names
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        header = [c.value for c in ws[1]]
        assert all(isinstance(v, str) and v for v in header)
        assert ws.column_dimensions["A"].width > 5
        if ws.title != "Summary":
            (table,) = ws.tables.values()
            assert table.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{max(ws.max_row, 2)}"
            assert [c.name for c in table.tableColumns] == header
    return wb


def test_minutes_workbook(consultation: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    rows = export_minutes_xlsx(consultation.ws, out)
    wb = check_structure(out, ["Sessions", "Attendance", "Agenda", "Positions"])
    sessions = list(wb["Sessions"].iter_rows(min_row=2))
    assert rows == sum(ws.max_row - 1 for ws in wb)
    first = sessions[0]
    assert isinstance(first[0].value, datetime) and first[0].is_date
    assert first[0].number_format == "yyyy-mm-dd"
    assert first[1].value == time(10) and first[1].number_format == "hh:mm"
    assert first[3].value == "First round"
    assert first[8].value == 3 and first[8].data_type == "n"
    assert sessions[1][4].value == "=1+2" and sessions[1][4].data_type == "s"
    names = [r[3] for r in wb["Attendance"].iter_rows(min_row=2, values_only=True)]
    assert "Ana Named" in names and "Bob Secret" not in names
    assert "Participant (Private sector)" in names and MARKUP in names
    positions = list(wb["Positions"].iter_rows(min_row=2, values_only=True))
    reservations = [r for r in positions if r[7] == FORMULA]
    assert reservations and reservations[0][8:] == (3, 1, 0, 1)


def test_user_text_is_never_a_formula(consultation: Fixture, tmp_path: Path) -> None:
    snap = consultation.ws.consultation.snapshot()
    hostile = ["=SUM(1,2)", "+1+1", "-1+1", "@SUM(A1)", "\t=cmd", "\r=cmd"]
    people = [
        replace(p, name=n, consent_named=True)
        for p, n in zip(snap.participants, hostile, strict=False)
    ]
    assert len(people) == 5  # the sixth goes into an agenda item's title
    item = replace(snap.agenda_items[0], title=hostile[5])
    snap = replace(snap, participants=people, agenda_items=[item, *snap.agenda_items[1:]])
    out = tmp_path / "m.xlsx"
    export_minutes_xlsx(snap, out)
    everything = cells(out)
    assert not [c for c in everything if c.data_type == "f"]
    values = {c.value for c in everything}
    for text in [*hostile, FORMULA, "=1+2", "@SUM(A1)"]:
        assert text in values  # literally, a leading tab or carriage return included
    risky = [
        c for c in everything if isinstance(c.value, str) and c.value and c.value[0] in "=+-@\t\r"
    ]
    assert risky and all(c.data_type == "s" and c.quotePrefix for c in risky)


def test_long_notes_continue_on_further_rows(consultation: Fixture, tmp_path: Path) -> None:
    snap = consultation.ws.consultation.snapshot()
    notes = "x" * 70_000
    snap = replace(
        snap, agenda_items=[replace(snap.agenda_items[0], notes=notes), *snap.agenda_items[1:]]
    )
    out = tmp_path / "m.xlsx"
    export_minutes_xlsx(snap, out)
    agenda = openpyxl.load_workbook(out)["Agenda"]
    parts = [
        r[4]
        for r in agenda.iter_rows(min_row=2, values_only=True)
        if r[3] == snap.agenda_items[0].title
    ]
    assert "".join(parts) == notes and len(parts) == 3


def test_legitimacy_workbook(consultation: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "l.xlsx"
    export_legitimacy_xlsx(consultation.ws, out, paper="letter")
    wb = check_structure(
        out, ["Summary", "Sectors", "Sessions", "Guidelines", "Matrix", "Warnings"]
    )
    assert wb["Sectors"].page_setup.paperSize == 1
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Sectors present"] == 3 and summary["Attendances"] == 7
    coverage = next(
        c
        for c in wb["Summary"]["B"]
        if c.row > 1 and wb["Summary"].cell(c.row, 1).value == "Sector coverage"
    )
    assert abs(coverage.value - 3 / 7) < 1e-9 and coverage.number_format == "0.0%"
    g = {r[0]: r for r in wb["Guidelines"].iter_rows(min_row=2, values_only=True)}
    assert g["G-01"][7] == 2 and g["G-01"][4] == "Insufficiently consulted"
    assert isinstance(g["G-01"][5], float) and isinstance(g["G-01"][6], float)
    matrix = {r[0]: r for r in wb["Matrix"].iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in wb["Matrix"][1]]
    assert matrix["G-01"][header.index("Private sector")].startswith("✓*")
    assert matrix["G-02"][header.index("Academia")].startswith("✗")
    warnings = [r[4] for r in wb["Warnings"].iter_rows(min_row=2, values_only=True)]
    assert warnings == ["agreed_but_insufficiently_consulted", "dissent_without_reason"]
    sessions = list(wb["Sessions"].iter_rows(min_row=2, values_only=True))
    assert [s[2] for s in sessions][:2] == ["First round", f"Second round {MARKUP}"]
    text = " ".join(str(c.value) for c in cells(out) if c.value is not None)
    for personal in ("Ana Named", "Bob Secret", "Fran Facilitator", "x@example.org", "600 000"):
        assert personal not in text
    assert not [c for c in cells(out) if c.data_type == "f"]


def test_fast_rows_equal_openpyxl_cells(
    consultation: Fixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = tmp_path / "fast.xlsx", tmp_path / "slow.xlsx"
    export_minutes_xlsx(consultation.ws, fast)
    monkeypatch.setattr(xlsx_rows, "FAST", False)
    export_minutes_xlsx(consultation.ws, slow)

    def content(path: Path) -> list[tuple[Any, ...]]:
        return [
            (
                ws.title,
                c.coordinate,
                c.value,
                c.data_type,
                c.number_format,
                c.quotePrefix,
                c.alignment.wrap_text,
            )
            for ws in openpyxl.load_workbook(path)
            for row in ws.iter_rows()
            for c in row
        ]

    assert content(fast) == content(slow)
