"""The decisions of a merge: per conflicting field (keep the master's, keep the incoming,
or type a value) and per possible duplicate person (one person, or two)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from consulta.i18n import N_, _
from consulta.merge.model import (
    DuplicatePair,
    DuplicateResolution,
    FieldChange,
    FieldResolution,
    MergePlan,
    RecordChange,
    Resolutions,
    Side,
)
from consulta.ui.models.merge_preview import field_label, record_title, value_text

Index = QModelIndex | QPersistentModelIndex
ChoicesRole = Qt.ItemDataRole.UserRole + 1  # [(label, value)] offered by the decision column
CHOICE_LABELS = {
    Side.MASTER: N_("Keep the master's"),
    Side.INCOMING: N_("Keep the incoming"),
    Side.EDITED: N_("Type a value"),
}


DELETION_LABELS = {
    (Side.MASTER, True): N_("Keep it deleted, as in the master"),
    (Side.INCOMING, True): N_("Delete it, as the incoming file did"),
    (Side.INCOMING, False): N_("Bring it back from the incoming file"),
    (Side.MASTER, False): N_("Keep the master's edit"),
}


def choice_label(row: ConflictRow, side: Side) -> str:
    """What a decision means for this row, in words (deletions said plainly)."""
    change = row.change
    if row.field is None and (change.master_deleted or change.incoming_deleted):
        deleted = change.master_deleted if side is Side.MASTER else change.incoming_deleted
        if side is Side.MASTER and not deleted:
            return _(DELETION_LABELS[(Side.MASTER, False)])
        if side is Side.INCOMING and not deleted:
            return _(DELETION_LABELS[(Side.INCOMING, False)])
        return _(DELETION_LABELS[(side, True)])
    return _(CHOICE_LABELS[side])


@dataclass
class ConflictRow:
    change: RecordChange
    field: FieldChange | None  # None: the whole record (one side deleted it)
    choice: Side
    value: str = ""

    @property
    def editable(self) -> bool:
        f = self.field
        return f is not None and all(isinstance(v, str | None) for v in (f.master, f.incoming))

    @property
    def choices(self) -> list[Side]:
        return [Side.MASTER, Side.INCOMING] + ([Side.EDITED] if self.editable else [])


def conflict_rows(plan: MergePlan) -> list[ConflictRow]:
    rows: list[ConflictRow] = []
    for change in plan.conflicts:
        if change.master_deleted or change.incoming_deleted or not change.fields:
            rows.append(ConflictRow(change, None, change.winner))
        else:
            rows.extend(ConflictRow(change, f, change.winner) for f in change.fields)
    return rows


class ConflictsModel(QAbstractTableModel):
    """Columns: record, field, master, incoming, decision, value (when typed)."""

    DECISION, VALUE = 4, 5

    def __init__(self, plan: MergePlan, names: Mapping[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = conflict_rows(plan)
        self.names = names

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 6

    def _text(self, row: ConflictRow, column: int) -> str:
        f = row.field
        if column == 0:
            return record_title(row.change)
        if column == 1:
            return field_label(f.field if f else "")
        if column in (2, 3):
            deleted = row.change.master_deleted if column == 2 else row.change.incoming_deleted
            if deleted:
                return _("deleted")
            if f is None:
                return _("edited")
            return value_text(f.field, f.master if column == 2 else f.incoming, self.names)
        if column == self.DECISION:
            return choice_label(row, row.choice)
        return row.value if row.choice is Side.EDITED else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.EditRole:
            if index.column() == self.DECISION:
                return row.choice.value
            return row.value
        if role == ChoicesRole and index.column() == self.DECISION:
            return [(choice_label(row, c), c.value) for c in row.choices]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.rows[index.row()]
        if index.column() == self.DECISION or (
            index.column() == self.VALUE and row.choice is Side.EDITED
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        if index.column() == self.DECISION:
            choice = Side(value)
            if choice not in row.choices:
                return False
            row.choice = choice
            if choice is Side.EDITED and not row.value and row.field is not None:
                chosen = (
                    row.field.incoming if row.change.winner is Side.INCOMING else row.field.master
                )
                row.value = str(chosen or "")
            self.dataChanged.emit(
                self.index(index.row(), self.DECISION), self.index(index.row(), self.VALUE)
            )
            return True
        if index.column() == self.VALUE and row.choice is Side.EDITED:
            row.value = str(value)
            self.dataChanged.emit(index, index)
            return True
        return False

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                _("Record"),
                _("Field"),
                _("In the master"),
                _("In the incoming file"),
                _("Decision"),
                _("Value"),
            )[section]
        return None

    def resolutions(self) -> list[FieldResolution]:
        """The decisions that differ from the automatic one (the later edit)."""
        out = []
        for row in self.rows:
            if row.choice is row.change.winner:
                continue
            c = row.change
            name = row.field.field if row.field else ""
            value = row.value if row.choice is Side.EDITED else None
            out.append(
                FieldResolution(c.file_index, c.entity, c.record_id, name, row.choice, value)
            )
        return out


DUPLICATE_CHOICES = ((N_("Two different people"), False), (N_("The same person: merge"), True))


class DuplicatesModel(QAbstractTableModel):
    """Columns: person in the master, person in the file, why, decision."""

    DECISION = 3

    def __init__(self, pairs: list[DuplicatePair], files: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.pairs = pairs
        self.files = files
        self.confirmed = [False] * len(pairs)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        pair, confirmed = self.pairs[index.row()], self.confirmed[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return pair.master_name
            if column == 1:
                return _(
                    "{name} (in {file})", name=pair.incoming_name, file=self.files[pair.file_index]
                )
            if column == 2:
                return (
                    _("same e-mail") if pair.reason == "email" else _("same name and organisation")
                )
            return _(DUPLICATE_CHOICES[int(confirmed)][0])
        if role == Qt.ItemDataRole.EditRole and column == self.DECISION:
            return confirmed
        if role == ChoicesRole and column == self.DECISION:
            return [(_(label), value) for label, value in DUPLICATE_CHOICES]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.DECISION else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.DECISION:
            return False
        self.confirmed[index.row()] = bool(value)
        self.dataChanged.emit(index, index)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("In the master"), _("In the incoming file"), _("Why"), _("Decision"))[section]
        return None

    def resolutions(self) -> list[DuplicateResolution]:
        return [
            DuplicateResolution(p.file_index, p.master_id, p.incoming_id, confirmed)
            for p, confirmed in zip(self.pairs, self.confirmed, strict=True)
        ]


def resolutions_of(conflicts: ConflictsModel, duplicates: DuplicatesModel) -> Resolutions:
    return Resolutions(fields=conflicts.resolutions(), duplicates=duplicates.resolutions())


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box with the choices the model offers (ChoicesRole), committed at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for label, value in index.data(ChoicesRole) or []:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        if found >= 0 and found != editor.currentIndex():
            editor.blockSignals(True)
            editor.setCurrentIndex(found)
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
