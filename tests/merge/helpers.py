"""Builders for merge tests: a small master, copies edited on drifting clocks, snapshots."""

from __future__ import annotations

import hashlib
import itertools
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from consulta.domain import model as m
from consulta.services.workspace import Workspace
from consulta.store.clock import HybridLogicalClock
from consulta.store.models import TABLES_BY_NAME

BASE_MS = 1_900_000_000_000  # after any real stamp made while creating


def build_master(path: Path) -> Path:
    """A master with two districts, three people, two sessions, two guidelines."""
    with Workspace.create(path, "Plan de internacionalización", language="es") as ws:
        set_clock(ws, BASE_MS, 1000)
        norte = ws.districts.create("Norte")
        sur = ws.districts.create("Sur")
        sectors = ws.sectors.list()
        for i, (name, district) in enumerate(
            [("Ana Pérez", norte), ("Luis Gómez", norte), ("Rosa Díaz", sur)]
        ):
            ws.participants.create(
                m.Participant(
                    name=name,
                    sector_id=sectors[i].id,
                    district_id=district.id,
                    email=f"p{i}@example.org",
                )
            )
        for title, district in [("Mesa Norte", norte), ("Mesa Sur", sur)]:
            ws.sessions.create(
                m.Session(title=title, date=date(2026, 3, 1), district_id=district.id)
            )
        ws.guidelines.create(m.Guideline(code="G-01", title="Atraer inversión"))
        ws.guidelines.create(m.Guideline(code="G-02", title="Ciudad abierta"))
    return path


def set_clock(ws: Workspace, start_ms: int, step_ms: int) -> None:
    """Give a workspace a fake wall clock (a laptop whose time may be off)."""
    ticks = itertools.count()
    ws.file.clock = HybridLogicalClock(
        ws.file.clock.last, wall_ms=lambda: start_ms + next(ticks) * step_ms
    )


def copy_of(source: Path, target: Path) -> Path:
    shutil.copy(source, target)
    return target


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(path: Path) -> dict[str, Any]:
    """Every replicated row (stamps included), tombstones and erasures: the data, without
    the audit trail, merge history or file facts."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out: dict[str, Any] = {}
        for name in [*TABLES_BY_NAME, "tombstone", "erasure"]:
            out[name] = sorted(conn.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
        return out
    finally:
        conn.close()


def export(path: Path) -> dict[str, Any]:
    from consulta.interchange.json_export import export_document

    with Workspace.open(path, readonly=True) as ws:
        document = export_document(ws)
    return dict(document) if not isinstance(document, dict) else document
