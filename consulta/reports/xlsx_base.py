"""What every workbook shares: streaming (write-only) sheets with typed columns, a bold frozen
header row, an Excel table with filters over the data, sensible widths and print setup.

User text is always stored as text: a string that Excel could read as a formula or a
command (starting with = + - @ tab or CR) is written as a string cell with the
"quote prefix" style, so neither openpyxl nor Excel turns it into a formula. Characters an
xlsx file cannot hold are dropped; text longer than a cell holds is cut at
``CELL_LIMIT`` (``split_long`` lets callers continue it on further rows instead).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from consulta.domain.progress import Progress
from consulta.reports.xlsx_rows import Typed, install

CELL_LIMIT = 32_000  # Excel holds 32,767 characters in a cell; keep a margin.
RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

FORMATS = {
    "int": "#,##0",
    "number": "0.0000",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "time": "hh:mm",
    "datetime": "yyyy-mm-dd hh:mm",
}
NOTHING: Typed = (None, 0)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E4E8EE")
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14
    kind: str = "text"  # text | wrap | int | number | percent | date | time


def clean_text(value: str) -> str:
    value = _ILLEGAL.sub("", value)
    return value if len(value) <= CELL_LIMIT else value[: CELL_LIMIT - 1] + "…"


def split_long(text: str) -> list[str]:
    """Text cut into pieces that each fit in a cell (at least one piece)."""
    text = _ILLEGAL.sub("", text)
    return [text[i : i + CELL_LIMIT] for i in range(0, len(text), CELL_LIMIT)] or [""]


class SheetWriter:
    """One streaming sheet: header row, typed data rows, then the table over them."""

    def __init__(
        self,
        book: XlsxBook,
        title: str,
        columns: Sequence[Column],
        *,
        landscape: bool = False,
        table: bool = True,
    ) -> None:
        self.book = book
        self.columns = list(columns)
        self.ws = book.wb.create_sheet(title=title[:31])
        self.rows = 0
        self.table = table
        for index, column in enumerate(self.columns, 1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        self.ws.freeze_panes = "A2"
        self.ws.print_title_rows = "1:1"
        setup = self.ws.page_setup
        setup.orientation = "landscape" if landscape else "portrait"
        setup.paperSize = 1 if book.paper == "letter" else 9
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        self.ws.print_options.gridLines = True
        self._styles: dict[str, int] = {}
        self._templates: dict[int, WriteOnlyCell] = {}
        self.headers = _unique(clean_text(c.header) for c in self.columns)
        header_style = self._style("header")
        install(self.ws, len(self.columns), self._templates)
        self.ws.append([(name, header_style) for name in self.headers])

    def _style(self, key: str) -> int:
        """The workbook's style id for one of our cell styles (registered once)."""
        found = self._styles.get(key)
        if found is None:
            cell = WriteOnlyCell(self.ws)
            if key in FORMATS:
                cell.number_format = FORMATS[key]
            if key.startswith("wrap") or key == "header":
                cell.alignment = WRAP
            if key.endswith("quoted"):
                cell.quotePrefix = True
            if key == "header":
                cell.font = HEADER_FONT
                cell.fill = HEADER_FILL
            found = cell.style_id
            self._styles[key] = found
            self._templates[found] = cell
        return found

    def _typed(self, value: Any, kind: str) -> Typed:
        if value is None:
            return NOTHING
        if isinstance(value, str):
            value = clean_text(value)
            if not value:
                return NOTHING
            risky = value.startswith(RISKY_START)
            if kind != "wrap" and not risky:
                return value, 0
            return value, self._style(
                ("wrap" if kind == "wrap" else "text") + ("-quoted" if risky else "")
            )
        if isinstance(value, bool):
            return value, 0
        if isinstance(value, datetime):
            return to_excel(value), self._style("datetime")
        if isinstance(value, date):
            return to_excel(value), self._style("date")
        if isinstance(value, time):
            return to_excel(value), self._style("time")
        if isinstance(value, (int, float)):
            return value, self._style(kind) if kind in FORMATS and kind != "int" else 0
        return clean_text(str(value)), 0

    def append(self, values: Sequence[Any], kinds: Sequence[str] | None = None) -> None:
        """One data row; ``kinds`` overrides the columns' kinds for this row."""
        if kinds is None:
            kinds = [c.kind for c in self.columns]
        self.ws.append([self._typed(v, k) for v, k in zip(values, kinds, strict=True)])
        self.rows += 1
        if self.rows % 2000 == 0:
            self.book.tick()

    def extend(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.append(row)

    def finish(self) -> None:
        if not self.table:
            return
        last = get_column_letter(len(self.columns))
        ref = f"A1:{last}{max(self.rows, 1) + 1}"
        if self.rows == 0:
            self.ws.append([NOTHING] * len(self.columns))
        self.book.tables += 1
        table = Table(
            displayName=f"Table{self.book.tables}",
            ref=ref,
            tableColumns=[TableColumn(id=i, name=name) for i, name in enumerate(self.headers, 1)],
            tableStyleInfo=TableStyleInfo(name="TableStyleLight9", showRowStripes=True),
        )
        with warnings.catch_warnings():
            # openpyxl warns that write-only tables need their columns given: they are.
            warnings.simplefilter("ignore", UserWarning)
            self.ws.add_table(table)


def _unique(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name or "Column", 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{name} ({n})"
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


class XlsxBook:
    """A write-only workbook: memory stays flat whatever the number of rows."""

    def __init__(
        self,
        paper: str = "a4",
        progress: Progress | None = None,
        title: str = "",
        language: str = "",
    ) -> None:
        from consulta.reports.pdf_base import paper_size

        paper_size(paper)
        self.paper = paper.lower()
        self.progress = progress
        self.wb = Workbook(write_only=True)
        self.wb.properties.title = clean_text(title)
        self.wb.properties.creator = "Consulta"
        self.wb.properties.language = language
        self.tables = 0
        self.sheets: list[SheetWriter] = []

    def sheet(
        self, title: str, columns: Sequence[Column], *, landscape: bool = False, table: bool = True
    ) -> SheetWriter:
        self.tick()
        writer = SheetWriter(self, title, columns, landscape=landscape, table=table)
        self.sheets.append(writer)
        return writer

    def tick(self) -> None:
        if self.progress is not None:
            self.progress.check()

    def __enter__(self) -> XlsxBook:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is not None:
            self.abort()

    def abort(self) -> None:
        """Close the half-written sheets in order and delete their temporary files (left to
        the garbage collector, they would be closed in the wrong order)."""
        from openpyxl.worksheet import _writer

        for writer in self.sheets:
            ws = writer.ws
            try:
                if ws._rows is not None:
                    ws._rows.close()
                if ws._writer is not None:
                    ws._writer.close()
                    out = ws._writer.out
                    if isinstance(out, str) and os.path.exists(out):
                        os.remove(out)
                        if out in _writer.ALL_TEMP_FILES:
                            _writer.ALL_TEMP_FILES.remove(out)
            except Exception:
                pass
        self.sheets.clear()

    def save(self, path: Path) -> int:
        for writer in self.sheets:
            writer.finish()
        self.tick()
        self.wb.save(str(path))
        return sum(writer.rows for writer in self.sheets)
