"""Reading a stakeholder list (CSV or XLSX) into a plain table of text, safely.

Every cell becomes text: numbers and dates as they read, formulas as their formula text
(never evaluated). Hostile input is refused with a ``UserError`` that names the file, with
bounded memory: files too big, too many rows or columns, zip bombs, XML entity bombs and
external entities (defusedxml, which openpyxl uses when installed), binary junk.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from consulta.domain.errors import ConsultaError, FileError, FileFormatError
from consulta.domain.progress import Progress, step
from consulta.i18n import _

MAX_ROWS = 100_000  # data rows, header excluded
MAX_COLUMNS = 100
MAX_CELLS = 3_000_000  # rows x columns kept in memory
MAX_CSV_BYTES = 100 * 1024 * 1024
MAX_LINE_CHARS = 1_000_000
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_XLSX_RATIO = 100
RATIO_CHECK_FROM = 1024 * 1024  # members smaller than this may compress as they like
MAX_XLSX_MEMBERS = 5_000
EXCEL_MAX_ROW = 1_048_576
SAMPLE_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t")
PROGRESS_EVERY = 2_000


@dataclass
class RawTable:
    """A list as read: header cells, data rows (lists of text) and where they came from."""

    path: Path
    headers: list[str]
    rows: list[list[str]]
    # For each data row, its row number in the file (1-based, the header row included),
    # as a spreadsheet shows it: "row 5".
    row_numbers: list[int] = field(default_factory=list)
    kind: str = "csv"  # "csv" or "xlsx"
    encoding: str | None = None  # CSV only: "utf-8-sig", "utf-8", "utf-16" or "cp1252"
    delimiter: str | None = None  # CSV only
    sheet: str | None = None  # XLSX only

    def __post_init__(self) -> None:
        if not self.row_numbers:  # a table built by hand: header on row 1, no gaps
            self.row_numbers = list(range(2, len(self.rows) + 2))
        if len(self.row_numbers) != len(self.rows):
            raise ValueError("RawTable needs one row number per row")

    @property
    def width(self) -> int:
        return len(self.headers)


class TableError(FileFormatError):
    """A list could not be read as a table; the message names the file and says what to do."""


def read_table(path: Path | str, progress: Progress | None = None) -> RawTable:
    """Read a CSV or XLSX stakeholder list. Raises ``UserError`` for anything unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(SAMPLE_BYTES)
    except OSError as error:
        raise FileError(
            path,
            _(
                "“{path}” could not be read ({reason}). Check that it exists and try again.",
                path=path,
                reason=error.strerror or error,
            ),
        ) from error
    if not head.strip() and size <= SAMPLE_BYTES:
        raise TableError(
            path,
            _(
                "“{path}” is empty. Choose a list with a header row and at least one row of data.",
                path=path,
            ),
        )
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, progress)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            path,
            _(
                "“{path}” is an old Excel (.xls) or password-protected workbook, which Consulta "
                "cannot read. Open it in a spreadsheet and save it as .xlsx or CSV.",
                path=path,
            ),
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise TableError(
            path,
            _(
                "“{path}” is not a valid Excel workbook. Open it in a "
                "spreadsheet and save it again as .xlsx or CSV.",
                path=path,
            ),
        )
    if size > MAX_CSV_BYTES:
        raise TableError(
            path,
            _(
                "“{path}” is too big to import ({size} MB; at most {limit} MB). Split the list "
                "into smaller files.",
                path=path,
                size=size // (1024 * 1024),
                limit=MAX_CSV_BYTES // (1024 * 1024),
            ),
        )
    return _read_csv(path, head, progress)


# -- CSV ---------------------------------------------------------------------------------


def _not_text(path: Path) -> TableError:
    return TableError(
        path,
        _(
            "“{path}” is not a table Consulta can read: it is neither CSV text (UTF-8 or "
            "Windows-1252) nor an .xlsx workbook. Save the list as CSV or .xlsx and try again.",
            path=path,
        ),
    )


