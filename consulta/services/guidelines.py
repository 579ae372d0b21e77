"""Guidelines (proposed lines of the policy) and the sectors' positions on them."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from consulta.domain import model as m
from consulta.domain.errors import ValidationError
from consulta.i18n import _
from consulta.services.base import Service, bounded, required
from consulta.services.unit import table
from consulta.store.mapping import to_row

_CODE_NUMBER = re.compile(r"(\d+)\s*$")


def validate_tally(votes: m.Tally | None) -> m.Tally | None:
    if votes is None:
        return None
    for value in votes.as_dict().values():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > 1_000_000:
            raise ValidationError(
                _("A show-of-hands count must be a whole number from 0 up. Correct the tally."),
                "votes",
            )
    return votes


class GuidelineService(Service):
    def list(self) -> list[m.Guideline]:
        t = table("guideline")
        with self.ws.read() as conn:
            return self._rows(conn, "guideline", order=[t.c.code])  # type: ignore[return-value]

    def get(self, guideline_id: str) -> m.Guideline:
        return self._get(m.Guideline, "guideline", guideline_id)

    def next_code(self) -> str:
        numbers = [int(g.group(1)) for x in self.list() if (g := _CODE_NUMBER.search(x.code))]
        return f"G-{max(numbers, default=0) + 1:02d}"

    def _validate(self, g: m.Guideline) -> m.Guideline:
        code = required(g.code, "code", _("Code"), 40)
        for other in self.list():
            if other.id != g.id and other.code.casefold() == code.casefold():
                raise ValidationError(
                    _(
                        "The code “{code}” is already used by another guideline. Choose another.",
                        code=code,
                    ),
                    "code",
                )
        return replace(
            g,
            code=code,
            title=required(g.title, "title", _("Title"), 500),
            text=bounded(g.text, "text", _("Text")),
            axis=bounded(g.axis, "axis", _("Axis"), 300),
        )

    def create(self, guideline: m.Guideline) -> m.Guideline:
        guideline = self._validate(guideline)
        with self.ws.write("guideline.create", _("Add guideline")) as unit:
            unit.insert("guideline", to_row(guideline))
        return self.get(guideline.id)

    def update(self, guideline: m.Guideline) -> m.Guideline:
        guideline = self._validate(guideline)
        with self.ws.write("guideline.update", _("Edit guideline")) as unit:
            unit.update("guideline", guideline.id, **to_row(guideline))
        return self.get(guideline.id)

    def set_status(self, guideline_id: str, status: m.GuidelineStatus) -> m.Guideline:
        with self.ws.write("guideline.status", _("Change guideline status")) as unit:
            unit.update("guideline", guideline_id, status=status.value)
        return self.get(guideline_id)

    def delete(self, guideline_id: str) -> None:
        """Delete a guideline and its positions (refused if any are in locked minutes)."""
        self.get(guideline_id)
        t = table("position")
        with self.ws.write("guideline.delete", _("Delete guideline")) as unit:
            ids = list(
                unit.conn.execute(select(t.c.id).where(t.c.guideline_id == guideline_id)).scalars()
            )
            for record_id in ids:
                unit.delete("position", record_id)
            unit.delete("guideline", guideline_id)


class PositionService(Service):
    def record(
        self,
        guideline_id: str,
        session_id: str,
        sector_id: str,
        stance: m.Stance,
        note: str = "",
        votes: m.Tally | None = None,
    ) -> m.Position:
        """Record or change a sector's position on a guideline at a session."""
        guideline = self.ws.guidelines.get(guideline_id)
        self.ws.sessions.get(session_id)
        sector = self.ws.sectors.get(sector_id)
        position = m.Position(
            id=m.position_id(guideline.id, session_id, sector.id),
            guideline_id=guideline.id,
            session_id=session_id,
            sector_id=sector.id,
            stance=m.Stance(stance),
            note=bounded(note, "note", _("Reason")),
            votes=validate_tally(votes),
        )
        label = _("Position of {sector} on {code}", sector=sector.name, code=guideline.code)
        row = to_row(position)
        with self.ws.write("position.record", label) as unit:
            existing = self._existing(unit.conn, guideline.id, session_id, sector.id)
            if existing is None:
                unit.insert("position", row)
            else:
                row.pop("id")
                unit.update("position", existing, **row)
                position = replace(position, id=existing)
        return self._get(m.Position, "position", position.id)

    @staticmethod
    def _existing(conn: Any, guideline_id: str, session_id: str, sector_id: str) -> str | None:
        t = table("position")
        query = select(t.c.id).where(
            t.c.guideline_id == guideline_id,
            t.c.session_id == session_id,
            t.c.sector_id == sector_id,
        )
        found = conn.execute(query).scalar()
        return str(found) if found else None

    def delete(self, position_id: str) -> None:
        with self.ws.write("position.delete", _("Remove position")) as unit:
            unit.delete("position", position_id)

    def for_session(self, session_id: str) -> list[m.Position]:
        t = table("position")
        with self.ws.read() as conn:
            return self._rows(
                conn, "position", [t.c.session_id == session_id], [t.c.guideline_id, t.c.sector_id]
            )  # type: ignore[return-value]

    def for_guideline(self, guideline_id: str) -> list[m.Position]:
        """Every position on a guideline, across sessions, oldest session first."""
        t, s = table("position"), table("session")
        with self.ws.read() as conn:
            query = (
                select(t)
                .join(s, s.c.id == t.c.session_id)
                .where(t.c.guideline_id == guideline_id)
                .order_by(s.c.date, s.c.start, t.c.created_at)
            )
            from consulta.store.mapping import to_domain

            rows = conn.execute(query).mappings()
            return [to_domain("position", dict(r)) for r in rows]  # type: ignore[misc]
