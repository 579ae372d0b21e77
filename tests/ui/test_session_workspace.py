"""The session workspace as a whole: header, close (locks the minutes) and reopen, the
keyboard-only flow from check-in to close, refresh from the services, and translation."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from consulta.domain.errors import SessionLockedError
from consulta.domain.model import SessionStatus

try:
    from .session_fixtures import Setup, confirm, errors, setup, widget
except ImportError:
    from session_fixtures import Setup, confirm, errors, setup, widget  # type: ignore[no-redef]  # noqa: F401

ENTER = Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def status_in_file(setup: Setup) -> str:
    return str(setup.query("SELECT status FROM session WHERE id = ?", setup.session_id)[0][0])


def test_header_shows_the_session(widget: Any) -> None:
    assert widget.title.text() == "Round table: the port"
    details = widget.details.text()
    for part in ("2026", "10:00", "12:30", "Town hall", "Lucía Fernández"):
        assert part in details
    assert widget.status.text() == "Status: Planned"
    assert widget.held_button.isVisible() and widget.close_button.isVisible()
    assert not widget.reopen_button.isVisible() and not widget.banner.isVisible()


def test_close_locks_the_minutes_and_reopen_unlocks_them(
    qtbot: Any, widget: Any, setup: Setup, confirm: list[str], errors: list[BaseException]
) -> None:
    setup.ws.agenda.add(setup.session_id, "Welcome", "Opening words")
    widget.refresh()
    qtbot.mouseClick(widget.held_button, Qt.MouseButton.LeftButton)
    assert status_in_file(setup) == "held"
    assert not widget.held_button.isVisible()
    qtbot.mouseClick(widget.close_button, Qt.MouseButton.LeftButton)
    assert confirm == ["confirm_close"]
    assert status_in_file(setup) == "closed"
    assert widget.banner.isVisible() and "minutes locked" in widget.banner_text.text()
    assert widget.reopen_button.isVisible() and not widget.close_button.isVisible()
    # every editor is disabled or read-only
    assert not widget.checkin.search.isEnabled()
    assert not widget.checkin.new_button.isEnabled()
    assert not widget.agenda.add_field.isEnabled()
    assert widget.agenda.notes.isReadOnly() and widget.agenda.title_field.isReadOnly()
    assert widget.agenda.notes.toPlainText() == "Opening words"  # still readable
    assert not widget.positions.pick.isEnabled()
    assert all(not r.isEnabled() for row in widget.positions.grid.rows for r in row.radios)
    # and the file refuses edits anyway
    with pytest.raises(SessionLockedError):
        setup.ws.agenda.add(setup.session_id, "Late item")
    assert errors == []
    qtbot.keyClick(widget.agenda.notes, Qt.Key.Key_A)
    assert widget.agenda.notes.toPlainText() == "Opening words"
    # reopen: explicit, confirmed, with the keyboard
    widget.agenda.notes.setFocus()
    qtbot.keyClick(widget.agenda.notes, Qt.Key.Key_L, CTRL_SHIFT)
    assert confirm == ["confirm_close", "confirm_reopen"]
    assert status_in_file(setup) == "held"
    assert not widget.banner.isVisible()
    assert widget.checkin.search.isEnabled() and not widget.agenda.notes.isReadOnly()


def test_declining_the_confirmation_changes_nothing(
    qtbot: Any, widget: Any, setup: Setup, monkeypatch: Any
) -> None:
    from consulta.ui.dialogs import session_confirm

    monkeypatch.setattr(session_confirm, "confirm_close", lambda parent, title: False)
    widget.close_session()
    assert status_in_file(setup) == "planned"
    assert not widget.banner.isVisible()


def test_an_edit_refused_by_locked_minutes_is_shown_once(
    qtbot: Any, widget: Any, setup: Setup, errors: list[BaseException]
) -> None:
    item = setup.ws.agenda.add(setup.session_id, "Welcome")
    widget.refresh()
    agenda = widget.agenda
    agenda.notes.setFocus()
    qtbot.keyClicks(agenda.notes, "late words")
    setup.ws.sessions.close(setup.session_id)  # closed elsewhere while typing
    agenda.commit_notes()
    assert len(errors) == 1 and isinstance(errors[0], SessionLockedError)
    assert "Reopen" in str(errors[0])
    qtbot.waitUntil(lambda: widget.banner.isVisible())
    assert setup.ws.agenda.get(item.id).notes == ""
    assert agenda.notes.isReadOnly()


def test_the_whole_flow_with_the_keyboard_alone(
    qtbot: Any, widget: Any, setup: Setup, confirm: list[str]
) -> None:
    # check-in: search + Enter, then a newcomer
    qtbot.keyClick(widget, Qt.Key.Key_1, CTRL)
    search = widget.checkin.search
    assert widget.tabs.currentIndex() == 0 and search.hasFocus()
    qtbot.keyClicks(search, "bruno")
    qtbot.keyClick(search, ENTER)
    qtbot.keyClicks(search, "Dora Nueva")
    qtbot.keyClick(search, ENTER)
    form = widget.checkin.newcomer
    qtbot.keyClicks(form.sector, "Media")
    qtbot.keyClick(form.sector, ENTER)
    assert setup.present_names() == {"Bruno Costa", "Dora Nueva"}
    # agenda: add an item, Ctrl+Enter jumps to its notes
    qtbot.keyClick(search, Qt.Key.Key_2, CTRL)
    field = widget.agenda.add_field
    assert widget.tabs.currentIndex() == 1 and field.hasFocus()
    qtbot.keyClicks(field, "Port strategy")
    qtbot.keyClick(field, ENTER, CTRL)
    notes = widget.agenda.notes
    assert notes.hasFocus()
    qtbot.keyClicks(notes, "Agreed to meet again in June.")
    # positions: Ctrl+3 (leaving the notes commits them), choose a guideline, record
    qtbot.keyClick(notes, Qt.Key.Key_3, CTRL)
    assert setup.query("SELECT notes FROM agenda_item") == [("Agreed to meet again in June.",)]
    pick = widget.positions.pick
    assert widget.tabs.currentIndex() == 2 and pick.hasFocus()
    qtbot.keyClicks(pick, "G-02")
    qtbot.keyClick(pick, ENTER)
    first = widget.positions.grid.rows[0].radios[0]
    assert first.hasFocus()
    qtbot.keyClick(first, Qt.Key.Key_3)  # oppose → the reason
    reason = widget.positions.grid.rows[0].note
    assert reason.hasFocus()
    qtbot.keyClicks(reason, "Not a priority")
    qtbot.keyClick(reason, ENTER)
    # close with Ctrl+Shift+L (confirmation answered yes)
    focused = widget.positions.grid.rows[1].radios[0]
    assert focused.hasFocus()
    qtbot.keyClick(focused, Qt.Key.Key_L, CTRL_SHIFT)
    assert confirm == ["confirm_close"]
    assert status_in_file(setup) == "closed"
    assert setup.query("SELECT stance, note FROM position") == [("oppose", "Not a priority")]
    assert widget.banner.isVisible()


def test_changes_from_elsewhere_and_undo_show_up(qtbot: Any, widget: Any, setup: Setup) -> None:
    setup.ws.agenda.add(setup.session_id, "From another view")
    qtbot.waitUntil(lambda: widget.agenda.item_count() == 1)
    assert widget.tabs.tabText(1) == "Agenda (1)"
    setup.ws.sessions.close(setup.session_id)
    qtbot.waitUntil(lambda: widget.banner.isVisible())
    setup.ws.history.undo()
    qtbot.waitUntil(lambda: not widget.banner.isVisible())
    assert widget.session.status is SessionStatus.PLANNED


def test_unsubscribes_when_destroyed(qtbot: Any, setup: Setup, errors: list[BaseException]) -> None:
    from consulta.ui.views.session_workspace import SessionWorkspace

    before = len(setup.ws._listeners)
    w = SessionWorkspace(setup.ws, setup.session_id)
    assert len(setup.ws._listeners) == before + 1
    w.deleteLater()
    qtbot.waitUntil(lambda: len(setup.ws._listeners) == before)
    setup.ws.agenda.add(setup.session_id, "after")  # nobody left to notify: no error


def test_retranslate_to_spanish(qtbot: Any, widget: Any) -> None:
    from consulta.i18n import set_language
    from consulta.ui.i18n import apply_language

    try:
        apply_language("es")
        widget.retranslate()
        assert widget.close_button.text() == "Cerrar sesión…"
        assert widget.tabs.tabText(0).startswith("Registro")
        assert widget.checkin.search_title.text() == "&Buscar participante"
    finally:
        set_language("en")
        apply_language("en")
    widget.retranslate()
    assert widget.close_button.text() == "Close session…"


def test_workspace_keys_win_over_the_windows_own_shortcuts(
    qtbot: Any, setup: Setup, errors: list[BaseException]
) -> None:
    """The main window binds Ctrl+1…5 to its views; inside the workspace they are ours."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMainWindow

    from consulta.ui.views.session_workspace import SessionWorkspace

    window = QMainWindow()
    qtbot.addWidget(window)
    fired: list[str] = []
    for number in (1, 2, 3):
        action = QAction(f"view {number}", window)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _checked=False, n=number: fired.append(f"view {n}"))
        window.addAction(action)
    w = SessionWorkspace(setup.ws, setup.session_id)
    window.setCentralWidget(w)
    window.resize(1366, 768)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    w.setFocus()  # what the Sessions view does on opening: lands in the search field
    assert w.checkin.search.hasFocus()
    qtbot.keyClick(w.checkin.search, Qt.Key.Key_2, CTRL)
    assert w.tabs.currentIndex() == 1 and w.agenda.add_field.hasFocus()
    qtbot.keyClick(w.agenda.add_field, Qt.Key.Key_3, CTRL)
    assert w.tabs.currentIndex() == 2
    assert fired == []


def test_a_read_only_file_shows_everything_and_changes_nothing(
    qtbot: Any, tmp_path: Any, errors: list[BaseException]
) -> None:
    from consulta.services.workspace import Workspace
    from consulta.ui.views.session_workspace import SessionWorkspace

    try:
        from .session_fixtures import make_setup
    except ImportError:
        from session_fixtures import make_setup  # type: ignore[no-redef]

    s = make_setup(tmp_path / "shared.consulta")
    s.ws.agenda.add(s.session_id, "Welcome", "Notes from the office")
    s.ws.close()
    ws = Workspace.open(s.path, readonly=True)
    try:
        w = SessionWorkspace(ws, s.session_id)
        qtbot.addWidget(w)
        assert w.locked and w.banner.isVisibleTo(w)
        assert "Read-only" in w.banner_text.text()
        assert not w.close_button.isVisibleTo(w) and not w.reopen_button.isVisibleTo(w)
        assert w.agenda.notes.toPlainText() == "Notes from the office"
        assert w.agenda.notes.isReadOnly()
        assert not w.checkin.search.isEnabled()
        w.close_or_reopen()  # the key does nothing on a read-only file
        assert errors == []
    finally:
        ws.close()
