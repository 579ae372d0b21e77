"""The merge receipt as an Excel workbook (openpyxl; user text always stored as text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consulta.i18n import _
from consulta.merge.receipt import COUNT_LABELS, conflict_rows


def _put(sheet: Any, row: int, values: list[Any]) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=col)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            cell.value = value
        else:
            # Text never becomes a formula, whatever it starts with.
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
            cell.data_type = "s"


def write_xlsx(document: dict[str, Any], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = _("Summary")
    master = document["master"]
    lines = [
        [
            _("Merge receipt"),
            _("Preview only: nothing was changed.") if document["dry_run"] else "",
        ],
        [_("Made at"), document["made_at"]],
        [_("Master"), master["path"]],
        [_("Master SHA-256 before"), master["sha256_before"]],
        [_("Master SHA-256 after"), master["sha256_after"]],
    ]
    for key, label in COUNT_LABELS.items():
        lines.append([_(label), document["totals"][key]])
    for i, line in enumerate(lines, start=1):
        _put(summary, i, line)
    summary.cell(row=1, column=1).font = Font(bold=True, size=14)
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 70

    files = book.create_sheet(_("Files"))
    keys = list(COUNT_LABELS)
    _put(files, 1, [_("File"), _("District"), _("SHA-256"), *[_(COUNT_LABELS[k]) for k in keys]])
    for i, f in enumerate(document["files"], start=2):
        _put(files, i, [f["name"], f["district"], f["sha256"], *[f["counts"][k] for k in keys]])

    conflicts = book.create_sheet(_("Conflicts"))
    _put(
        conflicts,
        1,
        [_("File"), _("Record"), _("Field"), _("Master"), _("Incoming"), _("Resolution")],
    )
    for i, row in enumerate(conflict_rows(document), start=2):
        _put(conflicts, i, list(row))

    dups = book.create_sheet(_("Persons merged"))
    _put(dups, 1, [_("File"), _("Kept"), _("Merged into it"), _("Reason")])
    for i, d in enumerate(document["duplicates_merged"], start=2):
        _put(dups, i, [d["file"], d["kept_name"], d["merged_name"], d["reason"]])
    for sheet in (files, conflicts, dups):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    book.save(path)
