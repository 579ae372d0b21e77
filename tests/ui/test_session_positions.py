"""Positions: choose a guideline, record each sector's stance with the keyboard, a reason
asked for (not forced) on reservations and opposition, and an optional tally."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

try:
    from .session_fixtures import Setup, confirm, errors, setup, widget
except ImportError:
    from session_fixtures import Setup, confirm, errors, setup, widget  # type: ignore[no-redef]  # noqa: F401

ENTER = Qt.Key.Key_Return


def positions_in_file(setup: Setup) -> dict[str, tuple[Any, ...]]:
    rows = setup.query(
        "SELECT s.name, p.stance, p.note, p.votes_support, p.votes_support_with_reservations, "
        "p.votes_oppose, p.votes_abstain FROM position p JOIN sector s ON s.id = p.sector_id "
        "WHERE p.session_id = ?",
        setup.session_id,
    )
    return {r[0]: tuple(r[1:]) for r in rows}


def discuss_first_guideline(qtbot: Any, widget: Any) -> Any:
    widget.show_part(2)
    panel = widget.positions
    assert panel.pick.hasFocus()  # nothing discussed yet: Ctrl+3 lands on the chooser
    qtbot.keyClicks(panel.pick, "G-01")
    assert panel.pick.currentText().startswith("G-01")
    qtbot.keyClick(panel.pick, ENTER)
    assert panel.guideline_count() == 1
    assert panel.grid.rows[0].radios[0].hasFocus()
    return panel


def test_record_positions_with_a_reason(qtbot: Any, widget: Any, setup: Setup) -> None:
    panel = discuss_first_guideline(qtbot, widget)
    rows = panel.grid.rows
    names = [s.name for s in setup.sectors]
    qtbot.keyClick(rows[0].radios[0], Qt.Key.Key_Space)  # support
    assert positions_in_file(setup)[names[0]][:2] == ("support", "")
    assert rows[0].radios[0].hasFocus()  # support needs no reason: focus stays
    qtbot.keyClick(rows[0].radios[0], Qt.Key.Key_Down)
    assert rows[1].radios[0].hasFocus()
    qtbot.keyClick(rows[1].radios[0], Qt.Key.Key_Right)
    qtbot.keyClick(rows[1].radios[1], Qt.Key.Key_Right)
    assert rows[1].radios[2].hasFocus()
    assert positions_in_file(setup).get(names[1]) is None  # arrows move, they do not choose
    qtbot.keyClick(rows[1].radios[2], Qt.Key.Key_Space)  # oppose
    assert positions_in_file(setup)[names[1]][:2] == ("oppose", "")  # recorded, reason not forced
    assert rows[1].note.hasFocus()
    assert rows[1].note.placeholderText() == "Why? (recommended)"
    assert rows[1].warn.isVisible()
    qtbot.keyClicks(rows[1].note, "Too costly for small firms")
    assert not rows[1].warn.isVisible()
    qtbot.keyClick(rows[1].note, ENTER)
    assert positions_in_file(setup)[names[1]][:2] == ("oppose", "Too costly for small firms")
    assert rows[2].radios[0].hasFocus()  # Enter goes on to the next sector
    qtbot.keyClick(rows[2].radios[0], Qt.Key.Key_2)  # 1–4 choose directly
    assert positions_in_file(setup)[names[2]][0] == "support_with_reservations"
    assert rows[2].note.hasFocus()
    qtbot.keyClicks(rows[2].note, "If the budget allows")
    qtbot.waitUntil(
        lambda: positions_in_file(setup)[names[2]][1] == "If the budget allows", timeout=3000
    )
    # change of mind, then clear with Delete
    rows[0].radios[0].setFocus()
    qtbot.keyClick(rows[0].radios[0], Qt.Key.Key_4)
    assert positions_in_file(setup)[names[0]][0] == "abstain"
    qtbot.keyClick(rows[0].radios[3], Qt.Key.Key_Delete)
    assert names[0] not in positions_in_file(setup)
    assert rows[0].stance() is None
    model = panel.model
    qtbot.waitUntil(lambda: "2 of 7 sectors" in model.data(model.index(0)))


def test_tally_is_optional_and_recorded(qtbot: Any, widget: Any, setup: Setup) -> None:
    panel = discuss_first_guideline(qtbot, widget)
    row = panel.grid.rows[3]
    assert not row.tally_box.isVisible()
    row.radios[0].setFocus()
    qtbot.keyClick(row.radios[0], Qt.Key.Key_Space)
    row.tally_button.setFocus()
    qtbot.keyClick(row.tally_button, Qt.Key.Key_Space)
    assert row.tally_box.isVisible() and row.spins[0].hasFocus()
    row.spins[0].selectAll()
    qtbot.keyClicks(row.spins[0], "7")
    qtbot.keyClick(row.spins[0], Qt.Key.Key_Tab)
    qtbot.keyClick(row.spins[1], Qt.Key.Key_Tab)
    row.spins[2].selectAll()
    qtbot.keyClicks(row.spins[2], "2")
    qtbot.keyClick(row.spins[2], ENTER)
    name = setup.sectors[3].name
    assert positions_in_file(setup)[name] == ("support", "", 7, 0, 2, 0)
    assert row.tally_button.text() == "Tally (9)"


def test_guidelines_with_positions_are_listed_when_reopening_the_workspace(
    qtbot: Any, setup: Setup, errors: list[BaseException]
) -> None:
    from consulta.domain.model import Stance
    from consulta.ui.views.session_workspace import SessionWorkspace

    g2 = setup.guidelines[1]
    setup.ws.positions.record(g2.id, setup.session_id, setup.sectors[0].id, Stance.OPPOSE, "No")
    w = SessionWorkspace(setup.ws, setup.session_id)
    qtbot.addWidget(w)
    assert w.positions.guideline_count() == 1
    assert w.positions.guideline_id == g2.id
    row = w.positions.grid.rows[0]
    assert row.stance() is Stance.OPPOSE and row.note.text() == "No"
    assert w.positions.pick.count() == 1  # only G-01 left to add


def test_an_open_tally_stays_open_while_other_rows_are_recorded(
    qtbot: Any, widget: Any, setup: Setup
) -> None:
    panel = discuss_first_guideline(qtbot, widget)
    rows = panel.grid.rows
    qtbot.keyClick(rows[0].radios[0], Qt.Key.Key_Space)
    rows[0].tally_button.click()  # opened, nothing counted yet
    assert rows[0].tally_box.isVisible()
    rows[1].radios[0].setFocus()
    qtbot.keyClick(rows[1].radios[0], Qt.Key.Key_Space)  # another row recorded → refresh
    qtbot.waitUntil(lambda: "2 of 7" in panel.model.data(panel.model.index(0)))
    assert rows[0].tally_box.isVisible()
    # another guideline: boxes open only where a tally was recorded
    panel.pick.setFocus()
    qtbot.keyClick(panel.pick, Qt.Key.Key_Down)  # the only one left: G-02
    assert panel.pick.currentText().startswith("G-02")
    qtbot.keyClick(panel.pick, ENTER)
    assert panel.guideline_id == setup.guidelines[1].id
    assert not rows[0].tally_box.isVisible()
