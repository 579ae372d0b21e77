"""A hybrid logical clock: orders edits made on laptops whose wall clocks disagree.

A stamp is ``"<13-digit ms>-<6-digit counter>"`` so that string order is clock order.
Ties between two file copies are broken by the copy's id (``origin``), deterministically.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


def format_stamp(wall_ms: int, counter: int) -> str:
    return f"{wall_ms:013d}-{counter:06d}"


def parse_stamp(stamp: str) -> tuple[int, int]:
    wall, _sep, counter = stamp.partition("-")
    return int(wall), int(counter or 0)


class HybridLogicalClock:
    def __init__(self, last: str = "", wall_ms: Callable[[], int] = _wall_ms) -> None:
        self._wall_ms = wall_ms
        self._last = parse_stamp(last) if last else (0, 0)

    @property
    def last(self) -> str:
        return format_stamp(*self._last)

    def tick(self) -> str:
        """A new stamp, later than every stamp seen so far."""
        now = self._wall_ms()
        wall, counter = self._last
        self._last = (now, 0) if now > wall else (wall, counter + 1)
        return self.last

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another copy (during a merge)."""
        if stamp and parse_stamp(stamp) > self._last:
            self._last = parse_stamp(stamp)
