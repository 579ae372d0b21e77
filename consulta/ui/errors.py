"""The ONE place that shows errors.

A ``UserError`` (from consulta.domain.errors) is shown as a clear message that says what to do;
anything else opens the crash dialog with copyable details (traceback and versions). The data
is safe either way: every edit is its own committed transaction.
"""

from __future__ import annotations

import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from consulta import __version__
from consulta.domain.errors import CancelledError, UserError
from consulta.i18n import _


def versions() -> str:
    import PySide6
    from PySide6.QtCore import qVersion

    return (
        f"Consulta {__version__}\nPython {platform.python_version()} ({sys.platform})\n"
        f"PySide6 {PySide6.__version__}, Qt {qVersion()}\n{platform.platform()}"
    )


def details_of(error: BaseException) -> str:
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return f"{trace}\n{versions()}\n"


class ErrorDialog(QDialog):
    """A message, and for unexpected errors the details to copy into a bug report."""

    def __init__(
        self, message: str, details: str = "", parent: QWidget | None = None, crash: bool = False
    ) -> None:
        super().__init__(parent)
        self.message = message
        self.details = details
        self.crash = crash
        self.setWindowTitle(_("Unexpected error") if crash else _("Consulta"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        top = QHBoxLayout()
        icon = QLabel()
        kind = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if crash
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        icon.setPixmap(self.style().standardIcon(kind).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(icon)
        text = QLabel(message)
        text.setObjectName("errorMessage")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setMinimumWidth(380)
        top.addWidget(text, 1)
        layout.addLayout(top)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        if details:
            self.details_box = QPlainTextEdit(details)
            self.details_box.setReadOnly(True)
            self.details_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.details_box.setMinimumHeight(180)
            layout.addWidget(self.details_box, 1)
            copy = QPushButton(_("Copy details"))
            copy.clicked.connect(self.copy_details)
            buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.message}\n\n{self.details}")


def dialog_for(error: BaseException, parent: QWidget | None = None) -> ErrorDialog:
    if isinstance(error, UserError | CancelledError):
        return ErrorDialog(str(error), parent=parent)
    message = _(
        "Something went wrong that Consulta did not expect. Your data is safe: every change "
        "you made before this was saved. Copy the details below and send them to whoever "
        "supports Consulta for you."
    )
    return ErrorDialog(message, details_of(error), parent=parent, crash=True)


def show_error(error: BaseException, parent: QWidget | None = None) -> None:
    """Show ``error``: a clear message for a UserError, the crash dialog for anything else."""
    if parent is None:
        parent = QApplication.activeWindow()
    dialog = dialog_for(error, parent)
    dialog.exec()


def _excepthook(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    if error.__traceback__ is None:
        error = error.with_traceback(trace)
    traceback.print_exception(kind, error, trace)
    if QApplication.instance() is None:
        return
    try:
        show_error(error)
    except Exception:  # never let the error dialog itself kill the app
        traceback.print_exc()


def install_excepthook() -> None:
    sys.excepthook = _excepthook


def attempt(action, *args, parent: QWidget | None = None, **kwargs):  # type: ignore[no-untyped-def]
    """Run ``action``; on failure show the error (here, once) and return None."""
    try:
        return action(*args, **kwargs)
    except Exception as error:
        show_error(error, parent)
        return None
