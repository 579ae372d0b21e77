"""A fast row writer for openpyxl's write-only sheets.

Without lxml, openpyxl builds and serialises an ElementTree element per cell, which costs
most of the export time. Our rows are simple (text, numbers, booleans, dates as serial
numbers with a style), so they are written as ready-made XML: the same markup openpyxl
writes (inline strings), produced by string formatting. Values reach it already typed and
cleaned by ``SheetWriter``: ``(value, style_id)`` pairs.

It hooks into two internals of openpyxl 3.1 (pinned): the sheet's ``_values_to_row`` and
its writer's ``write_row``. When the XML writer is not the one it knows (e.g. lxml is
installed), rows go through openpyxl's own cells instead, with the same result.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

FAST = True  # False: always go through openpyxl's cells (tests compare both paths)
Typed = tuple[Any, int]  # (str | bool | int | float | None, style id; 0 = default)


def _escape(text: str) -> str:
    # A carriage return is written as a character reference so that it survives XML's
    # end-of-line normalisation and reads back literally.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def row_xml(letters: Sequence[str], row: Sequence[Typed], index: int) -> str:
    parts = [f'<row r="{index}">']
    for letter, (value, style) in zip(letters, row, strict=False):
        if value is None:
            continue
        s = f' s="{style}"' if style else ""
        if isinstance(value, str):
            parts.append(
                f'<c r="{letter}{index}"{s} t="inlineStr"><is><t xml:space="preserve">'
                f"{_escape(value)}</t></is></c>"
            )
        elif isinstance(value, bool):
            parts.append(f'<c r="{letter}{index}"{s} t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, float) and not math.isfinite(value):
            continue
        else:
            parts.append(f'<c r="{letter}{index}"{s} t="n"><v>{value!r}</v></c>')
    parts.append("</row>")
    return "".join(parts)


def install(ws: Any, columns: int, style_of: dict[int, WriteOnlyCell]) -> None:
    """Make the write-only sheet ``ws`` take rows of ``Typed`` pairs. Call after the
    column widths, panes and sheet properties are set (they are written first)."""
    letters = [get_column_letter(i) for i in range(1, columns + 1)]
    ws._get_writer()
    writer = ws._writer
    fallback = writer.write_row

    def values_to_row(values: Sequence[Typed], index: int) -> Sequence[Typed]:
        return values

    def write_row(xf: Any, row: Sequence[Typed], index: int) -> None:
        raw = getattr(xf, "_file", None)
        if FAST and callable(raw):
            raw(row_xml(letters, row, index))
            return
        cells = []
        for column, (value, style) in enumerate(row, 1):
            if value is None:
                continue
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            if style:
                cell._style = style_of[style]._style
            cell.column, cell.row = column, index
            cells.append(cell)
        fallback(xf, cells, index)

    ws._values_to_row = values_to_row
    writer.write_row = write_row
