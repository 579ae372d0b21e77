"""Agenda and notes: debounced commits found in the file, focus-out commits, reordering,
and a long note that stays smooth (no commit per keystroke, no rebuild of the editor)."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt

try:
    from .session_fixtures import Setup, confirm, errors, setup, widget
except ImportError:
    from session_fixtures import Setup, confirm, errors, setup, widget  # type: ignore[no-redef]  # noqa: F401

ENTER = Qt.Key.Key_Return


def notes_in_file(setup: Setup) -> list[tuple[str, str]]:
    return setup.query(
        "SELECT title, notes FROM agenda_item WHERE session_id = ? ORDER BY position",
        setup.session_id,
    )


def add_items(qtbot: Any, widget: Any, *titles: str) -> None:
    widget.show_part(1)  # Ctrl+2: the add field when the agenda is empty, else the list
    field = widget.agenda.add_field
    if widget.agenda.model.rowCount():
        assert widget.agenda.items.hasFocus()
        field.setFocus()
    assert field.hasFocus()
    for title in titles:
        qtbot.keyClicks(field, title)
        qtbot.keyClick(field, ENTER)
    assert field.text() == "" and field.hasFocus()


def test_notes_reach_the_file_after_typing_stops(qtbot: Any, widget: Any, setup: Setup) -> None:
    add_items(qtbot, widget, "Welcome", "Port strategy")
    assert [t for t, _n in notes_in_file(setup)] == ["Welcome", "Port strategy"]
    agenda = widget.agenda
    assert agenda.title_field.text() == "Port strategy"  # the new item is selected
    agenda.notes.setFocus()
    qtbot.keyClicks(agenda.notes, "The port wants a logistics hub.")
    # not yet: the commit waits until typing stops
    assert notes_in_file(setup)[1][1] == ""
    assert agenda.status.text() == "Saving…"
    qtbot.waitUntil(
        lambda: notes_in_file(setup)[1][1] == "The port wants a logistics hub.", timeout=3000
    )
    qtbot.waitUntil(lambda: agenda.status.text().startswith("Saved"))
    assert agenda.notes.hasFocus()
    assert agenda.notes.toPlainText() == "The port wants a logistics hub."


def test_notes_are_committed_at_once_when_the_field_is_left(
    qtbot: Any, widget: Any, setup: Setup
) -> None:
    add_items(qtbot, widget, "Welcome")
    agenda = widget.agenda
    agenda.notes.setFocus()
    qtbot.keyClicks(agenda.notes, "Quick note")
    qtbot.keyClick(agenda.notes, Qt.Key.Key_Tab)  # Tab leaves the editor (it does not insert a tab)
    assert not agenda.notes.hasFocus()
    assert notes_in_file(setup)[0][1] == "Quick note"  # no waiting
    # choosing another item commits too
    add_items(qtbot, widget, "Second")
    agenda.items.setFocus()
    agenda.items.setCurrentIndex(agenda.model.index(0))
    qtbot.keyClick(agenda.items, ENTER)  # Enter in the list: write the notes
    assert agenda.notes.hasFocus()
    qtbot.keyClicks(agenda.notes, " and more")
    agenda.items.setCurrentIndex(agenda.model.index(1))
    assert notes_in_file(setup)[0][1] == "Quick note and more"
    # hiding the panel (another tab) commits too
    agenda.notes.setFocus()
    qtbot.keyClicks(agenda.notes, "Second notes")
    widget.tabs.setCurrentIndex(2)
    assert notes_in_file(setup)[1][1] == "Second notes"


def test_reorder_with_alt_arrows_and_remove_with_delete(
    qtbot: Any, widget: Any, setup: Setup, confirm: list[str]
) -> None:
    add_items(qtbot, widget, "A", "B", "C")
    agenda = widget.agenda
    agenda.items.setFocus()
    agenda.items.setCurrentIndex(agenda.model.index(0))
    qtbot.keyClick(agenda.items, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [t for t, _n in notes_in_file(setup)] == ["B", "A", "C"]
    assert agenda.title_field.text() == "A"  # the moved item stays selected
    qtbot.keyClick(agenda.items, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [t for t, _n in notes_in_file(setup)] == ["B", "C", "A"]
    qtbot.keyClick(agenda.items, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [t for t, _n in notes_in_file(setup)] == ["B", "A", "C"]
    qtbot.keyClick(agenda.items, Qt.Key.Key_Delete)  # no notes: removed without asking
    assert [t for t, _n in notes_in_file(setup)] == ["B", "C"]
    assert confirm == []
    # an item with notes asks first
    setup.ws.agenda.update(setup.ws.agenda.list(setup.session_id)[0].id, notes="kept?")
    qtbot.waitUntil(lambda: agenda.model.item(0).notes == "kept?")
    agenda.items.setCurrentIndex(agenda.model.index(0))
    qtbot.keyClick(agenda.items, Qt.Key.Key_Delete)
    assert confirm == ["confirm_remove_item"]
    assert [t for t, _n in notes_in_file(setup)] == ["C"]


def test_title_edit_is_committed(qtbot: Any, widget: Any, setup: Setup) -> None:
    add_items(qtbot, widget, "Wlecome")
    field = widget.agenda.title_field
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Welcome")
    qtbot.keyClick(field, ENTER)
    assert notes_in_file(setup)[0][0] == "Welcome"
    assert widget.agenda.model.data(widget.agenda.model.index(0)) == "1. Welcome"


def test_a_long_note_stays_smooth(qtbot: Any, widget: Any, setup: Setup, monkeypatch: Any) -> None:
    add_items(qtbot, widget, "Long debate")
    item_id = setup.ws.agenda.list(setup.session_id)[0].id
    long_text = ("Every sector spoke at length about the port. " * 230)[:10_000]
    setup.ws.agenda.update(item_id, notes=long_text)
    agenda = widget.agenda
    qtbot.waitUntil(lambda: agenda.notes.toPlainText() == long_text)
    commits: list[str] = []
    original = setup.ws.agenda.update
    monkeypatch.setattr(
        setup.ws.agenda, "update", lambda *a, **k: commits.append("x") or original(*a, **k)
    )
    document = agenda.notes.document()
    agenda.notes.setFocus()
    agenda.notes.moveCursor(agenda.notes.textCursor().MoveOperation.End)
    started = time.perf_counter()
    qtbot.keyClicks(agenda.notes, " The port authority agreed to a follow-up meeting.")
    typing = time.perf_counter() - started
    assert commits == []  # nothing written per keystroke
    assert typing < 2.0, typing
    qtbot.waitUntil(lambda: len(commits) == 1, timeout=3000)
    assert agenda.notes.document() is document  # never rebuilt
    assert agenda.notes.textCursor().position() == len(
        agenda.notes.toPlainText()
    )  # cursor untouched
    assert notes_in_file(setup)[0][1].endswith("follow-up meeting.")
    assert len(notes_in_file(setup)[0][1]) == 10_000 + 50


def test_undo_of_notes_shows_in_the_editor(qtbot: Any, widget: Any, setup: Setup) -> None:
    add_items(qtbot, widget, "Item")
    agenda = widget.agenda
    agenda.notes.setFocus()
    qtbot.keyClicks(agenda.notes, "first")
    agenda.commit_notes()
    setup.ws.history.undo()
    widget.refresh()
    assert agenda.notes.toPlainText() == ""
    assert notes_in_file(setup)[0][1] == ""
