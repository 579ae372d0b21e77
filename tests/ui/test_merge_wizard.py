"""Kit and merge from the app: make a kit of the demo, edit kit and master apart, merge
with the wizard (preview, a resolution, a duplicate confirmed), check the master's file and
the receipt; a cancelled merge leaves the master byte for byte as it was."""

# ruff: noqa: F811  (fixtures imported from docs_fixtures are used as arguments)

from __future__ import annotations

import hashlib
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from docs_fixtures import SaveAs, demo_path, demo_template, demo_ws, errors_shown  # noqa: F401
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWizard,
)

from consulta.domain import model as m
from consulta.domain.errors import CancelledError
from consulta.merge.model import Side
from consulta.services.workspace import Workspace
from consulta.ui.changes import ChangeRelay
from consulta.ui.dialogs.erase_dialog import EraseDialog, erase_participant_interactively
from consulta.ui.dialogs.kit_dialog import KitDialog, make_kit_interactively
from consulta.ui.dialogs.merge_wizard import PREVIEW, RECEIPT, RESOLVE, MergeWizard
from consulta.ui.views.merge_history import MergeHistoryDialog

PERSON = "Ana Paula Rodrigues"  # of the Norte district in the demo
ERASED = "Javier Ruiz Cordero"  # named nowhere else (not a facilitator)


