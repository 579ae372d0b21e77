"""The shape the architecture promises: only consulta/ui/ talks to Qt, and the domain and the
translation function load without the heavy libraries."""

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "consulta"
QT_MODULES = {"PySide6", "shiboken6"}


def qt_imports(source: str, filename: str = "<string>") -> list[str]:
    """Every import of a Qt binding in *source*, as "line: module"."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        found += [f"{node.lineno}: {n}" for n in names if n.split(".")[0] in QT_MODULES]
    return found


def test_the_checker_sees_every_form_of_qt_import() -> None:
    source = (
        "import os\n"
        "import PySide6.QtCore\n"
        "from PySide6.QtWidgets import QWidget\n"
        "from .PySide6 import x\n"
        "importlib.import_module('shiboken6')\n"
    )
    assert qt_imports(source) == ["2: PySide6.QtCore", "3: PySide6.QtWidgets", "5: shiboken6"]


def test_only_the_ui_package_imports_qt() -> None:
    core_files = [p for p in sorted(PACKAGE.rglob("*.py")) if (PACKAGE / "ui") not in p.parents]
    assert PACKAGE / "domain" / "model.py" in core_files
    offenders = {
        str(p.relative_to(ROOT)): hits
        for p in core_files
        if (hits := qt_imports(p.read_text(encoding="utf-8"), str(p)))
    }
    assert offenders == {}, f"only consulta/ui/ may import Qt: {offenders}"


def test_domain_and_i18n_load_without_heavy_libraries() -> None:
    code = (
        "import json, sys\n"
        "import consulta.domain.model, consulta.i18n\n"
        "heavy = ('sqlalchemy', 'PySide6', 'shiboken6', 'reportlab', 'openpyxl')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
