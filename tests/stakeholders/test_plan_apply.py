"""Planning an import (reads only) and applying it (one transaction, one undo step)."""

from __future__ import annotations

from pathlib import Path

import pytest

from consulta.domain import model as m
from consulta.domain.errors import CancelledError, UserError
from consulta.domain.progress import Progress
from consulta.interchange.stakeholders import (
    apply_import,
    guess_mapping,
    plan_import,
    read_table,
)
from consulta.services.workspace import Workspace

from .conftest import HEADERS, counts, write_csv


def _plan(ws: Workspace, tmp_path: Path, rows: list[list[str]], **kwargs: object):  # type: ignore[no-untyped-def]
    table = read_table(write_csv(tmp_path / "list.csv", [HEADERS, *rows]))
    return plan_import(ws, table, guess_mapping(table.headers), **kwargs)  # type: ignore[arg-type]


def _row(
    name: str,
    sector: str = "Academia",
    org: str = "",
    email: str = "",
    phone: str = "",
    district: str = "",
    gender: str = "",
    consent: str = "",
) -> list[str]:
    return [name, sector, org, email, phone, district, gender, consent]


def _sector_id(ws: Workspace, name: str) -> str:
    return next(s.id for s in ws.sectors.list() if s.name == name)


def test_a_clean_list_is_planned_then_applied(ws: Workspace, tmp_path: Path) -> None:
    plan = _plan(
        ws,
        tmp_path,
        [
            _row(
                "Ana Núñez",
                "academia",
                "Universidad Nacional",
                "ana@uni.edu",
                "+54 351 555",
                "Centro",
                "F",
                "sí",
            ),
            _row("Bruno Díaz", "MEDIA", "", "", "", "centro", "hombre", "no"),
        ],
    )
    assert not plan.errors and not plan.duplicates and not plan.blocked
    assert [o.name for o in plan.new_organisations] == ["Universidad Nacional"]
    assert [d.name for d in plan.new_districts] == ["Centro"]
    before = counts(ws.path)
    result = apply_import(ws, plan)
    assert (result.imported, result.organisations_created, result.districts_created) == (2, 1, 1)
    after = counts(ws.path)
    assert after["participant"] == before["participant"] + 2
    assert after["audit_log"] == before["audit_log"] + 1  # one action
    ana, bruno = sorted(ws.participants.list(), key=lambda p: p.name)
    assert ana.sector_id == _sector_id(ws, "Academia")
    assert ana.organisation_id is not None
    assert ws.organisations.get(ana.organisation_id).name == "Universidad Nacional"
    assert (ana.email, ana.phone, ana.gender, ana.consent_named) == (
        "ana@uni.edu",
        "+54 351 555",
        m.Gender.FEMALE,
        True,
    )
    assert ana.district_id == bruno.district_id  # "centro" matched the new "Centro"
    assert (bruno.sector_id, bruno.gender, bruno.consent_named) == (
        _sector_id(ws, "Media"),
        m.Gender.MALE,
        False,
    )
    assert ws.participants.count("nunez") == 1  # search_key was written


def test_existing_organisations_and_districts_are_matched(ws: Workspace, tmp_path: Path) -> None:
    academia = _sector_id(ws, "Academia")
    org = ws.organisations.create("Universidad Nacional de Córdoba", academia)
    same_name_other_sector = ws.organisations.create(
        "Universidad Nacional de Córdoba", _sector_id(ws, "Media")
    )
    district = ws.districts.create("Barrio Güemes")
    plan = _plan(
        ws,
        tmp_path,
        [_row("Ana", "Academia", "universidad nacional de cordoba", district="barrio  GUEMES")],
    )
    assert not plan.new_organisations and not plan.new_districts
    apply_import(ws, plan)
    (ana,) = ws.participants.list()
    assert ana.organisation_id == org.id != same_name_other_sector.id
    assert ana.district_id == district.id


def test_nothing_is_written_before_apply(ws: Workspace, tmp_path: Path) -> None:
    before = counts(ws.path)
    plan = _plan(
        ws,
        tmp_path,
        [_row("Ana", "New sector", "New org", district="New district")],
        sector_choices={"New sector": None},
    )
    assert plan.participants() and plan.new_sectors and plan.new_organisations
    assert counts(ws.path) == before
    assert not ws.history.can_undo


def test_apply_is_one_undo_step(ws: Workspace, tmp_path: Path) -> None:
    before = counts(ws.path)
    plan = _plan(
        ws,
        tmp_path,
        [
            _row(
                f"Person {i}",
                "New sector" if i % 2 else "Media",
                f"Org {i % 3}",
                district=f"D{i % 2}",
            )
            for i in range(40)
        ],
        sector_choices={"new sector": None},
    )
    apply_import(ws, plan)
    assert ws.history.undo_label == "Import stakeholder list"
    assert counts(ws.path)["participant"] == 40
    ws.history.undo()
    after_undo = counts(ws.path)
    assert {k: after_undo[k] for k in ("participant", "sector", "organisation", "district")} == {
        k: before[k] for k in ("participant", "sector", "organisation", "district")
    }
    assert not ws.history.can_undo
    ws.history.redo()
    assert counts(ws.path)["participant"] == 40


