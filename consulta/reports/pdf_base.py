"""What every PDF document shares: the embedded DejaVu fonts, the styles, the page frame with
its running header and footer ("Page X of Y"), the DRAFT mark, metadata, and the one way
user text enters ReportLab's paragraph markup (``esc``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
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
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from consulta.domain.errors import CancelledError, ValidationError
from consulta.domain.progress import Progress
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


@dataclass
class PageState:
    """What the page decorations need to know while the story is laid out."""

    running_title: str
    kind: str
    draft: bool = False
    section: str = ""
    pages: int = 0


class Mark(Flowable):  # type: ignore[misc]
    """A zero-size flowable that changes the page state where it is drawn (a new session's
    draft status, the section named in the header) and reports progress."""

    def __init__(
        self,
        state: PageState,
        *,
        draft: bool,
        section: str = "",
        tick: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.state, self.draft, self.section, self.tick = state, draft, section, tick
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.state.draft = self.draft
        self.state.section = self.section
        if self.tick is not None:
            self.tick()


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


def _fit(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _decorate(state: PageState, page_size: tuple[float, float]) -> Callable[[Canvas, Any], None]:
    """The page-end decorations: running header, rule, and the DRAFT mark on draft pages."""
    width, height = page_size

    def on_page_end(canvas: Canvas, doc: Any) -> None:
        state.pages += 1
        canvas.saveState()
        top = height - MARGIN + 6 * mm
        canvas.setFont(FONT, 8)
        canvas.setFillColor(HEADER_GREY)
        right = state.kind if not state.section else f"{state.kind} · {state.section}"
        right = _fit(plain(right), FONT, 8, (width - 2 * MARGIN) * 0.45)
        canvas.drawRightString(width - MARGIN, top, right)
        left_width = width - 2 * MARGIN - pdfmetrics.stringWidth(right, FONT, 8) - 8 * mm
        canvas.drawString(MARGIN, top, _fit(plain(state.running_title), FONT, 8, left_width))
        canvas.setStrokeColor(RULE_GREY)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 2.5 * mm, width - MARGIN, top - 2.5 * mm)
        canvas.line(MARGIN, MARGIN - 6 * mm, width - MARGIN, MARGIN - 6 * mm)
        canvas.drawString(MARGIN, MARGIN - 10 * mm, "Consulta")
        _page_number(canvas, width)
        if state.draft:
            _draft_mark(canvas, width, height)
        canvas.restoreState()

    return on_page_end


def _draft_mark(canvas: Canvas, width: float, height: float) -> None:
    word = _("DRAFT")
    canvas.setFillColor(DRAFT_RED)
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawCentredString(width / 2, MARGIN - 10 * mm, _("DRAFT – minutes not approved"))
    canvas.saveState()
    canvas.setFillAlpha(0.12)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    size = 110.0
    while size > 30 and pdfmetrics.stringWidth(word, FONT_BOLD, size) > min(width, height) * 0.9:
        size -= 10
    canvas.setFont(FONT_BOLD, size)
    canvas.drawCentredString(0, -size / 3, word)
    canvas.restoreState()


TOTAL_FORM = "consultaPageTotal"


def _page_number(canvas: Canvas, width: float) -> None:
    """ "Page X of Y": Y is a form drawn once at the end and referenced on every page, so
    pages are written as they are finished (memory stays flat, one layout pass)."""
    template = _("Page {page} of {total}", page=canvas.getPageNumber(), total="\x00")
    before, _sep, after = template.partition("\x00")
    room = pdfmetrics.stringWidth("99999", FONT, 8)
    y = MARGIN - 10 * mm
    x = width - MARGIN - pdfmetrics.stringWidth(before + after, FONT, 8) - room
    canvas.drawString(x, y, before)
    x += pdfmetrics.stringWidth(before, FONT, 8)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(TOTAL_FORM)
    canvas.restoreState()
    if after:
        canvas.drawString(x + room, y, after)


def _canvas_class() -> type[Canvas]:
    class PagedCanvas(Canvas):  # type: ignore[misc]
        """Our fonts from the first operator on, and the page total written at the end."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 9
            kwargs["pageCompression"] = 1
            super().__init__(*args, **kwargs)

        def save(self) -> None:
            total = self.getPageNumber() - 1  # save() follows the last showPage()
            self.beginForm(TOTAL_FORM)
            self.setFont(FONT, 8)
            self.setFillColor(HEADER_GREY)
            self.drawString(0, 0, str(max(total, 1)))
            self.endForm()
            Canvas.save(self)

    return PagedCanvas


@dataclass
class PdfDocument:
    """One PDF being written: its state, paper and metadata."""

    path: Path
    title: str
    kind: str
    language: str
    paper: str = "a4"
    subject: str = ""
    progress: Progress | None = None
    state: PageState = field(init=False)

    def __post_init__(self) -> None:
        register_fonts()
        self.state = PageState(running_title=self.title, kind=self.kind)

    @property
    def width(self) -> float:
        return frame_width(self.paper)

    def build(self, story: list[Flowable]) -> int:  # a list, or a LazyStory
        """Lay out the story and write the file; returns the number of pages."""
        size = paper_size(self.paper)
        doc = BaseDocTemplate(
            str(self.path),
            pagesize=size,
            title=plain(f"{self.title} – {self.kind}"),
            author="Consulta",
            subject=plain(self.subject or self.kind),
            creator="Consulta",
            lang=self.language,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            invariant=False,
        )
        frame = Frame(
            MARGIN,
            MARGIN,
            size[0] - 2 * MARGIN,
            size[1] - 2 * MARGIN,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates(
            [PageTemplate(id="page", frames=[frame], onPageEnd=_decorate(self.state, size))]
        )
        progress = self.progress
        if progress is not None:

            def after_page() -> None:
                progress.check()

            doc.afterPage = after_page
        if progress is not None:
            progress.check()
        try:
            doc.build(story, canvasmaker=_canvas_class())
        except Exception:
            # ReportLab re-raises what a flowable raised as a new exception of the same type
            # with an extra message: a cancellation arrives mangled, so recognise it here.
            if progress is not None and progress.cancelled:
                raise CancelledError() from None
            raise
        if progress is not None:
            progress.check()
        return self.state.pages
