"""The merge preview: what merging the files would do, computed by running the merge
and rolling it back (so the preview is exactly what applying will do)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from consulta.domain.progress import Progress
from consulta.merge.model import MergePlan
from consulta.merge.run import master_workspace, run_merge
from consulta.merge.untrusted import sha256_of
from consulta.services.workspace import Workspace


def plan_merge(
    master: Workspace | Path | str,
    files: Sequence[Path | str],
    progress: Progress | None = None,
    detail: bool = True,
) -> MergePlan:
    """Preview the merge of ``files`` into ``master``; the master is not changed.

    Each ``FilePreview`` has counts, the conflicts (``RecordChange`` with the fields that
    differ and the automatic winner), the possible duplicate persons and — with
    ``detail`` — every record change for drill-down. Raises a UserError for a refused
    file (damaged, altered, other consultation)."""
    with master_workspace(master) as ws:
        before = sha256_of(ws.path)
        previews, merger = run_merge(ws, files, commit=False, detail=detail, progress=progress)
        return MergePlan(ws.path, before, previews, max(merger.set_aside, 0))
