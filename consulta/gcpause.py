"""Pausing Python's cycle collector while bulk work builds many objects at once.

Reading a national document creates a few hundred thousand dicts and lists, none of them
part of a reference cycle; the cycle collector would still walk the growing heap again and
again as they are made (about a third of the time of reading and checking). ``paused()``
turns it off for the duration and back on afterwards, counting nested and concurrent
users (an import on a worker thread while another runs), so the last one out restores
the collector only if it was on when the first one came in.

The desktop app collects on its GUI thread instead of automatically (consulta/ui/collector.py
says why): it calls ``take_over()`` once and asks ``active()`` before each collection.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_users = 0
_was_enabled = False


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cycle collector off (objects are still freed by reference
    counting as usual; only cycles wait until the end)."""
    global _users, _was_enabled
    with _lock:
        if _users == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0 and _was_enabled:
                gc.enable()


def active() -> bool:
    """Whether bulk work has the collector paused now."""
    return _users > 0


def take_over() -> None:
    """Automatic collection stays off from now on (the caller collects): a pause in
    progress will not turn it back on."""
    global _was_enabled
    with _lock:
        gc.disable()
        _was_enabled = False
