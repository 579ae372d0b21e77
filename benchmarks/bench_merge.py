"""Benchmark of merging 40 district kits of the national-scale consultation.

    python benchmarks/bench_merge.py [--districts 40] [--seed 2026]

Builds the national file with ``generate.py``, makes one kit per district, makes a few
edits in every kit (check-ins, new people, notes), then measures, each in a fresh child
process (so peak memory is the merge's own):

- ``return``: the 40 edited kits merged back into the master (most rows unchanged);
- ``assemble``: the 40 kits merged into a master that holds none of the districts' data
  (every district row is new) — the worst case;
- the same rows copied by plain SQLite (ATTACH + INSERT OR REPLACE ... SELECT), the
  baseline, and the ratio merge / baseline;
- peak RSS merging 10 kits and 40 kits (memory must not grow with the number of files).

Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TABLES = (
    "consultation",
    "district",
    "sector",
    "organisation",
    "participant",
    "session",
    "agenda_item",
    "attendance",
    "guideline",
    "position",
)


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _prepare(folder: Path, argv: list[str]) -> tuple[Path, Path, list[Path]]:
    from consulta.domain import model as m
    from consulta.merge.kit import make_kit
    from consulta.services.workspace import Workspace

    master = folder / "national.consulta"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate.py"),
            "--consulta",
            str(master),
            *argv,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with Workspace.open(master, readonly=True) as ws:
        districts = [d.name for d in ws.districts.list()]
    kits = []
    started = time.perf_counter()
    for i, name in enumerate(districts):
        kit = make_kit(master, name, folder / f"kit{i:02d}.consulta")
        kits.append(kit)
    kit_seconds = time.perf_counter() - started
    for i, kit in enumerate(kits):
        with Workspace.open(kit) as ws:
            sessions = [s for s in ws.sessions.list() if s.status is not m.SessionStatus.CLOSED]
            if not sessions:
                sessions = [ws.sessions.reopen(ws.sessions.list()[-1].id)]
            people = ws.participants.page(0, 10)
            sector = ws.sectors.list()[i % 7]
            for j in range(5):
                person = ws.participants.create(
                    m.Participant(name=f"Nueva persona {i}-{j}", sector_id=sector.id)
                )
                ws.attendance.check_in(sessions[j % len(sessions)].id, person.id)
            for j, person in enumerate(people):
                ws.attendance.check_in(sessions[-1 - j % len(sessions)].id, person.id)
            for item in ws.agenda.list(sessions[0].id)[:2]:
                ws.agenda.update(item.id, notes=item.notes + " — acuerdo de la mesa")
    # A master without any district's data: every kit row is new to it.
    empty = folder / "empty.consulta"
    shutil.copy(master, empty)
    conn = sqlite3.connect(empty)
    for table in ("position", "attendance", "agenda_item", "session", "participant"):
        conn.execute(f"DELETE FROM {table}")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    print(json.dumps({"kits_seconds": round(kit_seconds, 2)}), file=sys.stderr)
    return master, empty, kits


def _rows(kits: list[Path]) -> int:
    total = 0
    for kit in kits:
        conn = sqlite3.connect(kit)
        total += sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES)
        total += conn.execute("SELECT count(*) FROM tombstone").fetchone()[0]
        conn.close()
    return total


def child_merge(master: Path, kits: list[Path]) -> dict[str, float]:
    from consulta.merge.apply import apply_merge

    started, cpu = time.perf_counter(), time.process_time()
    result = apply_merge(master, kits)
    totals = result.totals()
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "peak_rss_mb": _peak_mb(),
        "read": totals.read,
        "added": totals.added,
        "changed": totals.changed,
        "conflicting": totals.conflicting,
    }


def child_baseline(master: Path, kits: list[Path]) -> dict[str, float]:
    conn = sqlite3.connect(master, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA cache_size = -65536")
    started, cpu = time.perf_counter(), time.process_time()
    # At most 10 attached files, and no ATTACH inside a transaction: groups of 10.
    for first in range(0, len(kits), 10):
        group = kits[first : first + 10]
        for i, kit in enumerate(group):
            conn.execute(f"ATTACH DATABASE ? AS kit{i}", (str(kit),))
        conn.execute("BEGIN")
        for i in range(len(group)):
            for table in TABLES:
                conn.execute(f"INSERT OR REPLACE INTO main.{table} SELECT * FROM kit{i}.{table}")
        conn.execute("COMMIT")
        for i in range(len(group)):
            conn.execute(f"DETACH DATABASE kit{i}")
    conn.close()
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "peak_rss_mb": _peak_mb(),
    }


def _run_child(kind: str, master: Path, kits: list[Path], folder: Path) -> dict[str, float]:
    target = folder / f"{kind}-{len(kits)}-{master.name}"
    shutil.copy(master, target)
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(target), *map(str, kits)],
        check=True,
        capture_output=True,
        text=True,
    )
    target.unlink()
    return dict(json.loads(out.stdout))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        kind, master, kits = argv[1], Path(argv[2]), [Path(p) for p in argv[3:]]
        run = child_merge if kind == "merge" else child_baseline
        print(json.dumps(run(master, kits)))
        return 0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        master, empty, kits = _prepare(folder, argv)
        rows = _rows(kits)
        load = os.getloadavg()[0]
        report: dict[str, object] = {"kits": len(kits), "rows_in_kits": rows}
        for label, target in (("return", master), ("assemble", empty)):
            merged = _run_child("merge", target, kits, folder)
            baseline = _run_child("baseline", target, kits, folder)
            report[label] = {
                "merge": merged,
                "baseline_attach_insert": baseline,
                "baseline_rows_per_second": round(rows / max(baseline["seconds"], 1e-6)),
                "merge_rows_per_second": round(rows / max(merged["seconds"], 1e-6)),
                "ratio": round(merged["seconds"] / max(baseline["seconds"], 1e-6), 2),
                "cpu_ratio": round(merged["cpu_seconds"] / max(baseline["cpu_seconds"], 1e-6), 2),
            }
        few = _run_child("merge", master, kits[:10], folder)
        report["peak_rss_mb_10_kits"] = few["peak_rss_mb"]
        report["peak_rss_mb_all_kits"] = report["return"]["merge"]["peak_rss_mb"]  # type: ignore[index]
        report["load_average"] = [load, os.getloadavg()[0]]
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