def _encoding_of(head: bytes, path: Path) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise _not_text(path)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _delimiter_of(sample: str) -> str:
    """The candidate that splits the first lines into the most, most consistent columns."""
    lines = sample.splitlines()[:30]
    if len(lines) > 1 and len(sample) >= SAMPLE_BYTES // 2:
        lines = lines[:-1]  # the last sampled line may be cut short
    best, best_score = ",", (-1, -1)
    for candidate in DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=candidate) if r]
        except csv.Error:
            continue
        if not widths or widths[0] < 2:
            continue
        score = (sum(1 for w in widths if w == widths[0]), widths[0])
        if score > best_score:
            best, best_score = candidate, score
    return best


def _lines(f: IO[str], path: Path) -> Iterator[str]:
    """The file's lines, each bounded in length (a file with no line breaks is refused)."""
    while True:
        line = f.readline(MAX_LINE_CHARS)
        if not line:
            return
        if len(line) >= MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            raise TableError(
                path,
                _(
                    "“{path}” has a line longer than {limit} characters; it is "
                    "not a stakeholder list.",
                    path=path,
                    limit=MAX_LINE_CHARS,
                ),
            )
        yield line


def _read_csv(path: Path, head: bytes, progress: Progress | None) -> RawTable:
    encoding = _encoding_of(head, path)
    sample = head.decode(encoding, errors="ignore")
    delimiter = _delimiter_of(sample)
    try:
        return _parse_csv(path, encoding, delimiter, progress)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise _not_text(path) from None
    try:
        return _parse_csv(path, "cp1252", delimiter, progress)
    except UnicodeDecodeError:
        raise _not_text(path) from None


def _parse_csv(path: Path, encoding: str, delimiter: str, progress: Progress | None) -> RawTable:
    builder = _Builder(path, progress)
    try:
        with path.open("r", encoding=encoding, newline="") as f:
            reader = csv.reader(_lines(f, path), delimiter=delimiter, strict=False)
            for number, record in enumerate(reader, start=1):
                builder.add(number, record)
    except csv.Error as error:
        raise TableError(
            path,
            _(
                "“{path}” is not a well-formed CSV file near row {row} ({reason}). "
                "Correct it or save it again as CSV.",
                path=path,
                row=builder.next_number,
                reason=error,
            ),
        ) from error
    except OSError as error:
        raise FileError(
            path,
            _("“{path}” could not be read ({reason}).", path=path, reason=error.strerror or error),
        ) from error
    if any("\x00" in h for h in builder.headers or []):
        raise _not_text(path)
    table = builder.finish()
    table.kind, table.encoding, table.delimiter = "csv", encoding, delimiter
    return table


# -- XLSX --------------------------------------------------------------------------------


