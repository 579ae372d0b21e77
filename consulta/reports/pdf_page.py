"""The page of every PDF document: running header and footer ("Page X of Y"), the DRAFT
mark, metadata, and the document that lays out a story on such pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from consulta.domain.errors import CancelledError
from consulta.domain.progress import Progress
from consulta.i18n import _
from consulta.reports.pdf_base import (
    DRAFT_RED,
    FONT,
    FONT_BOLD,
    HEADER_GREY,
    MARGIN,
    RULE_GREY,
    frame_width,
    paper_size,
    plain,
    register_fonts,
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
