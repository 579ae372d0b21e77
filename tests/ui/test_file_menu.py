"""The File menu's other paths: import a JSON document, save a copy, open the demo, drop a
file, read-only files, and the window's geometry remembered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from consulta.domain import model as m
from consulta.interchange import export_json
from consulta.services.workspace import Workspace
from consulta.ui.workspace_page import PARTICIPANTS
from tests.ui.conftest import open_in, read_file


def test_import_a_json_document_opens_the_new_file(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    source = tmp_path / "partner.json"
    with Workspace.create(tmp_path / "origin.consulta", "From a partner") as ws:
        ws.participants.create(m.Participant(name="Rosa Quispe", sector_id=ws.sectors.list()[3].id))
        export_json(ws, source)
    target = tmp_path / "imported.consulta"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "imported"), "")
    )

    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.ws is not None, timeout=30_000)
    assert window.ws.path == target
    assert read_file(target, "SELECT name FROM participant") == [("Rosa Quispe",)]
    window.show_view(PARTICIPANTS)
    assert window.page.view(PARTICIPANTS).model.index(0, 0).data() == "Rosa Quispe"


def test_save_a_copy(qtbot: Any, opened: Any, tmp_path: Path, monkeypatch: Any) -> None:
    opened.ws.sectors.create("Youth councils")
    copy = tmp_path / "copy.consulta"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    opened.copy_action.trigger()
    qtbot.waitUntil(copy.exists, timeout=20_000)
    qtbot.waitUntil(
        lambda: opened.files.task is not None and opened.files.task.done, timeout=20_000
    )
    assert read_file(copy, "SELECT count(*) FROM sector WHERE name = 'Youth councils'") == [(1,)]
    assert opened.ws.path != copy  # still working on the original


def test_open_the_demo_builds_it_once(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    demo = tmp_path / "data" / "demo.consulta"
    monkeypatch.setattr("consulta.ui.files.demo_path", lambda: demo)
    window.start.demo_button.click()
    qtbot.waitUntil(lambda: window.ws is not None, timeout=60_000)
    assert window.ws.path == demo
    assert window.ws.participants.count() > 10
    assert window.ws.history.can_undo is False


def test_dropping_a_file_opens_it(qtbot: Any, window: Any, consultation_file: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(consultation_file))])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers drop events only inside a real drag, which offscreen tests cannot start:
    # call the window's handlers with the event the drag would bring.
    window.dragEnterEvent(event)
    assert event.isAccepted()
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.ws is not None, timeout=20_000)
    assert window.ws.path == consultation_file


def test_a_read_only_window_refuses_edits_with_a_clear_message(
    qtbot: Any, settings: Any, errors: list[Any], consultation_file: Path
) -> None:
    from consulta.ui.main_window import MainWindow

    win = MainWindow(settings, readonly=True)
    qtbot.addWidget(win)
    win.show()
    open_in(qtbot, win, consultation_file)
    assert "read-only" in win.windowTitle()
    win.show_view(1)
    win.page.view(1).table.selectRow(0)
    win.page.view(1).move_selected(1)
    assert errors and "read-only" in errors[0].message and not errors[0].crash
    win.close_workspace()


def test_window_geometry_is_remembered(qtbot: Any, settings: Any) -> None:
    from consulta.ui.main_window import MainWindow
    from consulta.ui.settings import Settings

    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.resize(780, 640)  # the offscreen screen is 800×800
    first.show()
    qtbot.waitExposed(first)
    first.close()
    second = MainWindow(Settings())
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (780, 640)


def test_erase_a_participants_personal_data_from_the_list(
    qtbot: Any, opened: Any, monkeypatch: Any
) -> None:
    from consulta.ui.dialogs.erase_dialog import EraseDialog

    sector = opened.ws.sectors.list()[0]
    opened.ws.participants.create(
        m.Participant(name="Rosa Quispe", sector_id=sector.id, email="rosa@example.org")
    )
    opened.show_view(PARTICIPANTS)
    view = opened.page.view(PARTICIPANTS)
    view.table.selectRow(0)

    def confirm(dialog: EraseDialog) -> int:
        dialog.typed.setText("Rosa Quispe")
        dialog.sure.setChecked(True)
        return int(EraseDialog.DialogCode.Accepted)

    monkeypatch.setattr(EraseDialog, "exec", confirm)
    view.erase_button.click()
    assert read_file(
        opened.ws.path, "SELECT count(*) FROM participant WHERE email = 'rosa@example.org'"
    ) == [(0,)]
    assert "Rosa Quispe" not in [
        view.model.index(r, 0).data() for r in range(view.model.rowCount())
    ]
