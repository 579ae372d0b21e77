"""The legitimacy report's graphics: attendance by sector (a bar chart) and the guideline x
sector matrix of latest stances, readable in colour and in black and white (each cell has a
symbol; the colour only repeats it)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from consulta.domain.model import Stance
from consulta.i18n import _
from consulta.legitimacy import LegitimacyReport
from consulta.reports.legitimacy_text import legend, stance_symbol
from consulta.reports.pdf_base import FONT, FONT_BOLD, data_table, esc, plain, styles

STANCE_FILL = {
    Stance.SUPPORT: colors.HexColor("#C8E6C9"),
    Stance.SUPPORT_WITH_RESERVATIONS: colors.HexColor("#FFF3B0"),
    Stance.OPPOSE: colors.HexColor("#F8C4C4"),
    Stance.ABSTAIN: colors.HexColor("#E0E0E0"),
}
BAR = colors.HexColor("#4A6FA5")
BAR_DISTINCT = colors.HexColor("#A9BCD8")


def _short(text: str, limit: int = 42) -> str:
    text = plain(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def attendance_chart(report: LegitimacyReport, width: float) -> Drawing:
    """Horizontal bars: attendances and distinct people per sector that counts."""
    sectors = report.sectors
    n = max(len(sectors), 1)
    bar_area = n * 13 * mm / 1.6
    height = bar_area + 22 * mm
    drawing = Drawing(width, height, initialFontName=FONT, initialFontSize=8)
    chart = HorizontalBarChart()
    label_room = min(width * 0.42, 70 * mm)
    chart.x, chart.y = label_room, 14 * mm
    chart.width, chart.height = width - label_room - 12 * mm, bar_area
    attendances = [report.input.attendances_by_sector.get(s.id, 0) for s in sectors]
    distinct = [report.input.distinct_participants_by_sector.get(s.id, 0) for s in sectors]
    # Bars are drawn bottom-up: reverse so the first sector is at the top.
    chart.data = [list(reversed(attendances)) or [0], list(reversed(distinct)) or [0]]
    chart.categoryAxis.categoryNames = [_short(s.name) for s in reversed(sectors)] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([*attendances, 1])
    chart.valueAxis.valueMax = top * 1.15
    chart.valueAxis.valueStep = _nice_step(top)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.bars[0].fillColor = BAR
    chart.bars[1].fillColor = BAR_DISTINCT
    chart.bars.strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.groupSpacing = 4
    drawing.add(chart)
    y = 3 * mm
    for index, (fill, text) in enumerate(
        ((BAR, _("Attendances")), (BAR_DISTINCT, _("Different people")))
    ):
        x = label_room + index * 45 * mm
        drawing.add(Rect(x, y, 8, 8, fillColor=fill, strokeColor=None))
        drawing.add(String(x + 12, y + 1, text, fontName=FONT, fontSize=7.5))
    return drawing


def _nice_step(top: int) -> float:
    raw = max(top / 5, 1)
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return float(factor * magnitude)
    return float(10 * magnitude)


def stance_matrix(report: LegitimacyReport, width: float) -> Flowable:
    st = styles()
    sectors = report.sectors
    code_w = 15 * mm
    col_w = (width - code_w) / max(len(sectors), 1)
    head_style = st.head.clone(
        "matrix_head", fontSize=6 if len(sectors) > 8 else 6.5, leading=8, alignment=1
    )
    rows: list[list[object]] = [
        [Paragraph(esc(_("Code")), head_style)]
        + [Paragraph(esc(s.name), head_style) for s in sectors]
    ]
    commands: list[tuple[object, ...]] = [
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (1, 1), (-1, -1), FONT_BOLD, 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
    ]
    for r, g in enumerate(report.guidelines, 1):
        row: list[object] = [g.code]
        for c, sector in enumerate(sectors, 1):
            position = g.latest.get(sector.id)
            stance = position.stance if position is not None else None
            row.append(stance_symbol(stance))
            if stance is not None:
                commands.append(("BACKGROUND", (c, r), (c, r), STANCE_FILL[stance]))
        rows.append(row)
    return data_table(rows, [code_w] + [col_w] * len(sectors), zebra=False, extra=commands)


def matrix_legend(width: float) -> Flowable:
    rows: list[Sequence[object]] = []
    items = legend()
    cells: list[object] = []
    for symbol, meaning in items:
        cells += [symbol, meaning]
    rows.append(cells)
    per = width / (len(items) * 4)
    widths = []
    for _item in items:
        widths += [per * 0.9, per * 3.1]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 7),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "LEFT"),
    ]
    for index, stance in enumerate(Stance):
        commands += [
            ("BACKGROUND", (index * 2, 0), (index * 2, 0), STANCE_FILL[stance]),
            ("FONT", (index * 2, 0), (index * 2, 0), FONT_BOLD, 8),
            ("ALIGN", (index * 2, 0), (index * 2, 0), "CENTER"),
        ]
    st = styles()
    rows = [[Paragraph(esc(str(c)), st.small) if i % 2 else c for i, c in enumerate(rows[0])]]
    return data_table(rows, widths, header_rows=0, zebra=False, rules=False, extra=commands)
