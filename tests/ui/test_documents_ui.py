"""Exporting documents from the app: the menu, the export dialog, the background runner."""

# ruff: noqa: F811  (fixtures imported from docs_fixtures are used as arguments)

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docs_fixtures import SaveAs, demo_path, demo_template, demo_ws, errors_shown  # noqa: F401
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QPushButton

from consulta.domain.errors import CancelledError
from consulta.services.workspace import Workspace
from consulta.ui.actions_documents import DocumentActions, install_document_actions
from consulta.ui.dialogs import export
from consulta.ui.dialogs.export import ExportDialog, Kind

FIRST_SESSION = "Mesa de apertura: diagnóstico compartido"


def _session(ws: Workspace, title: str) -> str:
    return next(s.id for s in ws.sessions.list() if s.title == title)


@pytest.fixture
def bare_window(qtbot: Any, demo_ws: Workspace) -> tuple[QMainWindow, DocumentActions]:
    """A plain main window with the document actions, the open demo and a current session."""
    win = QMainWindow()
    qtbot.addWidget(win)
    session_id = _session(demo_ws, FIRST_SESSION)
    actions = install_document_actions(win, lambda: demo_ws, lambda: session_id)
    assert {a.objectName() for a in actions} >= {"export_minutes-pdf", "import_stakeholders"}
    owner = win.findChild(DocumentActions)
    assert owner is not None
    return win, owner


def _accept_with(monkeypatch: pytest.MonkeyPatch, choose: Any) -> None:
    """The export dialog, as a user fills it: ``choose(dialog)`` then Export."""

    def exec_(self: ExportDialog) -> int:
        choose(self)
        assert self.export_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", exec_)


def test_minutes_pdf_from_the_menu(
    qtbot: Any, bare_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _win, owner = bare_window
    target = tmp_path / "out" / "acta"
    target.parent.mkdir()
    save_as = SaveAs(target)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)

    def choose(dialog: ExportDialog) -> None:
        assert dialog.current_kind() is Kind.MINUTES_PDF
        assert dialog.this_session.isChecked()
        dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))

    _accept_with(monkeypatch, choose)
    export.last_message = None
    owner.update_state()
    action = next(a for a in owner.actions if a.objectName() == "export_minutes-pdf")
    assert action.isEnabled()
    action.trigger()
    # The suggested name comes from the session; the suffix is added when left out.
    assert save_as.calls and "Mesa de apertura" in save_as.calls[0][2]
    qtbot.waitUntil(lambda: export.last_message is not None and export.last_message.isVisible())
    pdf = target.with_name("acta.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert FIRST_SESSION in text
    assert PdfReader(pdf).pages[0].mediabox.width == pytest.approx(612, abs=1)  # Letter
    message = export.last_message
    assert message is not None and "acta.pdf" in message.text()
    message.open_button.click()
    assert opened[-1] == QUrl.fromLocalFile(str(pdf))


def test_cancelled_export_leaves_no_file(
    qtbot: Any, bare_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors_shown: Any
) -> None:
    _win, owner = bare_window
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveAs(target))
    _accept_with(monkeypatch, lambda d: d.set_kind(Kind.LEGITIMACY_PDF))
    real = export.run_export

    def held(ws: Workspace, request: Any, path: Path, progress: Any) -> Path:
        assert progress._cancel.wait(10), "the test never pressed Cancel"
        return real(ws, request, path, progress)  # the exporter notices and gives up

    monkeypatch.setattr(export, "run_export", held)
    owner.export(Kind.LEGITIMACY_PDF)
    task = owner.task
    assert task is not None
    qtbot.waitUntil(task.dialog.isVisible)
    cancel = task.dialog.findChild(QPushButton)
    assert cancel is not None
    with qtbot.waitSignal(task.failed) as blocker:
        cancel.click()
    assert isinstance(blocker.args[0], CancelledError)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if "report" in p.name) == []
    assert errors_shown == []  # cancelling is not an error


