"""insert_columns stores what SQLAlchemy would store: NULL where a value is None (rows
grouped by their nulls), 0/1 for booleans, dates and times in SQLAlchemy's text form, the
shared values in every row, and every row exactly once."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import create_engine, insert

from consulta.interchange.bulk_insert import insert_columns
from consulta.store import schema_sql
from consulta.store.models import TABLES_BY_NAME


def _database(tmp_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    for statement in schema_sql.STATEMENTS:
        conn.execute(statement)
    return conn


SHARED = {
    "created_at": datetime(2026, 3, 14, 10, 30, 5, 123),
    "updated_at": datetime(2026, 3, 14, 10, 30, 5, 123),
    "hlc": "0000018e3c1f2a40-0000",
    "origin": "0f0e0d0c-0b0a-4908-8706-050403020100",
}


def _ids(n: int) -> list[str]:
    return [f"{i:08x}-0000-4000-8000-000000000000" for i in range(n)]


def test_nulls_booleans_and_shared_values(tmp_path: Path) -> None:
    conn = _database(tmp_path)
    dialect = create_engine("sqlite://").dialect
    table = TABLES_BY_NAME["participant"].__table__  # type: ignore[attr-defined]
    ids = _ids(6)
    columns = {
        "id": ids,
        "name": ["Ana", "Bo", "Cy", "Di", "Ed", "Fa"],
        "sector_id": ["s"] * 6,
        "organisation_id": [None, "o", None, "o", None, None],
        "email": ["a@x", None, None, "d@x", None, "f@x"],
        "phone": [None] * 6,
        "gender": ["female", None, "male", None, None, "other"],
        "district_id": [None] * 6,
        "consent_named": [True, False, True, False, False, True],
        "search_key": ["ana", "bo", "cy", "di", "ed", "fa"],
    }
    expected = [
        tuple(columns[c][i] for c in ("id", "organisation_id", "email", "gender", "consent_named"))
        for i in range(6)
    ]
    insert_columns(conn, dialect, table, columns, SHARED)
    rows = conn.execute(
        "SELECT id, organisation_id, email, gender, consent_named, typeof(consent_named), "
        "typeof(phone), created_at, hlc, origin FROM participant ORDER BY id"
    ).fetchall()
    assert [r[:5] for r in rows] == [(i, o, e, g, int(c)) for i, o, e, g, c in expected]
    assert {r[5] for r in rows} == {"integer"}
    assert {r[6] for r in rows} == {"null"}
    assert {r[7:] for r in rows} == {
        ("2026-03-14 10:30:05.000123", SHARED["hlc"], SHARED["origin"])
    }


def test_the_same_as_sqlalchemy_core_stores(tmp_path: Path) -> None:
    """Sessions (dates, times, nulls) written both ways hold the same values and types."""
    dialect = create_engine("sqlite://").dialect
    table = TABLES_BY_NAME["session"].__table__  # type: ignore[attr-defined]
    ids = _ids(3)
    columns = {
        "id": ids,
        "title": ["Mesa 1", "Mesa 2", "Mesa 3"],
        "date": [date(2026, 3, 14), date(2026, 3, 15), date(2026, 12, 1)],
        "start": [time(10, 0), None, time(9, 5)],
        "end": [time(12, 0), None, None],
        "venue": ["", "Casa", ""],
        "district_id": [None, None, None],
        "facilitator": ["Eva", "", ""],
        "status": ["held", "planned", "closed"],
    }
    rows = [{c: columns[c][i] for c in columns} | SHARED for i in range(3)]
    ours = _database(tmp_path)
    insert_columns(ours, dialect, table, dict(columns), SHARED)
    core_path = tmp_path / "core.db"
    engine = create_engine(f"sqlite:///{core_path}")
    with engine.begin() as conn:
        for statement in schema_sql.STATEMENTS:
            conn.exec_driver_sql(statement)
        conn.execute(insert(table), rows)
    engine.dispose()
    query = (
        'SELECT id, title, date, start, "end", typeof(start), typeof("end"), district_id, '
        "created_at, updated_at FROM session ORDER BY id"
    )
    core = sqlite3.connect(core_path)
    try:
        assert ours.execute(query).fetchall() == core.execute(query).fetchall()
    finally:
        core.close()


def test_many_rows_with_mixed_nulls_each_written_once(tmp_path: Path) -> None:
    conn = _database(tmp_path)
    dialect = create_engine("sqlite://").dialect
    table = TABLES_BY_NAME["position"].__table__  # type: ignore[attr-defined]
    n = 500
    tally = [i % 3 == 0 for i in range(n)]
    columns = {
        "id": _ids(n),
        "guideline_id": ["g"] * n,
        "session_id": [f"s{i}" for i in range(n)],
        "sector_id": ["x"] * n,
        "stance": ["support"] * n,
        "note": [""] * n,
        "votes_support": [i if t else None for i, t in enumerate(tally)],
        "votes_support_with_reservations": [0 if t else None for t in tally],
        "votes_oppose": [1 if t else None for t in tally],
        "votes_abstain": [None if i % 2 else (2 if t else None) for i, t in enumerate(tally)],
    }
    insert_columns(conn, dialect, table, dict(columns), SHARED)
    got = conn.execute(
        "SELECT id, votes_support, votes_support_with_reservations, votes_oppose, "
        "votes_abstain FROM position ORDER BY id"
    ).fetchall()
    assert got == [
        (
            columns["id"][i],
            columns["votes_support"][i],
            columns["votes_support_with_reservations"][i],
            columns["votes_oppose"][i],
            columns["votes_abstain"][i],
        )
        for i in range(n)
    ]
