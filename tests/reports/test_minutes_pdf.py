"""The minutes PDF, read back: consent, escaping, DRAFT marks, paging, fonts, metadata."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from consulta.domain.errors import NotFoundError, UserError, ValidationError
from consulta.reports import export_minutes_pdf
from consulta.services.workspace import Workspace

from .conftest import LONG_NOTES, MARKUP, Fixture
from .pdfread import fonts, pages_text


def test_consent_decides_who_is_named(consultation: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "m.pdf"
    export_minutes_pdf(consultation.ws, out)
    text = "\n".join(pages_text(out))
    assert "Ana Named" in text
    assert "University of Nowhere" in text
    assert "Bob Secret" not in text
    assert "Participant (Private sector)" in text
    assert "x@example.org" not in text and "600 000 000" not in text


def test_user_markup_appears_literally(consultation: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "m.pdf"
    export_minutes_pdf(consultation.ws, out, session_id=consultation.held)
    text = "\n".join(pages_text(out))
    assert "<b>Bold</b> &" in text
    assert '<img src="x.png"/>' in text
    assert '<link href="http://x">L</link>' in text
    assert "=1+2" in text and "@SUM(A1)" in text


def test_draft_mark_on_every_page_of_a_draft_only(consultation: Fixture, tmp_path: Path) -> None:
    draft = tmp_path / "draft.pdf"
    export_minutes_pdf(consultation.ws, draft, session_id=consultation.held)
    pages = pages_text(draft)
    assert len(pages) >= 2  # the 10,000-character notes flow over pages
    assert all("DRAFT" in page for page in pages)

    final = tmp_path / "final.pdf"
    export_minutes_pdf(consultation.ws, final, session_id=consultation.closed)
    assert not any("DRAFT" in page for page in pages_text(final))

    both = tmp_path / "both.pdf"
    export_minutes_pdf(consultation.ws, both)
    pages = pages_text(both)
    first = [p for p in pages if "Minutes · First round" in p]
    second = [p for p in pages if "Minutes · Second round" in p]
    assert first and second and len(first) + len(second) == len(pages)
    assert not any("DRAFT" in p for p in first)
    assert all("DRAFT" in p for p in second)
    # Date order: the closed session of March comes before the held one of April.
    assert pages.index(first[0]) < pages.index(second[0])


def test_long_notes_flow_complete_and_pages_numbered(consultation: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "m.pdf"
    pages = export_minutes_pdf(consultation.ws, out, session_id=consultation.held)
    text = pages_text(out)
    assert len(text) == pages == len(PdfReader(out).pages)
    joined = " ".join(text).split()
    words = LONG_NOTES.split()
    assert words[0] in joined and words[-2] in joined and words[len(words) // 2] in joined
    for number, page in enumerate(text, 1):
        assert f"Page {number} of {pages}" in page


def test_fonts_embedded_and_metadata(consultation: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "m.pdf"
    export_minutes_pdf(consultation.ws, out, paper="letter")
    used = fonts(out)
    assert used and all("DejaVuSans" in str(f["/BaseFont"]) for f in used)
    for font in used:
        descriptor = (
            font.get("/FontDescriptor")
            or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        )
        assert "/FontFile2" in descriptor.get_object()
    reader = PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title is not None
    assert reader.metadata.title.startswith("Consultation <b>Bold</b>")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter


def test_every_script_renders_and_missing_glyphs_do_not_break(
    consultation: Fixture, tmp_path: Path
) -> None:
    ws = consultation.ws
    snap = ws.consultation.snapshot()
    names = ["Ελένη Παπαδοπούλου", "Иван Петров", "Çà Ñoño Ãô Größe Œuvre", "王小明 😀 \x00"]
    people = [
        replace(p, name=n, consent_named=True)
        for p, n in zip(snap.participants, names, strict=False)
    ]
    snap = replace(snap, participants=[*people, *snap.participants[len(names) :]])
    out = tmp_path / "scripts.pdf"
    export_minutes_pdf(snap, out)
    text = "\n".join(pages_text(out))
    for name in names[:3]:
        assert name in text


def test_a_spanish_consultation_gets_spanish_minutes(consultation: Fixture, tmp_path: Path) -> None:
    consultation.ws.consultation.update(language="es")
    out = tmp_path / "m.pdf"
    export_minutes_pdf(consultation.ws, out, session_id=consultation.closed)
    text = "\n".join(pages_text(out))
    assert "Cerrada" in text and "Nombre" in text and "Asistencia" in text
    assert "Closed" not in text and "Attendance" not in text
    assert PdfReader(out).trailer["/Root"]["/Lang"] == "es"


def test_user_errors(consultation: Fixture, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        export_minutes_pdf(consultation.ws, tmp_path / "x.pdf", session_id="nope")
    with pytest.raises(ValidationError):
        export_minutes_pdf(consultation.ws, tmp_path / "x.pdf", paper="a3")
    with pytest.raises(UserError):
        export_minutes_pdf(consultation.ws, tmp_path / "missing-folder" / "x.pdf")
    empty = Workspace.create(tmp_path / "empty.consulta", "Empty")
    with pytest.raises(UserError):
        export_minutes_pdf(empty, tmp_path / "x.pdf")
    empty.close()
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*part"))


def test_export_never_changes_the_consultation_file(consultation: Fixture, tmp_path: Path) -> None:
    path = consultation.ws.path
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    export_minutes_pdf(consultation.ws, tmp_path / "m.pdf")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert MARKUP  # the fixture's hostile text was part of that export
