"""``consulta export --format …`` for the documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from consulta.cli import run

from .conftest import Fixture


def test_every_document_format_from_the_command_line(
    consultation: Fixture, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = consultation.ws.path
    consultation.ws.close()
    for fmt in (
        "minutes-pdf",
        "minutes-xlsx",
        "legitimacy-pdf",
        "legitimacy-xlsx",
        "legitimacy-json",
    ):
        assert run(["export", str(path), "--format", fmt]) == 0
    suffixes = sorted(p.name.removeprefix("c.") for p in tmp_path.glob("c.*.*"))
    assert suffixes == [
        "legitimacy.json",
        "legitimacy.pdf",
        "legitimacy.xlsx",
        "minutes.pdf",
        "minutes.xlsx",
    ]
    assert "sectors_total" in json.loads((tmp_path / "c.legitimacy.json").read_text())["input"]
    out = tmp_path / "sign.pdf"
    code = run(
        [
            "export",
            str(path),
            "--format",
            "signin-pdf",
            "--session",
            consultation.planned,
            "--paper",
            "letter",
            "-o",
            str(out),
        ]
    )
    assert code == 0 and round(float(PdfReader(out).pages[0].mediabox.width)) == 612
    capsys.readouterr()
    assert run(["export", str(path), "--format", "signin-pdf"]) == 1
    assert run(["export", str(path), "--format", "legitimacy-pdf", "--session", "x"]) == 1
    assert (
        run(
            [
                "export",
                str(path),
                "--format",
                "minutes-pdf",
                "--session",
                "nope",
                "-o",
                str(tmp_path / "none.pdf"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "--session" in err and "Traceback" not in err
    assert not (tmp_path / "none.pdf").exists()
