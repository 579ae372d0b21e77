"""Check-in in the session workspace, driven with the keyboard as a facilitator would."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from consulta.domain import model as m
from consulta.services.participants import participant_row
from consulta.services.unit import table

try:
    from .session_fixtures import Setup, confirm, errors, make_setup, setup, widget
except ImportError:
    from session_fixtures import Setup, confirm, errors, make_setup, setup, widget  # type: ignore[no-redef]  # noqa: F401

ENTER = Qt.Key.Key_Return


def test_check_in_by_keyboard_search_and_enter(qtbot: Any, widget: Any, setup: Setup) -> None:
    widget.show_part(0)
    search = widget.checkin.search
    assert search.hasFocus()
    qtbot.keyClicks(search, "carla")
    qtbot.keyClick(search, ENTER)
    assert setup.present_names() == {"Carla Díaz"}
    assert search.text() == "" and search.hasFocus()
    assert widget.checkin.present_model.rowCount() == 1
    assert "Carla Díaz" in widget.message.text()
    # accents and case do not matter
    qtbot.keyClicks(search, "PEREZ")
    qtbot.keyClick(search, Qt.Key.Key_Enter)
    assert setup.present_names() == {"Carla Díaz", "Ana Pérez"}
    assert widget.tabs.tabText(0).endswith("(2)")


def test_up_down_move_the_highlight_while_focus_stays_in_the_search(
    qtbot: Any, widget: Any, setup: Setup
) -> None:
    widget.show_part(0)
    search, results = widget.checkin.search, widget.checkin.results
    qtbot.keyClicks(search, "ana")
    assert widget.checkin.search_model.rowCount() == 2  # Ana Gómez, Ana Pérez
    assert results.currentIndex().row() == 0
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert results.currentIndex().row() == 1 and search.hasFocus()
    qtbot.keyClick(search, Qt.Key.Key_Down)  # stays on the last
    assert results.currentIndex().row() == 1
    qtbot.keyClick(search, Qt.Key.Key_Up)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.keyClick(search, ENTER)
    assert setup.present_names() == {"Ana Pérez"}
    # the one already present is not highlighted first, and Enter on them changes nothing
    qtbot.keyClicks(search, "ana")
    assert results.currentIndex().row() == 0
    assert widget.checkin.search_model.participant(0).name == "Ana Gómez"
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.keyClick(search, ENTER)
    assert setup.present_names() == {"Ana Pérez"}
    assert "already checked in" in widget.message.text()


def test_newcomer_added_and_checked_in_without_leaving_the_keyboard(
    qtbot: Any, widget: Any, setup: Setup
) -> None:
    widget.show_part(0)
    panel = widget.checkin
    qtbot.keyClicks(panel.search, "Zoe Newcomer")
    assert panel.search_model.rowCount() == 0
    assert "Enter" in panel.hint.text()
    qtbot.keyClick(panel.search, ENTER)
    form = panel.newcomer
    assert form.isVisible() and form.name.text() == "Zoe Newcomer"
    assert form.sector.hasFocus()  # the name is there: the sector is what is missing
    qtbot.keyClick(form.sector, ENTER)  # no sector yet: asked for, not added
    assert form.problem.isVisible() and form.isVisible()
    assert setup.ws.participants.count("Zoe") == 0
    qtbot.keyClicks(form.sector, "Acad")  # type-to-select
    assert form.sector.currentText() == "Academia"
    qtbot.keyClick(form.sector, Qt.Key.Key_Tab)
    assert form.organisation.hasFocus()
    qtbot.keyClicks(form.organisation, "University of the South")
    qtbot.keyClick(form.organisation, ENTER)
    assert not form.isVisible()
    assert setup.present_names() == {"Zoe Newcomer"}
    person = setup.ws.participants.page(0, 5, query="zoe")[0]
    assert person.sector_id == setup.sectors[2].id
    assert person.organisation_id is not None
    assert setup.ws.organisations.get(person.organisation_id).name == "University of the South"
    assert panel.search.hasFocus() and panel.search.text() == ""


def test_ctrl_n_opens_the_form_even_with_matches_and_escape_returns(
    qtbot: Any, widget: Any, setup: Setup
) -> None:
    widget.show_part(0)
    panel = widget.checkin
    qtbot.keyClicks(panel.search, "Ana")
    qtbot.keyClick(panel.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert panel.newcomer.isVisible() and panel.newcomer.name.text() == "Ana"
    qtbot.keyClick(panel.newcomer.sector, Qt.Key.Key_Escape)
    assert not panel.newcomer.isVisible() and panel.search.hasFocus()
    assert setup.present_names() == set()
    # Escape in the search clears it
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == ""


def test_count_per_sector_updates_and_absent_sectors_are_marked(
    qtbot: Any, widget: Any, setup: Setup
) -> None:
    counts = widget.checkin.count_model
    assert len(counts.absent()) == 7
    row0 = counts.index(0, 1)
    assert counts.data(row0) == "Absent"
    assert counts.data(row0, Qt.ItemDataRole.DecorationRole) is not None  # an icon, not only colour
    assert counts.data(row0, Qt.ItemDataRole.BackgroundRole) is not None
    widget.show_part(0)
    qtbot.keyClicks(widget.checkin.search, "Ana P")
    qtbot.keyClick(widget.checkin.search, ENTER)
    assert counts.data(row0) == "1"
    assert counts.data(row0, Qt.ItemDataRole.BackgroundRole) is None
    assert [s.name for s in counts.absent()] == [s.name for s in setup.sectors[1:]]
    assert "1 of 7 sectors present" in widget.checkin.sectors_summary.text()
    # a change made elsewhere (another view, undo) shows up through the subscription
    setup.ws.attendance.check_in(setup.session_id, setup.people["Bruno Costa"].id)
    qtbot.waitUntil(lambda: counts.data(counts.index(1, 1)) == "1")
    setup.ws.history.undo()
    qtbot.waitUntil(lambda: counts.data(counts.index(1, 1)) == "Absent")


def test_delete_checks_out_the_selected_person(qtbot: Any, widget: Any, setup: Setup) -> None:
    for name in ("Carla Díaz", "Bruno Costa"):
        setup.ws.attendance.check_in(setup.session_id, setup.people[name].id)
    widget.refresh()
    present = widget.checkin.present
    present.setFocus()
    present.setCurrentIndex(widget.checkin.present_model.index(0, 0))  # Bruno Costa, by name
    qtbot.keyClick(present, Qt.Key.Key_Delete)
    assert setup.present_names() == {"Carla Díaz"}
    assert widget.checkin.present_model.rowCount() == 1


def test_search_on_a_large_file_holds_one_page(qtbot: Any, tmp_path: Any) -> None:
    s = make_setup(tmp_path / "large.consulta")
    try:
        sectors = s.sectors
        now = datetime(2026, 5, 1)
        meta = {"created_at": now, "updated_at": now, "hlc": "0", "origin": "test"}
        rows = [
            {
                **participant_row(
                    m.Participant(name=f"Person {i:05d} Martínez", sector_id=sectors[i % 7].id)
                ),
                **meta,
            }
            for i in range(5_000)
        ]
        with s.ws.file.engine.begin() as conn:  # test data in bulk, not one edit per row
            conn.execute(insert(table("participant")), rows)
        from consulta.ui.views.session_workspace import SessionWorkspace

        w = SessionWorkspace(s.ws, s.session_id)
        qtbot.addWidget(w)
        w.resize(1366, 700)
        with qtbot.waitExposed(w):
            w.show()
        model, search = w.checkin.search_model, w.checkin.search
        started = time.perf_counter()
        search.setText("martinez")
        QApplication.processEvents()
        elapsed = time.perf_counter() - started
        assert model.rowCount() == model.LIMIT == 50
        assert model.total == 5_000
        assert elapsed < 0.5, elapsed
        assert "50 of 5000" in w.checkin.hint.text()
        search.clear()
        qtbot.keyClicks(search, "person 00421")
        assert model.rowCount() == 1 and model.total == 1
        qtbot.keyClick(search, ENTER)
        assert s.present_names() == {"Person 00421 Martínez"}
        assert w.checkin.results.model().rowCount() <= model.LIMIT
    finally:
        s.ws.close()
