"""The one way Consulta writes a file other than a consultation (documents, JSON,
receipts): to a temporary file next to the target, then renamed into place.

A failed or cancelled export removes its temporary file and leaves the target as it was
(absent, or the previous version): never a half-written document. The consultation file
is only ever read by the exporters.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from consulta.domain.errors import FileError
from consulta.i18n import _


@contextlib.contextmanager
def atomic_target(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces ``target``."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileError(
            target,
            _(
                "The folder “{folder}” does not exist. Choose another place to save the document.",
                folder=folder,
            ),
        )
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise FileError(target, _cannot_write(target, error)) from error
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        _fsync(temp)
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise FileError(target, _cannot_write(target, error)) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _cannot_write(target: Path, error: OSError) -> str:
    return _(
        "Could not write “{path}” ({reason}). Check that the folder is writable, that there "
        "is free space and that the file is not open in another program, then try again.",
        path=target,
        reason=error.strerror or error,
    )
