"""Subcommands of district work: kit, merge, erase."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from consulta.cli import say
from consulta.i18n import _


def register(commands: Any) -> None:
    p = commands.add_parser("kit", help=_("make a district's kit from a master file"))
    p.add_argument("master", type=Path)
    p.add_argument("--district", required=True, help=_("the district's name"))
    p.add_argument("-o", "--output", type=Path, required=True)
    p.set_defaults(handler=cmd_kit)

    p = commands.add_parser("merge", help=_("merge district files into a master file"))
    p.add_argument("files", type=Path, nargs="+")
    p.add_argument("--into", type=Path, required=True, help=_("the master file"))
    p.add_argument(
        "--dry-run", action="store_true", help=_("show what would change; change nothing")
    )
    p.add_argument("--receipt", type=Path, help=_("write a receipt (.pdf, .xlsx or .json)"))
    p.set_defaults(handler=cmd_merge)

    p = commands.add_parser("erase", help=_("erase a participant's personal data for privacy"))
    p.add_argument("file", type=Path)
    p.add_argument("--participant", required=True, help=_("the participant's id"))
    p.set_defaults(handler=cmd_erase)


def cmd_kit(args: argparse.Namespace) -> int:
    from consulta.merge.kit import make_kit

    path = make_kit(args.master, args.district, args.output)
    say(_("Wrote the kit of district “{district}” to “{path}”.", district=args.district, path=path))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from consulta.merge.apply import apply_merge, plan_result
    from consulta.merge.plan import plan_merge
    from consulta.merge.receipt import COUNT_LABELS, write_receipt

    if args.dry_run:
        result = plan_result(plan_merge(args.into, args.files, detail=False))
    else:
        result = apply_merge(args.into, args.files)
    for preview in result.files:
        district = preview.district or "—"
        say(f"{preview.name} ({district}) {preview.sha256}")
        counts = preview.counts.as_dict()
        say(
            "  "
            + ", ".join(
                f"{_(label)}: {counts[key]}"
                for key, label in COUNT_LABELS.items()
                if key != "set_aside"
            )
        )
    for outcome in result.outcomes:
        change = outcome.change
        values = {
            "entity": change.entity,
            "label": change.label,
            "fields": ", ".join(f.field for f in change.fields),
        }
        if change.winner.value == "incoming":
            text = _(
                "Conflict: {entity} “{label}” ({fields}): the incoming version was kept; "
                "the master's is in the merge history.",
                **values,
            )
        else:
            text = _(
                "Conflict: {entity} “{label}” ({fields}): the master's version was kept; "
                "the incoming one is in the merge history.",
                **values,
            )
        say(text)
    if result.set_aside:
        say(
            _(
                "{count} record(s) set aside because their session or person was deleted.",
                count=result.set_aside,
            )
        )
    if args.dry_run:
        say(_("Preview only: “{path}” was not changed.", path=args.into))
    else:
        say(_("Merged {count} file(s) into “{path}”.", count=len(result.files), path=args.into))
        say(_("Master SHA-256 before: {sha}", sha=result.master_sha256_before))
        say(_("Master SHA-256 after: {sha}", sha=result.master_sha256_after))
    if args.receipt:
        write_receipt(result, args.receipt)
        say(_("Wrote the receipt “{path}”.", path=args.receipt))
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from consulta.merge.erase import erase_participant
    from consulta.services.workspace import Workspace

    with Workspace.open(args.file) as ws:
        erase_participant(ws, args.participant)
    say(_("Erased the personal data of participant {id}.", id=args.participant))
    return 0
