"""Importing a stakeholder list (CSV/XLSX) in two phases, for the app's wizard and the CLI.

1. ``read_table`` (the file as text) → ``guess_mapping`` (columns → fields, which the user
   may correct) → ``plan_import``: per row a proposed participant or the row's errors,
   unknown sectors to resolve, organisations and districts to create, duplicates. Reads
   only; nothing is written.
2. ``apply_import``: the user confirmed; writes the plan in one transaction, which is one
   undo step, all or nothing.

Every cell is data: it is stored as typed (trimmed), never interpreted as markup or formula.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from consulta.domain import model as m
from consulta.domain.errors import UserError, ValidationError
from consulta.domain.progress import Progress, step
from consulta.domain.text import clean, fold
from consulta.i18n import _
from consulta.interchange.stakeholders_read import MAX_ROWS, RawTable, read_table
from consulta.interchange.stakeholders_words import (
    FIELDS,
    field_label,
    guess_mapping,
    parse_consent,
    parse_gender,
)
from consulta.services.base import optional, required
from consulta.services.participants import participant_row
from consulta.services.unit import table as db_table
from consulta.store.mapping import to_row

if TYPE_CHECKING:
    from consulta.services.workspace import Workspace

__all__ = [
    "FIELDS",
    "MAX_ROWS",
    "Duplicate",
    "ImportPlan",
    "ImportResult",
    "PlannedRow",
    "RawTable",
    "RowError",
    "apply_import",
    "field_label",
    "guess_mapping",
    "plan_import",
    "read_table",
]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_LIMIT = 60


def key_of(text: str) -> str:
    """Accent/case-insensitive, whitespace-collapsed form used to match names."""
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class RowError:
    row: int  # as in the file, 1-based, header included
    field: str | None
    message: str

    def __str__(self) -> str:
        return _("row {row}: {message}", row=self.row, message=self.message)


@dataclass(frozen=True)
class Duplicate:
    row: int
    name: str
    reason: str  # "email" or "name" (same name and organisation)
    of_row: int | None = None  # an earlier row of the list, or
    existing: m.Participant | None = None  # a participant already in the file

    def __str__(self) -> str:
        what = _("same e-mail") if self.reason == "email" else _("same name and organisation")
        if self.existing is not None:
            return _(
                "row {row}: “{name}” is already in the consultation ({what}).",
                row=self.row,
                name=self.name,
                what=what,
            )
        return _(
            "row {row}: “{name}” repeats row {other} ({what}).",
            row=self.row,
            name=self.name,
            other=self.of_row,
            what=what,
        )


@dataclass
class PlannedRow:
    row: int
    participant: m.Participant | None  # None: the row has errors or an unresolved sector
    errors: list[RowError] = field(default_factory=list)
    duplicate: Duplicate | None = None
    unresolved_sector: str | None = None


@dataclass
class ImportPlan:
    source: Path
    mapping: dict[int, str]
    rows: list[PlannedRow]
    unknown_sectors: list[str]  # sector names of the list that match no sector of the file
    unresolved_sectors: list[str]  # those of them that sector_choices does not resolve
    new_sectors: list[m.Sector]
    new_organisations: list[m.Organisation]
    new_districts: list[m.District]

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.rows for e in r.errors]

    @property
    def duplicates(self) -> list[Duplicate]:
        return [r.duplicate for r in self.rows if r.duplicate is not None]

    @property
    def blocked(self) -> bool:
        """Nothing can be imported until every unknown sector is created or mapped."""
        return bool(self.unresolved_sectors)

    def participants(self, include_duplicates: bool = False) -> list[m.Participant]:
        return [
            r.participant
            for r in self.rows
            if r.participant is not None and (include_duplicates or r.duplicate is None)
        ]


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped_duplicates: int
    skipped_errors: int
    sectors_created: int
    organisations_created: int
    districts_created: int


# -- planning ----------------------------------------------------------------------------


class _Context:
    """What the file already holds, indexed by folded names."""

    def __init__(self, ws: Workspace, choices: Mapping[str, str | None]) -> None:
        self.sectors = {key_of(s.name): s.id for s in ws.sectors.list()}
        self.sector_ids = set(self.sectors.values())
        self.organisations = {(o.sector_id, key_of(o.name)): o.id for o in ws.organisations.list()}
        org_names = {o.id: key_of(o.name) for o in ws.organisations.list()}
        self.districts = {key_of(d.name): d.id for d in ws.districts.list()}
        self.choices: dict[str, str | None] = {}
        for name, target in choices.items():
            if target is not None and target not in self.sector_ids:
                raise UserError(
                    _(
                        "The sector chosen for “{name}” no longer exists. Choose another sector.",
                        name=name,
                    )
                )
            self.choices[key_of(name)] = target
        self.by_email: dict[str, m.Participant] = {}
        self.by_name: dict[tuple[str, str], m.Participant] = {}
        for p in ws.participants.list():
            if p.email:
                self.by_email.setdefault(p.email.casefold(), p)
            org = org_names.get(p.organisation_id or "", "")
            self.by_name.setdefault((key_of(p.name), org), p)
        self.unknown: dict[str, str] = {}  # key -> name as first written
        self.new_sectors: dict[str, m.Sector] = {}
        self.new_organisations: dict[tuple[str, str], m.Organisation] = {}
        self.new_districts: dict[str, m.District] = {}

    def sector(self, name: str) -> str | None:
        """The id for a sector name; None when it is unknown and not (yet) resolved."""
        key = key_of(name)
        if key in self.sectors:
            return self.sectors[key]
        self.unknown.setdefault(key, name)
        if key not in self.choices:
            return None
        target = self.choices[key]
        if target is not None:
            return target
        if key not in self.new_sectors:
            self.new_sectors[key] = m.Sector(name=name)
        return self.new_sectors[key].id

    def organisation(self, name: str, sector_id: str) -> str:
        key = (sector_id, key_of(name))
        if key in self.organisations:
            return self.organisations[key]
        if key not in self.new_organisations:
            self.new_organisations[key] = m.Organisation(name=name, sector_id=sector_id)
        return self.new_organisations[key].id

    def district(self, name: str) -> str:
        key = key_of(name)
        if key in self.districts:
            return self.districts[key]
        if key not in self.new_districts:
            self.new_districts[key] = m.District(name=name)
        return self.new_districts[key].id


def plan_import(
    ws: Workspace,
    table: RawTable,
    mapping: Mapping[int, str],
    sector_choices: Mapping[str, str | None] | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing ``table`` with ``mapping`` would do. Reads the file, writes nothing.

    ``sector_choices`` resolves sector names that match no sector: name -> the id of an
    existing sector, or None to create a sector with that name."""
    mapping = _checked_mapping(table, mapping)
    columns = {f: index for index, f in mapping.items()}
    ctx = _Context(ws, sector_choices or {})
    planned: list[PlannedRow] = []
    seen_email: dict[str, int] = {}
    seen_name: dict[tuple[str, str], int] = {}
    total = len(table.rows)
    for done, (number, cells) in enumerate(zip(table.row_numbers, table.rows, strict=True)):
        if done % 2000 == 0:
            step(progress, done, total, _("Checking the list…"))
        values = {f: clean(cells[i]) if i < len(cells) else "" for f, i in columns.items()}
        row = _plan_row(ctx, number, values)
        if not row.errors:
            _mark_duplicate(ctx, row, values, seen_email, seen_name)
        planned.append(row)
    unresolved = [name for key, name in ctx.unknown.items() if key not in ctx.choices]
    return ImportPlan(
        source=table.path,
        mapping=dict(mapping),
        rows=planned,
        unknown_sectors=list(ctx.unknown.values()),
        unresolved_sectors=unresolved,
        new_sectors=list(ctx.new_sectors.values()),
        new_organisations=list(ctx.new_organisations.values()),
        new_districts=list(ctx.new_districts.values()),
    )


