"""The consultation itself: its settings, the whole snapshot, the audit trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from consulta.domain import model as m
from consulta.domain.errors import FileFormatError, ValidationError
from consulta.domain.snapshot import Snapshot
from consulta.i18n import _, available_languages
from consulta.services.base import Service, bounded, required
from consulta.services.unit import table
from consulta.store.mapping import to_row
from consulta.store.models import AuditRow

if TYPE_CHECKING:
    from consulta.services.workspace import Workspace

SNAPSHOT_ORDER: dict[str, tuple[str, ...]] = {
    "sectors": ("sector", "sort_order", "name"),
    "districts": ("district", "name"),
    "organisations": ("organisation", "name"),
    "participants": ("participant", "name"),
    "sessions": ("session", "date", "start", "title"),
    "agenda_items": ("agenda_item", "session_id", "position"),
    "attendance": ("attendance", "session_id", "participant_id"),
    "guidelines": ("guideline", "code"),
    "positions": ("position", "guideline_id", "session_id", "sector_id"),
}


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    origin: str
    action: str
    changes: list[dict[str, Any]]


def validate_language(language: str) -> str:
    code = (language or "en").strip().lower()
    if code not in available_languages():
        raise ValidationError(
            _(
                "The language “{code}” is not available. Choose one of: {choices}.",
                code=code,
                choices=", ".join(available_languages()),
            ),
            "language",
        )
    return code


def validate_quorum(quorum: int | None) -> int | None:
    if quorum is not None and quorum < 1:
        raise ValidationError(
            _("The quorum must be at least one sector, or left empty for two thirds."), "quorum"
        )
    return quorum


def initialise(ws: Workspace, title: str, territory: str, language: str, description: str) -> None:
    """Write the consultation record and the seven default sectors, named in its language."""
    from consulta.i18n import language as in_language

    consultation = m.Consultation(
        title=required(title, "title", _("Title")),
        territory=bounded(territory, "territory", _("Territory"), 300),
        language=validate_language(language),
        description=bounded(description, "description", _("Description")),
    )
    with in_language(consultation.language):
        names = [_(name) for name in m.DEFAULT_SECTORS]
    with ws.write("consultation.create", _("New consultation")) as unit:
        unit.insert("consultation", to_row(consultation))
        for order, name in enumerate(names):
            unit.insert("sector", to_row(m.Sector(name=name, sort_order=order)))


class ConsultationService(Service):
    def get(self) -> m.Consultation:
        with self.ws.read() as conn:
            rows = self._rows(conn, "consultation")
        if len(rows) != 1:
            raise FileFormatError(
                self.ws.path,
                _("“{path}” holds no consultation and cannot be used.", path=self.ws.path),
            )
        record = rows[0]
        assert isinstance(record, m.Consultation)
        return record

    def update(
        self,
        *,
        title: str | None = None,
        territory: str | None = None,
        language: str | None = None,
        description: str | None = None,
        quorum_sectors: int | bool | None = False,
    ) -> m.Consultation:
        """Change the settings given (``quorum_sectors=None`` clears the quorum override)."""
        current = self.get()
        values: dict[str, Any] = {}
        if title is not None:
            values["title"] = required(title, "title", _("Title"))
        if territory is not None:
            values["territory"] = bounded(territory, "territory", _("Territory"), 300)
        if language is not None:
            values["language"] = validate_language(language)
        if description is not None:
            values["description"] = bounded(description, "description", _("Description"))
        if quorum_sectors is not False:
            values["quorum_sectors"] = validate_quorum(quorum_sectors)
        with self.ws.write("consultation.update", _("Edit consultation")) as unit:
            unit.update("consultation", current.id, **values)
        return self.get()

    def set_facilitator_name(self, name: str) -> None:
        """The name recorded in the audit trail for edits made with this file copy."""
        self.ws.file.facilitator = bounded(name, "facilitator", _("Facilitator"), 200)
        self.ws.file.set_info({"facilitator": self.ws.file.facilitator})

    def snapshot(self) -> Snapshot:
        """The whole consultation in one consistent read."""
        with self.ws.read() as conn:
            consultation = self._rows(conn, "consultation")[0]
            assert isinstance(consultation, m.Consultation)
            parts: dict[str, list[m.Record]] = {}
            for key, (name, *order) in SNAPSHOT_ORDER.items():
                t = table(name)
                parts[key] = self._rows(conn, name, order=[t.c[c] for c in order])
        return Snapshot(consultation, **parts)  # type: ignore[arg-type]

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        result: dict[str, int] = {}
        with self.ws.read() as conn:
            for key, (name, *_order) in SNAPSHOT_ORDER.items():
                result[key] = int(
                    conn.execute(select(func.count()).select_from(table(name))).scalar_one()
                )
        return result

    def audit(self, limit: int = 200, offset: int = 0) -> list[AuditEntry]:
        """The audit trail, newest first."""
        t = AuditRow.__table__
        with self.ws.read() as conn:
            rows = conn.execute(
                select(t).order_by(t.c.seq.desc()).limit(limit).offset(offset)
            ).mappings()
            return [
                AuditEntry(
                    r["seq"],
                    r["at"],
                    r["actor"],
                    r["origin"],
                    r["action"],
                    json.loads(r["changes"]),
                )
                for r in rows
            ]
