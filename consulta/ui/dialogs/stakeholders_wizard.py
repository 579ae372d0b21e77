"""Import a stakeholder list (CSV/XLSX) a partner sent: file → columns → unknown sectors →
preview (counts, row errors, duplicates to import anyway) → import → result.

Nothing is written until the user presses Import on the preview; the import is one
transaction and one undo step. Reading, checking and writing run in the background runner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from consulta.domain.progress import Progress
from consulta.i18n import _, n_
from consulta.interchange.stakeholders import (
    FIELDS,
    ImportPlan,
    ImportResult,
    RawTable,
    apply_import,
    field_label,
    guess_mapping,
    key_of,
    plan_import,
    read_table,
)
from consulta.services.workspace import Workspace
from consulta.ui.tasks import Task, run_task

PREVIEW_ROWS = 50
MAPPING_COLUMNS = 3  # column → field pairs per line
FILE, MAPPING, SECTORS, PREVIEW, RESULT = range(5)
Index = QModelIndex | QPersistentModelIndex


# -- the preview of the list ---------------------------------------------------------------


class ListPreviewModel(QAbstractTableModel):
    """The first rows of the list, with each column's header and the field it goes to."""

    def __init__(self, table: RawTable, parent: Any = None) -> None:
        super().__init__(parent)
        self.table = table
        self.rows = table.rows[:PREVIEW_ROWS]
        self.mapping: dict[int, str] = {}

    def set_mapping(self, mapping: dict[int, str]) -> None:
        self.mapping = dict(mapping)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.table.width - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.table.width

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            cells = self.rows[index.row()]
            return cells[index.column()] if index.column() < len(cells) else ""
        if role == Qt.ItemDataRole.ForegroundRole and index.column() not in self.mapping:
            from PySide6.QtGui import QPalette

            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self.table.row_numbers[section]) if self.table.row_numbers else None
        name = self.table.headers[section] or _("Column {number}", number=section + 1)
        target = self.mapping.get(section)
        return f"{name}\n→ {field_label(target)}" if target else f"{name}\n{_('(not imported)')}"


# -- pages -------------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: StakeholdersWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Choose the list"))
        self.setSubTitle(
            _(
                "A CSV file (UTF-8 or Windows-1252, comma or semicolon) or an Excel "
                "workbook (.xlsx) with a header row and one person per row. You can also drop "
                "the file here."
            )
        )
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(_("Path of the list"))
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addStretch(1)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        local = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if local:
            self.path.setText(local[0])
            event.acceptProposedAction()

    def browse(self) -> None:
        path, _selected = QFileDialog.getOpenFileName(
            self,
            _("Import stakeholder list"),
            str(Path(self.w.ws.path).parent),
            _("Stakeholder lists (*.csv *.xlsx *.txt);;All files (*)"),
        )
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path.text().strip())
        if self.w.table is not None and self.w.table.path == path:
            return True
        self.w.run(lambda p: read_table(path, p), self.w.table_read, _("Reading the list…"))
        return False


