"""Reading CSV lists: encodings, delimiters, row numbers, and files that are not lists."""

from __future__ import annotations

import codecs
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from consulta.domain.errors import UserError
from consulta.interchange import stakeholders_read
from consulta.interchange.stakeholders import read_table

from .conftest import write_csv

ROWS = [
    ["Nombre", "Sector", "Organización"],
    ["Ana Núñez", "Academia", "Universidad de Córdoba"],
    ["François Müller", "Media", "Le Monde €"],
]


def test_utf8_with_bom_and_comma(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(codecs.BOM_UTF8 + write_csv(tmp_path / "x.csv", ROWS).read_bytes())
    table = read_table(path)
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    assert table.headers == ["Nombre", "Sector", "Organización"]  # no BOM in the first header
    assert table.rows == ROWS[1:]
    assert table.row_numbers == [2, 3]


def test_utf8_without_bom(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "list.csv", ROWS))
    assert table.encoding == "utf-8"
    assert table.rows[0][0] == "Ana Núñez"


def test_windows_1252_with_accents_and_euro(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", ROWS, encoding="cp1252", delimiter=";")
    assert "Núñez".encode("cp1252") in path.read_bytes()
    table = read_table(path)
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert table.rows == ROWS[1:]
    assert table.rows[1][2] == "Le Monde €"


def test_cp1252_detected_even_when_the_first_accent_is_far_down(tmp_path: Path) -> None:
    rows = [["Name", "Sector"]] + [[f"Person {i}", "Media"] for i in range(5000)]
    rows.append(["Núñez", "Media"])
    table = read_table(write_csv(tmp_path / "list.csv", rows, encoding="cp1252"))
    assert table.encoding == "cp1252"
    assert table.rows[-1] == ["Núñez", "Media"]
    assert table.row_numbers[-1] == 5002


def test_semicolon_with_commas_inside_values(tmp_path: Path) -> None:
    rows = [["Nombre", "Sector", "Organización"], ["Núñez, Ana", "Academia", "UNC, Facultad"]]
    table = read_table(write_csv(tmp_path / "list.csv", rows, delimiter=";"))
    assert table.delimiter == ";"
    assert table.rows == [["Núñez, Ana", "Academia", "UNC, Facultad"]]


def test_tab_separated_and_utf16(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    text = "Name\tSector\r\nAna\tMedia\r\n"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows == [["Ana", "Media"]]


def test_row_numbers_count_the_header_blank_lines_and_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text('Name,Sector\n"Ana\nsecond line",Media\n\nBob,Academia\n', encoding="utf-8")
    table = read_table(path)
    assert table.rows == [["Ana\nsecond line", "Media"], ["Bob", "Academia"]]
    assert table.row_numbers == [2, 4]


def test_short_rows_are_padded_and_long_rows_widen_the_table(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name,Sector\nAna\nBob,Media,extra\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Name", "Sector", ""]
    assert table.rows == [["Ana", "", ""], ["Bob", "Media", "extra"]]


def test_cells_are_kept_as_text_never_interpreted(tmp_path: Path) -> None:
    rows = [["Name", "Sector"], ["=cmd|' /C calc'!A0", "<b>x</b>"], ["+1 555", "@SUM(A1)"]]
    table = read_table(write_csv(tmp_path / "list.csv", rows))
    assert table.rows == rows[1:]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \r\n\r\n", "is empty"),
        (b"Name,Sector\r\n", "no rows of data"),
        (bytes(range(256)) * 50, "not a table"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old Excel"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\x00\x00stream", "not a table"),
    ],
)
def test_files_that_are_not_lists_are_refused_naming_the_file(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "partner list.csv"
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        read_table(path)
    assert "partner list.csv" in str(caught.value)
    assert expected in str(caught.value)


def test_undecodable_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    # 0x81 is undefined in Windows-1252 and invalid as UTF-8.
    path.write_bytes(b"Name,Sector\r\nAna\x81,Media\r\n")
    with pytest.raises(UserError, match="neither CSV text"):
        read_table(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="could not be read"):
        read_table(tmp_path / "nowhere.csv")


def test_xlsx_extension_on_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_text("Name,Sector\nAna,Media\n", encoding="utf-8")
    with pytest.raises(UserError, match="not a valid Excel workbook"):
        read_table(path)


def test_beyond_the_row_limit_is_refused_fast_and_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    limit = stakeholders_read.MAX_ROWS
    with path.open("w", encoding="utf-8") as f:
        f.write("Name,Sector,E-mail\n")
        line = "Participant number {0},Citizens and civil society,p{0}@example.org\n"
        # Twice the limit: a full read would hold about 70 MB of rows.
        f.writelines(line.format(i) for i in range(2 * limit))
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(UserError, match=f"more than {limit} rows"):
            read_table(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 20
    # The rows up to the limit are held (about 35 MB), never the whole file.
    assert peak < 55 * 1024 * 1024


def test_exactly_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stakeholders_read, "MAX_ROWS", 50)
    rows = [["Name", "Sector"]] + [[f"P{i}", "Media"] for i in range(50)]
    assert len(read_table(write_csv(tmp_path / "a.csv", rows)).rows) == 50
    rows.append(["One too many", "Media"])
    with pytest.raises(UserError, match="more than 50 rows"):
        read_table(write_csv(tmp_path / "b.csv", rows))


def test_a_file_without_line_breaks_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stakeholders_read, "MAX_LINE_CHARS", 10_000)
    path = tmp_path / "oneline.csv"
    path.write_text("Name,Sector," + "x" * 50_000, encoding="utf-8")
    with pytest.raises(UserError, match="longer than 10000 characters"):
        read_table(path)


def test_too_many_columns_is_refused(tmp_path: Path) -> None:
    header = [f"Column {i}" for i in range(stakeholders_read.MAX_COLUMNS + 1)]
    path = write_csv(tmp_path / "wide.csv", [header, ["x"] * len(header)])
    with pytest.raises(UserError, match="more than 100 columns"):
        read_table(path)


def test_a_file_too_big_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stakeholders_read, "MAX_CSV_BYTES", 1024 * 1024)
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.write(b"Name,Sector\r\n")
        f.truncate(2 * 1024 * 1024)  # sparse; the reader must not get that far
    with pytest.raises(UserError, match="too big"):
        read_table(path)
    assert os.path.getsize(path) == 2 * 1024 * 1024
