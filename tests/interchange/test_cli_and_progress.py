"""The import and export subcommands (exit codes, messages, the format registry), and
cancelling long work: a cancelled import or export leaves nothing behind."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from consulta.cli import run
from consulta.cli.interchange import EXPORT_FORMATS, EXPORT_SUFFIXES, register_export_format
from consulta.domain.errors import CancelledError
from consulta.domain.progress import Progress
from consulta.interchange import export_json, import_json
from consulta.services.workspace import Workspace

from .documents import base_doc


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(base_doc()), encoding="utf-8")
    return path


def test_import_prints_counts_and_warnings(
    tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = base_doc()
    doc["extra"] = 1
    source.write_text(json.dumps(doc), encoding="utf-8")
    assert run(["import", str(source), str(tmp_path / "out.consulta")]) == 0
    out = capsys.readouterr().out
    assert "Participants: 2" in out and "Positions: 2" in out and "Districts: 2" in out
    assert "extra: unknown key, ignored" in out
    assert (tmp_path / "out.consulta").exists()


def test_import_of_a_bad_document_lists_every_error(
    tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = base_doc()
    template = doc["positions"][1]
    doc["positions"] = [
        {
            **template,
            "id": f"{k:08x}-0000-4000-8000-000000000000",
            "stance": "maybe",
            "sector_id": f"{k:08x}-1111-4000-8000-000000000000",
        }
        for k in range(70)
    ]
    source.write_text(json.dumps(doc), encoding="utf-8")
    assert run(["import", str(source), str(tmp_path / "out.consulta")]) == 1
    err = capsys.readouterr().err
    assert "140 error(s)" in err and "nothing was written" in err
    for k in range(70):  # all of them, beyond the 50 an error message shows
        assert f"positions[{k}].stance: must be one of" in err
        assert f"positions[{k}].sector_id: no sector with this id" in err
    assert not (tmp_path / "out.consulta").exists()


def test_import_refuses_an_existing_target_unless_overwrite(
    tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.consulta"
    assert run(["import", str(source), str(target)]) == 0
    assert run(["import", str(source), str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert run(["import", str(source), str(target), "--overwrite"]) == 0


def test_export_json_round_trips_through_the_cli(
    tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.consulta"
    assert run(["import", str(source), str(target)]) == 0
    assert run(["export", str(target), "--format", "json", "-o", str(tmp_path / "x.json")]) == 0
    assert run(["export", str(target)]) == 0  # default: json, next to the file
    assert "Exported" in capsys.readouterr().out
    first = json.loads((tmp_path / "x.json").read_text("utf-8"))
    assert first == json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert first["participants"][0]["name"] == "Ana Núñez"


def test_export_errors_and_bad_usage(
    tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.consulta"
    assert run(["import", str(source), str(target)]) == 0
    assert run(["export", str(target), "--session", "x", "-o", str(tmp_path / "x.json")]) == 1
    assert "leave out --session" in capsys.readouterr().err
    assert run(["export", str(tmp_path / "missing.consulta")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert run(["export", str(target), "-o", str(target)]) == 1
    with pytest.raises(SystemExit) as usage:
        run(["export", str(target), "--format", "nonsense"])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as usage:
        run(["import", str(source)])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as usage:
        run(["export", str(target), "--paper", "a3"])
    assert usage.value.code == 2


def test_a_registered_export_format_is_offered_and_called(tmp_path: Path, source: Path) -> None:
    target = tmp_path / "out.consulta"
    assert run(["import", str(source), str(target)]) == 0
    calls: list[tuple[str, Path, str | None, str | None]] = []

    def fake(ws: Workspace, output: Path, args: argparse.Namespace) -> Path:
        calls.append((ws.consultation.get().title, output, args.session, args.paper))
        output.write_text("x")
        return output

    register_export_format("fake-pdf", fake, ".pdf")
    try:
        assert (
            run(
                [
                    "export",
                    str(target),
                    "--format",
                    "fake-pdf",
                    "--session",
                    "S1",
                    "--paper",
                    "letter",
                ]
            )
            == 0
        )
    finally:
        EXPORT_FORMATS.pop("fake-pdf")
        EXPORT_SUFFIXES.pop("fake-pdf")
    assert calls == [("Estrategia de internacionalización", tmp_path / "out.pdf", "S1", "letter")]


class _CancelAt(Progress):
    def __init__(self, words: str) -> None:
        super().__init__()
        self.words = words
        self.seen: list[str] = []

    def update(self, done: int, total: int, message: str = "") -> None:
        self.seen.append(message)
        if self.words in message:
            self.cancel()


def test_a_cancelled_import_leaves_nothing(tmp_path: Path, source: Path) -> None:
    progress = _CancelAt("Writing the consultation")  # once the new file is being written
    with pytest.raises(CancelledError):
        import_json(source, tmp_path / "out.consulta", progress=progress)
    assert any("Writing" in m for m in progress.seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


def test_a_cancelled_export_leaves_nothing(tmp_path: Path, source: Path) -> None:
    target = tmp_path / "out.consulta"
    import_json(source, target)
    progress = _CancelAt("Writing “x.json”")
    with Workspace.open(target, readonly=True) as ws, pytest.raises(CancelledError):
        export_json(ws, tmp_path / "x.json", progress)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "out.consulta"]
    # and an existing export is kept as it was
    (tmp_path / "x.json").write_text("old")
    with Workspace.open(target, readonly=True) as ws, pytest.raises(CancelledError):
        export_json(ws, tmp_path / "x.json", _CancelAt("Writing"))
    assert (tmp_path / "x.json").read_text() == "old"


def test_a_failed_write_names_the_target_and_leaves_nothing(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from consulta.domain.errors import FileError
    from consulta.interchange import json_bulk

    def broken(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(json_bulk, "insert_columns", broken)
    with pytest.raises(FileError, match=r"out\.consulta” could not be written \(disk I/O error\)"):
        import_json(source, tmp_path / "out.consulta")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


def test_import_reports_progress_against_the_number_of_records(
    tmp_path: Path, source: Path
) -> None:
    seen: list[tuple[int, int]] = []

    class Recording(Progress):
        def update(self, done: int, total: int, message: str = "") -> None:
            seen.append((done, total))

    report = import_json(source, tmp_path / "out.consulta", progress=Recording())
    counted = [(done, total) for done, total in seen if total]
    assert counted and all(total == report.total for _done, total in counted)
    assert counted[-1][0] == report.total