def _checked_mapping(table: RawTable, mapping: Mapping[int, str]) -> dict[int, str]:
    result: dict[int, str] = {}
    for index, f in mapping.items():
        if f not in FIELDS:
            raise UserError(
                _(
                    "“{field}” is not a field Consulta imports. Use one of: {fields}.",
                    field=f,
                    fields=", ".join(FIELDS),
                )
            )
        if not 0 <= index < table.width:
            raise UserError(_("The list has no column {number}.", number=index + 1))
        if f in result.values():
            raise UserError(
                _("Two columns are mapped to {field}. Map each field once.", field=field_label(f))
            )
        result[index] = f
    for needed in ("name", "sector"):
        if needed not in result.values():
            raise UserError(
                _(
                    "No column of “{path}” is mapped to {field}. Choose the column that holds it "
                    "in the mapping step (in the command line: --map COLUMN={key}).",
                    path=table.path.name,
                    field=field_label(needed),
                    key=needed,
                )
            )
    return result


def _plan_row(ctx: _Context, number: int, values: dict[str, str]) -> PlannedRow:
    errors: list[RowError] = []

    def check(f: str, label: str, text: str, limit: int = 300, need: bool = False) -> str:
        try:
            if need:
                return required(text, f, label, limit)
            return optional(text, f, label, limit) or ""
        except ValidationError as error:
            errors.append(RowError(number, f, error.message))
            return ""

    name = check("name", _("Name"), values.get("name", ""), need=True)
    sector = check("sector", _("Sector"), values.get("sector", ""), need=True)
    organisation = check("organisation", _("Organisation"), values.get("organisation", ""))
    email = check("email", _("E-mail"), values.get("email", ""))
    if email and not _EMAIL.match(email):
        errors.append(
            RowError(
                number,
                "email",
                _(
                    "“{email}” is not a valid e-mail address. Correct it or leave it empty.",
                    email=email,
                ),
            )
        )
    phone = check("phone", _("Phone"), values.get("phone", ""), PHONE_LIMIT)
    district = check("district", _("District"), values.get("district", ""))
    gender, gender_ok = parse_gender(values.get("gender", ""))
    if not gender_ok:
        errors.append(
            RowError(
                number,
                "gender",
                _(
                    "“{value}” is not a gender Consulta knows. Use female, male or other "
                    "(F, M, O), or leave it empty.",
                    value=values["gender"],
                ),
            )
        )
    consent, consent_ok = parse_consent(values.get("consent", ""))
    if not consent_ok:
        errors.append(
            RowError(
                number,
                "consent",
                _(
                    "“{value}” is not a yes or no. Use yes or no (sí/no, oui/non, sim/não), "
                    "or leave it empty for no.",
                    value=values["consent"],
                ),
            )
        )
    if errors:
        return PlannedRow(number, None, errors)
    sector_id = ctx.sector(sector)
    if sector_id is None:
        return PlannedRow(number, None, unresolved_sector=sector)
    participant = m.Participant(
        name=name,
        sector_id=sector_id,
        organisation_id=ctx.organisation(organisation, sector_id) if organisation else None,
        email=email or None,
        phone=phone or None,
        gender=gender,
        district_id=ctx.district(district) if district else None,
        consent_named=consent,
    )
    return PlannedRow(number, participant)


