"""The legitimacy report and sign-in sheet PDFs, read back."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from consulta.reports import export_legitimacy_pdf, export_signin_pdf

from .conftest import Fixture
from .pdfread import fonts, pages_text

PERSONAL = (
    "Ana Named",
    "Bob Secret",
    "Ian Media",
    "Fran Facilitator",
    "x@example.org",
    "600 000 000",
    "+cmd",
)


def test_legitimacy_report_has_no_personal_data(consultation: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "l.pdf"
    pages = export_legitimacy_pdf(consultation.ws, out)
    text = pages_text(out)
    assert len(text) == pages >= 3
    joined = " ".join("\n".join(text).split())
    for personal in PERSONAL:
        assert personal not in joined
    assert f"Page 1 of {pages}" in text[0]
    assert "The result in plain words" in text[0]
    assert "3 of the 7 sectors that count took part" in " ".join(text[0].split())
    # The matrix: symbols, and its legend.
    assert "✓" in joined and "✗" in joined and "✓*" in joined
    assert "Support with reservations" in joined
    # Warnings and the annex.
    assert "Marked as agreed, but too few sectors were consulted" in joined
    assert "An opposition or reservation was recorded without a reason" in joined
    assert "Consensus score" in joined and "Annex" in joined
    assert all("DejaVuSans" in str(f["/BaseFont"]) for f in fonts(out))
    reader = PdfReader(out)
    assert reader.metadata is not None and "Legitimacy report" in str(reader.metadata.title)


def test_signin_sheet_lists_the_district_and_blank_rows(
    consultation: Fixture, tmp_path: Path
) -> None:
    out = tmp_path / "s.pdf"
    export_signin_pdf(consultation.ws, out, consultation.planned, blank_rows=12)
    text = "\n".join(pages_text(out))
    # Everyone of the district is expected (a sign-in sheet is an internal form).
    for name in ("Ana Named", "Bob Secret", "Ian Media", "<b>Bold</b>"):
        assert name in text
    assert "Expected participants (5)" in text
    assert "Newcomers" in text and "\n12\n" in f"\n{text}\n".replace(" ", "\n")
    assert "Signature" in text and "University of Nowhere" in " ".join(text.split())


def test_signin_sheet_without_district_has_blank_rows_only(
    consultation: Fixture, tmp_path: Path
) -> None:
    from datetime import date

    from consulta.domain.model import Session

    sid = consultation.ws.sessions.create(Session(title="Open", date=date(2026, 6, 1))).id
    out = tmp_path / "s.pdf"
    export_signin_pdf(consultation.ws, out, sid, paper="letter")
    text = "\n".join(pages_text(out))
    assert "Ana Named" not in text and "Expected participants" not in text
    assert "Participants" in text and "20" in text.split() and "21" not in text.split()
