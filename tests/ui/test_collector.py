"""The cycle collector runs on the GUI thread only: automatic collection is off, the
timer collects cyclic garbage, and it waits while an import has collection paused."""

from __future__ import annotations

import gc
import threading
import weakref
from typing import Any

from consulta import gcpause
from consulta.ui.collector import GuiThreadCollector, install


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_automatic_collection_is_off_and_the_timer_collects(qtbot: Any, qapp: Any) -> None:
    collector = install(qapp)
    assert isinstance(collector, GuiThreadCollector)
    assert not gc.isenabled()
    gc.collect()
    node = _Node()
    gone = weakref.ref(node)
    freed_on: list[str] = []
    weakref.finalize(node, lambda: freed_on.append(threading.current_thread().name))
    del node
    kept = [[] for _ in range(2000)]  # past the first threshold
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)
    del kept
    assert freed_on == [threading.main_thread().name]


def test_no_collection_while_an_import_has_it_paused(qtbot: Any, qapp: Any) -> None:
    collector = install(qapp)
    garbage = [[] for _ in range(5000)]
    for item in garbage:
        item.append(item)
    del garbage
    with gcpause.paused():
        assert collector.collect() == 0
        assert not gc.isenabled()
    assert not gc.isenabled()  # still the GUI thread's job, not automatic
    assert collector.collect() > 0
