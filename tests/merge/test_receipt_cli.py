"""The receipt in its three formats, read back, and the kit/merge commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from consulta.domain import model as m
from consulta.merge.apply import apply_merge
from consulta.merge.receipt import write_receipt
from consulta.services.workspace import Workspace
from tests.merge.helpers import BASE_MS, build_master, copy_of, set_clock, sha256


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "consulta", *args],
        capture_output=True,
        text=True,
        env={"CONSULTA_LANG": "en", "PATH": ""},
    )


@pytest.fixture
def merged(tmp_path: Path) -> tuple[Path, Path, object]:
    master = build_master(tmp_path / "master.consulta")
    a = copy_of(master, tmp_path / "a.consulta")
    with Workspace.open(a) as ws:
        set_clock(ws, BASE_MS + 5_000_000, 1000)
        p = ws.participants.list()[0]
        ws.participants.update(
            m.Participant(
                **{
                    **{k: getattr(p, k) for k in ("id", "sector_id", "district_id")},
                    "name": '=HYPERLINK("http://x") <b>&',
                }
            )
        )
    with Workspace.open(master) as ws:
        p = ws.participants.list()[0]
        ws.participants.update(
            m.Participant(
                **{
                    **{k: getattr(p, k) for k in ("id", "sector_id", "district_id")},
                    "name": "Ana Ñandú",
                }
            )
        )
    result = apply_merge(master, [a])
    return master, a, result


def test_json_receipt(merged: tuple[Path, Path, object], tmp_path: Path) -> None:
    master, a, result = merged
    path = write_receipt(result, tmp_path / "r.json")  # type: ignore[arg-type]
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["master"]["sha256_after"] == sha256(master)
    assert doc["master"]["sha256_before"] != doc["master"]["sha256_after"]
    [f] = doc["files"]
    assert f["sha256"] == sha256(a) and f["counts"]["conflicting"] == 1
    [c] = doc["conflicts"]
    assert c["fields"][0]["master"] == "Ana Ñandú" and c["resolution"] == "automatic"


def test_xlsx_receipt_keeps_text_as_text(merged: tuple[Path, Path, object], tmp_path: Path) -> None:
    _master, a, result = merged
    path = write_receipt(result, tmp_path / "r.xlsx")  # type: ignore[arg-type]
    book = load_workbook(path)
    files = book.worksheets[1]
    assert files.cell(row=2, column=1).value == a.name
    assert files.cell(row=2, column=3).value == sha256(a)
    conflicts = book.worksheets[2]
    cell = conflicts.cell(row=2, column=5)
    assert cell.value == '=HYPERLINK("http://x") <b>&' and cell.data_type == "s"


def test_pdf_receipt(merged: tuple[Path, Path, object], tmp_path: Path) -> None:
    master, _a, result = merged
    path = write_receipt(result, tmp_path / "r.pdf")  # type: ignore[arg-type]
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert "Merge receipt" in text
    assert sha256(master)[:20] in text.replace(" ", "")
    assert "Ñandú" in text and "<b>&" in text
    fonts = str(reader.pages[0]["/Resources"]["/Font"])
    assert "ConsultaReceipt" in fonts or "DejaVu" in fonts or "/F" in fonts


def test_kit_and_merge_commands(tmp_path: Path) -> None:
    master = build_master(tmp_path / "master.consulta")
    kit = tmp_path / "norte.consulta"
    done = _cli("kit", str(master), "--district", "Norte", "-o", str(kit))
    assert done.returncode == 0, done.stderr
    with Workspace.open(kit) as ws:
        ws.districts.create("Oeste")
    before = sha256(master)
    dry = _cli(
        "merge", str(kit), "--into", str(master), "--dry-run", "--receipt", str(tmp_path / "r.json")
    )
    assert dry.returncode == 0, dry.stderr
    assert "Added: 1" in dry.stdout and sha256(master) == before
    assert json.loads((tmp_path / "r.json").read_text())["dry_run"] is True
    real = _cli("merge", str(kit), "--into", str(master), "--receipt", str(tmp_path / "r.pdf"))
    assert real.returncode == 0, real.stderr
    assert sha256(master) != before and (tmp_path / "r.pdf").exists()
    bad = tmp_path / "bad.consulta"
    bad.write_text("not a database")
    refused = _cli("merge", str(bad), "--into", str(master))
    assert refused.returncode == 1 and "not a Consulta file" in refused.stderr
    assert "Traceback" not in refused.stderr
