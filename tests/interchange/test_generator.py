"""The benchmark generator makes sound, deterministic documents that import and export
back unchanged (the UI and report developers build their national-scale file with it)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from consulta.interchange import export_document, import_document
from consulta.services.workspace import Workspace

from .documents import normalised

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_generate", ROOT / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_small_generated_document_imports_and_exports_unchanged(tmp_path: Path) -> None:
    gen = _generator()
    scale = gen.Scale(
        districts=3,
        sessions_per_district=4,
        participants=90,
        attendances=50,
        positions=120,
        guidelines=6,
        organisations=12,
        agenda_per_session=2,
    )
    doc = gen.generate(scale, seed=7)
    assert json.dumps(doc) == json.dumps(gen.generate(scale, seed=7))  # deterministic
    assert len(doc["sessions"]) == 12 and len(doc["attendance"]) == 50
    assert len(doc["positions"]) == 120 and len(doc["participants"]) == 90
    report = import_document(doc, tmp_path / "gen.consulta", source="generated")
    assert report.warnings == []
    with Workspace.open(tmp_path / "gen.consulta", readonly=True) as ws:
        assert export_document(ws) == normalised(doc)


def test_build_consulta_writes_the_file(tmp_path: Path) -> None:
    gen = _generator()
    scale = gen.Scale(
        districts=2,
        sessions_per_district=2,
        participants=20,
        attendances=10,
        positions=20,
        guidelines=3,
        organisations=4,
        agenda_per_session=1,
    )
    path = gen.build_consulta(tmp_path / "national.consulta", scale)
    with Workspace.open(path, readonly=True) as ws:
        assert ws.consultation.counts()["positions"] == 20
