"""The documents as ``consulta export`` formats: minutes-pdf, minutes-xlsx, legitimacy-pdf,
legitimacy-xlsx, legitimacy-json and signin-pdf (registered with the export registry of
``consulta.cli.interchange``; this module adds no subcommand of its own)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consulta.domain.errors import UserError
from consulta.i18n import _

if TYPE_CHECKING:
    from consulta.services.workspace import Workspace


def _paper(args: argparse.Namespace) -> str:
    return str(getattr(args, "paper", None) or "a4")


def _no_session(args: argparse.Namespace, name: str) -> None:
    if getattr(args, "session", None):
        raise UserError(
            _(
                "The {format} export covers the whole consultation; leave out --session.",
                format=name,
            )
        )


def minutes_pdf(ws: Workspace, output: Path, args: argparse.Namespace) -> Path:
    from consulta.reports import export_minutes_pdf

    export_minutes_pdf(ws, output, getattr(args, "session", None), _paper(args))
    return output


def minutes_xlsx(ws: Workspace, output: Path, args: argparse.Namespace) -> Path:
    from consulta.reports import export_minutes_xlsx

    export_minutes_xlsx(ws, output, getattr(args, "session", None), _paper(args))
    return output


def _whole(
    name: str, export: Callable[..., int]
) -> Callable[[Workspace, Path, argparse.Namespace], Path]:
    def run(ws: Workspace, output: Path, args: argparse.Namespace) -> Path:
        _no_session(args, name)
        export(ws, output, paper=_paper(args))
        return output

    return run


def signin_pdf(ws: Workspace, output: Path, args: argparse.Namespace) -> Path:
    from consulta.reports import export_signin_pdf

    session = getattr(args, "session", None)
    if not session:
        raise UserError(_("A sign-in sheet is for one session: give it with --session ID."))
    export_signin_pdf(ws, output, session, _paper(args))
    return output


def _legitimacy(kind: str) -> Callable[..., int]:
    def export(ws: Workspace, output: Path, paper: str) -> int:
        import consulta.reports as reports

        fn: Callable[..., int] = getattr(reports, f"export_legitimacy_{kind}")
        return fn(ws, output, paper=paper)

    return export


def register(commands: Any) -> None:
    from consulta.cli.interchange import register_export_format

    register_export_format("minutes-pdf", minutes_pdf, ".minutes.pdf")
    register_export_format("minutes-xlsx", minutes_xlsx, ".minutes.xlsx")
    for kind in ("pdf", "xlsx", "json"):
        register_export_format(
            f"legitimacy-{kind}",
            _whole(f"legitimacy-{kind}", _legitimacy(kind)),
            f".legitimacy.{kind}",
        )
    register_export_format("signin-pdf", signin_pdf, ".signin.pdf")
