"""Reading XLSX lists: values as text, formulas as their text, and hostile workbooks refused."""

from __future__ import annotations

import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl.xml
import pytest

from consulta.domain.errors import UserError
from consulta.interchange import stakeholders_read
from consulta.interchange.stakeholders import read_table

from .conftest import write_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def test_defusedxml_is_active_for_openpyxl() -> None:
    assert openpyxl.xml.DEFUSEDXML is True
    from openpyxl.xml import functions

    assert functions.iterparse.__module__.startswith("defusedxml")
    assert functions.fromstring.__module__.startswith("defusedxml")


def test_values_are_text_and_formulas_are_their_formula_text(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "list.xlsx",
        [
            ["Nombre", "Sector", "Teléfono", "Alta", "Consentimiento", "Web"],
            [
                "Ana Núñez",
                "Academia",
                5551234,
                date(2024, 3, 1),
                True,
                '=HYPERLINK("http://evil.example","click")',
            ],
            ["Bob", "=1+1", 3.5, datetime(2024, 3, 1, 9, 30), False, "<b>x</b>"],
        ],
    )
    table = read_table(path)
    assert (table.kind, table.sheet, table.encoding) == ("xlsx", "Stakeholders", None)
    assert table.headers == ["Nombre", "Sector", "Teléfono", "Alta", "Consentimiento", "Web"]
    assert table.rows == [
        [
            "Ana Núñez",
            "Academia",
            "5551234",
            "2024-03-01",
            "TRUE",
            '=HYPERLINK("http://evil.example","click")',
        ],
        ["Bob", "=1+1", "3.5", "2024-03-01 09:30:00", "FALSE", "<b>x</b>"],
    ]
    assert table.row_numbers == [2, 3]


