"""Menu entries for documents, stakeholder lists, district kits and merges.

The main window calls, once, after making its menus::

    from consulta.ui.actions_documents import install_document_actions
    self.document_actions = install_document_actions(
        self, lambda: self.ws, self.selected_session_id)

It adds File ▸ Export ▸ (every document), File ▸ Import ▸ Stakeholder list…, and a
Districts menu (District kit…, Merge district files…, Merge history…) and Edit ▸ Erase
participant for privacy… (the person selected in Participants). Entries are enabled only
while a consultation is open (and writable, for those that change it), and follow language
changes. Other screens can erase a person with
``consulta.ui.dialogs.erase_dialog.erase_participant_interactively(parent, ws, id)``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QWidget

from consulta.i18n import N_, _
from consulta.ui.dialogs.export import KINDS, Kind

if TYPE_CHECKING:
    from consulta.services.workspace import Workspace
    from consulta.ui.tasks import Task

WorkspaceGetter = Callable[[], "Workspace | None"]
SessionGetter = Callable[[], "str | None"]

EXPORT_TEXTS = {
    Kind.MINUTES_PDF: N_("&Minutes (PDF)…"),
    Kind.MINUTES_XLSX: N_("Minutes (E&xcel)…"),
    Kind.LEGITIMACY_PDF: N_("&Legitimacy report (PDF)…"),
    Kind.LEGITIMACY_XLSX: N_("Legitimacy report (Exc&el)…"),
    Kind.LEGITIMACY_JSON: N_("Legitimacy &figures (JSON)…"),
    Kind.SIGNIN_PDF: N_("&Sign-in sheet (PDF)…"),
    Kind.INTERCHANGE_JSON: N_("Whole consultation (&JSON interchange)…"),
}
TEXT_KEY = "consulta_text"  # QAction property: the N_-marked text, translated on change


class DocumentActions(QObject):
    """Owns the actions; keeps their texts and enabled state up to date."""

    def __init__(
        self,
        window: QWidget,
        bar: QMenuBar,
        get_workspace: WorkspaceGetter,
        get_current_session_id: SessionGetter,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.get_workspace = get_workspace
        self.get_session = get_current_session_id
        self.menus: list[tuple[QMenu, str]] = []
        self.actions: list[QAction] = []
        self.writing: list[QAction] = []  # need a writable file
        self.task: Task | None = None  # the last export started
        file_menu = getattr(window, "file_menu", None)
        if not isinstance(file_menu, QMenu):
            file_menu = _first_menu(bar) or self._menu(bar.addMenu(""), N_("&File"))
        export_menu = getattr(window, "export_menu", None)
        if not isinstance(export_menu, QMenu):
            export_menu = self._menu(QMenu(window), N_("&Export"))
            file_menu.addMenu(export_menu)
        export_menu.clear()
        self.export_actions = [
            self._action(EXPORT_TEXTS[k], partial(self.export, k), "export", f"export_{k.value}")
            for k in KINDS
        ]
        export_menu.addActions(self.export_actions)
        export_menu.aboutToShow.connect(self.update_state)
        self.import_menu = self._menu(QMenu(window), N_("&Import"))
        self.import_stakeholders = self._action(
            N_("&Stakeholder list (CSV, Excel)…"),
            self.import_list,
            "import",
            "import_stakeholders",
            writes=True,
        )
        self.import_menu.addAction(self.import_stakeholders)
        file_menu.insertMenu(export_menu.menuAction(), self.import_menu)
        file_menu.aboutToShow.connect(self.update_state)
        self.districts_menu = self._menu(QMenu(window), N_("&Districts"))
        self.kit_action = self._action(
            N_("District &kit…"), self.make_kit, "export", "district_kit"
        )
        self.merge_action = self._action(
            N_("&Merge district files…"), self.merge, "import", "merge_files", writes=True
        )
        self.history_action = self._action(
            N_("Merge &history…"), self.history, "recent", "merge_history"
        )
        self.districts_menu.addActions([self.kit_action, self.merge_action, self.history_action])
        self.districts_menu.aboutToShow.connect(self.update_state)
        self.erase_action = self._action(
            N_("&Erase participant for privacy…"),
            self.erase,
            "remove",
            "erase_participant",
            writes=True,
        )
        edit_menu = getattr(window, "edit_menu", None)
        if isinstance(edit_menu, QMenu):
            edit_menu.addSeparator()
            edit_menu.addAction(self.erase_action)
            edit_menu.aboutToShow.connect(self.update_state)
        else:
            self.districts_menu.addSeparator()
            self.districts_menu.addAction(self.erase_action)
        help_menu = getattr(window, "help_menu", None)
        if isinstance(help_menu, QMenu):
            bar.insertMenu(help_menu.menuAction(), self.districts_menu)
        else:
            bar.addMenu(self.districts_menu)
        if hasattr(window, "export_actions"):
            # The shell's own export entries wait for an empty list; ours replace them.
            window.export_actions = list(self.export_actions)
        window.installEventFilter(self)
        self.retranslate()
        self.update_state()

    # -- making --------------------------------------------------------------------------

    def _menu(self, menu: QMenu, text: str) -> QMenu:
        self.menus.append((menu, text))
        return menu

    def _action(
        self, text: str, slot: Callable[[], Any], icon_name: str, name: str, writes: bool = False
    ) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.setProperty(TEXT_KEY, text)
        try:
            from consulta.ui.icons import icon

            action.setIcon(icon(icon_name))
        except OSError:  # an icon missing from this build is not worth failing for
            pass
        action.triggered.connect(lambda _checked=False: slot())
        self.actions.append(action)
        if writes:
            self.writing.append(action)
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        for menu, text in self.menus:
            menu.setTitle(_(text))
        for action in self.actions:
            action.setText(_(str(action.property(TEXT_KEY))))

    def update_state(self) -> None:
        ws = self.get_workspace()
        for action in self.actions:
            action.setEnabled(ws is not None and not (action in self.writing and ws.readonly))
        self.import_menu.setEnabled(ws is not None and not ws.readonly)

    # -- doing -----------------------------------------------------------------------------

    def export(self, kind: Kind) -> None:
        from consulta.ui.dialogs.export import export_interactively

        ws = self.get_workspace()
        if ws is not None:
            self.task = export_interactively(self.window, ws, self.get_session(), kind)

    def import_list(self) -> None:
        from consulta.ui.dialogs.stakeholders_wizard import StakeholdersWizard

        ws = self.get_workspace()
        if ws is not None and not ws.readonly:
            StakeholdersWizard(ws, self.window).exec()

    def make_kit(self) -> None:
        from consulta.ui.dialogs.kit_dialog import make_kit_interactively

        ws = self.get_workspace()
        if ws is not None:
            make_kit_interactively(self.window, ws)

    def merge(self) -> None:
        from consulta.ui.dialogs.merge_wizard import MergeWizard

        ws = self.get_workspace()
        if ws is not None and not ws.readonly:
            MergeWizard(ws, self.window).exec()

    def selected_participant_id(self) -> str | None:
        """The participant selected in the Participants screen, if it is built."""
        for view in getattr(getattr(self.window, "page", None), "views", {}).values():
            table, model = getattr(view, "table", None), getattr(view, "model", None)
            if table is None or not hasattr(model, "participant"):
                continue
            rows = table.selectionModel().selectedRows() if table.selectionModel() else []
            if rows:
                return str(model.participant(rows[0].row()).id)  # type: ignore[union-attr]
        return None

    def erase(self) -> None:
        from consulta.domain.errors import UserError
        from consulta.ui.dialogs.erase_dialog import erase_participant_interactively
        from consulta.ui.errors import show_error

        ws = self.get_workspace()
        if ws is None or ws.readonly:
            return
        participant_id = self.selected_participant_id()
        if participant_id is None:
            show_error(
                UserError(
                    _(
                        "Select the participant in Participants first, then choose "
                        "Erase participant again."
                    )
                ),
                self.window,
            )
            return
        erase_participant_interactively(self.window, ws, participant_id)

    def history(self) -> None:
        from consulta.ui.views.merge_history import MergeHistoryDialog

        ws = self.get_workspace()
        if ws is not None:
            MergeHistoryDialog(ws, self.window).exec()


def _first_menu(bar: QMenuBar) -> QMenu | None:
    for action in bar.actions():
        if action.menu() is not None:
            menu = action.menu()
            return menu if isinstance(menu, QMenu) else None
    return None


def install_document_actions(
    main_window_or_menu_bar: QMainWindow | QMenuBar,
    get_workspace: WorkspaceGetter,
    get_current_session_id: SessionGetter,
) -> list[QAction]:
    """Add the document, import, kit and merge entries; returns the actions (the owner
    object lives as long as the window)."""
    if isinstance(main_window_or_menu_bar, QMainWindow):
        window: QWidget = main_window_or_menu_bar
        bar = main_window_or_menu_bar.menuBar()
    else:
        bar = main_window_or_menu_bar
        window = bar.parentWidget() or bar
    owner = DocumentActions(window, bar, get_workspace, get_current_session_id)
    return owner.actions
