"""The documents: minutes, legitimacy report and sign-in sheets (PDF, Excel, JSON).

Every export takes an open ``Workspace`` (or a ``Snapshot``), a target path,
``paper="a4"|"letter"`` for PDFs and an optional ``Progress``; it writes the document in the
consultation's language to a temporary file next to the target and renames it into place,
so a failed or cancelled export leaves nothing behind. None of them writes to the
consultation file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from consulta.atomic import atomic_target
from consulta.domain.progress import Progress, step
from consulta.domain.snapshot import Snapshot
from consulta.i18n import N_, _, language
from consulta.reports.source import snapshot_of

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from consulta.reports.pdf_page import PdfDocument
    from consulta.services.workspace import Workspace


__all__ = [
    "export_legitimacy_json",
    "export_legitimacy_pdf",
    "export_legitimacy_xlsx",
    "export_minutes_pdf",
    "export_minutes_xlsx",
    "export_signin_pdf",
]


def export_minutes_pdf(
    source: Workspace | Snapshot,
    target: Path | str,
    session_id: str | None = None,
    paper: str = "a4",
    progress: Progress | None = None,
) -> int:
    """The minutes of one session, or of every held or closed session in date order.
    Returns the number of pages."""
    from consulta.reports.minutes import MinutesBuilder, minutes_sessions
    from consulta.reports.pdf_minutes import minutes_story

    snapshot = snapshot_of(source)

    def story(doc: PdfDocument) -> list[Flowable]:
        sessions = minutes_sessions(snapshot, session_id)
        return minutes_story(doc, sessions, MinutesBuilder(snapshot))

    return _write_pdf(snapshot, target, N_("Minutes"), paper, progress, story)


def export_minutes_xlsx(
    source: Workspace | Snapshot,
    target: Path | str,
    session_id: str | None = None,
    paper: str = "a4",
    progress: Progress | None = None,
) -> int:
    """The minutes as a workbook (Sessions, Attendance, Agenda, Positions). Returns the
    number of data rows written."""
    from consulta.reports.minutes import gather
    from consulta.reports.xlsx_minutes import write_minutes

    snapshot = snapshot_of(source)
    with language(snapshot.consultation.language):
        minutes = gather(snapshot, session_id)
        with atomic_target(target) as temp:
            return write_minutes(temp, snapshot, minutes, paper, progress)


def export_legitimacy_pdf(
    source: Workspace | Snapshot,
    target: Path | str,
    paper: str = "a4",
    progress: Progress | None = None,
) -> int:
    """The legitimacy report as PDF (no personal data). Returns the number of pages."""
    from consulta.legitimacy import compute
    from consulta.reports.pdf_legitimacy import legitimacy_story

    snapshot = snapshot_of(source)

    def story(doc: PdfDocument) -> list[Flowable]:
        return legitimacy_story(doc, snapshot, compute(snapshot))

    return _write_pdf(snapshot, target, N_("Legitimacy report"), paper, progress, story)


def export_legitimacy_xlsx(
    source: Workspace | Snapshot,
    target: Path | str,
    paper: str = "a4",
    progress: Progress | None = None,
) -> int:
    """The legitimacy report as a workbook (Summary, Sectors, Sessions, Guidelines, Matrix,
    Warnings). Returns the number of data rows written."""
    from consulta.legitimacy import compute
    from consulta.reports.xlsx_legitimacy import write_legitimacy

    snapshot = snapshot_of(source)
    with language(snapshot.consultation.language):
        report = compute(snapshot)
        with atomic_target(target) as temp:
            return write_legitimacy(temp, snapshot, report, paper, progress)


def export_legitimacy_json(
    source: Workspace | Snapshot,
    target: Path | str,
    paper: str = "a4",
    progress: Progress | None = None,
) -> int:
    """The machine-readable report of legitimacy.md (``to_json_dict``), UTF-8, indented.
    ``paper`` is accepted for a uniform signature and ignored. Returns the bytes written."""
    import json

    from consulta.legitimacy import compute, to_json_dict

    snapshot = snapshot_of(source)
    step(progress, 0, 2, _("Computing the figures"))
    data = to_json_dict(compute(snapshot))
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    payload = text.encode("utf-8")
    with atomic_target(target) as temp:
        step(progress, 1, 2, _("Writing the report"))
        temp.write_bytes(payload)
        step(progress, 2, 2, _("Writing the report"))
    return len(payload)


def export_signin_pdf(
    source: Workspace | Snapshot,
    target: Path | str,
    session_id: str,
    paper: str = "a4",
    progress: Progress | None = None,
    blank_rows: int | None = None,
) -> int:
    """The sign-in sheet of a (planned) session. Returns the number of pages."""
    from consulta.reports.minutes import minutes_sessions
    from consulta.reports.signin import expected_participants, signin_story

    snapshot = snapshot_of(source)

    def story(doc: PdfDocument) -> list[Flowable]:
        session = minutes_sessions(snapshot, session_id)[0]
        expected = expected_participants(snapshot, session)
        return signin_story(doc, snapshot, session, expected, blank_rows)

    return _write_pdf(snapshot, target, N_("Sign-in sheet"), paper, progress, story)


def _write_pdf(
    snapshot: Snapshot,
    target: Path | str,
    kind: str,
    paper: str,
    progress: Progress | None,
    story: Callable[[PdfDocument], list[Flowable]],
) -> int:
    """Lay out ``story`` as a PDF of ``kind`` in the consultation's language, atomically.
    Returns the number of pages."""
    from consulta.reports.pdf_base import paper_size
    from consulta.reports.pdf_page import PdfDocument

    paper_size(paper)  # refuse an unknown paper before any work
    consultation = snapshot.consultation
    with language(consultation.language), atomic_target(target) as temp:
        doc = PdfDocument(
            temp, consultation.title, _(kind), consultation.language, paper, progress=progress
        )
        return doc.build(story(doc))
