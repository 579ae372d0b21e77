"""The merge receipt: which files were merged (name, district, SHA-256), what each
brought (read / added / changed / deleted / conflicting / duplicates merged), every
conflict with its resolution, and the master's SHA-256 before and after.

``write_receipt(result, path)`` writes JSON, Excel (.xlsx) or PDF by the file's suffix.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from consulta.atomic import atomic_target
from consulta.domain.errors import FileError
from consulta.i18n import N_, _
from consulta.merge.model import ConflictOutcome, MergeResult

COUNT_LABELS: dict[str, str] = {
    "read": N_("Read"),
    "added": N_("Added"),
    "changed": N_("Changed"),
    "deleted": N_("Deleted"),
    "conflicting": N_("Conflicting"),
    "duplicates": N_("Possible duplicates"),
    "duplicates_merged": N_("Duplicates merged"),
    "unchanged": N_("Unchanged"),
    "older": N_("Older than the master's"),
    "set_aside": N_("Set aside"),
}
RESOLUTION_LABELS: dict[str, str] = {
    "automatic": N_("Automatic: the later edit"),
    "master": N_("Kept the master's"),
    "incoming": N_("Took the incoming"),
    "edited": N_("Edited by hand"),
}


def receipt_document(result: MergeResult) -> dict[str, Any]:
    """The receipt as plain data (what the JSON file holds)."""
    names = {f.index: f.name for f in result.files}
    return {
        "format": "consulta-merge-receipt",
        "version": 1,
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "dry_run": result.dry_run,
        "master": {
            "path": str(result.master_path),
            "sha256_before": result.master_sha256_before,
            "sha256_after": result.master_sha256_after,
        },
        "files": [
            {
                "name": f.name,
                "path": str(f.path),
                "district": f.district,
                "sha256": f.sha256,
                "consultation": f.title,
                "replica_id": f.replica_id,
                "counts": f.counts.as_dict(),
            }
            for f in result.files
        ],
        "totals": result.totals().as_dict(),
        "conflicts": [_conflict(o, names) for o in result.outcomes],
        "duplicates_merged": [
            {
                "file": names.get(d.file_index, ""),
                "kept_id": d.master_id,
                "kept_name": d.master_name,
                "merged_id": d.incoming_id,
                "merged_name": d.incoming_name,
                "reason": d.reason,
            }
            for d in result.duplicates_merged
        ],
    }


def _conflict(outcome: ConflictOutcome, names: dict[int, str]) -> dict[str, Any]:
    change = outcome.change
    return {
        "file": names.get(change.file_index, ""),
        "entity": change.entity,
        "record_id": change.record_id,
        "label": change.label,
        "master_deleted": change.master_deleted,
        "incoming_deleted": change.incoming_deleted,
        "fields": [
            {"field": f.field, "master": f.master, "incoming": f.incoming} for f in change.fields
        ],
        "automatic_winner": change.winner.value,
        "resolution": outcome.resolution,
        "final": outcome.final,
    }


def write_receipt(result: MergeResult, path: Path | str) -> Path:
    path = Path(path)
    suffix = path.suffix.lower()
    document = receipt_document(result)
    try:
        if suffix == ".json":
            text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
            with atomic_target(path) as temp:
                temp.write_text(text + "\n", encoding="utf-8")
        elif suffix == ".xlsx":
            from consulta.merge.receipt_xlsx import write_xlsx

            with atomic_target(path) as temp:
                write_xlsx(document, temp)
        elif suffix == ".pdf":
            from consulta.merge.receipt_pdf import write_pdf

            with atomic_target(path) as temp:
                write_pdf(document, temp)
        else:
            raise FileError(
                path,
                _("A receipt is written as .pdf, .xlsx or .json; “{path}” is none.", path=path),
            )
    except OSError as exc:
        raise FileError(
            path,
            _(
                "The receipt “{path}” could not be written ({reason}). Choose another folder.",
                path=path,
                reason=exc.strerror,
            ),
        ) from exc
    return path


def conflict_rows(document: dict[str, Any]) -> list[list[str]]:
    """One line per conflicting field: file, record, field, master, incoming, resolution."""
    rows: list[list[str]] = []
    for c in document["conflicts"]:
        resolution = _(RESOLUTION_LABELS.get(c["resolution"], c["resolution"]))
        record = f"{c['entity']} {c['label']} ({c['record_id'][:8]})"
        fields = c["fields"] or [{"field": "", "master": "", "incoming": ""}]
        for f in fields:
            master = _("(deleted)") if c["master_deleted"] else _text(f["master"])
            incoming = _("(deleted)") if c["incoming_deleted"] else _text(f["incoming"])
            rows.append([c["file"], record, f["field"], master, incoming, resolution])
    return rows


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def count_header() -> list[str]:
    return [_(label) for label in COUNT_LABELS.values()]
