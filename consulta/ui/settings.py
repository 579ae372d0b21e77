"""The app's remembered settings in one typed place (QSettings underneath).

Tests point QSettings at a temporary folder (``QSettings.setPath``) before creating ``Settings``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
ORGANISATION = "Consulta"
APPLICATION = "Consulta"


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )

    @property
    def location(self) -> str:
        return self._store.fileName()

    def sync(self) -> None:
        self._store.sync()

    # -- window ----------------------------------------------------------------------------

    @property
    def geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    # -- recent files ----------------------------------------------------------------------

    @property
    def recent_files(self) -> list[str]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent(self, path: str | Path) -> None:
        text = str(Path(path).absolute())
        files = [text, *[f for f in self.recent_files if f != text]][:MAX_RECENT]
        self._store.setValue("files/recent", files)

    def remove_recent(self, path: str | Path) -> None:
        text = str(Path(path).absolute())
        self._store.setValue("files/recent", [f for f in self.recent_files if f != text])

    def clear_recent(self) -> None:
        self._store.setValue("files/recent", [])

    # -- language --------------------------------------------------------------------------

    @property
    def language(self) -> str | None:
        """The chosen language code, or None to follow the operating system."""
        value = self._store.value("ui/language", "")
        return str(value) if value else None

    @language.setter
    def language(self, code: str | None) -> None:
        self._store.setValue("ui/language", code or "")

    # -- last folder -----------------------------------------------------------------------

    @property
    def last_folder(self) -> str:
        return str(self._store.value("files/last_folder", "") or "")

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self._store.setValue("files/last_folder", folder)