def _person(ws: Workspace, name: str) -> m.Participant:
    return next(p for p in ws.participants.list() if p.name == name)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def kit(qtbot: Any, demo_ws: Workspace, tmp_path: Path, monkeypatch: Any) -> Path:
    """The Norte kit, made through the kit dialog as a user would."""
    target = tmp_path / "norte"

    def exec_(self: KitDialog) -> int:
        self.district.setCurrentIndex(self.district.findData("Norte"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(KitDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveAs(target))
    task = make_kit_interactively(None, demo_ws)
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    path = target.with_suffix(".consulta")
    with sqlite3.connect(path) as db:
        info = dict(db.execute("SELECT key, value FROM file_info").fetchall())
    assert info["kit_district_name"] == "Norte"
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(shown) == 1 and "norte.consulta" in shown[0].text()
    shown[0].close()
    return path


def _edit_apart(ws: Workspace, kit: Path) -> m.Participant:
    """A conflict on PERSON; in the kit, a newcomer with the e-mail of someone the kit
    does not hold (a possible duplicate). Returns that someone."""
    with Workspace.open(kit) as k:
        person = _person(k, PERSON)
        k.participants.update(replace(person, name=f"{PERSON} (kit)", phone="+54 111"))
        in_kit = {p.id for p in k.participants.list()}
        other = next(p for p in ws.participants.list() if p.email and p.id not in in_kit)
        k.participants.create(
            m.Participant(name="Newcomer Twin", sector_id=person.sector_id, email=other.email)
        )
    person = _person(ws, PERSON)
    ws.participants.update(replace(person, name=f"{PERSON} (master)"))
    return other


def _drop(wizard: MergeWizard, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    wizard.files_page.dropEvent(event)


def _to_resolve(qtbot: Any, wizard: MergeWizard, kit: Path) -> None:
    wizard.show()
    _drop(wizard, kit, wizard.ws.path, kit.with_suffix(".txt"))
    assert wizard.files_page.paths() == [kit]  # the master and a non-consulta file left out
    assert "open consultation itself" in wizard.files_page.hint.text()
    assert kit.with_suffix(".txt").name in wizard.files_page.hint.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW, timeout=20_000)


def test_merge_a_kit_with_a_conflict_and_a_duplicate(
    qtbot: Any, demo_ws: Workspace, kit: Path, tmp_path: Path, monkeypatch: Any, errors_shown: Any
) -> None:
    other = _edit_apart(demo_ws, kit)
    person_id = _person(demo_ws, f"{PERSON} (master)").id
    heard: list[tuple[str, bool]] = []
    relay = ChangeRelay(demo_ws)  # how views listen
    relay.changed.connect(
        lambda c: heard.append((c.action, threading.current_thread() is threading.main_thread()))
    )
    wizard = MergeWizard(demo_ws)
    qtbot.addWidget(wizard)
    _to_resolve(qtbot, wizard, kit)

    # Preview: the file, its conflict down to the fields, the duplicate.
    model = wizard.preview_page.model
    top = model.index(0, 0)
    assert "norte.consulta" in model.data(top) and "Norte" in model.data(top)
    groups = {
        model.data(model.index(r, 0, top)): model.index(r, 0, top)
        for r in range(model.rowCount(top))
    }
    conflict_group = next(i for t, i in groups.items() if t.startswith("Conflicting (1)"))
    record = model.index(0, 0, conflict_group)
    assert PERSON in model.data(record)
    fields = {
        model.data(model.index(r, 0, record)): (
            model.data(model.index(r, 1, record)),
            model.data(model.index(r, 2, record)),
        )
        for r in range(model.rowCount(record))
    }
    assert fields["Name"] == (f"{PERSON} (master)", f"{PERSON} (kit)")
    assert any(t.startswith("Possible duplicates (1)") for t in groups)
    wizard.next()
    assert wizard.currentId() == RESOLVE

    # Resolve: the later edit is proposed; the user keeps the other side's name instead,
    # and says the duplicate is the same person.
    page = wizard.resolve_page
    rows = page.conflicts_model.rows
    name_row = next(i for i, r in enumerate(rows) if r.field and r.field.field == "name")
    combo = page.conflicts.indexWidget(page.conflicts_model.index(name_row, 4))
    assert isinstance(combo, QComboBox)
    proposed = rows[name_row].change.winner
    labels = {Side.MASTER: "Keep the master's", Side.INCOMING: "Keep the incoming"}
    assert combo.currentText() == labels[proposed]
    chosen = Side.MASTER if proposed is Side.INCOMING else Side.INCOMING
    combo.setCurrentIndex(combo.findText(labels[chosen]))
    assert rows[name_row].choice is chosen
    expected_name = f"{PERSON} (master)" if chosen is Side.MASTER else f"{PERSON} (kit)"
    dup_combo = page.duplicates.indexWidget(page.duplicates_model.index(0, 3))
    assert isinstance(dup_combo, QComboBox)
    dup_combo.setCurrentIndex(dup_combo.findData(True))
    assert page.duplicates_model.confirmed == [True]
    before = _sha(demo_ws.path)
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Merge"
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == RECEIPT, timeout=20_000)
    assert errors_shown == []

    # The master, in the file.
    with sqlite3.connect(demo_ws.path) as db:
        name, phone = db.execute(
            "SELECT name, phone FROM participant WHERE id = ?", (person_id,)
        ).fetchone()
        assert name == expected_name  # the user's choice
        # The field nobody decided: the automatic winner's value.
        assert phone == ("+54 111" if proposed is Side.INCOMING else None)
        assert db.execute(
            "SELECT count(*) FROM participant WHERE name = 'Newcomer Twin'"
        ).fetchone() == (0,)  # merged into the master's person
        assert db.execute(
            "SELECT name FROM participant WHERE email = ?", (other.email,)
        ).fetchall() == [(other.name,)]
        kept = db.execute(
            "SELECT count(*) FROM merge_history WHERE record_id = ?", (person_id,)
        ).fetchone()[0]
        assert kept >= 1  # the losing version is kept
    assert _sha(demo_ws.path) != before
    qtbot.waitUntil(lambda: bool(heard))
    assert heard == [("merge.apply", True)]  # views hear of it once, on the GUI thread
    assert demo_ws.participants.get(person_id).name == expected_name
    result = wizard.result_
    assert result is not None and result.master_sha256_after in wizard.receipt_page.text.text()

    # The receipt, as PDF.
    receipt = tmp_path / "recibo"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveAs(receipt))
    task = wizard.receipt_page.save(".pdf")
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    text = "".join(p.extract_text() for p in PdfReader(receipt.with_suffix(".pdf")).pages)
    assert "norte.consulta" in text
    assert "recibo.pdf" in wizard.receipt_page.saved.text()


