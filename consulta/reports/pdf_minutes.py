"""The minutes as PDF: one section per session, each starting on a new page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from consulta.domain.model import Session
from consulta.domain.progress import step
from consulta.i18n import _, n_
from consulta.reports.minutes import (
    STANCE_SYMBOLS,
    MinutesBuilder,
    SessionMinutes,
    time_range,
    votes_text,
)
from consulta.reports.pdf_base import (
    FONT_BOLD,
    GROUP_FILL,
    LazyStory,
    data_table,
    esc,
    heading,
    styles,
)
from consulta.reports.pdf_page import Mark, PdfDocument
from consulta.reports.pdf_text import wrap


def cell(text: str, width: float, bold: bool = False) -> str:
    """A table cell: plain text wrapped to the column (see pdf_text)."""
    return wrap(text, width, bold=bold)


def minutes_story(
    doc: PdfDocument, sessions: Sequence[Session], builder: MinutesBuilder
) -> LazyStory:
    """The sessions one after the other, each from a new page; gathered and laid out one
    session at a time."""
    total = len(sessions)

    def parts() -> Iterator[list[Flowable]]:
        for number, session in enumerate(sessions, 1):
            m = builder.build(session)

            def tick(done: int = number) -> None:
                step(doc.progress, done, total, _("Writing the minutes"))

            part: list[Flowable] = [PageBreak()] if number > 1 else []
            part.append(Mark(doc.state, draft=m.draft, section=m.session.title, tick=tick))
            part.extend(session_story(doc.width, m))
            yield part

    return LazyStory(parts())


def session_story(width: float, m: SessionMinutes) -> list[Flowable]:
    st = styles()
    s = m.session
    out: list[Flowable] = [
        Paragraph(esc(_("Minutes")) + " · " + esc(m.consultation), st.small),
        Paragraph(esc(s.title), st.title),
    ]
    if m.draft:
        out.append(
            Paragraph(
                '<font color="#B00020"><b>'
                + esc(_("DRAFT – these minutes are not approved yet (the session is not closed)."))
                + "</b></font>",
                st.body,
            )
        )
    label_w = 32 * mm
    header = [
        (_("Date"), s.date.isoformat()),
        (_("Time"), time_range(s)),
        (_("Venue"), s.venue),
        (_("District"), m.district),
        (_("Facilitator"), s.facilitator),
        (_("Status"), s.status.label),
        (_("Present"), n_("{n} person", "{n} people", m.present)),
    ]
    out.append(
        data_table(
            [[label, cell(value, width - label_w)] for label, value in header],
            [label_w, width - label_w],
            header_rows=0,
            zebra=False,
            extra=[("FONT", (0, 0), (0, -1), "DejaVuSans-Bold", 8.5)],
        )
    )

    out.extend(heading(_("Attendance"), st.h1))
    if not m.attendance:
        out.append(Paragraph(esc(_("No attendance was recorded.")), st.body))
    name_w, org_w = width * 0.55, width * 0.45
    for group in m.attendance:
        rows: list[list[object]] = [[_("Name"), _("Organisation")]]
        rows += [[cell(a.name, name_w), cell(a.organisation, org_w)] for a in group.attendees]
        out.extend(heading(f"{group.sector} ({len(group.attendees)})", st.h2))
        out.append(data_table(rows, [name_w, org_w]))

    out.extend(heading(_("Agenda"), st.h1))
    if not m.agenda:
        out.append(Paragraph(esc(_("No agenda items were recorded.")), st.body))
    for number, item in enumerate(m.agenda, 1):
        out.extend(heading(f"{number}. {item.title}", st.h2))
        notes = item.notes.strip()
        if not notes:
            out.append(Paragraph(esc(_("(no notes)")), st.small))
        for chunk in notes.replace("\r\n", "\n").split("\n\n"):
            if chunk.strip():
                out.append(Paragraph(esc(chunk.strip("\n")), st.body))

    out.extend(heading(_("Positions taken"), st.h1))
    if m.positions:
        out.append(positions_table(width, m))
    else:
        out.append(Paragraph(esc(_("No positions were recorded at this session.")), st.body))

    out.extend(heading(_("Guidelines agreed"), st.h1))
    if m.agreed:
        for g in m.agreed:
            out.append(Paragraph(f"<b>{esc(g.code)}</b> — {esc(g.title)}", st.body))
    else:
        out.append(
            Paragraph(
                esc(_("No guideline discussed at this session is marked as agreed.")), st.body
            )
        )
    out.append(CondPageBreak(45 * mm))
    out.append(Spacer(1, 8 * mm))
    out.append(KeepTogether(signature_block(width, s.facilitator)))
    return out


def positions_table(width: float, m: SessionMinutes) -> Flowable:
    """Grouped by guideline: a spanning row with the guideline, then one row per sector."""
    st = styles()
    widths = [width * f for f in (0.25, 0.2, 0.4, 0.15)]
    rows: list[list[object]] = [
        [
            _("Sector"),
            _("Position"),
            _("Reason"),
            Paragraph(esc(_("Votes (for / reserv. / against / abst.)")), st.head),
        ]
    ]
    extra: list[tuple[object, ...]] = []
    current = None
    for p in m.positions:
        if p.code != current:
            current = p.code
            r = len(rows)
            rows.append([cell(f"{p.code} {p.title}", width, bold=True), "", "", ""])
            extra += [
                ("SPAN", (0, r), (-1, r)),
                ("BACKGROUND", (0, r), (-1, r), GROUP_FILL),
                ("FONT", (0, r), (-1, r), FONT_BOLD, 8.5),
            ]
        rows.append(
            [
                cell(p.sector, widths[0]),
                cell(f"{STANCE_SYMBOLS[p.stance]} {p.stance.label}", widths[1]),
                cell(p.note, widths[2]),
                votes_text(p.votes),
            ]
        )
    return data_table(rows, widths, zebra=False, extra=extra)


def signature_block(width: float, facilitator: str) -> list[Flowable]:
    st = styles()
    half = width / 2
    line = "_" * 34
    rows = [
        [
            Paragraph(esc(_("Facilitator")), st.cell_bold),
            Paragraph(esc(_("Approved by")), st.cell_bold),
        ],
        [cell(facilitator, half), ""],
        [Spacer(1, 12 * mm), Spacer(1, 12 * mm)],
        [line, line],
        [_("Signature"), _("Signature")],
        [_("Date: ____________"), _("Date: ____________")],
    ]
    return [
        Paragraph(esc(_("Signatures")), st.h1),
        data_table(rows, [half, half], header_rows=0, zebra=False, rules=False),
    ]
