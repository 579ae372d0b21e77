"""PySide6 6.12.0 drops a reference to None on every QStandardItemModel.appendRow/setItem and
QTableWidget.setItem; after ~900 calls the process aborts with "Fatal Python error: none_dealloc".
These tests fail if a version with that bug is installed."""

import os
import subprocess
import sys
import textwrap
from importlib.metadata import version

import PySide6

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

    app = QApplication(sys.argv)

    model = QStandardItemModel(0, 2)
    for i in range(5_000):
        model.appendRow(QStandardItem(f"row {i}"))
    for i in range(5_000):
        model.setItem(i, 1, QStandardItem(f"cell {i}"))
    assert model.rowCount() == 5_000, model.rowCount()
    assert model.item(4_999, 1).text() == "cell 4999"

    table = QTableWidget(100, 20)
    for i in range(2_000):
        table.setItem(i // 20, i % 20, QTableWidgetItem(str(i)))
    assert table.item(99, 19).text() == "1999"

    print("ok", flush=True)
    """
)


def test_many_item_insertions_do_not_abort_the_process() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Fatal Python error" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_installed_pyside6_is_not_the_broken_release() -> None:
    assert PySide6.__version__ != "6.12.0"
    assert version("PySide6-Essentials") != "6.12.0"