def test_cancelled_merge_leaves_the_master_untouched(
    qtbot: Any, demo_ws: Workspace, kit: Path, monkeypatch: Any, errors_shown: Any
) -> None:
    _edit_apart(demo_ws, kit)
    wizard = MergeWizard(demo_ws)
    qtbot.addWidget(wizard)
    _to_resolve(qtbot, wizard, kit)
    wizard.next()
    assert wizard.currentId() == RESOLVE
    import consulta.merge.apply as apply_module

    real = apply_module.apply_merge

    def held(*args: Any) -> Any:
        assert args[3]._cancel.wait(10), "the test never pressed Cancel"
        return real(*args)

    monkeypatch.setattr(apply_module, "apply_merge", held)
    before = _sha(demo_ws.path)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    task = wizard.task
    assert task is not None
    qtbot.waitUntil(task.dialog.isVisible)
    cancel = task.dialog.findChild(QPushButton)
    with qtbot.waitSignal(task.failed, timeout=20_000) as blocker:
        cancel.click()
    assert isinstance(blocker.args[0], CancelledError)
    assert wizard.currentId() == RESOLVE
    assert _sha(demo_ws.path) == before
    assert errors_shown == []
    assert demo_ws.participants.get(_person(demo_ws, f"{PERSON} (master)").id)


def test_history_shows_the_losing_version_and_restores_it(
    qtbot: Any, demo_ws: Workspace, kit: Path, errors_shown: Any
) -> None:
    _edit_apart(demo_ws, kit)
    person_id = _person(demo_ws, f"{PERSON} (master)").id
    wizard = MergeWizard(demo_ws)
    qtbot.addWidget(wizard)
    _to_resolve(qtbot, wizard, kit)
    wizard.next()
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RECEIPT, timeout=20_000)
    kept_name = demo_ws.participants.get(person_id).name
    lost_name = ({f"{PERSON} (master)", f"{PERSON} (kit)"} - {kept_name}).pop()

    dialog = MergeHistoryDialog(demo_ws)
    qtbot.addWidget(dialog)
    view = dialog.view
    view.search.setText(lost_name)
    assert view.proxy.rowCount() >= 1
    view.table.selectRow(0)
    entry = view.current()
    assert entry is not None and entry.record_id == person_id
    assert lost_name in view.details.toPlainText()
    assert view.restore_button.isEnabled()
    view.restore_button.click()
    assert demo_ws.participants.get(person_id).name == lost_name
    with sqlite3.connect(demo_ws.path) as db:
        assert db.execute("SELECT name FROM participant WHERE id = ?", (person_id,)).fetchone() == (
            lost_name,
        )
    assert "Restored" in view.model.data(
        view.model.index(
            view.model.entries.index(next(e for e in view.model.entries if e.seq == entry.seq)), 5
        )
    )
    assert errors_shown == []


def test_erase_needs_the_name_typed_and_removes_the_data(
    qtbot: Any, demo_ws: Workspace, monkeypatch: Any
) -> None:
    person = _person(demo_ws, ERASED)
    assert person.email
    seen: list[EraseDialog] = []

    def exec_(self: EraseDialog) -> int:
        seen.append(self)
        assert not self.erase_button.isEnabled()
        self.typed.setText(ERASED.upper())  # case and accents do not matter
        assert not self.erase_button.isEnabled()  # the box too
        self.sure.setChecked(True)
        assert self.erase_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EraseDialog, "exec", exec_)
    assert erase_participant_interactively(None, demo_ws, person.id)
    assert "cannot be undone" in seen[0].findChildren(QLabel)[1].text()
    raw = demo_ws.path.read_bytes()
    assert ERASED.encode() not in raw and person.email.encode() not in raw
    with sqlite3.connect(demo_ws.path) as db:
        assert db.execute(
            "SELECT count(*) FROM erasure WHERE participant_id = ?", (person.id,)
        ).fetchone() == (1,)


