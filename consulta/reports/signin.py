"""The sign-in sheet of a session, printed before it is held.

Expected participants (a choice, documented in docs): when the session belongs to a
district, the participants of that district plus everyone who attended an earlier held or
closed session of that district; sorted by sector, then name. A session without a district
gets blank rows only. Blank rows for newcomers always follow. The sheet is an internal
form handed round the table, so it shows names whatever the consent to be named in the
published minutes; the consent column lets newcomers (and others) state it.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from consulta.domain.model import Participant, Session
from consulta.domain.snapshot import Snapshot
from consulta.i18n import _, n_
from consulta.reports.minutes import session_key, time_range
from consulta.reports.pdf_base import FONT_BOLD, data_table, esc, heading, styles
from consulta.reports.pdf_minutes import cell
from consulta.reports.pdf_page import PdfDocument

CHECKBOX = "☐"


def expected_participants(snapshot: Snapshot, session: Session) -> list[Participant]:
    if not session.district_id:
        return []
    district = session.district_id
    earlier = {
        s.id
        for s in snapshot.sessions
        if s.district_id == district
        and s.status.counts
        and s.id != session.id
        and session_key(s) < session_key(session)
    }
    attended = {
        a.participant_id for a in snapshot.attendance if a.present and a.session_id in earlier
    }
    rank = {s.id: i for i, s in enumerate(snapshot.sectors)}
    chosen = [p for p in snapshot.participants if p.district_id == district or p.id in attended]
    return sorted(chosen, key=lambda p: (rank.get(p.sector_id, 10**6), p.name.casefold()))


def default_blank_rows(expected: int) -> int:
    return 20 if expected == 0 else min(40, max(10, expected // 4))


def signin_story(
    doc: PdfDocument,
    snapshot: Snapshot,
    session: Session,
    expected: list[Participant],
    blank_rows: int | None,
) -> list[Flowable]:
    st = styles()
    width = doc.width
    sectors = {s.id: s.name for s in snapshot.sectors}
    organisations = {o.id: o.name for o in snapshot.organisations}
    district = {d.id: d.name for d in snapshot.districts}.get(session.district_id or "", "")
    details = [
        session.date.isoformat(),
        time_range(session),
        session.venue,
        district,
        session.facilitator and _("Facilitator: {name}", name=session.facilitator),
    ]
    story: list[Flowable] = [
        Paragraph(esc(_("Sign-in sheet")), st.small),
        Paragraph(esc(session.title), st.title),
        Paragraph(esc(" · ".join(d for d in details if d)), st.body),
        Paragraph(
            esc(
                _(
                    "Please sign next to your name. Tick the box if you agree to be named "
                    "in the published minutes; otherwise they will say “Participant "
                    "(sector)”."
                )
            ),
            st.small,
        ),
    ]
    widths = [width * f for f in (0.05, 0.27, 0.2, 0.2, 0.08, 0.2)]
    header: list[object] = [
        "#",
        _("Name"),
        _("Sector"),
        _("Organisation"),
        _("Named"),
        _("Signature"),
    ]
    pad = [
        ("TOPPADDING", (0, 1), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (4, 1), (4, -1), "CENTER"),
        ("FONT", (4, 1), (4, -1), FONT_BOLD, 11),
        ("GRID", (0, 0), (-1, -1), 0.4, st.small.textColor),
    ]
    if expected:
        story.extend(
            heading(
                n_("Expected participant ({n})", "Expected participants ({n})", len(expected)),
                st.h1,
            )
        )
        rows: list[list[object]] = [header]
        for number, p in enumerate(expected, 1):
            rows.append(
                [
                    str(number),
                    cell(p.name, widths[1]),
                    cell(sectors.get(p.sector_id, ""), widths[2]),
                    cell(organisations.get(p.organisation_id or "", ""), widths[3]),
                    CHECKBOX,
                    "",
                ]
            )
            if number % 200 == 0 and doc.progress is not None:
                doc.progress.check()
        story.append(data_table(rows, widths, zebra=False, extra=pad))
    count = default_blank_rows(len(expected)) if blank_rows is None else max(0, blank_rows)
    if count:
        story.extend(heading(_("Newcomers") if expected else _("Participants"), st.h1))
        blank: list[list[object]] = [
            [str(n), "", "", "", CHECKBOX, ""] for n in range(1, count + 1)
        ]
        rows = [header, *blank]
        story.append(data_table(rows, widths, zebra=False, extra=pad))
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(esc(_("Facilitator's signature: ______________________")), st.body))
    return story
