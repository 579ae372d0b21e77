"""Sessions (round tables), their agenda, and attendance (check-in)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from consulta.domain import model as m
from consulta.domain.errors import ValidationError
from consulta.i18n import _
from consulta.services.base import Service, bounded, required
from consulta.services.unit import UnitOfWork, table
from consulta.store.mapping import to_row

Status = m.SessionStatus


def validate_session(ws: Any, s: m.Session) -> m.Session:
    if s.start and s.end and s.end < s.start:
        raise ValidationError(
            _("The session ends before it starts. Correct the start or end time."), "end"
        )
    if s.district_id:
        ws.districts.get(s.district_id)
    return replace(
        s,
        title=required(s.title, "title", _("Title")),
        venue=bounded(s.venue, "venue", _("Venue"), 300),
        facilitator=bounded(s.facilitator, "facilitator", _("Facilitator"), 200),
    )


class SessionService(Service):
    def list(self, district_id: str | None = None, status: Status | None = None) -> list[m.Session]:
        t = table("session")
        where = []
        if district_id:
            where.append(t.c.district_id == district_id)
        if status:
            where.append(t.c.status == status.value)
        with self.ws.read() as conn:
            return self._rows(conn, "session", where, [t.c.date, t.c.start, t.c.title])  # type: ignore[return-value]

    def get(self, session_id: str) -> m.Session:
        return self._get(m.Session, "session", session_id)

    def create(self, session: m.Session) -> m.Session:
        session = validate_session(self.ws, replace(session, status=Status.PLANNED))
        with self.ws.write("session.create", _("Add session")) as unit:
            unit.insert("session", to_row(session))
        return self.get(session.id)

    def update(self, session: m.Session) -> m.Session:
        """Edit the header of a session (not its status: see mark_held, close, reopen)."""
        current = self.get(session.id)
        session = validate_session(self.ws, replace(session, status=current.status))
        with self.ws.write("session.update", _("Edit session")) as unit:
            unit.update("session", session.id, **to_row(session))
        return self.get(session.id)

    def _set_status(self, session_id: str, status: Status, action: str, label: str) -> m.Session:
        with self.ws.write(action, label) as unit:
            unit.update("session", session_id, status=status.value)
        return self.get(session_id)

    def mark_held(self, session_id: str) -> m.Session:
        current = self.get(session_id)
        if current.status is Status.CLOSED:
            return self.reopen(session_id)
        return self._set_status(session_id, Status.HELD, "session.held", _("Mark session held"))

    def mark_planned(self, session_id: str) -> m.Session:
        current = self.get(session_id)
        if current.status is Status.CLOSED:
            raise ValidationError(_("Reopen the session before marking it planned."))
        return self._set_status(
            session_id, Status.PLANNED, "session.planned", _("Mark session planned")
        )

    def close(self, session_id: str) -> m.Session:
        """Close the session: its minutes are approved and locked."""
        return self._set_status(session_id, Status.CLOSED, "session.close", _("Close session"))

    def reopen(self, session_id: str) -> m.Session:
        """Unlock a closed session's minutes: an explicit action, recorded in the audit trail."""
        current = self.get(session_id)
        if current.status is not Status.CLOSED:
            return current
        return self._set_status(session_id, Status.HELD, "session.reopen", _("Reopen session"))

    def delete(self, session_id: str) -> None:
        """Delete a session with its agenda, attendance and positions (not a closed one)."""
        self.get(session_id)
        with self.ws.write("session.delete", _("Delete session")) as unit:
            delete_session(unit, session_id)


def delete_session(unit: UnitOfWork, session_id: str) -> None:
    for name in ("position", "attendance", "agenda_item"):
        t = table(name)
        ids = list(unit.conn.execute(select(t.c.id).where(t.c.session_id == session_id)).scalars())
        for record_id in ids:
            unit.delete(name, record_id)
    unit.delete("session", session_id)


