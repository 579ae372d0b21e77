"""The error hierarchy. Every error a user can cause is a ``UserError`` whose message is
translated and says what to do; front ends show ``str(error)`` in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from consulta.i18n import _


class ConsultaError(Exception):
    """Base of every error Consulta raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UserError(ConsultaError):
    """Caused by the user or their data; shown as a clear message, never a traceback."""


class ValidationError(UserError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(UserError):
    pass


class SessionLockedError(UserError):
    def __init__(self, session_title: str) -> None:
        super().__init__(
            _(
                "The session “{title}” is closed and its minutes are locked. "
                "Reopen the session to change it.",
                title=session_title,
            )
        )


class ReadOnlyError(UserError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "“{path}” is open read-only, so it cannot be changed. "
                "Use File ▸ Save a Copy to make an editable copy.",
                path=path,
            )
        )


class FileError(UserError):
    """A file could not be opened, read or written. Names the file."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)


class FileFormatError(FileError):
    """Not a consultation, damaged, or from a newer Consulta."""


class FileLockedError(FileError):
    pass


@dataclass(frozen=True)
class Problem:
    """One error in an imported document, with its JSON path (or row number)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidDocumentError(UserError):
    """A document to import has errors; nothing was written. Lists every problem."""

    def __init__(self, source: Path | str, problems: list[Problem]) -> None:
        self.source = Path(source)
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = len(problems) - 50
        text = _(
            "“{source}” has {count} error(s) and was not imported; nothing was written. "
            "Correct the document and import it again.",
            source=source,
            count=len(problems),
        )
        text += "\n" + shown
        if more > 0:
            text += "\n  " + _("… and {count} more", count=more)
        super().__init__(text)


class CancelledError(ConsultaError):
    """Long work was cancelled by the user; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(_("Cancelled. Nothing was changed."))
