"""Fixtures of the installer tests: the repository's installers/ folder and generated icons."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"


def load_script(name: str) -> ModuleType:
    """Import installers/<name>.py (installers/ is not a package)."""
    module_name = f"_installers_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, INSTALLERS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def icons(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every icon file make_icons.py writes, in a temporary folder (rendered once per run)."""
    out = tmp_path_factory.mktemp("icons")
    load_script("make_icons").make_icons(out)
    return out
