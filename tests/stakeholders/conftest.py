"""Helpers for the stakeholder-list tests: lists written in the test, a fresh consultation,
and row counts read straight from the SQLite file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from consulta.services.workspace import Workspace

HEADERS = ["Name", "Sector", "Organisation", "E-mail", "Phone", "District", "Gender", "Consent"]


def write_csv(
    path: Path,
    rows: list[list[str]],
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    """Write rows as CSV text by hand (quoting only what needs it)."""

    def cell(text: str) -> str:
        if any(c in text for c in (delimiter, '"', "\n", "\r")):
            return '"' + text.replace('"', '""') + '"'
        return text

    text = "\r\n".join(delimiter.join(cell(c) for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Stakeholders"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def counts(path: Path) -> dict[str, int]:
    """Rows per table, read from the file itself (not through the workspace)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("participant", "sector", "organisation", "district", "audit_log")
        }
    finally:
        conn.close()


@pytest.fixture
def ws(tmp_consulta: Path) -> Iterator[Workspace]:
    """A new English consultation with the seven default sectors."""
    with Workspace.create(tmp_consulta, "Internationalisation strategy") as workspace:
        yield workspace
