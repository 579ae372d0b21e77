"""Undo and redo of edits: revert a change set exactly, as a new recorded edit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from consulta.i18n import _
from consulta.services.unit import ChangeSet

if TYPE_CHECKING:
    from consulta.services.workspace import Workspace


class UndoHistory:
    def __init__(self, workspace: Workspace, limit: int = 500) -> None:
        self._workspace = workspace
        self._undo: list[ChangeSet] = []
        self._redo: list[ChangeSet] = []
        self._limit = limit
        self._group: list[ChangeSet] | None = None

    @contextmanager
    def group(self, label: str) -> Iterator[None]:
        """Make the edits of several service calls one undo step (e.g. add a newcomer and
        check them in). What was committed stays one step even if the block fails."""
        if self._group is not None:  # already grouping: the outer group collects
            yield
            return
        self._group = []
        try:
            yield
        finally:
            parts, self._group = self._group, None
            if parts:
                changes = tuple(c for part in parts for c in part.changes)
                self.push(ChangeSet(parts[0].action, label, changes))

    def push(self, changeset: ChangeSet) -> None:
        if self._group is not None:
            self._group.append(changeset)
            return
        self._undo.append(changeset)
        del self._undo[: -self._limit]
        self._redo.clear()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def undo(self) -> ChangeSet | None:
        """Revert the last edit. Raises (and keeps the history) if it is no longer allowed,
        e.g. the edit touched minutes that have since been locked."""
        if not self._undo:
            return None
        changeset = self._undo[-1]
        self._apply(changeset, "before", _("Undo {action}", action=changeset.label))
        self._redo.append(self._undo.pop())
        return changeset

    def redo(self) -> ChangeSet | None:
        if not self._redo:
            return None
        changeset = self._redo[-1]
        self._apply(changeset, "after", _("Redo {action}", action=changeset.label))
        self._undo.append(self._redo.pop())
        return changeset

    def _apply(self, changeset: ChangeSet, side: str, label: str) -> None:
        ordered = reversed(changeset.changes) if side == "before" else iter(changeset.changes)
        verb = "undo" if side == "before" else "redo"
        with self._workspace.write(f"{verb}:{changeset.action}", label, record=False) as unit:
            for change in ordered:
                unit.restore(change.table, change.id, getattr(change, side))
