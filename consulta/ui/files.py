"""What the File menu does: create, open (in the background), import, save a copy, export.

The window asks; the core does the work in the background runner; errors go to errors.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from consulta.domain.errors import UserError
from consulta.i18n import N_, _

if TYPE_CHECKING:
    from consulta.ui.main_window import MainWindow
    from consulta.ui.tasks import Task

SUFFIX = ".consulta"
FILTER = N_("Consultations (*.consulta)")


def data_dir() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home() / ".consulta")


def demo_path() -> Path:
    return data_dir() / "demo.consulta"


class FileController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.task: Task | None = None

    # -- choosing files --------------------------------------------------------------------

    def _folder(self) -> str:
        return self.window.settings.last_folder or str(Path.home())

    def _remember_folder(self, path: str) -> None:
        self.window.settings.last_folder = str(Path(path).parent)

    def ask_open(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, _("Open consultation"), self._folder(), _(FILTER)
        )
        if path:
            self._remember_folder(path)
            self.open(path)

    # -- opening and creating --------------------------------------------------------------

    def open(self, path: str | Path, on_opened: Callable[[Any], None] | None = None) -> Task:
        from consulta.ui.tasks import run_task

        """Open ``path`` in the background; the window shows it when it is ready."""
        path = Path(path)
        readonly = self.window.readonly

        def work(_progress: Any) -> Any:
            from consulta.services.workspace import Workspace

            return Workspace.open(path, readonly=readonly)

        def done(ws: Any) -> None:
            self.task = None
            self.window.set_workspace(ws)
            if on_opened is not None:
                on_opened(ws)

        def failed(error: BaseException) -> bool:
            self.task = None
            self.window.show_start()
            if isinstance(error, FileNotFoundError | UserError) and not Path(path).exists():
                self.window.settings.remove_recent(path)
                self.window.update_recent()
            return False

        self.window.show_opening(path)
        self.task = run_task(
            self.window,
            work,
            title=_("Open consultation"),
            label=_("Opening “{name}”…", name=path.name),
            on_done=done,
            on_error=failed,
        )
        return self.task

    def ask_new(self) -> None:
        from consulta.i18n import current_language
        from consulta.ui.dialogs.consultation import NewConsultationDialog

        dialog = NewConsultationDialog(self._folder(), current_language(), self.window)
        if not dialog.exec() or not dialog.result_value:
            return
        self.create(**dialog.result_value)

    def create(self, path: str, title: str, territory: str = "", language: str = "en") -> None:
        from consulta.ui.tasks import run_task

        def work(_progress: Any) -> Any:
            from consulta.services.workspace import Workspace

            return Workspace.create(path, title, territory, language)

        self._remember_folder(path)
        self.window.show_opening(path)
        self.task = run_task(
            self.window,
            work,
            title=_("New consultation"),
            on_done=self._opened,
            on_error=self._failed,
        )

    def _failed(self, _error: BaseException) -> bool:
        self.task = None
        self.window.show_start()
        return False  # the runner shows the error

    def _opened(self, ws: Any) -> None:
        self.task = None
        self.window.set_workspace(ws)

    def open_demo(self) -> None:
        from consulta.ui.tasks import run_task

        target = demo_path()
        if target.exists():
            self.open(target)
            return

        def work(_progress: Any) -> Any:
            from consulta.demo import build_demo
            from consulta.i18n import current_language
            from consulta.services.workspace import Workspace

            target.parent.mkdir(parents=True, exist_ok=True)
            build_demo(target, language=current_language())
            return Workspace.open(target, readonly=self.window.readonly)

        self.window.show_opening(target)
        self.task = run_task(
            self.window,
            work,
            title=_("Open the demo"),
            label=_("Creating the demo consultation…"),
            on_done=self._opened,
            on_error=self._failed,
        )

    def ask_import_json(self) -> None:
        source, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import a JSON document"), self._folder(), _("JSON documents (*.json)")
        )
        if not source:
            return
        suggested = str(Path(source).with_suffix(SUFFIX))
        target, _filter = QFileDialog.getSaveFileName(
            self.window, _("Save the imported consultation as"), suggested, _(FILTER)
        )
        if not target:
            return
        if not target.endswith(SUFFIX):
            target += SUFFIX
        self._remember_folder(target)
        self.import_json(source, target)

    def import_json(self, source: str, target: str) -> Task:
        from consulta.ui.tasks import run_task

        def work(progress: Any) -> Any:
            from consulta.interchange.json_import import import_json

            import_json(source, target, progress)
            return target

        self.task = run_task(
            self.window,
            work,
            title=_("Import a JSON document"),
            label=_("Importing “{name}”…", name=Path(source).name),
            on_done=lambda path: self.open(path),
        )
        return self.task

    # -- copies and exports ----------------------------------------------------------------

    def ask_save_copy(self) -> None:
        from consulta.ui.tasks import run_task

        ws = self.window.ws
        if ws is None:
            return
        suggested = str(ws.path.with_name(f"{ws.path.stem} ({_('copy')}){SUFFIX}"))
        target, _filter = QFileDialog.getSaveFileName(
            self.window, _("Save a copy"), suggested, _(FILTER)
        )
        if not target:
            return
        if not target.endswith(SUFFIX):
            target += SUFFIX
        self.task = run_task(
            self.window,
            lambda _progress: ws.file.save_copy(target),
            title=_("Save a copy"),
            on_done=lambda path: self.window.statusBar().showMessage(
                _("Saved a copy as “{path}”.", path=path), 8000
            ),
        )


def open_folder_hint(path: Path) -> str:
    return os.fspath(path.parent)
