"""The legitimacy report as PDF. No personal data: only sectors, districts, guidelines and
counts (sessions are not listed: their facilitators are people)."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from consulta.domain.snapshot import Snapshot
from consulta.i18n import _
from consulta.legitimacy import (
    GENDER_BUCKETS,
    NOT_RECORDED,
    GuidelineFigures,
    LegitimacyReport,
    explanations,
    level_label,
    warning_label,
)
from consulta.reports.legitimacy_text import key_figures, shown, summary_sentences
from consulta.reports.numbers import decimal, integer, percent
from consulta.reports.pdf_base import (
    FONT_BOLD,
    data_table,
    esc,
    heading,
    styles,
)
from consulta.reports.pdf_charts import attendance_chart, matrix_legend, stance_matrix
from consulta.reports.pdf_minutes import cell
from consulta.reports.pdf_page import PdfDocument


def legitimacy_story(
    doc: PdfDocument, snapshot: Snapshot, report: LegitimacyReport
) -> list[Flowable]:
    width = doc.width
    st = styles()
    c = snapshot.consultation
    story: list[Flowable] = [
        Paragraph(esc(_("Legitimacy report")), st.small),
        Paragraph(esc(c.title), st.title),
    ]
    if c.territory:
        story.append(Paragraph(esc(c.territory), st.body))
    story.append(
        Paragraph(
            esc(
                _(
                    "Produced on {date} from the consultation's records.",
                    date=date.today().isoformat(),
                )
            ),
            st.small,
        )
    )
    story.extend(heading(_("The result in plain words"), st.h1))
    for sentence in summary_sentences(report):
        story.append(Paragraph(esc(sentence), st.big))
    story.extend(heading(_("Key figures"), st.h2))
    figures = key_figures(report)
    half = (len(figures) + 1) // 2
    rows = []
    for left, right in zip(figures[:half], [*figures[half:], None], strict=True):
        rows.append(
            [
                cell(left.label, width * 0.34),
                shown(left),
                cell(right.label, width * 0.34) if right else "",
                shown(right) if right else "",
            ]
        )
    story.append(
        data_table(
            rows,
            [width * 0.34, width * 0.16] * 2,
            header_rows=0,
            extra=[("ALIGN", (1, 0), (1, -1), "RIGHT"), ("ALIGN", (3, 0), (3, -1), "RIGHT")],
        )
    )
    if doc.progress is not None:
        doc.progress.check()

    story.append(PageBreak())
    story.extend(heading(_("Who took part"), st.h1))
    story.append(Paragraph(esc(_("Attendance by sector (sectors that count)")), st.h2))
    story.append(attendance_chart(report, width))
    story.extend(sector_table(report, width))
    story.extend(gender_table(report, width))

    story.extend(heading(_("Latest position of each sector on each guideline"), st.h1))
    story.append(
        Paragraph(
            esc(
                _(
                    "Each cell shows the sector's latest position; the symbol carries the "
                    "meaning, the colour only repeats it."
                )
            ),
            st.small,
        )
    )
    story.append(matrix_legend(width))
    story.append(Spacer(1, 2 * mm))
    story.append(stance_matrix(report, width))

    story.extend(heading(_("Guidelines"), st.h1))
    story.append(guideline_overview(report, width))
    for g in report.guidelines:
        story.append(KeepTogether(guideline_block(g, report, width)))

    story.extend(heading(_("Warnings"), st.h1))
    story.append(warnings_table(report, width))

    story.append(PageBreak())
    story.extend(heading(_("Annex: what each figure means"), st.h1))
    for title, text in explanations():
        story.extend(heading(title, st.h2))
        story.append(Paragraph(esc(text), st.body))
    return story


def sector_table(report: LegitimacyReport, width: float) -> list[Flowable]:
    i = report.input
    total = i.attendances or 0
    rows: list[list[object]] = [[_("Sector"), _("Attendances"), _("Different people"), _("Share")]]
    for s in report.sectors:
        n = i.attendances_by_sector.get(s.id, 0)
        rows.append(
            [
                cell(s.name, width * 0.52),
                integer(n),
                integer(i.distinct_participants_by_sector.get(s.id, 0)),
                percent(n / total) if total else percent(None),
            ]
        )
    rows.append([_("Total"), integer(total), "", ""])
    out: list[Flowable] = [
        Spacer(1, 3 * mm),
        data_table(
            rows,
            [width * f for f in (0.52, 0.16, 0.16, 0.16)],
            extra=[
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("FONT", (0, -1), (-1, -1), FONT_BOLD, 8.5),
            ],
        ),
    ]
    if report.sectors_outside:
        outside = ", ".join(
            f"{s.name} ({i.attendances_outside_s_by_sector.get(s.id, 0)})"
            for s in report.sectors_outside
        )
        out.append(
            Paragraph(
                esc(
                    _(
                        "Reported apart (sectors that do not count, attendances): {list}.",
                        list=outside,
                    )
                ),
                styles().small,
            )
        )
    return out


def gender_table(report: LegitimacyReport, width: float) -> list[Flowable]:
    i = report.input
    total = sum(i.attendances_by_gender.values())
    labels = {
        "female": _("Female"),
        "male": _("Male"),
        "other": _("Other"),
        NOT_RECORDED: _("Not recorded"),
    }
    rows: list[list[object]] = [[_("Gender"), _("Attendances"), _("Share")]]
    for bucket in GENDER_BUCKETS:
        n = i.attendances_by_gender.get(bucket, 0)
        rows.append([labels[bucket], integer(n), percent(n / total) if total else percent(None)])
    return [
        Paragraph(esc(_("Attendance by gender")), styles().h2),
        data_table(
            rows,
            [width * 0.52, width * 0.16, width * 0.16],
            extra=[("ALIGN", (1, 0), (-1, -1), "RIGHT")],
        ),
    ]


def guideline_overview(report: LegitimacyReport, width: float) -> Flowable:
    widths = [width * f for f in (0.08, 0.28, 0.13, 0.17, 0.11, 0.11, 0.12)]
    rows: list[list[object]] = [
        [
            _("Code"),
            _("Title"),
            _("Status"),
            _("Level"),
            _("Consensus"),
            _("Coverage"),
            _("Sessions"),
        ]
    ]
    for g in report.guidelines:
        rows.append(
            [
                cell(g.code, widths[0]),
                cell(g.guideline.title, widths[1]),
                cell(g.status.label, widths[2]),
                cell(level_label(g.level), widths[3]),
                decimal(g.consensus, 3),
                percent(g.coverage),
                integer(g.sessions_discussed),
            ]
        )
    return data_table(rows, widths, extra=[("ALIGN", (4, 1), (-1, -1), "RIGHT")])


def guideline_block(g: GuidelineFigures, report: LegitimacyReport, width: float) -> list[Flowable]:
    st = styles()
    sectors = len(report.sectors)
    pairs = [
        (_("Status"), g.status.label),
        (_("Level of agreement"), level_label(g.level)),
        (_("Consensus score"), decimal(g.consensus, 3)),
        (
            _("Coverage"),
            _(
                "{share} ({consulted} of {total} sectors)",
                share=percent(g.coverage),
                consulted=g.consulted,
                total=sectors,
            ),
        ),
        (_("Supporting"), integer(g.supporting)),
        (_("Of which with reservations"), integer(g.with_reservations)),
        (_("Opposing"), integer(g.opposing)),
        (_("Abstaining"), integer(g.abstaining)),
        (_("Sessions discussed"), integer(g.sessions_discussed)),
        (_("Warnings"), "; ".join(warning_label(w) for w in g.warnings) or _("None")),
    ]
    label_w, value_w = width * 0.24, width * 0.26
    grid = pairs[:-1] + [("", "")] * ((len(pairs) - 1) % 2)
    rows: list[list[object]] = []
    for left, right in zip(grid[0::2], grid[1::2], strict=True):
        rows.append(
            [
                cell(left[0], label_w, bold=True),
                cell(left[1], value_w),
                cell(right[0], label_w, bold=True),
                cell(right[1], value_w),
            ]
        )
    warning_label_text, warning_text = pairs[-1]
    rows.append(
        [cell(warning_label_text, label_w, bold=True), cell(warning_text, width - label_w), "", ""]
    )
    return [
        Paragraph(f"<b>{esc(g.code)}</b> — {esc(g.guideline.title)}", st.h2),
        data_table(
            rows,
            [label_w, value_w, label_w, value_w],
            header_rows=0,
            zebra=False,
            extra=[
                ("FONT", (0, 0), (0, -1), FONT_BOLD, 8.5),
                ("FONT", (2, 0), (2, -1), FONT_BOLD, 8.5),
                ("SPAN", (1, -1), (-1, -1)),
            ],
        ),
    ]


def warnings_table(report: LegitimacyReport, width: float) -> Flowable:
    if not report.warnings:
        return Paragraph(
            esc(_("No warnings: the statuses set agree with the evidence.")), styles().body
        )
    widths = [width * 0.1, width * 0.4, width * 0.5]
    rows: list[list[object]] = [[_("Code"), _("Guideline"), _("Warning")]]
    for g, w in report.warnings:
        rows.append(
            [
                cell(g.code, widths[0]),
                cell(g.guideline.title, widths[1]),
                cell(warning_label(w), widths[2]),
            ]
        )
    return data_table(rows, widths)
