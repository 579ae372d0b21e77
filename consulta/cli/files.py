"""Subcommands about the file itself: new, demo, info, check."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from consulta.cli import say
from consulta.i18n import _


def register(commands: Any) -> None:
    p = commands.add_parser("new", help=_("create a new, empty consultation file"))
    p.add_argument("file", type=Path)
    p.add_argument("--title", required=True)
    p.add_argument("--territory", default="")
    p.add_argument("--language", default="en")
    p.set_defaults(handler=cmd_new)

    p = commands.add_parser("demo", help=_("create a realistic demo consultation"))
    p.add_argument("file", type=Path)
    p.add_argument("--language", default="es")
    p.set_defaults(handler=cmd_demo)

    p = commands.add_parser("info", help=_("show a consultation's title, counts and format"))
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_info)

    p = commands.add_parser("check", help=_("check format, integrity and references"))
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_check)


def cmd_new(args: argparse.Namespace) -> int:
    from consulta.services.workspace import Workspace

    with Workspace.create(args.file, args.title, args.territory, args.language) as ws:
        say(_("Created “{path}”.", path=ws.path))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from consulta.demo import build_demo

    path = build_demo(args.file, language=args.language)
    say(_("Created the demo consultation “{path}”.", path=path))
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from consulta.services.workspace import Workspace

    with Workspace.open(args.file, readonly=True) as ws:
        consultation = ws.consultation.get()
        counts = ws.consultation.counts()
        result = ws.file.check()
    labels = {
        "sectors": _("Sectors"),
        "districts": _("Districts"),
        "organisations": _("Organisations"),
        "participants": _("Participants"),
        "sessions": _("Sessions"),
        "agenda_items": _("Agenda items"),
        "attendance": _("Attendances"),
        "guidelines": _("Guidelines"),
        "positions": _("Positions"),
    }
    say(consultation.title)
    if consultation.territory:
        say(consultation.territory)
    say(_("Consultation id: {id}", id=consultation.id))
    say(_("Language: {language}", language=consultation.language))
    for key, label in labels.items():
        say(f"  {label}: {counts[key]}")
    say(_("File format: {version}", version=result.format_version))
    say(_("Integrity: {state}", state=_("ok") if result.ok else _("PROBLEMS FOUND")))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from consulta.services.workspace import Workspace

    with Workspace.open(args.file, readonly=True) as ws:
        result = ws.file.check()
        ws.consultation.get()
    say(_("File format: {version}", version=result.format_version))
    for problem in result.integrity:
        say(_("Integrity problem: {problem}", problem=problem))
    for problem in result.foreign_keys:
        say(_("Broken reference: {problem}", problem=problem))
    if result.ok:
        say(_("“{path}” is sound.", path=args.file))
        return 0
    say(
        _(
            "“{path}” has problems. Restore a backup, or export it to JSON and import it again.",
            path=args.file,
        )
    )
    return 1
