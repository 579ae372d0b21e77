"""Entry point: no argument or a file → the desktop app; a subcommand → the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence

APP_FLAGS = {"--smoke", "--readonly"}


def _is_app_call(argv: Sequence[str]) -> bool:
    if not argv:
        return True
    first = argv[0]
    if first in APP_FLAGS:
        return True
    if first.startswith("-"):
        return False
    return first.endswith(".consulta") or ("/" in first or "\\" in first)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _is_app_call(args):
        from consulta.ui.app import run_app

        return int(run_app(args))
    from consulta.cli import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
