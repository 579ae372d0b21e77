"""Start-up of the desktop app: ``python -m consulta --smoke FILE`` on the demo consultation and
on the national-scale file (24,000 participants, 1,200 sessions), a few runs each; prints JSON.

    python benchmarks/bench_startup.py [--runs 5] [--national PATH] [--demo PATH]

Each figure is the median of the runs: ``first_paint_s`` (process start → the main window's
first paint), ``first_paint_cpu_s`` (CPU time used by then: steadier on a busy machine),
``file_painted_s`` (→ the opened consultation painted), ``rss_mib``. A bare PySide6 window
with a table is measured the same way, as the floor on this machine. Files not
given are built in a temporary folder (the national one with benchmarks/generate.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


BARE = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableWidget
from consulta.ui.app import cpu_s, process_start_age, rss_mib
app = QApplication(sys.argv)
table = QTableWidget(20, 6)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = True
            figures = {"first_paint_s": round(process_start_age(), 3),
                       "first_paint_cpu_s": round(cpu_s(), 3), "rss_mib": round(rss_mib(), 1)}
            print(json.dumps(figures))
            QTimer.singleShot(0, app.quit)
        return False
watch = Watch()
table.installEventFilter(watch)
table.resize(1366, 768)
table.show()
app.exec()
"""


def child_env(settings_home: Path) -> dict[str, str]:
    """Settings in a scratch folder; compiled bytecode cached (in the scratch folder) as in an
    installed app, even where PYTHONDONTWRITEBYTECODE is set for development."""
    env = dict(os.environ, XDG_CONFIG_HOME=str(settings_home))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(settings_home / "pycache")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def bare(settings_home: Path) -> dict[str, float]:
    """The same figure for a bare PySide6 window with a table: the floor on this machine."""
    env = child_env(settings_home)
    result = subprocess.run(
        [sys.executable, "-c", BARE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def smoke(path: Path | None, settings_home: Path) -> dict[str, float]:
    env = child_env(settings_home)
    args = [sys.executable, "-m", "consulta", "--smoke"] + ([str(path)] if path else [])
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"smoke run failed ({result.returncode}): {result.stdout}{result.stderr}")
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def measure(path: Path | str | None, runs: int, settings_home: Path) -> dict[str, float]:
    smoke(path if isinstance(path, Path) else None, settings_home)  # warm the bytecode cache
    if path == "bare":
        results = [bare(settings_home) for _ in range(runs)]
    else:
        results = [smoke(path, settings_home) for _ in range(runs)]  # type: ignore[arg-type]
    keys = sorted({k for r in results for k in r})
    summary = {k: round(statistics.median(r[k] for r in results if k in r), 3) for k in keys}
    summary["first_paint_min_s"] = min(r["first_paint_s"] for r in results)
    summary["runs"] = runs
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--demo", type=Path)
    parser.add_argument("--national", type=Path)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="consulta-bench-"))
    demo = args.demo
    if demo is None:
        from consulta.demo import build_demo

        demo = build_demo(scratch / "demo.consulta")
    national = args.national
    if national is None:
        from benchmarks.generate import build_consulta

        national = build_consulta(scratch / "national.consulta")
    report = {
        "bare_pyside6_table": measure("bare", args.runs, scratch),
        "no_file": measure(None, args.runs, scratch),
        "demo": measure(demo, args.runs, scratch),
        "national": measure(national, args.runs, scratch),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
