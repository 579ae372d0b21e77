"""Organisations and participants: the people who take part, with their personal data."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, func, select

from consulta.domain import model as m
from consulta.domain.errors import ValidationError
from consulta.domain.text import fold
from consulta.i18n import _
from consulta.services.base import Service, optional, required
from consulta.services.unit import UnitOfWork, table
from consulta.store.mapping import to_row

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SORTABLE = ("name", "email", "phone", "gender", "consent_named", "created_at")


class OrganisationService(Service):
    def list(self, sector_id: str | None = None) -> list[m.Organisation]:
        t = table("organisation")
        where = [t.c.sector_id == sector_id] if sector_id else []
        with self.ws.read() as conn:
            return self._rows(conn, "organisation", where, [t.c.name])  # type: ignore[return-value]

    def get(self, organisation_id: str) -> m.Organisation:
        return self._get(m.Organisation, "organisation", organisation_id)

    def create(self, name: str, sector_id: str) -> m.Organisation:
        organisation = m.Organisation(
            name=required(name, "name", _("Organisation name")),
            sector_id=self.ws.sectors.get(sector_id).id,
        )
        with self.ws.write("organisation.create", _("Add organisation")) as unit:
            unit.insert("organisation", to_row(organisation))
        return self.get(organisation.id)

    def find_or_create(self, name: str, sector_id: str) -> m.Organisation:
        key = fold(name.strip())
        for organisation in self.list(sector_id):
            if fold(organisation.name) == key:
                return organisation
        return self.create(name, sector_id)

    def update(
        self, organisation_id: str, *, name: str | None = None, sector_id: str | None = None
    ) -> m.Organisation:
        values: dict[str, Any] = {}
        if name is not None:
            values["name"] = required(name, "name", _("Organisation name"))
        if sector_id is not None:
            values["sector_id"] = self.ws.sectors.get(sector_id).id
        with self.ws.write("organisation.update", _("Edit organisation")) as unit:
            unit.update("organisation", organisation_id, **values)
        return self.get(organisation_id)

    def delete(self, organisation_id: str) -> None:
        organisation = self.get(organisation_id)
        t = table("participant")
        with self.ws.read() as conn:
            members = conn.execute(
                select(func.count()).where(t.c.organisation_id == organisation_id)
            ).scalar_one()
        if members:
            raise ValidationError(
                _(
                    "“{name}” still has {count} participant(s). Move them to another "
                    "organisation first.",
                    name=organisation.name,
                    count=members,
                )
            )
        with self.ws.write("organisation.delete", _("Delete organisation")) as unit:
            unit.delete("organisation", organisation_id)


def validate_participant(ws: Any, p: m.Participant) -> m.Participant:
    """Check and normalise a participant's fields; raises ValidationError naming the field."""
    email = optional(p.email, "email", _("E-mail"))
    if email and not _EMAIL.match(email):
        raise ValidationError(
            _(
                "“{email}” is not a valid e-mail address. Correct it or leave it empty.",
                email=email,
            ),
            "email",
        )
    ws.sectors.get(p.sector_id)
    if p.organisation_id:
        ws.organisations.get(p.organisation_id)
    if p.district_id:
        ws.districts.get(p.district_id)
    return replace(
        p,
        name=required(p.name, "name", _("Name")),
        email=email,
        phone=optional(p.phone, "phone", _("Phone"), 60),
    )


def participant_row(p: m.Participant) -> dict[str, Any]:
    return {**to_row(p), "search_key": fold(" ".join(filter(None, (p.name, p.email))))}


class ParticipantService(Service):
    def get(self, participant_id: str) -> m.Participant:
        return self._get(m.Participant, "participant", participant_id)

    def _filters(
        self, query: str = "", sector_id: str | None = None, district_id: str | None = None
    ) -> list[ColumnElement[bool]]:
        t = table("participant")
        where: list[ColumnElement[bool]] = []
        for word in fold(query).split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append(t.c.search_key.like(f"%{escaped}%", escape="\\"))
        if sector_id:
            where.append(t.c.sector_id == sector_id)
        if district_id:
            where.append(t.c.district_id == district_id)
        return where

    def count(
        self, query: str = "", sector_id: str | None = None, district_id: str | None = None
    ) -> int:
        t = table("participant")
        with self.ws.read() as conn:
            q = (
                select(func.count())
                .select_from(t)
                .where(*self._filters(query, sector_id, district_id))
            )
            return int(conn.execute(q).scalar_one())

    def page(
        self,
        offset: int = 0,
        limit: int = 200,
        query: str = "",
        sector_id: str | None = None,
        district_id: str | None = None,
        sort: str = "name",
        descending: bool = False,
    ) -> list[m.Participant]:
        """One page of participants matching a search, for lazy lists."""
        t = table("participant")
        column = t.c.search_key if sort == "name" else t.c[sort if sort in SORTABLE else "name"]
        order = [column.desc() if descending else column.asc(), t.c.id]
        with self.ws.read() as conn:
            return self._rows(  # type: ignore[return-value]
                conn,
                "participant",
                self._filters(query, sector_id, district_id),
                order,
                limit,
                offset,
            )

    def list(self, **filters: Any) -> list[m.Participant]:
        return self.page(0, 1_000_000_000, **filters)

    def create(self, participant: m.Participant) -> m.Participant:
        participant = validate_participant(self.ws, participant)
        with self.ws.write("participant.create", _("Add participant")) as unit:
            unit.insert("participant", participant_row(participant))
        return self.get(participant.id)

    def update(self, participant: m.Participant) -> m.Participant:
        participant = validate_participant(self.ws, participant)
        with self.ws.write("participant.update", _("Edit participant")) as unit:
            unit.update("participant", participant.id, **participant_row(participant))
        return self.get(participant.id)

    def delete(self, participant_id: str) -> None:
        """Delete a participant and their attendance (refused if minutes are locked)."""
        self.get(participant_id)
        with self.ws.write("participant.delete", _("Delete participant")) as unit:
            delete_participant(unit, participant_id)


def delete_participant(unit: UnitOfWork, participant_id: str) -> None:
    t = table("attendance")
    ids = unit.conn.execute(select(t.c.id).where(t.c.participant_id == participant_id)).scalars()
    for attendance_id in list(ids):
        unit.delete("attendance", attendance_id)
    unit.delete("participant", participant_id)