@pytest.mark.parametrize(
    ("kind", "suffix"),
    [
        (Kind.LEGITIMACY_XLSX, ".xlsx"),
        (Kind.LEGITIMACY_JSON, ".json"),
        (Kind.INTERCHANGE_JSON, ".json"),
    ],
)
def test_other_documents(
    qtbot: Any, demo_ws: Workspace, tmp_path: Path, kind: Kind, suffix: str
) -> None:
    dialog = ExportDialog(demo_ws, None, kind)
    qtbot.addWidget(dialog)
    assert dialog.export_button.isEnabled()
    assert not dialog.paper.isVisibleTo(dialog) or kind is Kind.LEGITIMACY_XLSX
    target = tmp_path / f"doc{suffix}"
    with qtbot.waitSignal(export.start_export(None, demo_ws, dialog.request(), target).finished):
        pass
    assert target.stat().st_size > 100
    if export.last_message is not None:
        export.last_message.close()


def test_signin_sheet_defaults_to_planned_sessions(
    qtbot: Any, demo_ws: Workspace, tmp_path: Path
) -> None:
    dialog = ExportDialog(demo_ws, None, Kind.SIGNIN_PDF)
    qtbot.addWidget(dialog)
    request = dialog.request()
    session = demo_ws.sessions.get(str(request.session_id))
    assert session.status.value == "planned"
    assert (
        dialog.default_name().endswith(".pdf")
        and session.title.split(":")[0] in dialog.default_name()
    )
    target = tmp_path / "signin.pdf"
    with qtbot.waitSignal(export.start_export(None, demo_ws, request, target).finished):
        pass
    assert session.title in "".join(p.extract_text() for p in PdfReader(target).pages)
    if export.last_message is not None:
        export.last_message.close()


def test_minutes_without_a_current_session_cover_all(qtbot: Any, demo_ws: Workspace) -> None:
    dialog = ExportDialog(demo_ws, None, Kind.MINUTES_XLSX)
    qtbot.addWidget(dialog)
    assert not dialog.this_session.isEnabled()
    assert dialog.all_sessions.isChecked()
    assert dialog.request().session_id is None
    assert "(7)" in dialog.all_sessions.text()  # seven held or closed sessions in the demo


def test_safe_file_name() -> None:
    assert export.safe_file_name('a/b:c*?"<>|d.') == "a b c d"
    assert export.safe_file_name("...") == "consulta"


def test_export_from_the_real_main_window(
    qtbot: Any, window: Any, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shell installs the entries with the first open file; File ▸ Export ▸ Minutes."""
    from conftest import open_in

    ws = open_in(qtbot, window, demo_path)
    action = window.findChild(QAction, "export_minutes-pdf")
    assert action is not None and action.isEnabled()
    bar_titles = [a.text() for a in window.menuBar().actions()]
    assert "&Districts" in bar_titles
    file_menu = window.menuBar().actions()[0].menu()
    assert any(a.text() == "&Import" for a in file_menu.actions())
    target = tmp_path / "all-minutes.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveAs(target))

    def choose(dialog: ExportDialog) -> None:
        dialog.all_sessions.setChecked(True)

    _accept_with(monkeypatch, choose)
    export.last_message = None
    action.trigger()
    qtbot.waitUntil(lambda: export.last_message is not None, timeout=20_000)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    for session in ws.sessions.list():
        if session.status.counts:
            assert session.title in text
    export.last_message.close()
    window.set_language("es")  # the entries follow a live language change
    assert action.text() == "&Actas (PDF)…"
    assert "&Distritos" in [a.text() for a in window.menuBar().actions()]


def test_erase_the_participant_selected_in_the_real_window(
    qtbot: Any, window: Any, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import open_in

    from consulta.ui.dialogs.erase_dialog import EraseDialog

    ws = open_in(qtbot, window, demo_path)
    action = window.findChild(QAction, "erase_participant")
    assert action is not None
    window.show_view(2)  # Participants
    view = window.page.views[2]
    view.table.selectRow(0)
    person = view.model.participant(0)

    def exec_(self: EraseDialog) -> int:
        assert self.name == person.name
        self.typed.setText(person.name)
        self.sure.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EraseDialog, "exec", exec_)
    action.trigger()
    assert ws.participants.get(person.id).name != person.name
    assert person.name not in {s.facilitator for s in ws.sessions.list()}  # named nowhere else
    assert person.name.encode() not in demo_path.read_bytes()
