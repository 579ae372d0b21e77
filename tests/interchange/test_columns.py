"""The quick, column-by-column check gives exactly what the record-by-record check gives:
the same rows for sound documents (any script, nulls, absent keys, ids in capitals,
unknown keys), the same problems for broken ones, across chunk boundaries too. And what
the import writes with it is a sound file with the schema of a new file."""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consulta.gcpause import paused
from consulta.interchange import import_json, json_validate
from consulta.interchange.json_checks import KINDS, specs_of
from consulta.interchange.json_columns import chunk_columns
from consulta.merge.untrusted import _schema, expected_schema
from consulta.store.fileformat import SCHEMA_VERSION

from .documents import Doc, base_doc, documents
from .test_errors import CASES


def _both_ways(doc: Doc) -> tuple[Any, Any]:
    """(rows per table, problems, warnings) checked quickly and one by one."""
    results = []
    for quick in (True, False):
        tables: dict[str, dict[str, list[Any]]] = {}

        def sink(table: str, columns: dict[str, list[Any]], n: int, tables: Any = tables) -> None:
            into = tables.setdefault(table, {})
            for column, values in columns.items():
                assert len(values) == n
                into.setdefault(column, []).extend(values)

        parsed = json_validate.parse_document(copy.deepcopy(doc), sink=sink, quick=quick)
        results.append(
            (
                tables,
                [str(p) for p in parsed.problems],
                [str(w) for w in parsed.warnings],
                parsed.counts,
            )
        )
    return results[0], results[1]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(doc=documents(), stream=st.sampled_from([1, 2, 3, 10_000]), shout=st.booleans())
def test_quick_and_one_by_one_give_the_same_rows(doc: Doc, stream: int, shout: bool) -> None:
    if shout:  # ids written in capitals (stored lower-cased)
        for kind in ("organisations", "participants", "agenda_items", "positions"):
            for record in doc.get(kind) or []:
                record["id"] = record["id"].upper()
    original = json_validate.STREAM
    json_validate.STREAM = stream  # chunks of 1, 2, 3 records: every boundary
    try:
        quick, slow = _both_ways(doc)
    finally:
        json_validate.STREAM = original
    assert quick == slow
    assert quick[1] == []  # generated documents are sound


# The header (format, version) is checked before the records are read.
RECORD_CASES = [c for c in CASES if c[2] not in ("format", "version")]


@pytest.mark.parametrize("stream", [1, 10_000])
@pytest.mark.parametrize(
    ("label", "change", "path", "words"), RECORD_CASES, ids=[c[0] for c in RECORD_CASES]
)
def test_quick_and_one_by_one_find_the_same_problems(
    label: str, change: Any, path: str, words: str, stream: int, monkeypatch: Any
) -> None:
    doc = base_doc()
    change(doc)
    monkeypatch.setattr(json_validate, "STREAM", stream)
    quick, slow = _both_ways(doc)
    assert quick[1:] == slow[1:]
    assert any(p.startswith(path + ": ") and words in p for p in quick[1]), quick[1]


def _big_doc() -> Doc:
    """base_doc with many participants and positions (a few chunks of each)."""
    doc = base_doc()
    template = doc["participants"][0]
    doc["participants"] += [
        {**template, "id": f"{i:08x}-0000-4000-8000-000000000000", "name": f"P {i}"}
        for i in range(23)
    ]
    return doc


@pytest.mark.parametrize(
    ("label", "change", "problem"),
    [
        (
            "duplicate id across chunks",
            lambda d: d["participants"][20].update(id=d["participants"][3]["id"]),
            "participants[20].id: duplicate id (also participants[3])",
        ),
        (
            "same id in capitals across chunks",
            lambda d: d["participants"][24].update(id=d["participants"][0]["id"].upper()),
            "participants[24].id: duplicate id (also participants[0])",
        ),
        (
            "a problem in the last chunk only",
            lambda d: d["participants"][24].update(name=""),
            "participants[24].name: must not be empty",
        ),
    ],
)
def test_chunk_boundaries(label: str, change: Any, problem: str, monkeypatch: Any) -> None:
    doc = _big_doc()
    change(doc)
    monkeypatch.setattr(json_validate, "STREAM", 10)
    quick, slow = _both_ways(doc)
    assert quick[1:] == slow[1:]
    assert problem in quick[1]


def test_a_chunk_with_anything_unusual_goes_one_by_one() -> None:
    ids: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
    ids["sectors"]["aaaaaaaa-1111-4111-8111-111111111111"] = 0
    specs = specs_of(ids, {"Norte": "d"})["organisations"]
    known = frozenset(s[0] for s in specs)
    sector = "aaaaaaaa-1111-4111-8111-111111111111"
    good = {"id": "bbbbbbbb-2222-4222-8222-222222222222", "name": "Org", "sector_id": sector}
    assert chunk_columns([good], specs, known) == {
        "id": [good["id"]],
        "name": ["Org"],
        "sector_id": [sector],
    }
    unusual = [
        {**good, "extra": 1},  # an unknown key: a warning to word
        {**good, "sector_id": sector.upper()},  # a reference in capitals
        {**good, "sector_id": {"id": sector}},  # not a string
        {**good, "name": "  "},
        {**good, "id": None},
        "not an object",
    ]
    for record in unusual:
        assert chunk_columns([good, record], specs, known) is None, record
    # An id in capitals is fine: stored lower-cased, as the one-by-one check does.
    upper = {**good, "id": good["id"].upper()}
    assert chunk_columns([upper], specs, known)["id"] == [good["id"]]  # type: ignore[index]


def test_an_imported_file_has_the_schema_of_a_new_file(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(_big_doc()), encoding="utf-8")
    target = tmp_path / "out.consulta"
    import_json(source, target)
    conn = sqlite3.connect(target)
    try:
        # The indexes dropped while writing are back, exactly as declared.
        assert _schema(conn) == expected_schema(SCHEMA_VERSION)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM participant WHERE search_key = 'p 1'"
        ).fetchall()
        assert "ix_participant_search_key" in str(plan)
        assert conn.execute("SELECT count(*) FROM participant").fetchone() == (25,)
    finally:
        conn.close()


def test_the_cycle_collector_is_paused_and_restored() -> None:
    import gc

    before = gc.isenabled()
    gc.enable()
    with paused():
        assert not gc.isenabled()
        with paused():  # nested (an import within an import's task)
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        if before:
            gc.enable()
