"""A dead battery loses nothing: a writer killed with SIGKILL mid-work leaves a sound file
that holds every edit it reported as committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from consulta.services.workspace import Workspace

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from consulta.domain import model as m
    from consulta.services.workspace import Workspace

    ws = Workspace.open(sys.argv[1])
    sector = ws.sectors.list()[0]
    session = ws.sessions.list()[0]
    round_ = sys.argv[2]
    i = 0
    while True:
        p = ws.participants.create(m.Participant(name=f"r{round_}-{i}", sector_id=sector.id))
        ws.attendance.check_in(session.id, p.id)
        item = ws.agenda.add(session.id, f"item r{round_}-{i}", notes="x" * 5000)
        print(p.id, item.id, flush=True)
        i += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_sigkill_during_edits_loses_no_committed_edit(tmp_path: Path) -> None:
    from datetime import date

    from consulta.domain import model as m

    path = tmp_path / "crash.consulta"
    with Workspace.create(path, "Plan") as ws:
        ws.sessions.create(m.Session(title="Mesa", date=date(2026, 3, 1)))
    reported: list[tuple[str, str]] = []
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for round_, kill_after in enumerate((3, 11, 1, 25, 7)):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(round_)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        for _ in range(kill_after):
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else ""
            participant_id, item_id = line.split()
            reported.append((participant_id, item_id))
        child.send_signal(signal.SIGKILL)  # mid-transaction, most likely
        child.wait()
        child.stdout.close()
        if child.stderr:
            child.stderr.close()

    with Workspace.open(path) as ws:
        assert ws.file.check().ok
        session = ws.sessions.list()[0]
        present = {p.id for p in ws.attendance.present(session.id)}
        items = {i.id for i in ws.agenda.list(session.id)}
        for participant_id, item_id in reported:
            assert ws.participants.get(participant_id)
            assert participant_id in present
            assert item_id in items
