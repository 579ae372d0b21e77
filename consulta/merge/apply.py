"""Applying a merge: all files in one transaction, the user's resolutions honoured."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from consulta.domain.errors import UserError
from consulta.domain.progress import Progress
from consulta.i18n import _
from consulta.merge.model import ConflictOutcome, MergePlan, MergeResult, Resolutions
from consulta.merge.run import master_workspace, run_merge
from consulta.merge.untrusted import sha256_of
from consulta.services.unit import ChangeSet, RowChange
from consulta.services.workspace import Workspace
from consulta.store.models import TABLES_BY_NAME


def apply_merge(
    master: Workspace | Path | str,
    plan: MergePlan | Sequence[Path | str],
    resolutions: Resolutions | None = None,
    progress: Progress | None = None,
) -> MergeResult:
    """Merge the files of ``plan`` (or a plain list of files) into ``master``.

    All or nothing: on any error or a cancel the master stays byte-for-byte as it was.
    A plan is refused if the master or a file changed since it was made."""
    with master_workspace(master) as ws:
        before = sha256_of(ws.path)
        if isinstance(plan, MergePlan):
            if plan.master_sha256 != before:
                raise UserError(
                    _(
                        "“{file}” has changed since the preview. Preview the merge again. "
                        "Nothing was changed.",
                        file=ws.path.name,
                    )
                )
            paths: list[Path | str] = [f.path for f in plan.files]
            expected = [f.sha256 for f in plan.files]
        else:
            paths, expected = list(plan), []
        previews, merger = run_merge(
            ws,
            paths,
            commit=True,
            detail=False,
            resolutions=resolutions,
            progress=progress,
            expected=expected,
        )
        ws.history.clear()  # edits before the merge are no longer safely undoable
        changes = tuple(RowChange(name, "", None, None) for name in TABLES_BY_NAME)
        ws.notify(ChangeSet("merge.apply", _("Merge files"), changes))
        return MergeResult(
            master_path=ws.path,
            master_sha256_before=before,
            master_sha256_after=sha256_of(ws.path),
            files=previews,
            outcomes=merger.outcomes,
            duplicates_merged=merger.merged_pairs,
            set_aside=max(merger.set_aside, 0),
        )


def plan_result(plan: MergePlan) -> MergeResult:
    """A dry run's result (for a receipt of what would happen)."""
    return MergeResult(
        master_path=plan.master_path,
        master_sha256_before=plan.master_sha256,
        master_sha256_after=plan.master_sha256,
        files=plan.files,
        outcomes=[ConflictOutcome(c, "automatic", None) for c in plan.conflicts],
        duplicates_merged=[],
        dry_run=True,
        set_aside=plan.set_aside,
    )
