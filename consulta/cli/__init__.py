"""The command-line interface: subcommands, and the one place that maps errors to exit codes.

Exit codes: 0 success; 1 a user-facing error (one paragraph on stderr, no traceback);
2 bad usage; 3 an unexpected internal error (a report to send to the developers).
Each feature registers its subcommands in its own module, listed in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Callable, Sequence

from consulta import __version__
from consulta.domain.errors import CancelledError, UserError
from consulta.i18n import _, set_language

COMMAND_MODULES = (
    "consulta.cli.files",
    "consulta.cli.stakeholders",
    "consulta.cli.interchange",
    "consulta.cli.merge",
    "consulta.cli.documents",
)

Handler = Callable[[argparse.Namespace], int | None]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(_("{prog}: error: {message}", prog=self.prog, message=message) + "\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="consulta",
        description=_(
            "Consulta: multi-stakeholder consultations. Without a command, opens the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"Consulta {__version__}")
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run a subcommand; returns the exit code."""
    import locale
    import os

    set_language(os.environ.get("CONSULTA_LANG") or locale.getlocale()[0])
    args = build_parser().parse_args(list(argv))
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        build_parser().print_help(sys.stderr)
        return 2
    try:
        return int(handler(args) or 0)
    except (UserError, CancelledError) as error:
        sys.stderr.write(str(error).rstrip() + "\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(_("Interrupted. Nothing was left half-written.") + "\n")
        return 1
    except Exception:
        sys.stderr.write(
            _(
                "Consulta met an unexpected error. Your data was not changed by the failed step. "
                "Please send this report to the developers:"
            )
            + "\n"
        )
        traceback.print_exc()
        return 3


def say(text: str) -> None:
    """Print a result line for the user (stdout)."""
    sys.stdout.write(text + "\n")