def test_erase_refused_when_the_dialog_is_cancelled(
    qtbot: Any, demo_ws: Workspace, monkeypatch: Any
) -> None:
    person = _person(demo_ws, ERASED)
    monkeypatch.setattr(EraseDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert not erase_participant_interactively(None, demo_ws, person.id)
    assert demo_ws.participants.get(person.id).name == ERASED


def test_a_file_of_another_consultation_is_refused(
    qtbot: Any, demo_ws: Workspace, tmp_path: Path, errors_shown: Any
) -> None:
    stranger = tmp_path / "otra.consulta"
    Workspace.create(stranger, "Otra consulta").close()
    before = _sha(demo_ws.path)
    wizard = MergeWizard(demo_ws)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.files_page.add_paths([stranger])
    wizard.next()
    qtbot.waitUntil(lambda: bool(errors_shown), timeout=20_000)
    assert "Otra consulta" in str(errors_shown[0])
    assert wizard.currentId() == 0
    assert _sha(demo_ws.path) == before


def test_a_typed_value_is_what_the_master_gets(
    qtbot: Any, demo_ws: Workspace, kit: Path, errors_shown: Any
) -> None:
    _edit_apart(demo_ws, kit)
    person_id = _person(demo_ws, f"{PERSON} (master)").id
    wizard = MergeWizard(demo_ws)
    qtbot.addWidget(wizard)
    _to_resolve(qtbot, wizard, kit)
    wizard.next()
    page = wizard.resolve_page
    model = page.conflicts_model
    row = next(i for i, r in enumerate(model.rows) if r.field and r.field.field == "name")
    value = model.index(row, model.VALUE)
    assert not model.flags(value) & Qt.ItemFlag.ItemIsEditable  # until "Type a value"
    combo = page.conflicts.indexWidget(model.index(row, model.DECISION))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("Type a value"))
    assert model.flags(value) & Qt.ItemFlag.ItemIsEditable
    assert model.data(value) in (f"{PERSON} (master)", f"{PERSON} (kit)")  # a start to edit
    page.conflicts.edit(value)
    editor = page.conflicts.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("Ana Paula Rodrigues Lima")
    page.conflicts.commitData(editor)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RECEIPT, timeout=20_000)
    with sqlite3.connect(demo_ws.path) as db:
        assert db.execute("SELECT name FROM participant WHERE id = ?", (person_id,)).fetchone() == (
            "Ana Paula Rodrigues Lima",
        )
    assert errors_shown == []


def test_deleted_in_the_file_edited_in_the_master(
    qtbot: Any, demo_ws: Workspace, tmp_path: Path, errors_shown: Any
) -> None:
    from consulta.domain.progress import Progress
    from consulta.ui.dialogs.kit_dialog import write_kit

    norte = demo_ws.districts.by_name("Norte")
    assert norte is not None
    person = demo_ws.participants.create(
        m.Participant(
            name="Persona Temporal", sector_id=demo_ws.sectors.list()[0].id, district_id=norte.id
        )
    )
    kit = write_kit(demo_ws, "Norte", tmp_path / "norte2.consulta", Progress())
    with Workspace.open(kit) as k:
        k.participants.delete(person.id)
    demo_ws.participants.update(replace(person, phone="+54 000"))
    wizard = MergeWizard(demo_ws)
    qtbot.addWidget(wizard)
    _to_resolve(qtbot, wizard, kit)
    wizard.next()
    model = wizard.resolve_page.conflicts_model
    [row] = [i for i, r in enumerate(model.rows) if r.change.record_id == person.id]
    assert model.data(model.index(row, 1)) == "(the whole record)"
    assert model.data(model.index(row, 3)) == "deleted"
    combo = wizard.resolve_page.conflicts.indexWidget(model.index(row, model.DECISION))
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Keep the master's edit",
        "Delete it, as the incoming file did",
    ]
    combo.setCurrentIndex(1)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RECEIPT, timeout=20_000)
    with sqlite3.connect(demo_ws.path) as db:
        assert db.execute(
            "SELECT count(*) FROM participant WHERE id = ?", (person.id,)
        ).fetchone() == (0,)
    assert errors_shown == []
