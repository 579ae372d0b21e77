"""The shell: menus, navigation between screens, status bar. No business logic here: the
File menu goes to files.py, screens are in views/, the work is done by Workspace services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QThreadPool
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QStackedWidget, QWidget

from consulta.i18n import N_, _, available_languages, current_language
from consulta.ui.files import FileController
from consulta.ui.i18n import apply_language, language_name
from consulta.ui.icons import app_icon, icon
from consulta.ui.settings import Settings
from consulta.ui.start_page import StartPage

VIEW_TITLES = (
    N_("&Overview"),
    N_("Se&ctors"),
    N_("&Participants"),
    N_("&Sessions"),
    N_("&Guidelines"),
)
VIEW_ICONS = ("overview", "sectors", "participants", "sessions", "guidelines")


class MainWindow(QMainWindow):
    def __init__(
        self, settings: Settings, readonly: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.readonly = readonly
        self.ws: Any = None
        self.page: Any = None  # WorkspacePage while a file is open
        self.files = FileController(self)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setMinimumSize(760, 520)
        self.stack = QStackedWidget()
        self.start = StartPage()
        self.stack.addWidget(self.start)
        self.opening = QLabel()  # shown while a file opens in the background
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening.setEnabled(False)
        self.stack.addWidget(self.opening)
        self.setCentralWidget(self.stack)
        self.start.newRequested.connect(self.files.ask_new)
        self.start.openRequested.connect(self.files.ask_open)
        self.start.demoRequested.connect(self.files.open_demo)
        self.start.recentRequested.connect(self.files.open)
        self._make_actions()
        self._make_menus()
        self.file_label = QLabel()
        self.statusBar().addPermanentWidget(self.file_label)
        self.retranslate()
        self.update_recent()
        self._update_state()
        self.first_start = settings.geometry is None
        if settings.geometry is not None:
            self.restoreGeometry(settings.geometry)
        else:
            self.resize(self._first_size())

    def _first_size(self) -> QSize:
        """1280×800, or less on a small screen (a 1366×768 laptop gets the window maximised)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1280, 800)
        available = screen.availableGeometry()
        return QSize(min(1280, available.width()), min(800, available.height()))

    def show_first(self) -> None:
        """Show the window: as it was last time, or maximised on a small first-start screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        small = screen is not None and screen.availableGeometry().width() <= 1400
        if self.first_start and small:
            self.showMaximized()
        else:
            self.show()

    # -- actions and menus -----------------------------------------------------------------

    def _action(self, name: str, slot: Any, shortcut: Any = None, icon_name: str = "") -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        f = self.files
        self.new_action = self._action("new", f.ask_new, QKeySequence.StandardKey.New, "new")
        self.open_action = self._action("open", f.ask_open, QKeySequence.StandardKey.Open, "open")
        self.demo_action = self._action("demo", f.open_demo, None, "demo")
        self.import_action = self._action("import_json", f.ask_import_json, None, "import")
        self.copy_action = self._action(
            "save_copy", f.ask_save_copy, QKeySequence.StandardKey.SaveAs, "save-copy"
        )
        self.settings_action = self._action(
            "consultation_settings", self.edit_consultation, None, "edit"
        )
        self.close_action = self._action(
            "close", self.close_workspace, QKeySequence.StandardKey.Close, "close"
        )
        self.quit_action = self._action("quit", self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self._action("undo", self.undo, QKeySequence.StandardKey.Undo, "undo")
        self.redo_action = self._action("redo", self.redo, QKeySequence.StandardKey.Redo, "redo")
        self.find_action = self._action("find", self.find, QKeySequence.StandardKey.Find, "search")
        self.view_actions = []
        for index, name in enumerate(VIEW_ICONS):
            action = self._action(
                f"view_{name}", lambda i=index: self.show_view(i), f"Ctrl+{index + 1}", name
            )
            self.view_actions.append(action)
        self.about_action = self._action("about", self.about, None, "about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.export_actions: list[QAction] = []  # filled by actions_documents
        self.document_actions: list[QAction] | None = None
        self.language_group = QActionGroup(self)
        self.language_actions = []
        for code in available_languages():
            action = QAction(language_name(code), self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions.append(action)
        self.system_language_action = QAction(self)
        self.system_language_action.setCheckable(True)
        self.system_language_action.triggered.connect(
            lambda _checked=False: self.set_language(None)
        )
        self.language_group.addAction(self.system_language_action)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = QMenu(self)
        self.recent_menu.setIcon(icon("recent"))
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addAction(self.demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.import_action)
        self.export_menu = QMenu(self)
        self.export_menu.setIcon(icon("export"))
        self.file_menu.addMenu(self.export_menu)
        self.file_menu.addAction(self.copy_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.close_action, self.quit_action])
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.aboutToShow.connect(self._update_state)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions(self.view_actions)
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self)
        self.language_menu.setIcon(icon("language"))
        self.language_menu.addAction(self.system_language_action)
        self.language_menu.addSeparator()
        self.language_menu.addActions(self.language_actions)
        self.view_menu.addMenu(self.language_menu)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        self.new_action.setText(_("&New consultation…"))
        self.open_action.setText(_("&Open…"))
        self.recent_menu.setTitle(_("Open &Recent"))
        self.demo_action.setText(_("Open the &demo"))
        self.import_action.setText(_("&Import JSON…"))
        self.export_menu.setTitle(_("&Export"))
        self.copy_action.setText(_("Save a &Copy…"))
        self.settings_action.setText(_("Consultation &settings…"))
        self.close_action.setText(_("&Close"))
        self.quit_action.setText(_("&Quit"))
        for action, title in zip(self.view_actions, VIEW_TITLES, strict=True):
            action.setText(_(title))
        self.find_action.setText(_("&Find…"))
        self.language_menu.setTitle(_("&Language"))
        self.system_language_action.setText(_("As the system"))
        self.about_action.setText(_("&About Consulta"))
        self._update_state()

    # -- state -----------------------------------------------------------------------------

    def _update_state(self) -> None:
        has = self.ws is not None
        for action in (
            self.copy_action,
            self.close_action,
            self.settings_action,
            *self.view_actions,
            self.find_action,
            *self.export_actions,
        ):
            action.setEnabled(has)
        self.export_menu.setEnabled(has)
        self.settings_action.setEnabled(has and not self.ws.readonly if has else False)
        history = self.ws.history if has else None
        self.undo_action.setEnabled(bool(history and history.can_undo))
        self.redo_action.setEnabled(bool(history and history.can_redo))
        self.undo_action.setText(
            _("&Undo {action}", action=history.undo_label)
            if history and history.can_undo
            else _("&Undo")
        )
        self.redo_action.setText(
            _("&Redo {action}", action=history.redo_label)
            if history and history.can_redo
            else _("&Redo")
        )
        chosen = self.settings.language
        for action in self.language_actions:
            action.setChecked(chosen == action.data())
        self.system_language_action.setChecked(chosen is None)
        if has:
            title = self.ws.consultation.get().title
            suffix = f" [{_('read-only')}]" if self.ws.readonly else ""
            self.setWindowTitle(f"{title}{suffix} — Consulta")
            self.file_label.setText(str(self.ws.path))
        else:
            self.setWindowTitle("Consulta")
            self.file_label.setText("")

    def update_recent(self) -> None:
        files = self.settings.recent_files
        self.start.set_recent(files)
        self.recent_menu.clear()
        for index, path in enumerate(files):
            action = self.recent_menu.addAction(f"&{index + 1}  {Path(path).name}")
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda _checked=False, p=path: self.files.open(p))
        if not files:
            empty = self.recent_menu.addAction(_("No recent consultations yet."))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(_("Clear the list"))
            clear.triggered.connect(lambda: (self.settings.clear_recent(), self.update_recent()))

    # -- the open consultation ---------------------------------------------------------------

    def set_workspace(self, ws: Any) -> None:
        from consulta.ui.workspace_page import WorkspacePage

        self.close_workspace()
        self.ws = ws
        self.page = WorkspacePage(ws)
        self.page.changed.connect(lambda _changes: self._update_state())
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.page)
        self.settings.add_recent(ws.path)
        self.update_recent()
        self._install_document_actions()
        self._update_state()
        self.statusBar().showMessage(
            _("Every change is saved as you make it.")
            if not ws.readonly
            else _("Open read-only: nothing can be changed."),
            6000,
        )

    def _install_document_actions(self) -> None:
        """Export, stakeholder import, district kits and merges (consulta/ui/actions_documents.py).
        Installed with the first open file: they load the services, which the first paint
        does not wait for."""
        if self.document_actions is not None:
            return
        try:
            from consulta.ui.actions_documents import install_document_actions
        except ImportError:
            self.document_actions = []
            return
        self.document_actions = install_document_actions(
            self, lambda: self.ws, self.selected_session_id
        )

    def show_opening(self, path: str | Path) -> None:
        """While ``path`` opens: say so where the consultation will appear."""
        self.close_workspace()
        self.opening.setText(_("Opening “{name}”…", name=Path(path).name))
        self.stack.setCurrentWidget(self.opening)

    def show_start(self) -> None:
        if self.ws is None:
            self.stack.setCurrentWidget(self.start)

    def close_workspace(self) -> None:
        if self.ws is None:
            return
        ws, page = self.ws, self.page
        self.ws = self.page = None
        page.shutdown()
        self.stack.setCurrentWidget(self.start)
        self.stack.removeWidget(page)
        page.deleteLater()
        QThreadPool.globalInstance().waitForDone(10_000)  # background reads of this file
        ws.close()
        self._update_state()

    def show_view(self, index: int) -> None:
        if self.page is not None:
            self.page.show_view(index)

    def selected_session_id(self) -> str | None:
        if self.page is None or 3 not in self.page.views:
            return None
        view = self.page.views[3]
        if view.workspace is not None and hasattr(view.workspace, "session_id"):
            return str(view.workspace.session_id)
        session = view._current()
        return session.id if session else None

    # -- edit ------------------------------------------------------------------------------

    def undo(self) -> None:
        if self.ws is not None:
            from consulta.ui.errors import attempt

            attempt(self.ws.history.undo, parent=self)
            self._update_state()

    def redo(self) -> None:
        if self.ws is not None:
            from consulta.ui.errors import attempt

            attempt(self.ws.history.redo, parent=self)
            self._update_state()

    def find(self) -> None:
        """Put the cursor in the current list's search field."""
        if self.page is None:
            return
        bar = getattr(self.page.current_view(), "bar", None)
        if bar is not None and bar.isVisible():
            bar.search.setFocus()
            bar.search.selectAll()

    def edit_consultation(self) -> None:
        if self.ws is not None:
            from consulta.ui.dialogs.consultation import ConsultationSettingsDialog

            ConsultationSettingsDialog(self.ws, self).exec()
            self._update_state()

    def set_language(self, code: str | None) -> None:
        self.settings.language = code
        apply_language(code)
        self._update_state()

    def about(self) -> None:
        from consulta.ui.dialogs.about import AboutDialog

        AboutDialog(self).exec()

    def language(self) -> str:
        return current_language()

    # -- window events ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if any(u.isLocalFile() and u.toLocalFile().endswith(".consulta") for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().endswith(".consulta"):
                event.acceptProposedAction()
                self.files.open(url.toLocalFile())
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        self.close_workspace()
        event.accept()


def keyboard_focus(widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
