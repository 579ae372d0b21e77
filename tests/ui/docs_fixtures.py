"""Fixtures for the document, stakeholder-list and merge GUI tests (import them by name).

The demo consultation is built once per test session and copied for each test; every
modal static call that would block (QFileDialog, QMessageBox, the error dialog) is
replaced so that a test never waits for a person.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool

from consulta.demo import build_demo
from consulta.services.workspace import Workspace


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.consulta")


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "master.consulta"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo_ws(demo_path: Path, qapp: Any) -> Iterator[Workspace]:
    ws = Workspace.open(demo_path)
    try:
        yield ws
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)
        ws.close()


@pytest.fixture
def errors_shown(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """Errors that would have been shown to the user (the dialog is not opened)."""
    shown: list[BaseException] = []

    def record(error: BaseException, parent: object = None) -> None:
        shown.append(error)

    monkeypatch.setattr("consulta.ui.errors.show_error", record)
    return shown


class SaveAs:
    """Stands in for QFileDialog.getSaveFileName: answers with ``path`` (None: cancel)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> tuple[str, str]:
        self.calls.append(args)
        return (str(self.path) if self.path else "", "")
