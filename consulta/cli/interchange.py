"""Subcommands ``import`` and ``export``, and the registry of export formats.

    consulta import IN.json OUT.consulta [--overwrite]
    consulta export FILE --format json -o OUT.json
    consulta export FILE --format minutes-pdf --session ID --paper letter -o OUT.pdf

``export`` takes its ``--format`` choices from ``EXPORT_FORMATS``: a format is a function
``(workspace, output_path, args) -> written_path`` that may read ``args.session`` and
``args.paper`` (``a4``/``letter``, None when not given) and raises ``UserError`` for a bad
combination. Other modules add formats with ``register_export_format(name, fn,
suffix=".pdf")`` when they are imported; list the module in ``COMMAND_MODULES`` (its
``register(commands)`` may do nothing more). The choices are checked when the command
line is parsed, so a format registered by a module listed after this one still counts.
Without ``-o`` the output is FILE with the format's suffix. The workspace is opened
read-only: an export never changes the file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consulta.cli import say
from consulta.domain.errors import InvalidDocumentError, UserError
from consulta.i18n import N_, _

if TYPE_CHECKING:
    from consulta.services.workspace import Workspace

ExportFormat = Callable[["Workspace", Path, argparse.Namespace], Path]
EXPORT_FORMATS: dict[str, ExportFormat] = {}
EXPORT_SUFFIXES: dict[str, str] = {}

KIND_LABELS = {
    "districts": N_("Districts"),
    "sectors": N_("Sectors"),
    "organisations": N_("Organisations"),
    "participants": N_("Participants"),
    "sessions": N_("Sessions"),
    "agenda_items": N_("Agenda items"),
    "attendance": N_("Attendances"),
    "guidelines": N_("Guidelines"),
    "positions": N_("Positions"),
}


def register_export_format(name: str, fn: ExportFormat, suffix: str | None = None) -> None:
    """Make ``consulta export --format NAME`` call ``fn``; ``suffix`` names the default
    output file (FILE with that suffix)."""
    EXPORT_FORMATS[name] = fn
    EXPORT_SUFFIXES[name] = suffix or f".{name}"


def export_json_format(ws: Workspace, output: Path, args: argparse.Namespace) -> Path:
    from consulta.interchange import export_json

    if getattr(args, "session", None):
        raise UserError(
            _("The JSON export always holds the whole consultation; leave out --session.")
        )
    return export_json(ws, output)


register_export_format("json", export_json_format, ".json")


def register(commands: Any) -> None:
    p = commands.add_parser(
        "import", help=_("import a JSON interchange document into a new consultation file")
    )
    p.add_argument("source", type=Path, metavar="IN.json")
    p.add_argument("target", type=Path, metavar="OUT.consulta")
    p.add_argument("--overwrite", action="store_true", help=_("replace OUT.consulta if it exists"))
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser("export", help=_("export a consultation (JSON, documents…)"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--format",
        default="json",
        choices=EXPORT_FORMATS,  # the dict itself: formats registered later count too
        help=_("what to write (default: json)"),
    )
    p.add_argument("--session", metavar="ID", help=_("the session, for per-session documents"))
    p.add_argument("--paper", choices=("a4", "letter"), help=_("paper size of documents"))
    p.add_argument("-o", "--output", type=Path, help=_("the file to write"))
    p.set_defaults(handler=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    from consulta.interchange import import_json

    try:
        report = import_json(args.source, args.target, overwrite=args.overwrite)
    except InvalidDocumentError as error:
        sys.stderr.write(
            _(
                "“{source}” has {count} error(s) and was not imported; nothing was written. "
                "Correct the document and import it again.",
                source=error.source,
                count=len(error.problems),
            )
            + "\n"
        )
        for problem in error.problems:
            sys.stderr.write(f"  {problem}\n")
        return 1
    say(_("Imported “{source}” into “{target}”.", source=args.source, target=report.target))
    for kind, label in KIND_LABELS.items():
        say(f"  {_(label)}: {report.counts.get(kind, 0)}")
    if report.warnings:
        say(_("Warnings ({count}):", count=len(report.warnings)))
        for warning in report.warnings:
            say(f"  {warning}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from consulta.services.workspace import Workspace

    fn = EXPORT_FORMATS[args.format]
    output = args.output or args.file.with_suffix(EXPORT_SUFFIXES[args.format])
    if Path(output).absolute() == Path(args.file).absolute():
        raise UserError(_("Choose an output file other than the consultation file itself."))
    with Workspace.open(args.file, readonly=True) as ws:
        written = fn(ws, output, args)
    say(_("Exported “{path}”.", path=written))
    return 0
