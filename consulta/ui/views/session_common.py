"""Small shared pieces of the session workspace: icons, semantic colours, error display.

Icons come from the app's ``consulta.ui.icons`` (SVGs in resources/icons/) with a fallback to
the style's standard icons, so the workspace works even where an icon is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QWidget,
)

from consulta.domain.errors import UserError

SPACING = 8  # between related controls
GAP = 14  # between groups

_FALLBACK = {
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "lock": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "unlock": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "check-in": QStyle.StandardPixmap.SP_DialogApplyButton,
    "add": QStyle.StandardPixmap.SP_FileDialogNewFolder,
    "remove": QStyle.StandardPixmap.SP_TrashIcon,
    "up": QStyle.StandardPixmap.SP_ArrowUp,
    "down": QStyle.StandardPixmap.SP_ArrowDown,
    "close": QStyle.StandardPixmap.SP_ArrowBack,
    "search": QStyle.StandardPixmap.SP_FileDialogContentsView,
}


def icon(name: str, colour: str | None = None) -> QIcon:
    """The app's SVG icon ``name``; the style's nearest standard icon if it is missing."""
    try:
        from consulta.ui import icons

        found = icons.icon(name, colour)
        if not found.isNull():
            return found
    except (ImportError, OSError):
        pass
    style = QApplication.style()
    return style.standardIcon(_FALLBACK.get(name, QStyle.StandardPixmap.SP_FileIcon))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def warning_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) for something that needs attention, readable in light and dark."""
    if is_dark(palette):
        return QColor("#4a3510"), QColor("#ffd27a")
    return QColor("#fff1cc"), QColor("#7a4b00")


def ok_colours(palette: QPalette) -> tuple[QColor, QColor]:
    if is_dark(palette):
        return QColor("#173a22"), QColor("#8fe3a8")
    return QColor("#e3f5e8"), QColor("#1d6b34")


def locked_colours(palette: QPalette) -> tuple[QColor, QColor]:
    if is_dark(palette):
        return QColor("#2c3645"), QColor("#d6e2f5")
    return QColor("#e6edf7"), QColor("#1f3250")


def heading(text: str = "", size_delta: float = 1.5, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() + size_delta)
    label.setFont(font)
    return label


def list_table(model: Any, name: str, lines: int = 1) -> QTableView:
    """A one-column list that fits its width: rows of ``lines`` lines, text elided, no grid.
    (A QListView grows sideways with long text; wrapped items get cut.)"""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.horizontalHeader().hide()
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() * lines + 10)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    return view


def people_table(model: Any, name: str) -> QTableView:
    """A compact, read-only table of people: whole rows, names elided, no grid."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, 125)
    return view


def keys(sequence: str) -> str:
    """A key sequence as the platform shows it (Ctrl+1, ⌘1)."""
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


def with_keys(text: str, sequence: str) -> str:
    """A tooltip naming its shortcut: "Close session (Ctrl+Shift+L)"."""
    return f"{text} ({keys(sequence)})"


def run(parent: QWidget, action: Callable[[], Any]) -> bool:
    """Run an edit; a user-causable error is shown in the app's one error dialog."""
    try:
        action()
    except UserError as error:
        show_error(error, parent)
        return False
    return True


def show_error(error: BaseException, parent: QWidget | None = None) -> None:
    from consulta.ui import errors

    errors.show_error(error, parent)


def set_tint(widget: QWidget, background: QColor, text: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, background)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
