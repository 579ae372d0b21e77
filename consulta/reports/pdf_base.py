"""What every PDF document's content shares: the embedded DejaVu fonts, the styles, tables
and headings, and the one way user text enters ReportLab's paragraph markup (``esc``).
The page itself (header, footer, DRAFT mark, metadata) is in ``pdf_page``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    Table,
    TableStyle,
)

from consulta.domain.errors import ValidationError
from consulta.i18n import _
from consulta.resources import fonts_dir

# Plain Flate streams: ASCII85 on top only makes files bigger and costs time in pure Python.
rl_config.useA85 = 0

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
PAPERS: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}
MARGIN = 18 * mm
HEADER_GREY = colors.HexColor("#555555")
RULE_GREY = colors.HexColor("#BBBBBB")
HEAD_FILL = colors.HexColor("#E4E8EE")
ZEBRA_FILL = colors.HexColor("#F5F6F8")
GROUP_FILL = colors.HexColor("#EEF1F4")
DRAFT_RED = colors.HexColor("#B00020")

# Characters ReportLab cannot lay out (C0 controls other than tab/newline, DEL, surrogates,
# non-characters): removed, the rest of the text is kept.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def esc(text: object) -> str:
    """User text as literal paragraph content: markup escaped, line breaks kept."""
    clean = _UNPRINTABLE.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return escape(clean).replace("\t", "    ").replace("\n", "<br/>")


def plain(text: object) -> str:
    """User text for canvas.drawString (no markup involved): only unprintables removed."""
    return _UNPRINTABLE.sub("", str(text)).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def paper_size(paper: str) -> tuple[float, float]:
    try:
        return PAPERS[paper.lower()]
    except KeyError:
        raise ValidationError(
            _("Unknown paper size “{paper}”. Use a4 or letter.", paper=paper), "paper"
        ) from None


@lru_cache(maxsize=1)
def register_fonts() -> None:
    folder: Path = fonts_dir()
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(folder / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    head: ParagraphStyle
    big: ParagraphStyle
    centre: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=HEADER_GREY),
        title=ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=6
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=16,
            spaceBefore=10,
            spaceAfter=5,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=13,
            spaceBefore=7,
            spaceAfter=3,
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        head=ParagraphStyle("head", parent=cell, fontName=FONT_BOLD, fontSize=8, leading=10),
        big=ParagraphStyle("big", parent=body, fontSize=11, leading=15, spaceAfter=6),
        centre=ParagraphStyle("centre", parent=cell, alignment=TA_CENTER),
    )


def heading(text: str, style: ParagraphStyle) -> list[Flowable]:
    """A heading that does not end a page: it moves to the next page when less than a few
    lines fit under it (without dragging a whole table along, as keepWithNext would)."""
    room = 3 * style.leading + 30
    return [CondPageBreak(room), Paragraph(esc(text), style)]


class LazyStory(list):  # type: ignore[type-arg]
    """A story whose flowables are made as the layout consumes them.

    ReportLab's build loop asks ``len(story)`` before each flowable and deletes the ones it
    has drawn, so refilling here keeps only a few sessions' flowables alive at a time
    (the minutes of a thousand sessions no longer sit in memory before the first page)."""

    def __init__(self, parts: Iterator[list[Flowable]], ahead: int = 40) -> None:
        super().__init__()
        self._parts: Iterator[list[Flowable]] | None = parts
        self._ahead = ahead

    def __len__(self) -> int:
        while self._parts is not None and list.__len__(self) < self._ahead:
            try:
                self.extend(next(self._parts))
            except StopIteration:
                self._parts = None
        return list.__len__(self)

    def __bool__(self) -> bool:
        return len(self) > 0


def data_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    zebra: bool = True,
    rules: bool = True,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table that repeats its header on every page and splits between and inside rows.
    Header texts too wide for their column wrap."""
    rows = list(rows)
    for r in range(min(header_rows, len(rows))):
        rows[r] = [
            Paragraph(esc(c), styles().head)
            if isinstance(c, str) and pdfmetrics.stringWidth(c, FONT_BOLD, 8) > w - 6
            else c
            for c, w in zip(rows[r], widths, strict=False)
        ]
    table = Table(
        rows,
        colWidths=list(widths),
        repeatRows=header_rows,
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if rules:
        commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE_GREY))
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
            ("FONT", (0, 0), (-1, header_rows - 1), FONT_BOLD, 8),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, HEADER_GREY),
        ]
    if zebra and len(rows) > header_rows + 2:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [None, ZEBRA_FILL]))
    commands.extend(extra)
    table.setStyle(TableStyle(commands))
    return table


def frame_width(paper: str) -> float:
    return float(paper_size(paper)[0] - 2 * MARGIN)
