"""Running a merge in one transaction on the master: rolled back for a preview,
committed for the real thing. A failure or a cancel rolls back: the master's bytes are
exactly as they were."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from consulta.domain.progress import Progress, step
from consulta.i18n import _
from consulta.merge.engine import Merger
from consulta.merge.finish import finish
from consulta.merge.model import FilePreview, Resolutions
from consulta.merge.untrusted import open_untrusted
from consulta.services.workspace import Workspace
from consulta.store.fileformat import damaged


@contextmanager
def master_workspace(master: Workspace | Path | str) -> Iterator[Workspace]:
    """The caller's open workspace, or the file opened (and closed) for the merge."""
    if isinstance(master, Workspace):
        yield master
        return
    ws = Workspace.open(master)
    try:
        yield ws
    finally:
        ws.close()


def run_merge(
    ws: Workspace,
    paths: Sequence[Path | str],
    *,
    commit: bool,
    detail: bool,
    resolutions: Resolutions | None = None,
    progress: Progress | None = None,
    expected: Sequence[str] = (),
) -> tuple[list[FilePreview], Merger]:
    """Merge ``paths`` into ``ws`` one after the other; ``expected``: their SHA-256 as
    previewed (a file changed since its preview is refused)."""
    from consulta.domain.errors import ReadOnlyError, UserError

    if ws.readonly:
        raise ReadOnlyError(ws.path)
    previews: list[FilePreview] = []
    with ws.file.engine.connect() as conn:
        db = conn.connection.dbapi_connection
        assert isinstance(db, sqlite3.Connection)
        transaction = conn.begin()
        try:
            # Room for the pages a merge touches, so none spill to disk before the commit
            # (a fixed ceiling: memory does not grow with the number of files).
            db.execute("PRAGMA cache_size = -65536")
            merger = Merger(
                db,
                ws.file.replica_id,
                ws.file.clock,
                detail=detail,
                resolutions=resolutions,
                progress=progress,
            )
            changes_before, vector_before = db.total_changes, dict(merger.vm)
            for index, path in enumerate(paths):
                step(progress, index, len(paths), _("Checking “{file}”…", file=Path(path).name))
                with open_untrusted(path) as incoming:
                    if expected and incoming.sha256 != expected[index]:
                        raise UserError(
                            _(
                                "“{file}” has changed since the preview. Preview the merge "
                                "again. Nothing was changed.",
                                file=incoming.name,
                            )
                        )
                    try:
                        previews.append(merger.merge_file(incoming, index))
                    except (sqlite3.IntegrityError, ValueError) as exc:
                        # Records that do not fit the consultation: refused like damage.
                        raise damaged(incoming.source, str(exc)) from exc
            merger.changed = db.total_changes != changes_before or merger.vm != vector_before
            if merger.changed:
                finish(merger, ws.file.actor)
            step(progress, len(paths), len(paths), _("Saving…"))
            if progress is not None:
                progress.check()  # the last moment to cancel
            if commit and merger.changed:
                transaction.commit()
            else:
                transaction.rollback()
        except BaseException:
            if transaction.is_active:
                transaction.rollback()
            raise
        finally:
            db.execute("PRAGMA cache_size = -2000")
    if commit and merger.new_erasures:
        from consulta.merge.erase import vacuum

        vacuum(ws)  # erased personal data must not linger in freed pages
    return previews, merger
