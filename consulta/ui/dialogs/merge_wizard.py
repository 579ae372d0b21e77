"""Merge district files into the open consultation (the master): choose files → preview
per file (new, changed, deleted, conflicting, possible duplicates, down to the fields) →
resolve → merge → receipt.

The preview is exactly what the merge will do (the core runs it and rolls it back). The
merge runs in the background runner and can be cancelled: the master is then byte for
byte as it was. Every losing version is kept in the merge history.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from consulta.domain.errors import CancelledError
from consulta.i18n import _, n_
from consulta.merge.model import MergePlan, MergeResult
from consulta.services.workspace import Workspace
from consulta.ui.models.merge_preview import MergePreviewModel
from consulta.ui.models.merge_resolve import (
    ChoiceDelegate,
    ConflictsModel,
    DuplicatesModel,
    resolutions_of,
)
from consulta.ui.tasks import Task, run_task

FILES, PREVIEW, RESOLVE, RECEIPT = range(4)
SUFFIX = ".consulta"


def reference_names(ws: Workspace, plan: MergePlan | None = None) -> dict[str, str]:
    """Record id → what people call it, to show references by name."""
    snap = ws.consultation.snapshot()
    names: dict[str, str] = {}
    for records in (snap.sectors, snap.districts, snap.organisations, snap.participants):
        names.update({r.id: r.name for r in records})
    names.update({s.id: s.title for s in snap.sessions})
    names.update({g.id: f"{g.code} {g.title}" for g in snap.guidelines})
    for f in plan.files if plan else []:
        for change in f.changes:
            names.setdefault(change.record_id, change.label)
    return names


class FilesPage(QWizardPage):
    def __init__(self, wizard: MergeWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Choose the files to merge"))
        self.setSubTitle(
            _(
                "District kits or other copies of “{title}”, as they came back (USB, "
                "e-mail). Add them with the button or drop them here.",
                title=wizard.ws.consultation.get().title,
            )
        )
        self.setAcceptDrops(True)
        self.files = QListWidget()
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_button = QPushButton(_("Add files…"))
        self.add_button.clicked.connect(self.browse)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.files)
        remove_key.activated.connect(self.remove_selected)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.hint)

    def paths(self) -> list[Path]:
        return [
            Path(self.files.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.files.count())
        ]

    def add_paths(self, paths: list[Path]) -> None:
        master = Path(self.w.ws.path).resolve()
        skipped, itself = [], False
        for path in paths:
            if path.resolve() == master:
                itself = True
                continue
            if path.suffix.lower() != SUFFIX:
                skipped.append(path.name)
                continue
            if path in self.paths():
                continue
            self.files.addItem(f"{path.name}   —   {path.parent}")
            self.files.item(self.files.count() - 1).setData(Qt.ItemDataRole.UserRole, str(path))
        hints = []
        if itself:
            hints.append(_("The open consultation itself was left out: merge other files into it."))
        if skipped:
            hints.append(_("Left out (not consultation files): {names}", names=", ".join(skipped)))
        self.hint.setText(" ".join(hints))
        self.completeChanged.emit()

    def browse(self) -> None:
        paths, _selected = QFileDialog.getOpenFileNames(
            self,
            _("Merge district files"),
            str(Path(self.w.ws.path).parent),
            _("Consultation files (*.consulta)"),
        )
        self.add_paths([Path(p) for p in paths])

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.completeChanged.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_paths([Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()])
        event.acceptProposedAction()

    def isComplete(self) -> bool:
        return self.files.count() > 0

    def validatePage(self) -> bool:
        paths = self.paths()
        if self.w.plan is not None and [f.path for f in self.w.plan.files] == paths:
            return True
        from consulta.merge.plan import plan_merge

        ws = self.w.ws

        def planned(plan: MergePlan) -> None:
            self.w.plan = plan
            self.w.names = reference_names(ws, plan)
            self.w.next()

        self.w.task = run_task(
            self.w,
            lambda p: plan_merge(ws, paths, p),
            title=_("Merge"),
            label=_("Comparing the files with the master…"),
            on_done=planned,
        )
        return False


class PreviewPage(QWizardPage):
    def __init__(self, wizard: MergeWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("What the merge will do"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeView()
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    def initializePage(self) -> None:
        plan = self.w.plan
        assert plan is not None
        self.model = MergePreviewModel(plan, self.w.names, self)
        self.tree.setModel(self.model)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 380)
        header.resizeSection(1, 220)
        header.setStretchLastSection(True)
        for row in range(self.model.rowCount()):
            self.tree.expand(self.model.index(row, 0))
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        conflicts, pairs = len(plan.conflicts), len(plan.duplicates)
        self.setSubTitle(
            _("Nothing has been changed yet. Open a line to see the records and their fields.")
        )
        text = n_(
            "{count} file compared with the master.",
            "{count} files compared with the master.",
            len(plan.files),
            count=len(plan.files),
        )
        if conflicts or pairs:
            text += " " + _(
                "To decide on the next page: conflicting records: {conflicts}; possible "
                "duplicate persons: {pairs}.",
                conflicts=conflicts,
                pairs=pairs,
            )
        else:
            text += " " + _("Nothing needs your decision: press Merge to merge.")
        self.summary.setText(text)
        self.setCommitPage(not self.w.needs_decisions())
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Merge"))

    def validatePage(self) -> bool:
        return True if self.w.needs_decisions() else self.w.apply()


class ResolvePage(QWizardPage):
    def __init__(self, wizard: MergeWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Decide"))
        self.setSubTitle(
            _(
                "Each conflict was edited in both places. The later edit is chosen; "
                "change the decision where you know better. The version not kept "
                "stays in the merge history, where it can be restored."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Merge"))
        self.conflicts_label = QLabel()
        self.conflicts = self._table(ConflictsModel.DECISION)
        self.duplicates_label = QLabel()
        self.duplicates = self._table(DuplicatesModel.DECISION)
        layout = QVBoxLayout(self)
        for label, table in (
            (self.conflicts_label, self.conflicts),
            (self.duplicates_label, self.duplicates),
        ):
            layout.addWidget(label)
            layout.addWidget(table, 1)

    def _table(self, decision_column: int) -> QTableView:
        table = QTableView()
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setItemDelegateForColumn(decision_column, ChoiceDelegate(table))
        table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def initializePage(self) -> None:
        plan = self.w.plan
        assert plan is not None
        self.conflicts_model = ConflictsModel(plan, self.w.names, self)
        self.duplicates_model = DuplicatesModel(plan.duplicates, [f.name for f in plan.files], self)
        self.conflicts.setModel(self.conflicts_model)
        self.duplicates.setModel(self.duplicates_model)
        for table, model, column in (
            (self.conflicts, self.conflicts_model, 4),
            (self.duplicates, self.duplicates_model, 3),
        ):
            for row in range(model.rowCount()):
                table.openPersistentEditor(model.index(row, column))
            table.resizeColumnsToContents()
            for c in range(model.columnCount()):
                table.setColumnWidth(c, min(max(table.columnWidth(c), 90), 190))
            table.setColumnWidth(column, 180)
            table.resizeRowsToContents()
        count, pairs = self.conflicts_model.rowCount(), self.duplicates_model.rowCount()
        self.conflicts_label.setText(
            n_("{count} conflicting field:", "{count} conflicting fields:", count, count=count)
        )
        self.duplicates_label.setText(
            n_(
                "{count} possible duplicate person (merging them moves the attendance to the "
                "master's person):",
                "{count} possible duplicate persons (merging them moves the attendance to the "
                "master's person):",
                pairs,
                count=pairs,
            )
        )
        for widget in (self.conflicts_label, self.conflicts):
            widget.setVisible(bool(count))
        for widget in (self.duplicates_label, self.duplicates):
            widget.setVisible(bool(pairs))

    def validatePage(self) -> bool:
        return self.w.apply()


class ReceiptPage(QWizardPage):
    def __init__(self, wizard: MergeWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Merged"))
        self.setFinalPage(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        row = QHBoxLayout()
        self.save_buttons: dict[str, QPushButton] = {}
        for suffix, label in (
            (".pdf", _("Save receipt as PDF…")),
            (".xlsx", _("Save receipt as Excel…")),
            (".json", _("Save receipt as JSON…")),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, s=suffix: self.save(s))
            row.addWidget(button)
            self.save_buttons[suffix] = button
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.saved)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self.w.result_
        assert result is not None
        t = result.totals()
        lines = [
            n_(
                "{count} file merged into “{master}”.",
                "{count} files merged into “{master}”.",
                len(result.files),
                count=len(result.files),
                master=result.master_path.name,
            ),
            _(
                "Records read: {read}. Added: {added}. Changed: {changed}. Deleted: {deleted}. "
                "Conflicts: {conflicting}. Duplicate persons merged: {merged}.",
                read=t.read,
                added=t.added,
                changed=t.changed,
                deleted=t.deleted,
                conflicting=t.conflicting,
                merged=len(result.duplicates_merged),
            ),
            _(
                "Master before: {before}\nMaster after: {after}",
                before=result.master_sha256_before,
                after=result.master_sha256_after,
            ),
            _(
                "Save the receipt to keep a record of this merge. Edits made before the merge "
                "can no longer be undone."
            ),
        ]
        self.text.setText("\n\n".join(lines))

    def save(self, suffix: str) -> Task | None:
        result = self.w.result_
        assert result is not None
        filters = {
            ".pdf": _("PDF documents (*.pdf)"),
            ".xlsx": _("Excel workbooks (*.xlsx)"),
            ".json": _("JSON files (*.json)"),
        }
        start = result.master_path.with_name(
            _("{name} - merge receipt", name=result.master_path.stem) + suffix
        )
        path, _selected = QFileDialog.getSaveFileName(
            self, _("Save merge receipt"), str(start), filters[suffix]
        )
        if not path:
            return None
        target = Path(path) if Path(path).suffix.lower() == suffix else Path(path + suffix)
        from consulta.merge.receipt import write_receipt

        def saved(written: Path) -> None:
            self.saved.setText(_("Receipt saved as “{path}”.", path=written))

        self.w.task = run_task(
            self.w,
            lambda _p: write_receipt(result, target),
            title=_("Save merge receipt"),
            on_done=saved,
        )
        return self.w.task


class MergeWizard(QWizard):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(_("Merge district files"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.resize(1000, 640)
        self.plan: MergePlan | None = None
        self.names: dict[str, str] = {}
        self.result_: MergeResult | None = None
        self.task: Task | None = None
        self.files_page = FilesPage(self)
        self.preview_page = PreviewPage(self)
        self.resolve_page = ResolvePage(self)
        self.receipt_page = ReceiptPage(self)
        for page_id, page in enumerate(
            (self.files_page, self.preview_page, self.resolve_page, self.receipt_page)
        ):
            self.setPage(page_id, page)

    def needs_decisions(self) -> bool:
        return self.plan is not None and bool(self.plan.conflicts or self.plan.duplicates)

    def nextId(self) -> int:
        if self.currentId() == PREVIEW and not self.needs_decisions():
            return RECEIPT
        return super().nextId()

    def apply(self) -> bool:
        """Start the merge (background, cancellable); on success go to the receipt."""
        if self.result_ is not None:
            return True
        from consulta.merge.apply import apply_merge

        plan, ws = self.plan, self.ws
        if plan is None:
            from consulta.domain.errors import UserError
            from consulta.ui.errors import show_error

            show_error(
                UserError(
                    _(
                        "The master or a file changed since the preview. Go back to "
                        "the first page and preview the merge again."
                    )
                ),
                self,
            )
            return False
        resolutions = (
            resolutions_of(self.resolve_page.conflicts_model, self.resolve_page.duplicates_model)
            if self.needs_decisions()
            else None
        )

        def merged(result: MergeResult) -> None:
            self.result_ = result
            self.next()

        def failed(error: BaseException) -> bool:
            if not isinstance(error, CancelledError):
                self.plan = None  # preview again (Back) before merging
            return False

        self.task = run_task(
            self,
            lambda p: apply_merge(ws, plan, resolutions, p),
            title=_("Merge"),
            label=_("Merging…"),
            on_done=merged,
            on_error=failed,
        )
        return False

    def done(self, code: int) -> None:
        if self.task is not None and not self.task.done:
            return  # wait for the background work (cancel it in its progress dialog)
        super().done(code)


def merge_interactively(parent: QWidget | None, ws: Workspace) -> Any:
    return MergeWizard(ws, parent).exec()