def _check_zip(path: Path) -> None:
    """Refuse zip bombs from the declared sizes, before anything is decompressed.

    Python's zipfile never yields more than a member's declared size, so the declared
    sizes bound the memory openpyxl can use."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise TableError(
            path,
            _(
                "“{path}” is not a valid Excel workbook ({reason}). Open it in "
                "a spreadsheet and save it again as .xlsx or CSV.",
                path=path,
                reason=error,
            ),
        ) from error
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise TableError(
            path,
            _(
                "“{path}” is a zip archive but not an Excel workbook. Choose an .xlsx or CSV file.",
                path=path,
            ),
        )
    total = sum(m.file_size for m in members)
    bomb = any(
        m.file_size > RATIO_CHECK_FROM and m.file_size > MAX_XLSX_RATIO * max(m.compress_size, 1)
        for m in members
    )
    if len(members) > MAX_XLSX_MEMBERS or total > MAX_XLSX_UNCOMPRESSED or bomb:
        raise TableError(
            path,
            _(
                "“{path}” was refused: it would expand to {size} MB, or is compressed suspiciously "
                "much (a “zip bomb”). A stakeholder list is never that big; save it again as .xlsx "
                "or CSV, or split it.",
                path=path,
                size=total // (1024 * 1024),
            ),
        )


def _text(value: Any) -> str:
    """A cell value as the text a spreadsheet shows (formulas as their formula text)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    text = getattr(value, "text", None)  # ArrayFormula
    return text if isinstance(text, str) else str(value)


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = error
    for _depth in range(20):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _read_xlsx(path: Path, progress: Progress | None) -> RawTable:
    import openpyxl
    import openpyxl.xml
    from defusedxml import DefusedXmlException

    if not openpyxl.xml.DEFUSEDXML:  # never read spreadsheet XML without the guard
        raise TableError(
            path,
            _(
                "This installation of Consulta cannot read .xlsx files safely "
                "(defusedxml is missing). Save the list as CSV."
            ),
        )
    _check_zip(path)
    builder = _Builder(path, progress)
    sheet_title: str | None = None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
        try:
            sheet = workbook.active
            if sheet is None or not hasattr(sheet, "iter_rows"):
                sheet = workbook.worksheets[0]
            sheet_title = str(sheet.title)
            rows: Iterable[tuple[Any, ...]] = sheet.iter_rows(
                min_row=1, max_row=EXCEL_MAX_ROW, max_col=MAX_COLUMNS + 1, values_only=True
            )
            for number, values in enumerate(rows, start=1):
                if values.count(None) == len(values):
                    continue
                builder.add(number, [_text(v) for v in values])
        finally:
            workbook.close()
    except (ConsultaError, MemoryError):
        raise
    except Exception as error:  # openpyxl raises (and wraps) many kinds on a bad workbook
        if _caused_by(error, DefusedXmlException):
            raise TableError(
                path,
                _(
                    "“{path}” was refused: its XML declares entities or external references, "
                    "which can hide an attack. Open it in a spreadsheet and save it again as "
                    ".xlsx or CSV.",
                    path=path,
                ),
            ) from error
        raise TableError(
            path,
            _(
                "“{path}” could not be read as an Excel workbook ({reason}). Open it in a "
                "spreadsheet and save it again as .xlsx or CSV.",
                path=path,
                reason=str(error).split("\n")[0],
            ),
        ) from error
    table = builder.finish()
    table.kind, table.sheet = "xlsx", sheet_title
    return table


# -- building the table ------------------------------------------------------------------


class _Builder:
    """Collects rows with limits: header is the first non-blank row; blank rows skipped."""

    def __init__(self, path: Path, progress: Progress | None) -> None:
        self.path = path
        self.progress = progress
        self.headers: list[str] | None = None
        self.rows: list[list[str]] = []
        self.numbers: list[int] = []
        self.cells = 0
        self.next_number = 1

    def add(self, number: int, values: list[str]) -> None:
        self.next_number = number + 1
        while values and not values[-1].strip():
            values.pop()
        if not values:
            return
        if len(values) > MAX_COLUMNS:
            raise TableError(
                self.path,
                _(
                    "“{path}” has more than {limit} columns in row {row}; it does not look like a "
                    "stakeholder list. Keep only the columns to import.",
                    path=self.path,
                    limit=MAX_COLUMNS,
                    row=number,
                ),
            )
        if self.headers is None:
            self.headers = values
            return
        if len(self.rows) >= MAX_ROWS or self.cells + len(values) > MAX_CELLS:
            raise TableError(
                self.path,
                _(
                    "“{path}” has more than {limit} rows (or too much data) to import at once. "
                    "Split the list into smaller files.",
                    path=self.path,
                    limit=MAX_ROWS,
                ),
            )
        self.rows.append(values)
        self.numbers.append(number)
        self.cells += len(values)
        if len(self.rows) % PROGRESS_EVERY == 0:
            step(self.progress, len(self.rows), 0, _("Reading {path}…", path=self.path.name))

    def finish(self) -> RawTable:
        if self.headers is None:
            raise TableError(
                self.path,
                _(
                    "“{path}” is empty. Choose a list with a header row "
                    "and at least one row of data.",
                    path=self.path,
                ),
            )
        if not self.rows:
            raise TableError(
                self.path, _("“{path}” has a header row but no rows of data.", path=self.path)
            )
        width = max(len(self.headers), max(len(r) for r in self.rows))
        headers = [h.strip() for h in self.headers] + [""] * (width - len(self.headers))
        for row in self.rows:
            row.extend([""] * (width - len(row)))
        return RawTable(self.path, headers, self.rows, self.numbers)
