"""Long tables split across pages quickly; empty consultations still give documents."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import openpyxl

from consulta.domain.model import Attendance, Participant
from consulta.reports import (
    export_legitimacy_json,
    export_legitimacy_pdf,
    export_legitimacy_xlsx,
    export_minutes_pdf,
    export_signin_pdf,
)
from consulta.services.workspace import Workspace

from .conftest import Fixture
from .pdfread import pages_text


def test_a_thousand_row_table_splits_and_stays_fast(consultation: Fixture, tmp_path: Path) -> None:
    snap = consultation.ws.consultation.snapshot()
    sector = consultation.sectors["Academia"]
    people = [
        Participant(
            id=f"p{i}",
            name=f"Person {i:04d} " + "long name " * (i % 7),
            sector_id=sector,
            consent_named=True,
        )
        for i in range(1000)
    ]
    snap = replace(
        snap,
        participants=[*snap.participants, *people],
        attendance=[
            *snap.attendance,
            *(Attendance(session_id=consultation.held, participant_id=p.id) for p in people),
        ],
    )
    out = tmp_path / "big.pdf"
    started = time.perf_counter()
    pages = export_minutes_pdf(snap, out, session_id=consultation.held)
    assert time.perf_counter() - started < 30  # about 2 s on an idle machine
    text = pages_text(out)
    assert pages == len(text) > 15
    joined = " ".join(text)
    assert "Person 0000" in joined and "Person 0999" in joined and "Person 0500" in joined
    # The header row repeats on the pages the table continues on.
    assert sum("Name Organisation" in page for page in text) > 10


def test_an_empty_consultation_still_gives_every_report(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "e.consulta", "Empty") as ws:
        for sector in ws.sectors.list():
            ws.sectors.update(sector.id, counts_for_legitimacy=False)
        session = ws.sessions.create(
            __import__("consulta.domain.model", fromlist=["Session"]).Session(
                title="Planned", date=__import__("datetime").date(2026, 1, 1)
            )
        )
        assert export_legitimacy_pdf(ws, tmp_path / "l.pdf") >= 2
        assert export_legitimacy_xlsx(ws, tmp_path / "l.xlsx") >= 0
        assert export_legitimacy_json(ws, tmp_path / "l.json") > 0
        assert export_signin_pdf(ws, tmp_path / "s.pdf", session.id) == 1
    text = " ".join(pages_text(tmp_path / "l.pdf"))
    assert "0 of the 0 sectors that count took part" in text
    wb = openpyxl.load_workbook(tmp_path / "l.xlsx")
    guidelines = wb["Guidelines"]
    assert guidelines["A2"].value is None  # no data, but a valid table over an empty row
    assert next(iter(guidelines.tables.values())).ref == "A1:N2"