def test_row_numbers_are_the_sheet_rows(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["B3"] = "Name"
    sheet["C3"] = "Sector"
    sheet["B4"] = "Ana"
    sheet["C4"] = "Media"
    sheet["B9"] = "Bob"
    sheet["C9"] = "Academia"
    workbook.save(tmp_path / "list.xlsx")
    table = read_table(tmp_path / "list.xlsx")
    assert table.headers == ["", "Name", "Sector"]
    assert table.rows == [["", "Ana", "Media"], ["", "Bob", "Academia"]]
    assert table.row_numbers == [4, 9]


def _rewrite(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """Copy a workbook, replacing (or adding) some members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info)))
        for name in replace.keys() - set(old.namelist()):
            new.writestr(name, replace[name])
    return target


@pytest.fixture
def plain_xlsx(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "plain.xlsx", [["Name", "Sector"], ["Ana", "Media"]])


LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"]>\n"
)


def _sheet_with_prologue(prologue: bytes, cell: bytes) -> bytes:
    return (
        prologue + b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>Sector</t></is></c></row>'
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + cell + b"</t></is></c>"
        b'<c r="B2" t="inlineStr"><is><t>Media</t></is></c></row></sheetData></worksheet>'
    )


def test_the_unmodified_sheet_reads(tmp_path: Path, plain_xlsx: Path) -> None:
    """The hand-written sheet below is valid: only the entities make the next tests fail."""
    path = _rewrite(
        plain_xlsx,
        tmp_path / "ok.xlsx",
        {SHEET: _sheet_with_prologue(b'<?xml version="1.0"?>\n', b"Ana")},
    )
    assert read_table(path).rows == [["Ana", "Media"]]


def test_entity_expansion_bomb_is_refused_not_expanded(tmp_path: Path, plain_xlsx: Path) -> None:
    path = _rewrite(
        plain_xlsx, tmp_path / "laughs.xlsx", {SHEET: _sheet_with_prologue(LAUGHS, b"&lol9;")}
    )
    started = time.perf_counter()
    with pytest.raises(UserError) as caught:
        read_table(path)
    assert time.perf_counter() - started < 5
    assert "laughs.xlsx" in str(caught.value)
    assert "entities" in str(caught.value)


def test_external_entity_is_refused(tmp_path: Path, plain_xlsx: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    prologue = (
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "'
        + secret.as_uri().encode()
        + b'">]>\n'
    )
    path = _rewrite(
        plain_xlsx, tmp_path / "xxe.xlsx", {SHEET: _sheet_with_prologue(prologue, b"&xxe;")}
    )
    with pytest.raises(UserError, match="entities or external references") as caught:
        read_table(path)
    assert "TOP SECRET" not in str(caught.value)


@pytest.mark.parametrize(
    "member",
    [
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "docProps/core.xml",
        "[Content_Types].xml",
    ],
)
def test_entities_in_any_part_openpyxl_parses_are_refused(
    tmp_path: Path, plain_xlsx: Path, member: str
) -> None:
    with zipfile.ZipFile(plain_xlsx) as archive:
        xml = archive.read(member)
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    path = _rewrite(plain_xlsx, tmp_path / "book.xlsx", {member: LAUGHS + body.lstrip()})
    with pytest.raises(UserError, match="entities or external references"):
        read_table(path)


def test_zip_bomb_is_refused_from_the_declared_sizes(tmp_path: Path, plain_xlsx: Path) -> None:
    # 50 MB of zeros compresses about a thousand times.
    bomb = _rewrite(plain_xlsx, tmp_path / "bomb.xlsx", {"xl/media/zeros.bin": b""})
    with (
        zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w") as member,
    ):
        chunk = b"\0" * (1024 * 1024)
        for _ in range(50):
            member.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(UserError, match="zip bomb") as caught:
        read_table(bomb)
    assert "bomb.xlsx" in str(caught.value)


def test_too_much_uncompressed_data_is_refused(
    plain_xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with zipfile.ZipFile(plain_xlsx) as archive:
        total = sum(i.file_size for i in archive.infolist())
    monkeypatch.setattr(stakeholders_read, "MAX_XLSX_UNCOMPRESSED", total - 1)
    with pytest.raises(UserError, match="zip bomb"):
        read_table(plain_xlsx)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    with pytest.raises(UserError, match="not an Excel workbook"):
        read_table(path)


def test_a_truncated_workbook(tmp_path: Path, plain_xlsx: Path) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(plain_xlsx.read_bytes()[:1500])
    with pytest.raises(UserError, match=r"cut\.xlsx"):
        read_table(path)


def test_a_damaged_sheet(tmp_path: Path, plain_xlsx: Path) -> None:
    path = _rewrite(plain_xlsx, tmp_path / "bad.xlsx", {SHEET: b"<worksheet><sheetData><row>"})
    with pytest.raises(UserError, match="could not be read as an Excel workbook"):
        read_table(path)


def test_an_empty_sheet(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is empty"):
        read_table(write_xlsx(tmp_path / "empty.xlsx", []))


def test_beyond_the_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stakeholders_read, "MAX_ROWS", 30)
    rows: list[list[object]] = [["Name", "Sector"]] + [[f"P{i}", "Media"] for i in range(31)]
    with pytest.raises(UserError, match="more than 30 rows"):
        read_table(write_xlsx(tmp_path / "long.xlsx", rows))


def test_a_row_far_beyond_excel_limits_does_not_make_us_loop(
    tmp_path: Path, plain_xlsx: Path
) -> None:
    sheet = (
        _sheet_with_prologue(b'<?xml version="1.0"?>\n', b"Ana")
        .replace(b'<row r="2">', b'<row r="2000000000">')
        .replace(b'r="A2"', b'r="A2000000000"')
        .replace(b'r="B2"', b'r="B2000000000"')
    )
    path = _rewrite(plain_xlsx, tmp_path / "far.xlsx", {SHEET: sheet})
    started = time.perf_counter()
    with pytest.raises(UserError, match="no rows of data"):
        read_table(path)
    assert time.perf_counter() - started < 10


SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _with_shared_strings(plain: Path, target: Path, prologue: bytes) -> Path:
    """The plain workbook with its first name in a shared-string table (with a prologue)."""
    with zipfile.ZipFile(plain) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="'
        + SHARED_TYPE.encode()
        + b'"/></Types>',
    )
    sheet = _sheet_with_prologue(b'<?xml version="1.0"?>\n', b"unused").replace(
        b'<c r="A2" t="inlineStr"><is><t>unused</t></is></c>', b'<c r="A2" t="s"><v>0</v></c>'
    )
    shared = (
        prologue + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="1" uniqueCount="1"><si><t>Ana from the table</t></si></sst>'
    )
    return _rewrite(
        plain,
        target,
        {"[Content_Types].xml": types, SHEET: sheet, "xl/sharedStrings.xml": shared},
    )


def test_shared_strings_are_read(tmp_path: Path, plain_xlsx: Path) -> None:
    path = _with_shared_strings(plain_xlsx, tmp_path / "ok.xlsx", b'<?xml version="1.0"?>\n')
    assert read_table(path).rows == [["Ana from the table", "Media"]]


def test_entities_in_shared_strings_are_refused(tmp_path: Path, plain_xlsx: Path) -> None:
    path = _with_shared_strings(plain_xlsx, tmp_path / "sst.xlsx", LAUGHS)
    with pytest.raises(UserError, match="entities or external references"):
        read_table(path)
