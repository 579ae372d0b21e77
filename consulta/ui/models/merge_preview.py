"""The merge preview as a tree: file → kind of change → record → field (master, incoming).

Values are shown as people read them: references by name, yes/no, empty as a dash.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette

from consulta.domain import model as m
from consulta.i18n import N_, _
from consulta.merge.model import FieldChange, FilePreview, Kind, MergePlan, RecordChange

Index = QModelIndex | QPersistentModelIndex

ENTITIES = {
    "consultation": N_("Consultation"),
    "district": N_("District"),
    "sector": N_("Sector"),
    "organisation": N_("Organisation"),
    "participant": N_("Participant"),
    "session": N_("Session"),
    "agenda_item": N_("Agenda item"),
    "attendance": N_("Attendance"),
    "guideline": N_("Guideline"),
    "position": N_("Position"),
}
FIELDS = {
    "name": N_("Name"),
    "title": N_("Title"),
    "territory": N_("Territory"),
    "language": N_("Language"),
    "description": N_("Description"),
    "quorum_sectors": N_("Quorum of sectors"),
    "counts_for_legitimacy": N_("Counts for legitimacy"),
    "sort_order": N_("Order"),
    "sector_id": N_("Sector"),
    "organisation_id": N_("Organisation"),
    "district_id": N_("District"),
    "session_id": N_("Session"),
    "participant_id": N_("Participant"),
    "guideline_id": N_("Guideline"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "gender": N_("Gender"),
    "consent_named": N_("Consent to be named"),
    "date": N_("Date"),
    "start": N_("Start"),
    "end": N_("End"),
    "venue": N_("Venue"),
    "facilitator": N_("Facilitator"),
    "status": N_("Status"),
    "position": N_("Order"),
    "notes": N_("Notes"),
    "present": N_("Present"),
    "code": N_("Code"),
    "text": N_("Text"),
    "axis": N_("Axis"),
    "stance": N_("Stance"),
    "note": N_("Reason"),
    "votes_support": N_("Votes: support"),
    "votes_support_with_reservations": N_("Votes: support with reservations"),
    "votes_oppose": N_("Votes: oppose"),
    "votes_abstain": N_("Votes: abstain"),
}
KIND_TITLES = {
    Kind.NEW: N_("New"),
    Kind.CHANGED: N_("Changed"),
    Kind.DELETED: N_("Deleted"),
    Kind.CONFLICT: N_("Conflicting"),
}
BOOLEAN_FIELDS = {"consent_named", "counts_for_legitimacy", "present"}
ENUMS: dict[str, tuple[type[Any], ...]] = {
    "status": (m.SessionStatus, m.GuidelineStatus),
    "stance": (m.Stance,),
    "gender": (m.Gender,),
}


def entity_label(entity: str) -> str:
    return _(ENTITIES[entity]) if entity in ENTITIES else entity


def field_label(name: str) -> str:
    if not name:
        return _("(the whole record)")
    return _(FIELDS[name]) if name in FIELDS else name.replace("_", " ").capitalize()


def value_text(name: str, value: Any, names: Mapping[str, str]) -> str:
    """A field's value as a person reads it (``names``: record id → name, for references)."""
    if value is None or value == "":
        return "—"
    if name in BOOLEAN_FIELDS or isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name in ENUMS:
        for enum_type in ENUMS[name]:
            try:
                return str(enum_type(value).label)
            except ValueError:
                continue
    if name.endswith("_id"):
        return names.get(str(value), _("(a record new in this file)"))
    return str(value)


def record_title(change: RecordChange) -> str:
    return _("{kind}: {label}", kind=entity_label(change.entity), label=change.label)


def file_summary(preview: FilePreview) -> str:
    c = preview.counts
    return _(
        "read: {read} · new: {added} · changed: {changed} · deleted: {deleted} · "
        "conflicting: {conflicting} · possible duplicates: {duplicates}",
        read=c.read,
        added=c.added,
        changed=c.changed,
        deleted=c.deleted,
        conflicting=c.conflicting,
        duplicates=c.duplicates,
    )


@dataclass(eq=False)
class Node:
    text: str
    master: str = ""
    incoming: str = ""
    bold: bool = False
    dim: bool = False
    spanned: bool = False  # one line across the columns
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    payload: Any = None

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child


def build_tree(plan: MergePlan, names: Mapping[str, str]) -> Node:
    root = Node("")
    for preview in plan.files:
        district = preview.district or _("not a district kit")
        top = root.add(
            Node(
                _(
                    "{file} ({district}): {summary}",
                    file=preview.name,
                    district=district,
                    summary=file_summary(preview),
                ),
                bold=True,
                spanned=True,
                payload=preview,
            )
        )
        changes = list(preview.changes) or list(preview.conflicts)
        counts = {
            Kind.NEW: preview.counts.added,
            Kind.CHANGED: preview.counts.changed,
            Kind.DELETED: preview.counts.deleted,
            Kind.CONFLICT: preview.counts.conflicting,
        }
        for kind in (Kind.CONFLICT, Kind.NEW, Kind.CHANGED, Kind.DELETED):
            found = [c for c in changes if c.kind is kind]
            group = top.add(
                Node(
                    _(
                        "{kind} ({count})",
                        kind=_(KIND_TITLES[kind]),
                        count=max(counts[kind], len(found)),
                    ),
                    bold=True,
                )
            )
            for change in found:
                group.add(_record_node(change, names))
        pairs = preview.duplicates
        group = top.add(Node(_("Possible duplicates ({count})", count=len(pairs)), bold=True))
        for pair in pairs:
            reason = _("same e-mail") if pair.reason == "email" else _("same name and organisation")
            group.add(Node(pair.incoming_name, pair.master_name, reason, payload=pair))
        if preview.counts.unchanged or preview.counts.older:
            top.add(
                Node(
                    _(
                        "Already in the master: {count}",
                        count=preview.counts.unchanged + preview.counts.older,
                    ),
                    dim=True,
                )
            )
    return root


def _record_node(change: RecordChange, names: Mapping[str, str]) -> Node:
    node = Node(record_title(change), payload=change)
    if change.kind is Kind.NEW:
        node.master = _("not in the master")
    elif change.kind is Kind.DELETED:
        node.incoming = _("deleted")
    else:
        if change.master_deleted:
            node.master = _("deleted")
        if change.incoming_deleted:
            node.incoming = _("deleted")
    for f in change.fields:
        node.add(_field_node(f, names))
    return node


def _field_node(f: FieldChange, names: Mapping[str, str]) -> Node:
    return Node(
        field_label(f.field),
        value_text(f.field, f.master, names),
        value_text(f.field, f.incoming, names),
        payload=f,
    )


class MergePreviewModel(QAbstractItemModel):
    def __init__(self, plan: MergePlan, names: Mapping[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self.root = build_tree(plan, names)

    def _node(self, index: Index) -> Node:
        node: Node = index.internalPointer() if index.isValid() else self.root
        return node

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index).parent
        if node is None or node is self.root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.children.index(node), 0, node)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (node.text, node.master, node.incoming)[index.column()]
        if role == Qt.ItemDataRole.FontRole and node.bold:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.dim:
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("What"), _("In the master"), _("In the incoming file"))[section]
        return None
