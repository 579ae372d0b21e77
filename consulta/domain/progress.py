"""How long work reports progress and learns it was cancelled, without knowing who watches.

Core functions that may take long take ``progress: Progress | None``; they call
``progress.update(done, total, message)`` now and then and ``progress.check()`` at safe
points (which raises ``CancelledError``). The desktop app's background runner passes a
subclass that forwards updates to a progress dialog; the CLI passes nothing.
"""

from __future__ import annotations

import threading

from consulta.domain.errors import CancelledError


class Progress:
    def __init__(self) -> None:
        self._cancel = threading.Event()

    def update(self, done: int, total: int, message: str = "") -> None:
        """Override to show progress; ``total`` 0 means unknown."""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise CancelledError()


def step(progress: Progress | None, done: int, total: int, message: str = "") -> None:
    """Report and check in one call; a no-op without a progress object."""
    if progress is not None:
        progress.check()
        progress.update(done, total, message)
