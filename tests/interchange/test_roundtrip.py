"""Round trips: import(document) then export gives the document in normal form, and
export → import → export is stable; the imported file is a sound, usable consultation."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consulta.domain.model import attendance_id
from consulta.domain.text import fold
from consulta.interchange import export_document, export_json, import_json
from consulta.services.workspace import Workspace

from .documents import Doc, base_doc, documents, normalised

_folders = iter(range(1_000_000))


def _import_export(tmp_path: Path, doc: Doc, ensure_ascii: bool) -> tuple[Doc, Path]:
    n = next(_folders)
    source = tmp_path / f"in{n}.json"
    source.write_text(json.dumps(doc, ensure_ascii=ensure_ascii), encoding="utf-8")
    target = tmp_path / f"out{n}.consulta"
    import_json(source, target)
    with Workspace.open(target, readonly=True) as ws:
        return export_document(ws), target


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(doc=documents(), ensure_ascii=st.booleans())
def test_import_then_export_gives_the_document_normalised(
    tmp_path: Path, doc: Doc, ensure_ascii: bool
) -> None:
    exported, target = _import_export(tmp_path, doc, ensure_ascii)
    assert exported == normalised(doc)
    again, _ = _import_export(tmp_path, exported, not ensure_ascii)
    assert again == exported
    with Workspace.open(target, readonly=True) as ws:
        assert ws.file.check().ok


def test_export_import_export_of_a_service_built_file_is_stable(tmp_path: Path) -> None:
    from consulta.demo import build_demo

    demo = build_demo(tmp_path / "demo.consulta", language="es")
    with Workspace.open(demo, readonly=True) as ws:
        first = export_json(ws, tmp_path / "first.json")
        counts = ws.consultation.counts()
    report = import_json(first, tmp_path / "copy.consulta")
    assert {k: report.counts[k] for k in counts} == counts
    with Workspace.open(tmp_path / "copy.consulta", readonly=True) as ws:
        second = export_json(ws, tmp_path / "second.json")
    assert first.read_bytes() == second.read_bytes()
    assert report.warnings == []


def test_imported_rows_carry_one_stamp_search_keys_and_derived_ids(tmp_path: Path) -> None:
    doc = base_doc()
    source = tmp_path / "in.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    report = import_json(source, tmp_path / "out.consulta")
    assert report.counts["sectors"] == 2  # the document's sectors only, no defaults
    assert report.counts["positions"] == 2 and report.counts["districts"] == 2
    conn = sqlite3.connect(tmp_path / "out.consulta")
    try:
        stamps = set()
        for table in (
            "consultation",
            "district",
            "sector",
            "participant",
            "session",
            "agenda_item",
            "attendance",
            "guideline",
            "position",
        ):
            stamps |= set(conn.execute(f"SELECT DISTINCT hlc || '/' || origin FROM {table}"))
        assert len(stamps) == 1
        replica = conn.execute("SELECT value FROM file_info WHERE key='replica_id'").fetchone()
        clock = conn.execute("SELECT value FROM file_info WHERE key='clock'").fetchone()
        assert stamps == {(f"{clock[0]}/{replica[0]}",)}
        assert conn.execute("SELECT name FROM sector ORDER BY sort_order").fetchall() == [
            ("Academia",),
            ("Medios",),
        ]
        for name, email, key in conn.execute("SELECT name, email, search_key FROM participant"):
            assert key == fold(" ".join(filter(None, (name, email))))
        for row_id, session_id, participant_id in conn.execute(
            "SELECT id, session_id, participant_id FROM attendance"
        ):
            assert row_id == attendance_id(session_id, participant_id)
        audit = conn.execute("SELECT action, changes FROM audit_log").fetchall()
        assert len(audit) == 1 and audit[0][0] == "interchange.import"
        assert json.loads(audit[0][1])[0]["after"]["counts"]["participants"] == 2
    finally:
        conn.close()
    with Workspace.open(tmp_path / "out.consulta") as ws:  # usable by the services
        assert [p.name for p in ws.participants.page(query="nunez")] == ["Ana Núñez"]
        assert ws.districts.by_name("Norte") is not None
        ws.sessions.reopen("66666666-6666-4666-8666-666666666666")
        ws.participants.delete("55555555-5555-4555-8555-555555555555")
        assert ws.participants.count() == 1
    assert sorted(tmp_path.iterdir()) == [tmp_path / "in.json", tmp_path / "out.consulta"]


def test_search_key_and_attendance_key_match_the_services() -> None:
    from consulta.domain.model import new_id
    from consulta.interchange.json_bulk import attendance_key, search_key

    for name, email in [
        ("José  Núñez", "x@Y.org"),
        ("ÅSTRÖM ǅ ﬁ", None),
        ("a \u0301b", "É@x"),
        ("İstanbul ß", ""),
        ("ﾃｽﾄ Ⅻ", "MAÑANA@x"),
    ]:
        assert search_key(name, email) == fold(" ".join(filter(None, (name, email))))
    a, b = new_id(), new_id()
    assert attendance_key(a, b) == attendance_id(a, b)


@settings(max_examples=50, deadline=None)
@given(name=st.text(), email=st.none() | st.text())
def test_search_key_equals_fold_for_any_text(name: str, email: str | None) -> None:
    from consulta.interchange.json_bulk import search_key

    assert search_key(name, email) == fold(" ".join(filter(None, (name, email))))
