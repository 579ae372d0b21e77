"""An OS lock that tells a second Consulta process the file is already open.

SQLite's own locks last one transaction; this one lasts as long as the file is open.
On POSIX it is ``flock`` (separate from SQLite's ``fcntl`` locks); on Windows a lock on a
byte range far past SQLite's own lock bytes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from consulta.domain.errors import FileLockedError
from consulta.i18n import _

_WINDOWS_LOCK_OFFSET = 0x7FFF0000  # above SQLite's pending/reserved/shared bytes


class FileLock:
    def __init__(self, path: Path, exclusive: bool) -> None:
        self.path = path
        self._fd: int | None = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            self._acquire(exclusive)
        except OSError:
            os.close(self._fd)
            self._fd = None
            raise FileLockedError(
                path,
                _(
                    "“{path}” is already open in another Consulta window or on another "
                    "computer. Close it there first, or open a copy.",
                    path=path,
                ),
            ) from None

    def _acquire(self, exclusive: bool) -> None:
        assert self._fd is not None
        if sys.platform == "win32":
            import msvcrt

            os.lseek(self._fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(self._fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(self._fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)

    def release(self) -> None:
        """Release the lock. Call only after every SQLite connection to the file is closed."""
        if self._fd is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt

                os.lseek(self._fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(self._fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(self._fd)
            self._fd = None