def test_cancel_leaves_nothing_written(ws: Workspace, tmp_path: Path) -> None:
    class CancelMidway(Progress):
        def update(self, done: int, total: int, message: str = "") -> None:
            if done >= 500:
                self.cancel()

    plan = _plan(ws, tmp_path, [_row(f"P{i}", "Media", "Org", district="D") for i in range(1200)])
    before = counts(ws.path)
    with pytest.raises(CancelledError):
        apply_import(ws, plan, progress=CancelMidway())
    assert counts(ws.path) == before
    assert not ws.history.can_undo


def test_unknown_sectors_block_until_resolved(ws: Workspace, tmp_path: Path) -> None:
    rows = [
        _row("Ana", "Sindicatos"),
        _row("Bea", "sindicatos"),
        _row("Carla", "Prensa"),
        _row("Dora", "Academia"),
    ]
    plan = _plan(ws, tmp_path, rows)
    assert plan.unknown_sectors == ["Sindicatos", "Prensa"]
    assert plan.unresolved_sectors == ["Sindicatos", "Prensa"]
    assert plan.blocked
    assert [r.unresolved_sector for r in plan.rows] == ["Sindicatos", "sindicatos", "Prensa", None]
    with pytest.raises(UserError, match="Sindicatos"):
        apply_import(ws, plan)

    media = _sector_id(ws, "Media")
    plan = _plan(ws, tmp_path, rows, sector_choices={"SINDICATOS": None, "Prensa": media})
    assert plan.unknown_sectors == ["Sindicatos", "Prensa"]
    assert not plan.blocked
    assert [s.name for s in plan.new_sectors] == ["Sindicatos"]
    result = apply_import(ws, plan)
    assert (result.imported, result.sectors_created) == (4, 1)
    names = [s.name for s in ws.sectors.list()]
    assert names[-1] == "Sindicatos" and "Prensa" not in names
    by_name = {p.name: p.sector_id for p in ws.participants.list()}
    assert by_name["Ana"] == by_name["Bea"] == _sector_id(ws, "Sindicatos")
    assert by_name["Carla"] == media


