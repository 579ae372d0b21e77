"""The session workspace: the facilitator's main screen during a round table.

A header (title, date, times, venue, district, facilitator, status and the status actions),
a banner when the minutes are locked, and three tabs: check-in, agenda, positions. The app
embeds it from the Sessions view; it talks to the file only through the ``Workspace``
services and listens to ``workspace.subscribe`` so undo/redo and other views show up here.

Keys (shown in tooltips): Ctrl+1 check-in, Ctrl+2 agenda, Ctrl+3 positions,
Ctrl+Shift+H mark held, Ctrl+Shift+L close (or reopen) the session, Alt+B back to the list.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consulta.domain import model as m
from consulta.domain.errors import UserError
from consulta.i18n import _, current_language
from consulta.services.unit import ChangeSet
from consulta.services.workspace import Workspace
from consulta.ui.changes import ChangeRelay
from consulta.ui.dialogs import session_confirm
from consulta.ui.views.session_agenda import AgendaPanel
from consulta.ui.views.session_checkin import CheckInPanel
from consulta.ui.views.session_common import (
    GAP,
    SPACING,
    heading,
    icon,
    keys,
    locked_colours,
    ok_colours,
    run,
    set_tint,
    with_keys,
)
from consulta.ui.views.session_positions import PositionsPanel

_CTRL = Qt.KeyboardModifier.ControlModifier
_CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
_CHECKIN_TABLES = {"attendance", "participant", "sector", "organisation"}
_AGENDA_TABLES = {"agenda_item"}
_POSITION_TABLES = {"position", "guideline", "sector"}


class SessionWorkspace(QWidget):
    closeRequested = Signal()
    changed = Signal()

    def __init__(
        self, workspace: Workspace, session_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionWorkspace")
        self.ws = workspace
        self.session_id = session_id
        self.session: m.Session = workspace.sessions.get(session_id)
        self.locked = False
        self._pending_tables: set[str] = set()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._apply_pending)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(GAP, GAP, GAP, SPACING)
        layout.setSpacing(SPACING)
        layout.addLayout(self._build_header())
        layout.addWidget(self._build_banner())

        self.checkin = CheckInPanel(workspace, session_id)
        self.agenda = AgendaPanel(workspace, session_id)
        self.positions = PositionsPanel(workspace, session_id)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sessionTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.checkin, icon("check-in"), "")
        self.tabs.addTab(self.agenda, icon("edit"), "")
        self.tabs.addTab(self.positions, icon("guidelines"), "")
        layout.addWidget(self.tabs, 1)
        self.message = QLabel()
        self.message.setObjectName("sessionMessage")
        self.message.setAccessibleName(_("Last action"))
        layout.addWidget(self.message)

        for panel in (self.checkin, self.agenda, self.positions):
            panel.changed.connect(self._panel_changed)
            panel.message.connect(self.message.setText)

        self._keys: dict[tuple[int, Qt.KeyboardModifier], Callable[[], None]] = {
            (int(Qt.Key.Key_1), _CTRL): lambda: self.show_part(0),
            (int(Qt.Key.Key_2), _CTRL): lambda: self.show_part(1),
            (int(Qt.Key.Key_3), _CTRL): lambda: self.show_part(2),
            (int(Qt.Key.Key_L), _CTRL_SHIFT): self.close_or_reopen,
            (int(Qt.Key.Key_H), _CTRL_SHIFT): self.mark_held,
        }

        self._relay = ChangeRelay(workspace, self)
        self._relay.changed.connect(self._heard)

        self.retranslate()
        self.refresh()

    # -- building --------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setSpacing(GAP)
        self.back_button = QPushButton(icon("close"), "")
        self.back_button.setObjectName("sessionBack")
        self.back_button.clicked.connect(self._back)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = heading("", 4.0)
        self.title.setObjectName("sessionTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.details.setObjectName("sessionDetails")
        self.details.setWordWrap(True)
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        titles.addWidget(self.title)
        titles.addWidget(self.details)
        self.status = QLabel()
        self.status.setObjectName("sessionStatus")
        self.status.setContentsMargins(SPACING, 3, SPACING, 3)
        self.held_button = QPushButton()
        self.held_button.setObjectName("markHeld")
        self.held_button.clicked.connect(self.mark_held)
        self.close_button = QPushButton(icon("lock"), "")
        self.close_button.setObjectName("closeSession")
        self.close_button.clicked.connect(self.close_session)
        self.reopen_button = QPushButton(icon("unlock"), "")
        self.reopen_button.setObjectName("reopenSession")
        self.reopen_button.clicked.connect(self.reopen_session)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(titles, 1)
        for widget in (self.status, self.held_button, self.close_button, self.reopen_button):
            header.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _build_banner(self) -> QFrame:
        self.banner = QFrame()
        self.banner.setObjectName("lockedBanner")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(GAP, SPACING, GAP, SPACING)
        row.setSpacing(SPACING)
        self.banner_icon = QLabel()
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        font = self.banner_text.font()
        font.setBold(True)
        self.banner_text.setFont(font)
        row.addWidget(self.banner_icon)
        row.addWidget(self.banner_text, 1)
        self.banner.hide()
        return self.banner

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.back_button.setText(_("&Back to sessions"))
        self.back_button.setToolTip(with_keys(_("Back to the list of sessions"), "Alt+B"))
        self.held_button.setText(_("Mark held"))
        self.held_button.setToolTip(with_keys(_("The round table took place"), "Ctrl+Shift+H"))
        self.close_button.setText(_("Close session…"))
        self.close_button.setToolTip(
            with_keys(_("Approve the minutes and lock them against changes"), "Ctrl+Shift+L")
        )
        self.reopen_button.setText(_("Reopen…"))
        self.reopen_button.setToolTip(
            with_keys(_("Unlock the minutes to correct them"), "Ctrl+Shift+L")
        )
        tips = (_("Check-in"), _("Agenda and notes"), _("Positions"))
        for index, (tip, sequence) in enumerate(
            zip(tips, ("Ctrl+1", "Ctrl+2", "Ctrl+3"), strict=True)
        ):
            self.tabs.setTabToolTip(index, with_keys(tip, sequence))
        self.checkin.retranslate()
        self.agenda.retranslate()
        self.positions.retranslate()
        self._show_header()
        self._update_tab_titles()

    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(0, _("Check-in ({n})", n=self.checkin.present_count()))
        self.tabs.setTabText(1, _("Agenda ({n})", n=self.agenda.item_count()))
        self.tabs.setTabText(2, _("Positions ({n})", n=self.positions.guideline_count()))

    def _show_header(self) -> None:
        s = self.session
        locale = QLocale(current_language())
        self.title.setText(s.title)
        pieces = [
            locale.toString(
                QDate(s.date.year, s.date.month, s.date.day), QLocale.FormatType.LongFormat
            )
        ]
        if s.start or s.end:
            start = (
                locale.toString(QTime(s.start.hour, s.start.minute), "HH:mm") if s.start else "…"
            )
            end = locale.toString(QTime(s.end.hour, s.end.minute), "HH:mm") if s.end else "…"
            pieces.append(_("{start}–{end}", start=start, end=end))
        if s.venue:
            pieces.append(s.venue)
        if s.district_id:
            with contextlib.suppress(UserError):  # a district deleted meanwhile: leave it out
                pieces.append(_("District: {name}", name=self.ws.districts.get(s.district_id).name))
        if s.facilitator:
            pieces.append(_("Facilitator: {name}", name=s.facilitator))
        self.details.setText("  ·  ".join(pieces))
        self.status.setText(_("Status: {status}", status=s.status.label))
        if s.status is m.SessionStatus.CLOSED:
            set_tint(self.status, *locked_colours(self.palette()))
        elif s.status is m.SessionStatus.HELD:
            set_tint(self.status, *ok_colours(self.palette()))
        else:
            self.status.setAutoFillBackground(False)
            self.status.setPalette(self.palette())
        if self.ws.readonly:
            self.banner_text.setText(_("Read-only file — nothing here can be changed."))
        else:
            self.banner_text.setText(
                _(
                    "Closed — minutes locked. Reopen the session ({keys}) to change them.",
                    keys=keys("Ctrl+Shift+L"),
                )
            )

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload everything from the services (the app calls this after undo/redo)."""
        try:
            self.session = self.ws.sessions.get(self.session_id)
        except UserError:  # the session was deleted (e.g. undo of its creation)
            self.closeRequested.emit()
            return
        self.checkin.refresh()
        self.agenda.refresh()
        self.positions.refresh()
        self._apply_state()

    def _apply_state(self) -> None:
        s = self.session
        self.locked = s.status is m.SessionStatus.CLOSED or self.ws.readonly
        editable = not self.ws.readonly
        self.held_button.setVisible(editable and s.status is m.SessionStatus.PLANNED)
        self.close_button.setVisible(editable and s.status is not m.SessionStatus.CLOSED)
        self.reopen_button.setVisible(editable and s.status is m.SessionStatus.CLOSED)
        self.checkin.set_locked(self.locked)
        self.agenda.set_locked(self.locked)
        self.positions.set_locked(self.locked)
        if self.locked:
            set_tint(self.banner, *locked_colours(self.palette()))
            self.banner_icon.setPixmap(
                icon("lock", locked_colours(self.palette())[1].name()).pixmap(24, 24)
            )
        self.banner.setVisible(self.locked)
        self._show_header()
        self._update_tab_titles()

    def _heard(self, changeset: ChangeSet) -> None:
        self._pending_tables |= changeset.tables()
        self._refresh_timer.start()

    def _apply_pending(self) -> None:
        tables, self._pending_tables = self._pending_tables, set()
        if "session" in tables:
            self.refresh()
            return
        if tables & _CHECKIN_TABLES:
            self.checkin.refresh()
        if tables & _AGENDA_TABLES:
            self.agenda.refresh()
        if tables & _POSITION_TABLES:
            self.positions.refresh()
        self._update_tab_titles()

    def _panel_changed(self) -> None:
        self._update_tab_titles()
        self.changed.emit()

    def flush(self) -> None:
        """Commit notes and reasons still being typed (the app calls this before closing)."""
        self.agenda.commit_notes()
        self.agenda.commit_title()
        self.positions.commit_pending()

    # -- actions ---------------------------------------------------------------------------

    def show_part(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        if index == 0:
            self.checkin.focus_search()
        elif index == 1:
            self.agenda.focus_first()
        else:
            self.positions.focus_first()

    def _back(self) -> None:
        self.flush()
        self.closeRequested.emit()

    def _set_status(self, action: Callable[[], m.Session], done: str) -> None:
        self.flush()
        if run(self, action):
            self.refresh()
            self.message.setText(done)
            self.changed.emit()

    def mark_held(self) -> None:
        if self.ws.readonly or self.session.status is not m.SessionStatus.PLANNED:
            return
        self._set_status(lambda: self.ws.sessions.mark_held(self.session_id), _("Marked as held."))

    def close_session(self) -> None:
        if self.ws.readonly or self.session.status is m.SessionStatus.CLOSED:
            return
        self.flush()
        if session_confirm.confirm_close(self, self.session.title):
            self._set_status(
                lambda: self.ws.sessions.close(self.session_id),
                _("Session closed; minutes locked."),
            )

    def reopen_session(self) -> None:
        if self.ws.readonly or self.session.status is not m.SessionStatus.CLOSED:
            return
        if session_confirm.confirm_reopen(self, self.session.title):
            self._set_status(
                lambda: self.ws.sessions.reopen(self.session_id), _("Session reopened.")
            )

    def close_or_reopen(self) -> None:
        if self.session.status is m.SessionStatus.CLOSED:
            self.reopen_session()
        else:
            self.close_session()

    # -- events ----------------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        """setFocus() on the workspace (the app does it on opening) lands in the current part.
        (Not a focus proxy: a proxy would drop the header buttons from the Tab chain.)"""
        super().focusInEvent(event)
        self.show_part(self.tabs.currentIndex())

    def _shortcut(self, event: QEvent) -> Callable[[], None] | None:
        if not isinstance(event, QKeyEvent):
            return None
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return self._keys.get((int(event.key()), mods))

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self._shortcut(event) is not None:
            event.accept()  # ours while the focus is in the workspace (before the window's)
            return True
        if kind == QEvent.Type.KeyPress:
            handler = self._shortcut(event)
            if handler is not None:
                handler()
                event.accept()
                return True
        if kind == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().event(event)
