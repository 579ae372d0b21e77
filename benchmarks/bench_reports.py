"""Benchmark of the documents at national scale; prints one JSON object.

    python benchmarks/bench_reports.py [--file national.consulta] [--sessions N]

Without ``--file`` the national-scale consultation of ``generate.py`` (1,200 sessions,
30,000 attendances, 80,000 positions) is built in a temporary folder first. Measured:
the figures alone, the legitimacy report (PDF, XLSX, JSON), and the minutes of every held
or closed session (PDF and XLSX). Each document also gets a *baseline* made in the same
run from the same content: plain ReportLab (a SimpleDocTemplate of tables of strings and
paragraphs, same font) for the minutes PDF, plain openpyxl write-only for the minutes
XLSX. On a shared machine wall time varies with the load, so the ratio to the baseline
and the CPU seconds are the figures to compare (targets: PDF >= 0.5 of plain ReportLab
pages/s, XLSX >= 0.7 of plain openpyxl rows/s). Memory: each workbook is written again in
a child process for a quarter and for all of the sessions; the peak RSS of the two should
be close (the write-only writer keeps no rows).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from
    the parent by a spawned child)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def plain_reportlab(minutes: Any, path: Path) -> int:
    """The minutes' content through plain ReportLab: the baseline of the PDF figures."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    from consulta.reports.pdf_base import FONT, register_fonts

    register_fonts()
    body = ParagraphStyle("b", fontName=FONT, fontSize=9.5, leading=12.5)
    head = ParagraphStyle("h", fontName=FONT, fontSize=13, leading=16)
    story: list[Any] = []
    for m in minutes:
        story.append(Paragraph(escape(m.session.title), head))
        rows = [[a.name, a.organisation] for g in m.attendance for a in g.attendees]
        if rows:
            story.append(Table(rows, repeatRows=0, style=[("FONT", (0, 0), (-1, -1), FONT, 8.5)]))
        for item in m.agenda:
            story.append(Paragraph(escape(item.title), head))
            story.append(Paragraph(escape(item.notes), body))
        rows = [[p.code, p.sector[:30], p.stance.value, p.note[:60]] for p in m.positions]
        if rows:
            story.append(Table(rows, style=[("FONT", (0, 0), (-1, -1), FONT, 8.5)]))
        story.append(PageBreak())
    pages: list[int] = []
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build(
        story, onLaterPages=lambda c, d: pages.append(1), onFirstPage=lambda c, d: pages.append(1)
    )
    return len(pages)


def plain_openpyxl(minutes: Any, path: Path) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    att, ag, pos = wb.create_sheet("a"), wb.create_sheet("g"), wb.create_sheet("p")
    n = 0
    for m in minutes:
        s = m.session
        for g in m.attendance:
            for a in g.attendees:
                att.append([s.date, s.title, g.sector, a.name, a.organisation])
                n += 1
        for i, item in enumerate(m.agenda, 1):
            ag.append([s.date, s.title, i, item.title, item.notes])
            n += 1
        for p in m.positions:
            v = p.votes
            votes = [v.support, v.support_with_reservations, v.oppose, v.abstain] if v else []
            pos.append([s.date, s.title, p.code, p.title, p.sector, p.stance.value, p.note, *votes])
            n += 1
    wb.save(str(path))
    return n


