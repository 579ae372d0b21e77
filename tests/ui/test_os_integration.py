"""What the operating system hands the app: a document opened from the Finder."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent

from consulta.ui.app import _FileOpenFilter


def test_a_file_open_event_opens_the_document(qtbot: Any, tmp_path: Any) -> None:
    opened: list[str] = []
    window = SimpleNamespace(files=SimpleNamespace(open=opened.append))
    app = QCoreApplication.instance()
    keep = _FileOpenFilter(app, window)
    target = str(tmp_path / "distrito norte.consulta")
    QCoreApplication.sendEvent(app, QFileOpenEvent(target))
    assert opened == [target]
    app.removeEventFilter(keep.filter)
