"""``consulta import-stakeholders``: import a CSV/XLSX list of stakeholders, with a preview."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consulta.cli import say
from consulta.domain.errors import UserError
from consulta.i18n import _, n_

if TYPE_CHECKING:
    from consulta.interchange.stakeholders import ImportPlan, RawTable
    from consulta.services.workspace import Workspace

SHOWN = 50  # errors and duplicates listed in full; the rest are counted
IGNORE = ("-", "none", "ignore", "skip")


class UsageError(Exception):
    """A malformed option value: exit code 2, like argparse."""


def register(commands: Any) -> None:
    p = commands.add_parser(
        "import-stakeholders",
        help=_("import participants from a CSV or XLSX stakeholder list"),
        description=_(
            "Import participants from a CSV (UTF-8 or Windows-1252; comma, semicolon or tab) "
            "or XLSX list. Shows the column mapping, the rows with errors and the duplicates, "
            "then imports in one step, or nothing."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE.consulta")
    p.add_argument("list", type=Path, metavar="LIST")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar=_("COLUMN=FIELD"),
        help=_(
            "use a column (its header or its number, from 1) for a field: name, sector, "
            "organisation, email, phone, district, gender, consent; FIELD “-” ignores the column"
        ),
    )
    p.add_argument(
        "--create-sectors",
        action="store_true",
        help=_("create the sectors of the list that the consultation does not have"),
    )
    p.add_argument(
        "--sector-map",
        action="append",
        default=[],
        metavar=_("LISTED=EXISTING"),
        help=_("import a sector of the list into an existing sector of the consultation"),
    )
    p.add_argument(
        "--include-duplicates",
        action="store_true",
        help=_("import duplicates too (they are skipped by default)"),
    )
    p.add_argument(
        "--dry-run", action="store_true", help=_("show what would happen; write nothing")
    )
    p.set_defaults(handler=cmd_import_stakeholders)


def cmd_import_stakeholders(args: argparse.Namespace) -> int:
    from consulta.interchange.stakeholders import read_table
    from consulta.services.workspace import Workspace

    try:
        table = read_table(args.list)
        mapping = _mapping(table, args.map)
        sector_map = [_pair(text, "--sector-map") for text in args.sector_map]
    except UsageError as error:
        sys.stderr.write(f"consulta import-stakeholders: {error}\n")
        return 2
    with Workspace.open(args.file, readonly=args.dry_run) as ws:
        return _run(ws, args, table, mapping, sector_map)


def _run(
    ws: Workspace,
    args: argparse.Namespace,
    table: RawTable,
    mapping: dict[int, str],
    sector_map: list[tuple[str, str]],
) -> int:
    from consulta.interchange.stakeholders import apply_import, plan_import

    _show_mapping(table, mapping)
    choices: dict[str, str | None] = {name: _sector_id(ws, target) for name, target in sector_map}
    plan = plan_import(ws, table, mapping, choices)
    if args.create_sectors and plan.unresolved_sectors:
        choices.update({name: None for name in plan.unresolved_sectors})
        plan = plan_import(ws, table, mapping, choices)
    _show_plan(plan, table, args.include_duplicates)
    if plan.blocked:
        raise UserError(
            _(
                "Nothing was imported: these sectors of the list are not in the consultation: "
                "{names}. Run again with --create-sectors to create them, or with "
                "--sector-map “LISTED=EXISTING” to import each into an existing sector.",
                names=", ".join(f"“{n}”" for n in plan.unresolved_sectors),
            )
        )
    if not plan.participants(args.include_duplicates):
        raise UserError(_("Nothing to import: no row of the list can be imported."))
    if args.dry_run:
        say(_("Dry run: nothing was written."))
        return 0
    result = apply_import(ws, plan, include_duplicates=args.include_duplicates)
    say(
        n_(
            "Imported {n} participant into “{path}”.",
            "Imported {n} participants into “{path}”.",
            result.imported,
            path=ws.path,
        )
    )
    return 0


# -- options -----------------------------------------------------------------------------


def _pair(text: str, option: str) -> tuple[str, str]:
    left, sep, right = text.rpartition("=")
    if not sep or not left.strip() or not right.strip():
        raise UsageError(_("{option} needs the form A=B, not “{text}”.", option=option, text=text))
    return left.strip(), right.strip()


def _mapping(table: RawTable, overrides: list[str]) -> dict[int, str]:
    """The guessed mapping, corrected by ``--map COLUMN=FIELD`` options."""
    from consulta.interchange.stakeholders import FIELDS, guess_mapping, key_of

    mapping = guess_mapping(table.headers)
    aliases = {"e-mail": "email", "mail": "email", "organization": "organisation"}
    for text in overrides:
        column, wanted = _pair(text, "--map")
        target = aliases.get(wanted.lower(), wanted.lower())
        if target not in (*FIELDS, *IGNORE):
            raise UsageError(
                _(
                    "“{field}” is not a field. Use one of: {fields} (or “-” to ignore a column).",
                    field=wanted,
                    fields=", ".join(FIELDS),
                )
            )
        matches = [i for i, h in enumerate(table.headers) if key_of(h) == key_of(column)]
        if matches:
            index = matches[0]
        elif column.isdigit() and 1 <= int(column) <= table.width:
            index = int(column) - 1
        else:
            raise UserError(
                _(
                    "The list has no column “{column}”. Its columns are: {headers}.",
                    column=column,
                    headers=", ".join(f"{i + 1} “{h}”" for i, h in enumerate(table.headers)),
                )
            )
        mapping.pop(index, None)
        if target in FIELDS:
            mapping = {i: f for i, f in mapping.items() if f != target}
            mapping[index] = target
    return dict(sorted(mapping.items()))


def _sector_id(ws: Workspace, name: str) -> str:
    from consulta.interchange.stakeholders import key_of

    sectors = ws.sectors.list()
    for sector in sectors:
        if sector.id == name or key_of(sector.name) == key_of(name):
            return sector.id
    raise UserError(
        _(
            "The consultation has no sector “{name}”. Its sectors are: {names}.",
            name=name,
            names=", ".join(f"“{s.name}”" for s in sectors),
        )
    )


# -- output ------------------------------------------------------------------------------


def _show_mapping(table: RawTable, mapping: dict[int, str]) -> None:
    from consulta.interchange.stakeholders import field_label

    source = (
        _(
            "{kind} file, encoding {encoding}, delimiter “{delimiter}”",
            kind="CSV",
            encoding=table.encoding,
            delimiter=_delimiter_name(table.delimiter),
        )
        if table.kind == "csv"
        else _("Excel workbook, sheet “{sheet}”", sheet=table.sheet)
    )
    say(_("“{path}”: {source}.", path=table.path, source=source))
    say(_("Columns:"))
    for index, header in enumerate(table.headers):
        target = field_label(mapping[index]) if index in mapping else _("(not imported)")
        say(f"  {index + 1:>3} “{header}” → {target}")


def _delimiter_name(delimiter: str | None) -> str:
    return {"\t": _("tab"), None: ""}.get(delimiter, delimiter or "")


def _show_plan(plan: ImportPlan, table: RawTable, include_duplicates: bool) -> None:
    errors = plan.errors
    duplicates = plan.duplicates
    say(n_("{n} row read.", "{n} rows read.", len(table.rows)))
    say(
        n_(
            "{n} participant to import.",
            "{n} participants to import.",
            len(plan.participants(include_duplicates)),
        )
    )
    bad_rows = sum(1 for r in plan.rows if r.errors)
    if bad_rows:
        say(
            n_(
                "{n} row has errors and will be skipped:",
                "{n} rows have errors and will be skipped:",
                bad_rows,
            )
        )
        _list(str(e) for e in errors)
    if duplicates:
        if include_duplicates:
            say(
                n_(
                    "{n} duplicate, imported anyway:",
                    "{n} duplicates, imported anyway:",
                    len(duplicates),
                )
            )
        else:
            say(
                n_(
                    "{n} duplicate will be skipped (--include-duplicates imports it):",
                    "{n} duplicates will be skipped (--include-duplicates imports them):",
                    len(duplicates),
                )
            )
        _list(str(d) for d in duplicates)
    for name in plan.unknown_sectors:
        if name in plan.unresolved_sectors:
            say(_("Unknown sector “{name}”: not resolved.", name=name))
    if plan.new_sectors:
        say(_("New sectors: {names}", names=", ".join(s.name for s in plan.new_sectors)))
    if plan.new_organisations:
        say(n_("{n} new organisation.", "{n} new organisations.", len(plan.new_organisations)))
    if plan.new_districts:
        say(_("New districts: {names}", names=", ".join(d.name for d in plan.new_districts)))


def _list(lines: Any) -> None:
    count = 0
    for line in lines:
        count += 1
        if count <= SHOWN:
            say(f"  {line}")
    if count > SHOWN:
        say("  " + _("… and {count} more", count=count - SHOWN))
