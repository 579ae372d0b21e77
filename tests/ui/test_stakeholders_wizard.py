"""The stakeholder-list wizard driven as a user: file, columns, an unknown sector,
duplicates, confirm; then the participants are in the file."""

# ruff: noqa: F811  (fixtures imported from docs_fixtures are used as arguments)

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from docs_fixtures import demo_path, demo_template, demo_ws, errors_shown  # noqa: F401
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QWizard

from consulta.services.unit import ChangeSet
from consulta.services.workspace import Workspace
from consulta.ui.changes import ChangeRelay
from consulta.ui.dialogs.stakeholders_wizard import (
    MAPPING,
    PREVIEW,
    RESULT,
    SECTORS,
    StakeholdersWizard,
)

LIST = (
    "Nombre completo;Colectivo;Entidad;Correo;Tel.;Distrito;Observaciones\n"
    "Camila Rojas Pinto;Juventud;Consejo Joven;camila@ejemplo.org;555-1;Norte;=1+1\n"
    "Lucía Fernández Ortega;Administración pública;Concejo Municipal;;;Centro;ya está\n"
    "Bruno Salas;Academia;Universidad Nacional del Sur;bruno@ejemplo.org;;Centro;\n"
    "Bruno Salas Otero;Academia;Otra;bruno@ejemplo.org;;Centro;mismo correo\n"
    "Sin Correo Válido;Academia;;no-es-correo;;;\n"
    "Diego Paz;Juventud;;diego@ejemplo.org;;Sur;\n"
)


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_import_a_list_as_a_user(
    qtbot: Any, demo_ws: Workspace, tmp_path: Path, monkeypatch: Any, errors_shown: Any
) -> None:
    source = tmp_path / "socios.csv"
    source.write_text(LIST, encoding="cp1252")  # a partner's Excel on Windows
    heard: list[ChangeSet] = []
    on_gui_thread: list[bool] = []
    relay = ChangeRelay(demo_ws)  # how views listen
    relay.changed.connect(heard.append)
    relay.changed.connect(
        lambda _c: on_gui_thread.append(threading.current_thread() is threading.main_thread())
    )
    before = demo_ws.participants.count()
    wizard = StakeholdersWizard(demo_ws)
    qtbot.addWidget(wizard)
    wizard.show()

    # 1. the file, through Browse…
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.file_page.browse()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING)

    # 2. columns: the sector column was not recognised, so Next waits for it
    page = wizard.mapping_page
    assert page.model.rowCount() == 6 and page.model.columnCount() == 7
    assert "Nombre completo" in page.model.headerData(0, Qt.Orientation.Horizontal, 0)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Sector" in page.problem.text()
    page.combos[1].setCurrentIndex(page.combos[1].findData("sector"))
    page.combos[6].setCurrentIndex(page.combos[6].findData("email"))  # a slip: e-mail twice
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.combos[6].setCurrentIndex(0)  # Observaciones: do not import
    assert "→" in page.model.headerData(1, Qt.Orientation.Horizontal, 0)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SECTORS)

    # 3. "Juventud" is unknown: create it
    combo = wizard.sectors_page.combos["Juventud"]
    assert combo.currentData() is None  # the proposal: create it
    assert combo.count() == 1 + len(demo_ws.sectors.list())
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW)

    # 4. preview: an error with its row number, two duplicates; import one anyway
    preview = wizard.preview_page
    assert preview.errors.rowCount() == 1
    assert preview.errors.item(0, 0).data(Qt.ItemDataRole.DisplayRole) == 6
    assert "no-es-correo" in preview.errors.item(0, 2).text()
    assert preview.duplicates.rowCount() == 2
    texts = [preview.duplicates.item(i, 2).text() for i in range(2)]
    assert any("Lucía Fernández Ortega" in t for t in texts)
    assert "3 participants will be imported" in preview.summary.text()
    assert demo_ws.participants.count() == before  # nothing written yet
    repeated = next(i for i, t in enumerate(texts) if "repeats row 4" in t)
    preview.duplicates.item(repeated, 0).setCheckState(Qt.CheckState.Checked)
    assert "4 participants will be imported" in preview.summary.text()
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Import"
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT)

    # 5. result, and the file
    assert "4 participants imported" in wizard.result_page.text.text()
    assert "1 sector created" in wizard.result_page.text.text()
    assert errors_shown == []
    names = {r[0] for r in _rows(demo_ws.path, "SELECT name FROM participant")}
    assert {"Camila Rojas Pinto", "Bruno Salas", "Bruno Salas Otero", "Diego Paz"} <= names
    assert len(names) == before + 4
    sector = _rows(
        demo_ws.path,
        "SELECT s.name FROM participant p JOIN sector s ON s.id = p.sector_id "
        "WHERE p.name = 'Camila Rojas Pinto'",
    )
    assert sector == [("Juventud",)]
    assert _rows(demo_ws.path, "SELECT count(*) FROM district WHERE name = 'Sur'") == [(1,)]
    # Views heard of it on the GUI thread, after the import: one change set, one undo step.
    qtbot.waitUntil(lambda: bool(heard))
    assert [c.action for c in heard] == ["stakeholders.import"]
    assert on_gui_thread == [True]
    assert demo_ws.history.can_undo


def test_map_unknown_sector_to_an_existing_one(
    qtbot: Any, demo_ws: Workspace, tmp_path: Path
) -> None:
    source = tmp_path / "lista.csv"
    source.write_text("Nombre,Sector\nAna Uno,Universidades\n", encoding="utf-8")
    wizard = StakeholdersWizard(demo_ws)
    qtbot.addWidget(wizard)
    wizard.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    wizard.file_page.dropEvent(
        QDropEvent(
            QPointF(5, 5),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert wizard.file_page.path.text() == str(source)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SECTORS)
    academia = next(s for s in demo_ws.sectors.list() if s.name == "Academia")
    combo = wizard.sectors_page.combos["Universidades"]
    combo.setCurrentIndex(combo.findData(academia.id))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW)
    assert "0 new sectors" in wizard.preview_page.summary.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT)
    people = [p for p in demo_ws.participants.list() if p.name == "Ana Uno"]
    assert len(people) == 1 and people[0].sector_id == academia.id


def test_unreadable_file_stays_on_the_first_page(
    qtbot: Any, demo_ws: Workspace, tmp_path: Path, errors_shown: Any
) -> None:
    source = tmp_path / "vacía.csv"
    source.write_text("", encoding="utf-8")
    wizard = StakeholdersWizard(demo_ws)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(source))
    wizard.next()
    qtbot.waitUntil(lambda: bool(errors_shown))
    assert "empty" in str(errors_shown[0])
    assert wizard.currentId() == 0
