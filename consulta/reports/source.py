"""Where a document's data comes from: a snapshot, read in one go from an open workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from consulta.domain.snapshot import Snapshot

if TYPE_CHECKING:
    from consulta.services.workspace import Workspace


def snapshot_of(source: Workspace | Snapshot) -> Snapshot:
    if isinstance(source, Snapshot):
        return source
    return source.consultation.snapshot()
