"""Agenda: items in order (add, reorder, remove) and a notes editor per item.

Notes are committed ~0.8 s after typing stops (the timer restarts on each keystroke), when
the editor loses focus, when another item is chosen and when the panel is hidden. A commit
is one small UPDATE of one row; the editor is never rebuilt while the user types and the
cursor never moves, so a long note stays smooth.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from consulta.domain import model as m
from consulta.i18n import _
from consulta.services.workspace import Workspace
from consulta.ui.dialogs import session_confirm
from consulta.ui.models.session_agenda import AgendaModel
from consulta.ui.views.session_common import (
    GAP,
    SPACING,
    heading,
    icon,
    list_table,
    run,
    with_keys,
)

DEBOUNCE_MS = 800
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AgendaPanel(QWidget):
    changed = Signal()
    message = Signal(str)

    def __init__(self, ws: Workspace, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.session_id = session_id
        self.locked = False
        self.model = AgendaModel(self)
        self._item_id: str | None = None  # whose notes are in the editor
        self._dirty = False
        self._loading = False
        self._saved_at = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.commit_notes)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(GAP)

        left = QVBoxLayout()
        left.setSpacing(SPACING)
        self.list_title = heading()
        self.add_field = QLineEdit()
        self.add_field.setObjectName("agendaAdd")
        self.add_button = QToolButton()
        self.add_button.setIcon(icon("add"))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.clicked.connect(lambda: self.add_item(self.add_field.text()))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_field, 1)
        add_row.addWidget(self.add_button)
        self.items = list_table(self.model, "agendaList")
        self.list_title.setBuddy(self.items)
        self.up_button, self.down_button, self.remove_button = (
            QToolButton(),
            QToolButton(),
            QToolButton(),
        )
        self.up_button.setIcon(icon("up"))
        self.down_button.setIcon(icon("down"))
        self.remove_button.setIcon(icon("remove"))
        self.remove_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        left.addWidget(self.list_title)
        left.addLayout(add_row)
        left.addWidget(self.items, 1)
        left.addLayout(buttons)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(SPACING)
        self.title_label = QLabel()
        self.title_field = QLineEdit()
        self.title_field.setObjectName("agendaTitle")
        self.title_field.editingFinished.connect(self.commit_title)
        self.title_label.setBuddy(self.title_field)
        notes_head = QHBoxLayout()
        self.notes_label = QLabel()
        self.status = QLabel()
        self.status.setObjectName("notesStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        notes_head.addWidget(self.notes_label)
        notes_head.addStretch(1)
        notes_head.addWidget(self.status)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("agendaNotes")
        self.notes.setTabChangesFocus(True)
        font = QFont(self.notes.font())
        font.setPointSizeF(font.pointSizeF() + 1)
        self.notes.setFont(font)
        self.notes.textChanged.connect(self._notes_edited)
        self.notes_label.setBuddy(self.notes)
        right.addWidget(self.title_label)
        right.addWidget(self.title_field)
        right.addLayout(notes_head)
        right.addWidget(self.notes, 1)
        layout.addLayout(right, 7)

        for sequence, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.move_current(step))
        self.items.selectionModel().currentChanged.connect(self._current_changed)
        self.setTabOrder(self.add_field, self.add_button)
        self.setTabOrder(self.add_button, self.items)
        self.setTabOrder(self.items, self.title_field)
        self.setTabOrder(self.title_field, self.notes)
        self.setTabOrder(self.notes, self.up_button)
        for watched in (self.add_field, self.items, self.notes):
            watched.installEventFilter(self)
        self.retranslate()
        self.refresh()

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.list_title.setText(_("&Agenda"))
        self.add_field.setPlaceholderText(_("New item: type a title, Enter to add"))
        self.add_button.setText(_("Add"))
        self.add_button.setToolTip(_("Add the item at the end of the agenda (Enter)"))
        self.up_button.setToolTip(with_keys(_("Move the item up"), "Alt+Up"))
        self.down_button.setToolTip(with_keys(_("Move the item down"), "Alt+Down"))
        self.remove_button.setText(_("Remove"))
        self.remove_button.setToolTip(with_keys(_("Remove the item from the agenda"), "Del"))
        self.items.setToolTip(_("Enter: write the notes. Alt+Up/Down: reorder. Delete: remove."))
        self.title_label.setText(_("Item &title:"))
        self.notes_label.setText(_("&Notes of the discussion:"))
        self.notes.setPlaceholderText(_("Type the notes here; they are saved as you type."))
        self._show_status()
        self.model.layoutChanged.emit()

    def _show_status(self) -> None:
        if self._item_id is None:
            text = _("Add an item to take notes.") if not self.model.rowCount() else ""
        elif self._dirty:
            text = _("Saving…")
        elif self._saved_at:
            text = _("Saved at {time}", time=self._saved_at)
        else:
            text = _("Saved")
        self.status.setText(text)

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        items = self.ws.agenda.list(self.session_id)
        self.model.set_items(items)
        if self._item_id and self.model.row_of(self._item_id) < 0:
            self._item_id, self._dirty = None, False
            self._timer.stop()
        if self._item_id is None and items:
            self._select(items[0].id)
        elif self._item_id is not None:
            self._select(self._item_id)
            self._load(self.model.item(self.model.row_of(self._item_id)), keep_cursor=True)
        else:
            self._load(None)
        self._update_enabled()

    def item_count(self) -> int:
        return self.model.rowCount()

    def set_locked(self, locked: bool) -> None:
        if locked:
            self.commit_notes()
        self.locked = locked
        self._update_enabled()

    def _update_enabled(self) -> None:
        has_item = self._item_id is not None
        editable = not self.locked
        self.add_field.setEnabled(editable)
        self.add_button.setEnabled(editable)
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setEnabled(editable and has_item)
        self.title_field.setEnabled(has_item)
        self.notes.setEnabled(has_item)
        self.title_field.setReadOnly(not editable)
        self.notes.setReadOnly(not editable)

    def _select(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row < 0:
            return
        index = self.model.index(row)
        if self.items.currentIndex() != index:
            self.items.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.items.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item(current.row()) if current.isValid() else None
        if item is not None and item.id == self._item_id:
            return
        self.commit_notes()
        self.commit_title()
        self._load(item)
        self._update_enabled()

    def _load(self, item: m.AgendaItem | None, keep_cursor: bool = False) -> None:
        """Show ``item`` in the editors (never while the user has unsaved typing in them)."""
        same = item is not None and item.id == self._item_id
        if same and self._dirty:
            return
        self._item_id = item.id if item else None
        if not same:
            self._saved_at = ""
        self._loading = True
        try:
            if not (same and self.title_field.isModified()):
                if self.title_field.text() != (item.title if item else ""):
                    self.title_field.setText(item.title if item else "")
                self.title_field.setModified(False)
            text = item.notes if item else ""
            if self.notes.toPlainText() != text:
                position = self.notes.textCursor().position()
                self.notes.setPlainText(text)
                if keep_cursor:
                    cursor = self.notes.textCursor()
                    cursor.setPosition(min(position, len(text)))
                    self.notes.setTextCursor(cursor)
                else:
                    self.notes.moveCursor(QTextCursor.MoveOperation.End)
            self._dirty = False
        finally:
            self._loading = False
        self._show_status()

    # -- notes -----------------------------------------------------------------------------

    def _notes_edited(self) -> None:
        if self._loading or self._item_id is None:
            return
        if not self._dirty:
            self._dirty = True
            self._show_status()
        self._timer.start()  # restarts the countdown on each keystroke

    def commit_notes(self) -> None:
        """Write the notes now if they changed (called by the timer, focus-out, hide...)."""
        self._timer.stop()
        if not self._dirty or self._item_id is None:
            return
        self._dirty = False
        item_id, text = self._item_id, self.notes.toPlainText()
        if run(self, lambda: self.ws.agenda.update(item_id, notes=text)):
            self._saved_at = datetime.now().strftime("%H:%M:%S")
            self.changed.emit()
        self._show_status()

    def commit_title(self) -> None:
        if self._item_id is None or not self.title_field.isModified() or self.locked:
            return
        self.title_field.setModified(False)
        item_id, title = self._item_id, self.title_field.text()
        if run(self, lambda: self.ws.agenda.update(item_id, title=title)):
            self.changed.emit()
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self.commit_notes()
        self.commit_title()
        super().hideEvent(event)

    # -- items -----------------------------------------------------------------------------

    def add_item(self, title: str) -> None:
        if self.locked or not title.strip():
            return
        self.commit_notes()
        added: list[m.AgendaItem] = []
        if run(self, lambda: added.append(self.ws.agenda.add(self.session_id, title))):
            self.add_field.clear()
            self.refresh()
            self._select(added[0].id)
            self.message.emit(_("Added “{title}” to the agenda.", title=added[0].title))
            self.changed.emit()

    def move_current(self, step: int) -> None:
        if self.locked or self._item_id is None:
            return
        self.commit_notes()
        item_id = self._item_id
        if run(self, lambda: self.ws.agenda.move(item_id, step)):
            self.refresh()
            self._select(item_id)
            self.changed.emit()

    def remove_current(self) -> None:
        if self.locked or self._item_id is None:
            return
        self.commit_notes()
        item = self.ws.agenda.get(self._item_id)
        if item.notes.strip() and not session_confirm.confirm_remove_item(self, item.title):
            return
        row = self.model.row_of(item.id)
        if run(self, lambda: self.ws.agenda.delete(item.id)):
            self._item_id, self._dirty = None, False
            self.refresh()
            if self.model.rowCount():
                self._select(self.model.item(min(row, self.model.rowCount() - 1)).id)
            self.message.emit(_("Removed “{title}” from the agenda.", title=item.title))
            self.changed.emit()

    def focus_first(self) -> None:
        if self.model.rowCount():
            self.items.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.add_field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.notes and kind == QEvent.Type.FocusOut:
            self.commit_notes()
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            if watched is self.add_field and key in _ENTER:
                text = self.add_field.text()
                if text.strip():
                    self.add_item(text)
                    if mods & Qt.KeyboardModifier.ControlModifier:
                        self.notes.setFocus(Qt.FocusReason.OtherFocusReason)
                elif self._item_id is not None:
                    self.notes.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if watched is self.items:
                if key in _ENTER and self._item_id is not None:
                    self.notes.setFocus(Qt.FocusReason.OtherFocusReason)
                    return True
                if key == Qt.Key.Key_Delete:
                    self.remove_current()
                    return True
        return super().eventFilter(watched, event)
