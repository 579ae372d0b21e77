"""The main window driven as a person would, on a fresh consultation file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from consulta.domain import model as m
from consulta.ui.dialogs.consultation import NewConsultationDialog
from consulta.ui.dialogs.participant import ParticipantDialog
from consulta.ui.dialogs.sector import SectorDialog
from consulta.ui.workspace_page import PARTICIPANTS, SECTORS
from tests.ui.conftest import open_in, read_file


def test_create_a_consultation_from_the_start_page(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    target = tmp_path / "strategy.consulta"

    def fill(dialog: NewConsultationDialog) -> int:
        qtbot.keyClicks(dialog.title_edit, "Internationalisation strategy")
        qtbot.keyClicks(dialog.territory, "Puerto Alegre")
        dialog.path.setText(str(target))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(NewConsultationDialog, "exec", fill)
    qtbot.mouseClick(window.start.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ws is not None, timeout=20_000)

    assert window.ws.path == target
    assert read_file(target, "SELECT title, territory FROM consultation") == [
        ("Internationalisation strategy", "Puerto Alegre")
    ]
    assert read_file(target, "SELECT count(*) FROM sector") == [(7,)]
    assert "Internationalisation strategy" in window.windowTitle()
    assert window.settings.recent_files[0] == str(target)
    assert window.stack.currentWidget() is window.page


def test_the_new_dialog_refuses_an_empty_title(qtbot: Any, tmp_path: Path) -> None:
    dialog = NewConsultationDialog(str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problem.isVisibleTo(dialog)
    assert dialog.result_value is None


def test_add_a_participant(qtbot: Any, opened: Any, monkeypatch: Any) -> None:
    opened.show_view(PARTICIPANTS)
    view = opened.page.view(PARTICIPANTS)
    academia = next(s for s in opened.ws.sectors.list() if s.name == "Academia")

    def fill(dialog: ParticipantDialog) -> int:
        qtbot.keyClicks(dialog.name, "Luc")  # QTest types ASCII only
        dialog.name.setText("Lucía Fernández")
        dialog.sector.setCurrentIndex(dialog.sector.findData(academia.id))
        dialog.organisation.setEditText("Universidad del Sur")
        qtbot.keyClicks(dialog.email, "lucia@example.org")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ParticipantDialog, "exec", fill)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)

    assert view.model.total() == 1
    assert view.model.index(0, 0).data() == "Lucía Fernández"
    assert view.model.index(0, 1).data() == "Academia"
    assert view.model.index(0, 2).data() == "Universidad del Sur"
    assert read_file(opened.ws.path, "SELECT name, email FROM participant") == [
        ("Lucía Fernández", "lucia@example.org")
    ]
    assert read_file(opened.ws.path, "SELECT name FROM organisation") == [("Universidad del Sur",)]
    assert view.count.text() == "1 participant"


def test_a_validation_error_keeps_the_form_open(qtbot: Any, opened: Any) -> None:
    dialog = ParticipantDialog(opened.ws, parent=opened)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Bad Mail")
    qtbot.keyClicks(dialog.email, "not-an-address")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "not-an-address" in dialog.problem.text()
    assert opened.ws.participants.count() == 0


def test_undo_and_redo_across_views(qtbot: Any, opened: Any, monkeypatch: Any) -> None:
    opened.show_view(SECTORS)
    sectors = opened.page.view(SECTORS)

    def fill(dialog: SectorDialog) -> int:
        qtbot.keyClicks(dialog.name, "Youth councils")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SectorDialog, "exec", fill)
    qtbot.mouseClick(sectors.add_button, Qt.MouseButton.LeftButton)
    names = lambda: [r.sector.name for r in sectors.model.records()]  # noqa: E731
    assert "Youth councils" in names()

    opened.show_view(PARTICIPANTS)
    people = opened.page.view(PARTICIPANTS)
    filter_items = lambda: [people.sector.itemText(i) for i in range(people.sector.count())]  # noqa: E731
    assert "Youth councils" in filter_items()
    assert opened.undo_action.text() == "&Undo Add sector"

    opened.undo_action.trigger()  # from the Participants view
    assert "Youth councils" not in filter_items()
    assert read_file(
        opened.ws.path, "SELECT count(*) FROM sector WHERE name = 'Youth councils'"
    ) == [(0,)]
    opened.show_view(SECTORS)
    assert "Youth councils" not in names()
    assert opened.redo_action.isEnabled()
    assert opened.redo_action.text() == "&Redo Add sector"

    opened.redo_action.trigger()  # from the Sectors view
    assert "Youth councils" in names()
    opened.show_view(PARTICIPANTS)
    assert "Youth councils" in filter_items()
    assert not opened.redo_action.isEnabled()


def test_undo_uses_the_standard_shortcut(qtbot: Any, opened: Any) -> None:
    opened.ws.sectors.create("Neighbourhood associations")
    opened.show_view(SECTORS)
    sectors = opened.page.view(SECTORS)
    sectors.table.setFocus()
    qtbot.keyClick(sectors.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Neighbourhood associations" not in [r.sector.name for r in sectors.model.records()]


def test_filter_and_sort_the_participants_list(qtbot: Any, opened: Any) -> None:
    ws = opened.ws
    sectors = ws.sectors.list()
    for name, sector, email in (
        ("Ana Pérez", sectors[0], "ana@example.org"),
        ("Bruno Costa", sectors[1], "bruno@example.org"),
        ("Ángela Ruiz", sectors[1], "angela@example.org"),
        ("Carla Díaz", sectors[2], None),
    ):
        ws.participants.create(m.Participant(name=name, sector_id=sector.id, email=email))
    opened.show_view(PARTICIPANTS)
    view = opened.page.view(PARTICIPANTS)
    names = lambda: [view.model.index(r, 0).data() for r in range(view.model.rowCount())]  # noqa: E731
    assert names() == ["Ana Pérez", "Ángela Ruiz", "Bruno Costa", "Carla Díaz"]

    qtbot.keyClicks(view.bar.search, "an")  # accent-free search: Ana, Ángela
    qtbot.waitUntil(lambda: view.model.total() == 2)
    assert names() == ["Ana Pérez", "Ángela Ruiz"]

    view.sector.setCurrentIndex(view.sector.findData(sectors[1].id))
    assert names() == ["Ángela Ruiz"]

    view.bar.search.clear()
    qtbot.waitUntil(lambda: view.model.total() == 2)
    assert names() == ["Ángela Ruiz", "Bruno Costa"]

    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert names() == ["Bruno Costa", "Ángela Ruiz"]
    view.sector.setCurrentIndex(0)
    assert names() == ["Carla Díaz", "Bruno Costa", "Ángela Ruiz", "Ana Pérez"]
    view.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # e-mail: Carla has none
    assert names() == ["Carla Díaz", "Ana Pérez", "Ángela Ruiz", "Bruno Costa"]


def test_filter_and_sort_the_sectors_list(qtbot: Any, opened: Any) -> None:
    opened.show_view(SECTORS)
    view = opened.page.view(SECTORS)
    qtbot.keyClicks(view.bar.search, "sector")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.record(0).sector.name == "Private sector"
    view.bar.search.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 7)
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert view.model.record(0).sector.name == "Academia"
    assert view.model.record(6).sector.name == "Public administration"


def test_a_damaged_file_shows_the_file_cores_message(
    qtbot: Any, window: Any, errors: list[Any], tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.consulta"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    task = window.files.open(damaged)
    qtbot.waitUntil(lambda: task.done and bool(errors), timeout=20_000)

    assert window.ws is None
    assert window.stack.currentWidget() is window.start
    [dialog] = errors
    assert not dialog.crash
    assert "damaged.consulta" in dialog.message
    assert "Traceback" not in dialog.message and not dialog.details


def test_a_foreign_file_shows_the_file_cores_message(
    qtbot: Any, window: Any, errors: list[Any], tmp_path: Path
) -> None:
    foreign = tmp_path / "budget.consulta"
    foreign.write_text("year,amount\n2026,100\n", encoding="utf-8")
    task = window.files.open(foreign)
    qtbot.waitUntil(lambda: task.done and bool(errors), timeout=20_000)
    assert "budget.consulta" in errors[0].message and not errors[0].crash


def test_recent_files_are_remembered(qtbot: Any, window: Any, consultation_file: Path) -> None:
    from consulta.ui.main_window import MainWindow
    from consulta.ui.settings import Settings

    open_in(qtbot, window, consultation_file)
    window.close()  # saves geometry, closes the file

    again = MainWindow(Settings())
    qtbot.addWidget(again)
    assert again.settings.recent_files == [str(consultation_file)]
    assert again.start.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(consultation_file)
    recent_paths = [a.data() for a in again.recent_menu.actions() if a.data()]
    assert recent_paths == [str(consultation_file)]

    again.show()
    again.start.recentRequested.emit(str(consultation_file))
    qtbot.waitUntil(lambda: again.ws is not None, timeout=20_000)
    assert again.ws.path == consultation_file
    again.close_workspace()


def test_switching_language_retranslates_the_window(qtbot: Any, opened: Any) -> None:
    opened.show_view(PARTICIPANTS)
    view = opened.page.view(PARTICIPANTS)
    assert opened.file_menu.title() == "&File"
    opened.set_language("es")
    assert opened.settings.language == "es"
    assert opened.file_menu.title() == "&Archivo"
    assert opened.edit_menu.title() == "&Edición"
    assert opened.page.nav.item(PARTICIPANTS).text() == "Participantes"
    assert view.heading.text() == "Participantes"
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "Nombre"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)  # Qt's own strings too
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancelar"
    opened.set_language("en")
    assert opened.file_menu.title() == "&File"
    assert view.heading.text() == "Participants"


def test_consultation_settings_are_saved_and_undoable(
    qtbot: Any, opened: Any, monkeypatch: Any
) -> None:
    from consulta.ui.dialogs.consultation import ConsultationSettingsDialog

    def fill(dialog: ConsultationSettingsDialog) -> int:
        dialog.title_edit.setText("Estrategia 2030")
        dialog.language.setCurrentIndex(dialog.language.findData("es"))
        dialog.quorum.setValue(4)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(ConsultationSettingsDialog, "exec", fill)
    opened.settings_action.trigger()
    assert read_file(
        opened.ws.path, "SELECT title, language, quorum_sectors FROM consultation"
    ) == [("Estrategia 2030", "es", 4)]
    assert opened.windowTitle().startswith("Estrategia 2030")
    opened.undo_action.trigger()
    assert opened.windowTitle().startswith("Internationalisation strategy")


def test_about_names_the_versions(qtbot: Any) -> None:
    from PySide6.QtCore import qVersion

    from consulta import __version__
    from consulta.ui.dialogs.about import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert qVersion() in dialog.versions.text() and "Python" in dialog.versions.text()
    assert __version__ in dialog.windowTitle() + "".join(
        label.text() for label in dialog.findChildren(type(dialog.versions))
    )


def test_a_file_from_a_newer_consulta_shows_the_file_cores_message(
    qtbot: Any, window: Any, errors: list[Any], consultation_file: Path
) -> None:
    import sqlite3

    conn = sqlite3.connect(consultation_file)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    task = window.files.open(consultation_file)
    qtbot.waitUntil(lambda: task.done and bool(errors), timeout=20_000)
    [dialog] = errors
    assert not dialog.crash and "newer" in dialog.message
    assert window.ws is None


def test_filter_and_sort_the_sessions_list(qtbot: Any, opened: Any) -> None:
    from datetime import date

    from consulta.ui.workspace_page import SESSIONS

    ws = opened.ws
    north = ws.districts.create("Norte")
    port = ws.districts.create("Puerto")
    ws.sessions.create(m.Session(title="Apertura", date=date(2026, 3, 2), district_id=north.id))
    held = ws.sessions.create(
        m.Session(title="Sectorial", date=date(2026, 3, 9), district_id=port.id)
    )
    ws.sessions.mark_held(held.id)
    ws.sessions.create(m.Session(title="Plenario", date=date(2026, 1, 20), district_id=port.id))
    opened.show_view(SESSIONS)
    view = opened.page.view(SESSIONS)
    titles = lambda: [view.model.index(r, 2).data() for r in range(view.model.rowCount())]  # noqa: E731
    assert titles() == ["Plenario", "Apertura", "Sectorial"]  # by date
    view.district.setCurrentIndex(view.district.findData(port.id))
    assert titles() == ["Plenario", "Sectorial"]
    view.status.setCurrentIndex(view.status.findData("held"))
    assert titles() == ["Sectorial"]
    view.status.setCurrentIndex(0)
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert titles() == ["Plenario", "Sectorial"]
    view.district.setCurrentIndex(0)
    qtbot.keyClicks(view.bar.search, "ape")
    qtbot.waitUntil(lambda: titles() == ["Apertura"])


def test_find_puts_the_cursor_in_the_current_search_field(qtbot: Any, opened: Any) -> None:
    opened.show_view(PARTICIPANTS)
    view = opened.page.view(PARTICIPANTS)
    view.table.setFocus()
    opened.activateWindow()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.bar.search.hasFocus)


def test_a_session_opens_in_the_workspace_and_comes_back(qtbot: Any, opened: Any) -> None:
    from datetime import date

    from consulta.ui.views.session_workspace import SessionWorkspace
    from consulta.ui.workspace_page import SESSIONS

    session = opened.ws.sessions.create(m.Session(title="Mesa de apertura", date=date(2026, 3, 2)))
    opened.show_view(SESSIONS)
    view = opened.page.view(SESSIONS)
    view.table.setFocus()
    view.table.selectRow(0)
    view.open_button.click()
    assert isinstance(view.workspace, SessionWorkspace)
    assert view.stack.currentWidget() is view.workspace
    assert opened.selected_session_id() == session.id
    view.workspace.closeRequested.emit()
    assert view.workspace is None
    assert view.stack.currentIndex() == 0


def test_delete_a_session_after_confirming_and_undo_it(
    qtbot: Any, opened: Any, answers_yes: list[str]
) -> None:
    from datetime import date

    from consulta.ui.workspace_page import SESSIONS

    opened.ws.sessions.create(m.Session(title="Plenario", date=date(2026, 5, 20)))
    opened.show_view(SESSIONS)
    view = opened.page.view(SESSIONS)
    view.table.selectRow(0)
    view.delete_button.click()
    assert len(answers_yes) == 1 and "Plenario" in answers_yes[0]
    assert view.model.rowCount() == 0
    opened.undo_action.trigger()
    assert [r.session.title for r in view.model.records()] == ["Plenario"]
