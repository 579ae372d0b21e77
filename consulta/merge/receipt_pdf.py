"""The merge receipt as PDF (reportlab, DejaVu embedded when present; user text escaped)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from consulta.i18n import _
from consulta.merge.receipt import COUNT_LABELS, conflict_rows
from consulta.resources import fonts_dir

FONT = "ConsultaReceipt"


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = fonts_dir() / "DejaVuSans.ttf"
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    if path.exists():
        pdfmetrics.registerFont(TTFont(FONT, str(path)))
        return FONT
    return "Helvetica"


def write_pdf(document: dict[str, Any], path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5)
    title = ParagraphStyle("title", parent=body, fontSize=15, leading=19, spaceAfter=6)
    heading = ParagraphStyle("heading", parent=body, fontSize=11, leading=14, spaceBefore=8)

    def p(text: Any, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape("" if text is None else str(text)), style)

    def table(rows: list[list[Any]], widths: list[float] | None = None) -> Table:
        cells = [[p(c, small) for c in row] for row in rows]
        t = Table(cells, colWidths=widths, repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    master = document["master"]
    story: list[Any] = [
        p(_("Merge receipt"), title),
        p(_("Preview only: nothing was changed.") if document["dry_run"] else ""),
        p(_("Made at {when}", when=document["made_at"])),
        p(_("Master: {path}", path=master["path"])),
        p(_("Master SHA-256 before: {sha}", sha=master["sha256_before"])),
        p(_("Master SHA-256 after: {sha}", sha=master["sha256_after"])),
        p(_("Files merged"), heading),
    ]
    keys = list(COUNT_LABELS)
    header = [_("File"), _("District"), _("SHA-256")] + [_(COUNT_LABELS[k]) for k in keys]
    rows = [header]
    for f in document["files"]:
        rows.append([f["name"], f["district"], f["sha256"], *[f["counts"][k] for k in keys]])
    rows.append([_("Total"), "", "", *[document["totals"][k] for k in keys]])
    width = landscape(A4)[0] - 20 * mm
    story.append(
        table(rows, [40 * mm, 25 * mm, 52 * mm] + [(width - 117 * mm) / len(keys)] * len(keys))
    )
    story.append(p(_("Conflicts and their resolution"), heading))
    conflicts = conflict_rows(document)
    if conflicts:
        head = [_("File"), _("Record"), _("Field"), _("Master"), _("Incoming"), _("Resolution")]
        story.append(table([head, *conflicts]))
    else:
        story.append(p(_("No conflicts.")))
    if document["duplicates_merged"]:
        story.append(p(_("Persons merged"), heading))
        head = [_("File"), _("Kept"), _("Merged into it"), _("Reason")]
        dup_rows = [
            [d["file"], d["kept_name"], d["merged_name"], d["reason"]]
            for d in document["duplicates_merged"]
        ]
        story.append(table([head, *dup_rows]))
    story.append(Spacer(1, 4 * mm))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=_("Merge receipt"),
        author="Consulta",
    )
    doc.build(story)