def _mark_duplicate(
    ctx: _Context,
    row: PlannedRow,
    values: dict[str, str],
    seen_email: dict[str, int],
    seen_name: dict[tuple[str, str], int],
) -> None:
    name = values["name"]
    email = values.get("email", "").casefold()
    name_key = (key_of(name), key_of(values.get("organisation", "")))
    if email and email in ctx.by_email:
        row.duplicate = Duplicate(row.row, name, "email", existing=ctx.by_email[email])
    elif name_key in ctx.by_name:
        row.duplicate = Duplicate(row.row, name, "name", existing=ctx.by_name[name_key])
    elif email and email in seen_email:
        row.duplicate = Duplicate(row.row, name, "email", of_row=seen_email[email])
    elif name_key in seen_name:
        row.duplicate = Duplicate(row.row, name, "name", of_row=seen_name[name_key])
    if email:
        seen_email.setdefault(email, row.row)
    seen_name.setdefault(name_key, row.row)


# -- applying ----------------------------------------------------------------------------


def apply_import(
    ws: Workspace,
    plan: ImportPlan,
    progress: Progress | None = None,
    include_duplicates: bool = False,
) -> ImportResult:
    """Write the plan: one transaction, one undo step. Duplicates are skipped unless asked.

    Cancelling (through ``progress``) or any error leaves the file as it was."""
    if plan.blocked:
        raise UserError(
            _(
                "Some sectors of the list are not in the consultation: {names}. Create them or "
                "map each to an existing sector first.",
                names=", ".join(plan.unresolved_sectors),
            )
        )
    people = plan.participants(include_duplicates)
    used = (
        {p.sector_id for p in people}
        | {p.organisation_id for p in people}
        | {p.district_id for p in people}
    )
    sectors = [s for s in plan.new_sectors if s.id in used]
    organisations = [o for o in plan.new_organisations if o.id in used]
    districts = [d for d in plan.new_districts if d.id in used]
    result = ImportResult(
        imported=len(people),
        skipped_duplicates=0 if include_duplicates else len(plan.duplicates),
        skipped_errors=sum(1 for r in plan.rows if r.errors),
        sectors_created=len(sectors),
        organisations_created=len(organisations),
        districts_created=len(districts),
    )
    if not people:
        return result
    with ws.write("stakeholders.import", _("Import stakeholder list")) as unit:
        _check_still_valid(unit.conn, sectors, organisations, districts, used)
        order = unit.conn.execute(select(func.max(db_table("sector").c.sort_order))).scalar()
        for offset, sector in enumerate(sectors, start=1):
            unit.insert("sector", to_row(replace(sector, sort_order=(order or 0) + offset)))
        for district in districts:
            unit.insert("district", to_row(district))
        for organisation in organisations:
            unit.insert("organisation", to_row(organisation))
        for done in range(0, len(people), 500):
            step(progress, done, len(people), _("Importing participants…"))
            batch = people[done : done + 500]
            unit.insert_many("participant", [participant_row(p) for p in batch])
        step(progress, len(people), len(people), _("Importing participants…"))
    return result


def _check_still_valid(
    conn: Connection,
    sectors: list[m.Sector],
    organisations: list[m.Organisation],
    districts: list[m.District],
    used: set[str | None],
) -> None:
    """The file may have changed since the preview (the app stays open): check references."""
    existing: set[str] = set()
    for name in ("sector", "organisation", "district"):
        existing |= set(conn.execute(select(db_table(name).c.id)).scalars())
    new_ids = {r.id for r in sectors} | {r.id for r in organisations} | {r.id for r in districts}
    sector_names = {key_of(n) for n in conn.execute(select(db_table("sector").c.name)).scalars()}
    district_names = {
        key_of(n) for n in conn.execute(select(db_table("district").c.name)).scalars()
    }
    stale = (
        any(key_of(s.name) in sector_names for s in sectors)
        or any(key_of(d.name) in district_names for d in districts)
        or any(i is not None and i not in existing and i not in new_ids for i in used)
    )
    if stale:
        raise UserError(
            _(
                "The consultation changed since the preview (sectors, organisations "
                "or districts were added or deleted). Preview the import again."
            )
        )