def test_a_choice_pointing_to_no_sector_is_refused(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no longer exists"):
        _plan(ws, tmp_path, [_row("Ana", "X")], sector_choices={"X": "not-an-id"})


def test_row_errors_carry_the_row_number_of_the_file(ws: Workspace, tmp_path: Path) -> None:
    plan = _plan(
        ws,
        tmp_path,
        [
            _row("Fine", "Media"),  # row 2
            _row("", "Media"),  # row 3: no name
            _row("No sector", ""),  # row 4
            _row("Bad mail", "Media", email="not-an-address"),  # row 5
            _row("Odd gender", "Media", gender="robot"),  # row 6
            _row("x" * 301, "Media"),  # row 7: too long
            _row("Odd consent", "Media", consent="maybe"),  # row 8
            _row("Long phone", "Media", phone="5" * 61),  # row 9
        ],
    )
    found = [(e.row, e.field) for e in plan.errors]
    assert found == [
        (3, "name"),
        (4, "sector"),
        (5, "email"),
        (6, "gender"),
        (7, "name"),
        (8, "consent"),
        (9, "phone"),
    ]
    assert str(plan.errors[0]).startswith("row 3: ")
    assert "not-an-address" in str(plan.errors[2])
    assert "too long" in str(plan.errors[4])
    result = apply_import(ws, plan)
    assert (result.imported, result.skipped_errors) == (1, 7)
    assert [p.name for p in ws.participants.list()] == ["Fine"]


def test_a_row_with_several_problems_lists_them_all(ws: Workspace, tmp_path: Path) -> None:
    plan = _plan(ws, tmp_path, [_row("", "", email="x", gender="robot")])
    assert [e.field for e in plan.errors] == ["name", "sector", "email", "gender"]
    assert {e.row for e in plan.errors} == {2}


def test_duplicates_within_the_list(ws: Workspace, tmp_path: Path) -> None:
    plan = _plan(
        ws,
        tmp_path,
        [
            _row("Ana Núñez", org="UNC", email="ana@unc.edu"),  # row 2
            _row("Another Ana", org="Other", email="ANA@unc.edu"),  # row 3: same e-mail
            _row("ana   nunez", org="unc"),  # row 4: same name + org
            _row("Ana Núñez", org="Elsewhere"),  # row 5: other organisation
        ],
    )
    dups = {d.row: (d.reason, d.of_row, d.existing) for d in plan.duplicates}
    assert dups == {3: ("email", 2, None), 4: ("name", 2, None)}
    assert "repeats row 2" in str(plan.duplicates[0])
    assert len(plan.participants()) == 2
    assert len(plan.participants(include_duplicates=True)) == 4


def test_duplicates_against_the_file(ws: Workspace, tmp_path: Path) -> None:
    academia = _sector_id(ws, "Academia")
    org = ws.organisations.create("UNC", academia)
    by_mail = ws.participants.create(
        m.Participant(name="Ana", sector_id=academia, email="Ana@UNC.edu")
    )
    by_name = ws.participants.create(
        m.Participant(name="Bruno Díaz", sector_id=academia, organisation_id=org.id)
    )
    plan = _plan(
        ws,
        tmp_path,
        [
            _row("Ana Other", email="ana@unc.edu"),  # row 2
            _row("BRUNO  DIAZ", org="unc"),  # row 3
            _row("Bruno Díaz", org="Other place"),  # row 4: not a duplicate
        ],
    )
    dups = {d.row: (d.reason, d.existing.id if d.existing else None) for d in plan.duplicates}
    assert dups == {2: ("email", by_mail.id), 3: ("name", by_name.id)}
    assert "already in the consultation" in str(plan.duplicates[0])
    before = counts(ws.path)
    result = apply_import(ws, plan)
    assert (result.imported, result.skipped_duplicates) == (1, 2)
    assert counts(ws.path)["participant"] == before["participant"] + 1


def test_duplicates_can_be_imported_anyway(ws: Workspace, tmp_path: Path) -> None:
    plan = _plan(ws, tmp_path, [_row("Ana", email="a@x.org"), _row("Ana B", email="a@x.org")])
    result = apply_import(ws, plan, include_duplicates=True)
    assert (result.imported, result.skipped_duplicates) == (2, 0)
    assert ws.participants.count() == 2


def test_organisations_only_used_by_skipped_rows_are_not_created(
    ws: Workspace, tmp_path: Path
) -> None:
    plan = _plan(
        ws,
        tmp_path,
        [_row("Ana", org="Kept"), _row("ana", org="kept"), _row("Bad", org="Never", email="bad")],
    )
    assert [o.name for o in plan.new_organisations] == ["Kept"]
    result = apply_import(ws, plan)
    assert result.organisations_created == 1
    assert [o.name for o in ws.organisations.list()] == ["Kept"]


HOSTILE = ["=cmd|' /C calc'!A0", "<b>x</b>", "+SUM(A1)", "@import", "<img src=x onerror=1>"]


def test_every_cell_is_stored_literally(ws: Workspace, tmp_path: Path) -> None:
    plan = _plan(
        ws,
        tmp_path,
        [_row(text, org=text) for text in HOSTILE] + [_row("Ana", district="<i>North</i>")],
    )
    apply_import(ws, plan)
    people = ws.participants.list()
    assert sorted(p.name for p in people) == sorted([*HOSTILE, "Ana"])
    assert sorted(o.name for o in ws.organisations.list()) == sorted(HOSTILE)
    assert [d.name for d in ws.districts.list()] == ["<i>North</i>"]


def test_the_mapping_must_name_name_and_sector(ws: Workspace, tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "l.csv", [HEADERS, _row("Ana")]))
    with pytest.raises(UserError, match="mapped to Sector"):
        plan_import(ws, table, {0: "name"})
    with pytest.raises(UserError, match="Two columns"):
        plan_import(ws, table, {0: "name", 1: "sector", 2: "name"})
    with pytest.raises(UserError, match="not a field"):
        plan_import(ws, table, {0: "name", 1: "sector", 2: "shoe size"})
    with pytest.raises(UserError, match="no column 99"):
        plan_import(ws, table, {0: "name", 1: "sector", 98: "email"})


def test_a_stale_plan_is_refused(ws: Workspace, tmp_path: Path) -> None:
    plan = _plan(ws, tmp_path, [_row("Ana", district="North")])
    ws.districts.create("north")  # created in the app between preview and confirm
    before = counts(ws.path)
    with pytest.raises(UserError, match="Preview the import again"):
        apply_import(ws, plan)
    assert counts(ws.path) == before


def test_a_read_only_file_is_not_written(tmp_consulta: Path, tmp_path: Path) -> None:
    Workspace.create(tmp_consulta, "T").close()
    with Workspace.open(tmp_consulta, readonly=True) as ws:
        plan = _plan(ws, tmp_path, [_row("Ana")])
        with pytest.raises(UserError, match="read-only"):
            apply_import(ws, plan)


def test_a_table_built_by_hand_numbers_its_rows_from_2(ws: Workspace, tmp_path: Path) -> None:
    from consulta.interchange.stakeholders import RawTable

    table = RawTable(tmp_path / "typed.csv", ["Nom", "Secteur"], [["Ana", "Media"], ["", "Media"]])
    plan = plan_import(ws, table, guess_mapping(table.headers))
    assert [e.row for e in plan.errors] == [3]