class AgendaService(Service):
    def list(self, session_id: str) -> list[m.AgendaItem]:
        t = table("agenda_item")
        with self.ws.read() as conn:
            return self._rows(conn, "agenda_item", [t.c.session_id == session_id], [t.c.position])  # type: ignore[return-value]

    def get(self, item_id: str) -> m.AgendaItem:
        return self._get(m.AgendaItem, "agenda_item", item_id)

    def add(self, session_id: str, title: str, notes: str = "") -> m.AgendaItem:
        self.ws.sessions.get(session_id)
        position = max((i.position for i in self.list(session_id)), default=0) + 1
        item = m.AgendaItem(
            session_id=session_id,
            position=position,
            title=required(title, "title", _("Agenda item")),
            notes=bounded(notes, "notes", _("Notes")),
        )
        with self.ws.write("agenda.add", _("Add agenda item")) as unit:
            unit.insert("agenda_item", to_row(item))
        return self.get(item.id)

    def update(
        self, item_id: str, *, title: str | None = None, notes: str | None = None
    ) -> m.AgendaItem:
        values: dict[str, str] = {}
        if title is not None:
            values["title"] = required(title, "title", _("Agenda item"))
        if notes is not None:
            values["notes"] = bounded(notes, "notes", _("Notes"))
        label = _("Edit notes") if set(values) == {"notes"} else _("Edit agenda item")
        with self.ws.write("agenda.update", label) as unit:
            unit.update("agenda_item", item_id, **values)
        return self.get(item_id)

    def move(self, item_id: str, offset: int) -> None:
        """Move an item up (negative) or down (positive); positions stay 1…n."""
        item = self.get(item_id)
        items = self.list(item.session_id)
        ids = [i.id for i in items]
        index = ids.index(item_id)
        ids.insert(max(0, min(len(ids) - 1, index + offset)), ids.pop(index))
        with self.ws.write("agenda.move", _("Reorder agenda")) as unit:
            for position, record_id in enumerate(ids, start=1):
                unit.update("agenda_item", record_id, position=position)

    def delete(self, item_id: str) -> None:
        item = self.get(item_id)
        with self.ws.write("agenda.delete", _("Remove agenda item")) as unit:
            unit.delete("agenda_item", item_id)
            rest = [i for i in self.list_in(unit, item.session_id) if i["id"] != item_id]
            for position, row in enumerate(rest, start=1):
                unit.update("agenda_item", row["id"], position=position)

    @staticmethod
    def list_in(unit: UnitOfWork, session_id: str) -> Sequence[dict[str, Any]]:
        t = table("agenda_item")
        query = select(t).where(t.c.session_id == session_id).order_by(t.c.position)
        return [dict(r) for r in unit.conn.execute(query).mappings()]


class AttendanceService(Service):
    def check_in(self, session_id: str, participant_id: str) -> m.Attendance:
        session = self.ws.sessions.get(session_id)
        participant = self.ws.participants.get(participant_id)
        record_id = m.attendance_id(session.id, participant.id)
        with self.ws.write(
            "attendance.check_in", _("Check in {name}", name=participant.name)
        ) as unit:
            if unit.get("attendance", record_id) is None:
                row = to_row(
                    m.Attendance(id=record_id, session_id=session.id, participant_id=participant.id)
                )
                unit.insert("attendance", row)
            else:
                unit.update("attendance", record_id, present=True)
        return self._get(m.Attendance, "attendance", record_id)

    def check_out(self, session_id: str, participant_id: str) -> None:
        """Undo a check-in (the person was checked in by mistake)."""
        participant = self.ws.participants.get(participant_id)
        record_id = m.attendance_id(session_id, participant_id)
        with self.ws.write(
            "attendance.check_out", _("Check out {name}", name=participant.name)
        ) as unit:
            if unit.get("attendance", record_id) is not None:
                unit.delete("attendance", record_id)

    def for_session(self, session_id: str) -> list[m.Attendance]:
        t = table("attendance")
        with self.ws.read() as conn:
            return self._rows(
                conn, "attendance", [t.c.session_id == session_id, t.c.present.is_(True)]
            )  # type: ignore[return-value]

    def present(self, session_id: str) -> list[m.Participant]:
        """The participants present at a session, by name."""
        a, p = table("attendance"), table("participant")
        ids = select(a.c.participant_id).where(a.c.session_id == session_id, a.c.present.is_(True))
        with self.ws.read() as conn:
            return self._rows(conn, "participant", [p.c.id.in_(ids)], [p.c.search_key])  # type: ignore[return-value]

    def count_by_sector(self, session_id: str) -> dict[str, int]:
        """Present participants per sector id (sectors with nobody present are absent)."""
        return dict(Counter(p.sector_id for p in self.present(session_id)))