class MappingPage(QWizardPage):
    def __init__(self, wizard: StakeholdersWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Match the columns"))
        self.setSubTitle(
            _(
                "Say which column holds each piece of information. Name and sector "
                "are needed; columns set to “Do not import” are left out."
            )
        )
        self.combos: list[QComboBox] = []
        self.mapping_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.view = QTableView()
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultSectionSize(150)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.problem)
        self.caption = QLabel()
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)

    def initializePage(self) -> None:
        table = self.w.table
        assert table is not None
        self.combos = []
        guessed = self.w.mapping if self.w.mapping_of is table else guess_mapping(table.headers)
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        for index, header in enumerate(table.headers):
            row, pair = divmod(index, MAPPING_COLUMNS)
            label = QLabel(header or _("Column {number}", number=index + 1))
            label.setToolTip(label.text())
            label.setMaximumWidth(150)
            combo = QComboBox()
            combo.addItem(_("Do not import"), "")
            for f in FIELDS:
                combo.addItem(field_label(f), f)
            combo.setCurrentIndex(max(combo.findData(guessed.get(index, "")), 0))
            combo.currentIndexChanged.connect(self.changed)
            label.setBuddy(combo)
            grid.addWidget(label, row, pair * 2)
            grid.addWidget(combo, row, pair * 2 + 1)
            self.combos.append(combo)
        for pair in range(MAPPING_COLUMNS):
            grid.setColumnStretch(pair * 2 + 1, 1)
        self.mapping_scroll.setWidget(box)
        rows = min((len(table.headers) + MAPPING_COLUMNS - 1) // MAPPING_COLUMNS, 4)
        self.mapping_scroll.setFixedHeight(
            rows * (box.sizeHint().height() // max(rows, 1)) + 4 if rows else 0
        )
        self.model = ListPreviewModel(table, self)
        self.view.setModel(self.model)
        shown, total = len(self.model.rows), len(table.rows)
        if shown == total:
            caption = n_("The list's only row:", "The list's {count} rows:", total, count=total)
        else:
            caption = _("The first {count} rows of {total}:", count=shown, total=total)
        self.caption.setText(caption)
        self.changed()

    def mapping(self) -> dict[int, str]:
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def problem_text(self) -> str:
        chosen = [c.currentData() for c in self.combos if c.currentData()]
        for f in FIELDS:
            if chosen.count(f) > 1:
                return _(
                    "Two columns are set to {field}. Set each field once.", field=field_label(f)
                )
        missing = [field_label(f) for f in ("name", "sector") if f not in chosen]
        if missing:
            return _("Choose the column that holds: {fields}.", fields=", ".join(missing))
        return ""

    def changed(self) -> None:
        self.model.set_mapping(self.mapping())
        text = self.problem_text()
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and not self.problem_text()

    def validatePage(self) -> bool:
        self.w.mapping = self.mapping()
        self.w.mapping_of = self.w.table
        return self.w.replan(with_choices=False)


class SectorsPage(QWizardPage):
    def __init__(self, wizard: StakeholdersWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Sectors the consultation does not have"))
        self.setSubTitle(
            _(
                "These sectors appear in the list but not in the consultation. Map "
                "each to one of its sectors, or create it as a new sector."
            )
        )
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.combos: dict[str, QComboBox] = {}

    def initializePage(self) -> None:
        plan = self.w.plan
        assert plan is not None
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos = {}
        sectors = self.w.ws.sectors.list()
        for name in plan.unknown_sectors:
            rows = sum(
                1
                for r in plan.rows
                if r.unresolved_sector and key_of(r.unresolved_sector) == key_of(name)
            )
            combo = QComboBox()
            combo.setMinimumWidth(380)
            combo.addItem(_("Create the sector “{name}”", name=name), None)
            for sector in sectors:
                combo.addItem(_("Same as “{sector}”", sector=sector.name), sector.id)
            previous = self.w.choices.get(name)
            combo.setCurrentIndex(max(combo.findData(previous), 0) if previous else 0)
            label = n_("{name} ({count} row)", "{name} ({count} rows)", rows, name=name, count=rows)
            self.form.addRow(label, combo)
            self.combos[name] = combo

    def validatePage(self) -> bool:
        self.w.choices = {name: combo.currentData() for name, combo in self.combos.items()}
        return self.w.replan(with_choices=True)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: StakeholdersWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Check before importing"))
        self.setSubTitle(
            _(
                "Nothing has been written yet. Rows with errors are skipped; tick a "
                "possible duplicate to import it anyway."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Import"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.duplicates_label = QLabel()
        self.duplicates = QTableWidget(0, 3)
        self.errors_label = QLabel()
        self.errors = QTableWidget(0, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        for label, table in (
            (self.duplicates_label, self.duplicates),
            (self.errors_label, self.errors),
        ):
            table.verticalHeader().hide()
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setStretchLastSection(True)
            table.setAlternatingRowColors(True)
            layout.addWidget(label)
            layout.addWidget(table, 1)
        self.duplicates.itemChanged.connect(self.update_summary)

    def initializePage(self) -> None:
        plan = self.w.plan
        assert plan is not None
        self.duplicates.setHorizontalHeaderLabels(
            [_("Import anyway"), _("Row"), _("Possible duplicate")]
        )
        self.errors.setHorizontalHeaderLabels([_("Row"), _("Column"), _("Problem")])
        self.duplicates.blockSignals(True)
        self.duplicates.setRowCount(len(plan.duplicates))
        for i, dup in enumerate(plan.duplicates):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Unchecked)
            check.setData(Qt.ItemDataRole.UserRole, dup.row)
            self.duplicates.setItem(i, 0, check)
            self.duplicates.setItem(i, 1, _number(dup.row))
            self.duplicates.setItem(i, 2, QTableWidgetItem(str(dup)))
        self.duplicates.blockSignals(False)
        self.errors.setRowCount(len(plan.errors))
        for i, error in enumerate(plan.errors):
            self.errors.setItem(i, 0, _number(error.row))
            self.errors.setItem(
                i, 1, QTableWidgetItem(field_label(error.field) if error.field else "")
            )
            self.errors.setItem(i, 2, QTableWidgetItem(error.message))
        for table in (self.duplicates, self.errors):
            table.resizeColumnsToContents()
            table.horizontalHeader().setStretchLastSection(True)
        self.duplicates_label.setText(
            n_(
                "{count} possible duplicate:",
                "{count} possible duplicates:",
                len(plan.duplicates),
                count=len(plan.duplicates),
            )
        )
        self.errors_label.setText(
            n_(
                "{count} row with errors (skipped):",
                "{count} rows with errors (skipped):",
                len(plan.errors),
                count=len(plan.errors),
            )
        )
        for widget in (self.duplicates_label, self.duplicates):
            widget.setVisible(bool(plan.duplicates))
        for widget in (self.errors_label, self.errors):
            widget.setVisible(bool(plan.errors))
        self.update_summary()

    def chosen_rows(self) -> set[int]:
        rows = set()
        for i in range(self.duplicates.rowCount()):
            item = self.duplicates.item(i, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                rows.add(int(item.data(Qt.ItemDataRole.UserRole)))
        return rows

    def final_plan(self) -> ImportPlan:
        """The plan, with the duplicates the user ticked turned into ordinary rows."""
        plan = self.w.plan
        assert plan is not None
        chosen = self.chosen_rows()
        rows = [replace(r, duplicate=None) if r.row in chosen else r for r in plan.rows]
        return replace(plan, rows=rows)

    def update_summary(self) -> None:
        plan = self.final_plan()
        people = len(plan.participants())
        used = {p.sector_id for p in plan.participants()} | {
            p.organisation_id for p in plan.participants()
        }
        lines = [
            n_(
                "{count} participant will be imported.",
                "{count} participants will be imported.",
                people,
                count=people,
            ),
            n_(
                "{count} new sector.",
                "{count} new sectors.",
                sum(1 for s in plan.new_sectors if s.id in used),
                count=sum(1 for s in plan.new_sectors if s.id in used),
            ),
            n_(
                "{count} new organisation.",
                "{count} new organisations.",
                sum(1 for o in plan.new_organisations if o.id in used),
                count=sum(1 for o in plan.new_organisations if o.id in used),
            ),
        ]
        skipped = len(plan.duplicates)
        if skipped:
            lines.append(
                n_(
                    "{count} possible duplicate will be skipped.",
                    "{count} possible duplicates will be skipped.",
                    skipped,
                    count=skipped,
                )
            )
        self.summary.setText(" ".join(lines))
        self.people = people
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return getattr(self, "people", 0) > 0

    def validatePage(self) -> bool:
        if self.w.result_ is not None:
            return True
        plan = self.final_plan()
        ws = self.w.ws
        self.w.task = run_task(
            self.w,
            lambda p: apply_import(ws, plan, p),
            title=_("Import stakeholder list"),
            label=_("Importing participants…"),
            on_done=self.w.imported,
        )
        return False


class ResultPage(QWizardPage):
    def __init__(self, wizard: StakeholdersWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Imported"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        r = self.w.result_
        assert r is not None
        parts = [
            n_(
                "{count} participant imported.",
                "{count} participants imported.",
                r.imported,
                count=r.imported,
            ),
            n_(
                "{count} sector created.",
                "{count} sectors created.",
                r.sectors_created,
                count=r.sectors_created,
            ),
            n_(
                "{count} organisation created.",
                "{count} organisations created.",
                r.organisations_created,
                count=r.organisations_created,
            ),
            n_(
                "{count} district created.",
                "{count} districts created.",
                r.districts_created,
                count=r.districts_created,
            ),
            n_(
                "{count} duplicate skipped.",
                "{count} duplicates skipped.",
                r.skipped_duplicates,
                count=r.skipped_duplicates,
            ),
            n_(
                "{count} row with errors skipped.",
                "{count} rows with errors skipped.",
                r.skipped_errors,
                count=r.skipped_errors,
            ),
        ]
        self.text.setText("\n".join(parts) + "\n\n" + _("Edit ▸ Undo takes the whole import back."))


def _number(value: int) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setData(Qt.ItemDataRole.DisplayRole, value)
    return item


class StakeholdersWizard(QWizard):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(_("Import stakeholder list"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.resize(900, 620)
        self.table: RawTable | None = None
        self.mapping: dict[int, str] = {}
        self.mapping_of: RawTable | None = None
        self.choices: dict[str, str | None] = {}
        self.plan: ImportPlan | None = None
        self.result_: ImportResult | None = None
        self.task: Task | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.sectors_page = SectorsPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in enumerate(
            (
                self.file_page,
                self.mapping_page,
                self.sectors_page,
                self.preview_page,
                self.result_page,
            )
        ):
            self.setPage(page_id, page)

    def nextId(self) -> int:
        if self.currentId() == MAPPING:
            return SECTORS if self.plan is not None and self.plan.unknown_sectors else PREVIEW
        return super().nextId()

    def run(self, work: Callable[[Progress], Any], then: Callable[[Any], None], label: str) -> None:
        """Background work for a page; ``then(result)`` and on to the next page."""

        def done(result: Any) -> None:
            then(result)
            self.next()

        self.task = run_task(self, work, title=self.windowTitle(), label=label, on_done=done)

    def table_read(self, table: RawTable) -> None:
        self.table = table

    def replan(self, with_choices: bool) -> bool:
        """Check the list against the consultation (background), then go on."""
        table, mapping, ws = self.table, dict(self.mapping), self.ws
        assert table is not None
        choices = dict(self.choices) if with_choices else {}
        key = (id(table), tuple(sorted(mapping.items())), tuple(sorted(choices.items())))
        if getattr(self, "_planned_key", None) == key:
            return True

        def keep(plan: ImportPlan) -> None:
            self.plan = plan
            self._planned_key = key

        self.run(
            lambda p: plan_import(ws, table, mapping, choices, p), keep, _("Checking the list…")
        )
        return False

    def imported(self, result: ImportResult) -> None:
        self.result_ = result
        self.next()

    def done(self, code: int) -> None:
        if self.task is not None and not self.task.done:
            return  # the background work finishes first (or is cancelled in its dialog)
        super().done(code)
