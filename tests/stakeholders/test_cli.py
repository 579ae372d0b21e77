"""``consulta import-stakeholders``: output, what it writes, and its exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from consulta.cli import run
from consulta.services.workspace import Workspace

from .conftest import counts, write_csv, write_xlsx

ROWS = [
    ["Nombre", "Sector", "Entidad", "Correo", "Notas"],
    ["Ana Núñez", "Academia", "UNC", "ana@unc.edu", "x"],
    ["Bruno", "Sindicatos", "CGT", "", ""],
    ["", "Media", "", "", ""],
    ["Ana Nunez", "Academia", "unc", "", ""],
]


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTA_LANG", "en")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    consultation = tmp_path / "city.consulta"
    Workspace.create(consultation, "City").close()
    return consultation, write_csv(tmp_path / "list.csv", ROWS, delimiter=";")


def test_unknown_sector_stops_the_import_with_advice(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    consultation, listing = files
    before = counts(consultation)
    assert run(["import-stakeholders", str(consultation), str(listing)]) == 1
    out, err = capsys.readouterr()
    assert "“Nombre” → Name" in out
    assert "“Entidad” → Organisation" in out
    assert "“Notas” → (not imported)" in out
    assert "row 4: Name is required" in out
    assert "row 5: “Ana Nunez” repeats row 2" in out
    assert "--create-sectors" in err and "--sector-map" in err and "“Sindicatos”" in err
    assert "Traceback" not in err
    assert counts(consultation) == before


def test_create_sectors_imports_and_skips_duplicates(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    consultation, listing = files
    args = ["import-stakeholders", str(consultation), str(listing), "--create-sectors"]
    assert run(args) == 0
    out = capsys.readouterr().out
    assert "New sectors: Sindicatos" in out
    assert "Imported 2 participants" in out
    with Workspace.open(consultation, readonly=True) as ws:
        assert sorted(p.name for p in ws.participants.list()) == ["Ana Núñez", "Bruno"]
        assert "Sindicatos" in [s.name for s in ws.sectors.list()]
    # Again: everyone is now a duplicate of the file, so nothing is left to import.
    assert run(args) == 1
    captured = capsys.readouterr()
    assert "already in the consultation" in captured.out
    assert "Nothing to import" in captured.err


def test_sector_map_include_duplicates_and_map_override(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    consultation, listing = files
    code = run(
        [
            "import-stakeholders",
            str(consultation),
            str(listing),
            "--sector-map",
            "sindicatos=private SECTOR",
            "--include-duplicates",
            "--map",
            "Notas=phone",
            "--map",
            "4=-",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "“Notas” → Phone" in out and "“Correo” → (not imported)" in out
    with Workspace.open(consultation, readonly=True) as ws:
        people = {p.name: p for p in ws.participants.list()}
        private = next(s.id for s in ws.sectors.list() if s.name == "Private sector")
    assert set(people) == {"Ana Núñez", "Bruno", "Ana Nunez"}
    assert people["Bruno"].sector_id == private
    assert people["Ana Núñez"].phone == "x" and people["Ana Núñez"].email is None


def test_dry_run_writes_nothing(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    consultation, listing = files
    before = counts(consultation)
    code = run(
        ["import-stakeholders", str(consultation), str(listing), "--create-sectors", "--dry-run"]
    )
    assert code == 0
    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert counts(consultation) == before


def test_xlsx_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    consultation = tmp_path / "c.consulta"
    Workspace.create(consultation, "C", language="es").close()
    listing = write_xlsx(
        tmp_path / "l.xlsx",
        [
            ["Nome", "Setor", "Telefone", "Consentimento"],
            ['=HYPERLINK("http://x")', "Academia", 5551234, "sim"],
        ],
    )
    assert run(["import-stakeholders", str(consultation), str(listing)]) == 0
    with Workspace.open(consultation, readonly=True) as ws:
        (person,) = ws.participants.list()
    assert (person.name, person.phone, person.consent_named) == (
        '=HYPERLINK("http://x")',
        "5551234",
        True,
    )


@pytest.mark.parametrize(
    "extra",
    [["--map", "Nombre"], ["--map", "Nombre=shoe size"], ["--sector-map", "=Media"]],
)
def test_bad_option_values_are_usage_errors(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    consultation, listing = files
    before = counts(consultation)
    assert run(["import-stakeholders", str(consultation), str(listing), *extra]) == 2
    assert capsys.readouterr().err.strip()
    assert counts(consultation) == before


def test_missing_argument_is_a_usage_error(files: tuple[Path, Path]) -> None:
    consultation, _listing = files
    with pytest.raises(SystemExit) as caught:
        run(["import-stakeholders", str(consultation)])
    assert caught.value.code == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--map", "Shoe=phone"], "no column “Shoe”"),
        (["--sector-map", "Sindicatos=Nonexistent"], "no sector “Nonexistent”"),
    ],
)
def test_user_errors_exit_1(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    consultation, listing = files
    assert run(["import-stakeholders", str(consultation), str(listing), *extra]) == 1
    assert message in capsys.readouterr().err


def test_hostile_list_exits_1_with_a_message(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    consultation, _listing = files
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 10)
    assert run(["import-stakeholders", str(consultation), str(junk)]) == 1
    err = capsys.readouterr().err
    assert "junk.csv" in err and "Traceback" not in err


def test_missing_consultation_exits_1(tmp_path: Path, files: tuple[Path, Path]) -> None:
    _consultation, listing = files
    assert run(["import-stakeholders", str(tmp_path / "none.consulta"), str(listing)]) == 1