def _xlsx_child(args: tuple[str, str, float]) -> dict[str, float]:
    file, out, share = args
    from consulta.reports import export_minutes_xlsx
    from consulta.services.workspace import Workspace

    with Workspace.open(file, readonly=True) as ws:
        snap = ws.consultation.snapshot()
    counted = [s for s in snap.sessions if s.status.counts]
    keep = {s.id for s in counted[: max(1, int(len(counted) * share))]}
    snap = replace(snap, sessions=[s for s in snap.sessions if s.id in keep])
    before = _peak_mb()
    rows = export_minutes_xlsx(snap, Path(out))
    return {"rows": rows, "peak_rss_mb_before_writing": before, "peak_rss_mb": _peak_mb()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, help="a .consulta file (default: generate one)")
    parser.add_argument("--sessions", type=int, help="limit the minutes to the first N sessions")
    args = parser.parse_args(argv)

    from consulta.legitimacy import compute
    from consulta.reports import (
        export_legitimacy_json,
        export_legitimacy_pdf,
        export_legitimacy_xlsx,
        export_minutes_pdf,
        export_minutes_xlsx,
    )
    from consulta.reports.minutes import gather
    from consulta.services.workspace import Workspace

    out = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    result: dict[str, Any] = {"load_average": list(os.getloadavg())}
    file = args.file
    if file is None:
        from benchmarks.generate import build_consulta

        file = out / "national.consulta"
        _, wall, _cpu = timed(lambda: build_consulta(file))
        result["generate_s"] = round(wall, 1)
    with Workspace.open(file, readonly=True) as ws:
        snap, wall, cpu = timed(ws.consultation.snapshot)
    result["snapshot_s"] = round(wall, 2)
    result["peak_rss_mb_after_snapshot"] = _peak_mb()
    result["counts"] = {
        "sessions": len(snap.sessions),
        "attendance": len(snap.attendance),
        "positions": len(snap.positions),
        "guidelines": len(snap.guidelines),
    }
    _, wall, cpu = timed(lambda: compute(snap))
    result["figures"] = {"s": round(wall, 3), "cpu_s": round(cpu, 3)}

    for name, fn, unit in (
        ("legitimacy_pdf", export_legitimacy_pdf, "pages"),
        ("legitimacy_xlsx", export_legitimacy_xlsx, "rows"),
        ("legitimacy_json", export_legitimacy_json, "bytes"),
    ):
        target = out / name.replace("_", ".")
        n, wall, cpu = timed(lambda fn=fn, target=target: fn(snap, target))
        result[name] = {unit: n, "s": round(wall, 3), "cpu_s": round(cpu, 3)}

    minutes_snap = snap
    if args.sessions:
        counted = [s for s in snap.sessions if s.status.counts][: args.sessions]
        minutes_snap = replace(snap, sessions=counted)
    minutes = gather(minutes_snap, None)
    result["minutes_sessions"] = len(minutes)

    pages, wall, cpu = timed(lambda: export_minutes_pdf(minutes_snap, out / "minutes.pdf"))
    base_pages, bwall, bcpu = timed(lambda: plain_reportlab(minutes, out / "plain.pdf"))
    result["minutes_pdf"] = {
        "pages": pages,
        "s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "pages_per_s": round(pages / wall, 1),
        "pages_per_cpu_s": round(pages / cpu, 1),
        "plain_reportlab_pages": base_pages,
        "plain_reportlab_pages_per_s": round(base_pages / bwall, 1),
        "plain_reportlab_pages_per_cpu_s": round(base_pages / bcpu, 1),
        "ratio_to_plain_per_cpu_s": round((pages / cpu) / (base_pages / bcpu), 2),
        "peak_rss_mb_after": _peak_mb(),
    }
    rows, wall, cpu = timed(lambda: export_minutes_xlsx(minutes_snap, out / "minutes.xlsx"))
    base_rows, bwall, bcpu = timed(lambda: plain_openpyxl(minutes, out / "plain.xlsx"))
    result["minutes_xlsx"] = {
        "rows": rows,
        "s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "rows_per_s": round(rows / wall),
        "rows_per_cpu_s": round(rows / cpu),
        "plain_openpyxl_rows_per_s": round(base_rows / bwall),
        "plain_openpyxl_rows_per_cpu_s": round(base_rows / bcpu),
        "ratio_to_plain_per_cpu_s": round((rows / cpu) / (base_rows / bcpu), 2),
    }
    with get_context("spawn").Pool(1, maxtasksperchild=1) as pool:
        quarter = pool.apply(_xlsx_child, ((str(file), str(out / "q.xlsx"), 0.25),))
    with get_context("spawn").Pool(1, maxtasksperchild=1) as pool:
        full = pool.apply(_xlsx_child, ((str(file), str(out / "f.xlsx"), 1.0),))
    result["minutes_xlsx_memory"] = {"quarter": quarter, "all": full}
    result["peak_rss_mb"] = _peak_mb()
    result["output_folder"] = str(out)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
