"""Fixtures shared by the whole suite. Subfolders add their own conftest.py."""

import os
from pathlib import Path

import pytest

# Before anything imports Qt: no test needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def tmp_consulta(tmp_path: Path) -> Path:
    """Path of a not-yet-existing consultation file in a fresh temporary folder."""
    return tmp_path / "test.consulta"
