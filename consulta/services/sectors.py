"""Sectors (stakeholder groups) and districts."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from consulta.domain import model as m
from consulta.domain.errors import ValidationError
from consulta.domain.text import fold
from consulta.i18n import _
from consulta.services.base import Service, required
from consulta.services.unit import table
from consulta.store.mapping import to_row


def _in_use(conn: Connection, checks: list[tuple[str, str]], record_id: str) -> int:
    total = 0
    for name, column in checks:
        t = table(name)
        total += int(
            conn.execute(select(func.count()).where(t.c[column] == record_id)).scalar_one()
        )
    return total


class SectorService(Service):
    def list(self) -> list[m.Sector]:
        t = table("sector")
        with self.ws.read() as conn:
            return self._rows(conn, "sector", order=[t.c.sort_order, t.c.name])  # type: ignore[return-value]

    def get(self, sector_id: str) -> m.Sector:
        return self._get(m.Sector, "sector", sector_id)

    def _check_name(self, name: str, exclude: str | None = None) -> str:
        name = required(name, "name", _("Sector name"))
        for sector in self.list():
            if sector.id != exclude and fold(sector.name) == fold(name):
                raise ValidationError(
                    _("A sector named “{name}” already exists. Choose another name.", name=name),
                    "name",
                )
        return name

    def create(self, name: str, counts_for_legitimacy: bool = True) -> m.Sector:
        name = self._check_name(name)
        order = max((s.sort_order for s in self.list()), default=-1) + 1
        sector = m.Sector(name=name, counts_for_legitimacy=counts_for_legitimacy, sort_order=order)
        with self.ws.write("sector.create", _("Add sector")) as unit:
            unit.insert("sector", to_row(sector))
        return self.get(sector.id)

    def update(
        self, sector_id: str, *, name: str | None = None, counts_for_legitimacy: bool | None = None
    ) -> m.Sector:
        values: dict[str, object] = {}
        if name is not None:
            values["name"] = self._check_name(name, exclude=sector_id)
        if counts_for_legitimacy is not None:
            values["counts_for_legitimacy"] = counts_for_legitimacy
        with self.ws.write("sector.update", _("Edit sector")) as unit:
            unit.update("sector", sector_id, **values)
        return self.get(sector_id)

    def move(self, sector_id: str, offset: int) -> None:
        """Move a sector up (negative) or down (positive) in the display order."""
        ids = [s.id for s in self.list()]
        index = ids.index(sector_id)
        target = max(0, min(len(ids) - 1, index + offset))
        ids.insert(target, ids.pop(index))
        with self.ws.write("sector.reorder", _("Reorder sectors")) as unit:
            for order, record_id in enumerate(ids):
                unit.update("sector", record_id, sort_order=order)

    def delete(self, sector_id: str) -> None:
        sector = self.get(sector_id)
        with self.ws.read() as conn:
            used = _in_use(
                conn,
                [
                    ("participant", "sector_id"),
                    ("organisation", "sector_id"),
                    ("position", "sector_id"),
                ],
                sector_id,
            )
        if used:
            raise ValidationError(
                _(
                    "The sector “{name}” has participants, organisations or positions, so it "
                    "cannot be deleted. Move them to another sector first, or mark the sector "
                    "as not counting for legitimacy.",
                    name=sector.name,
                )
            )
        with self.ws.write("sector.delete", _("Delete sector")) as unit:
            unit.delete("sector", sector_id)


class DistrictService(Service):
    def list(self) -> list[m.District]:
        with self.ws.read() as conn:
            return self._rows(conn, "district", order=[table("district").c.name])  # type: ignore[return-value]

    def get(self, district_id: str) -> m.District:
        return self._get(m.District, "district", district_id)

    def by_name(self, name: str) -> m.District | None:
        key = fold(name.strip())
        return next((d for d in self.list() if fold(d.name) == key), None)

    def _check_name(self, name: str, exclude: str | None = None) -> str:
        name = required(name, "name", _("District name"))
        existing = self.by_name(name)
        if existing and existing.id != exclude:
            raise ValidationError(
                _("A district named “{name}” already exists. Choose another name.", name=name),
                "name",
            )
        return name

    def create(self, name: str) -> m.District:
        district = m.District(name=self._check_name(name))
        with self.ws.write("district.create", _("Add district")) as unit:
            unit.insert("district", to_row(district))
        return self.get(district.id)

    def rename(self, district_id: str, name: str) -> m.District:
        name = self._check_name(name, exclude=district_id)
        with self.ws.write("district.update", _("Rename district")) as unit:
            unit.update("district", district_id, name=name)
        return self.get(district_id)

    def delete(self, district_id: str) -> None:
        district = self.get(district_id)
        with self.ws.read() as conn:
            used = _in_use(
                conn, [("participant", "district_id"), ("session", "district_id")], district_id
            )
        if used:
            raise ValidationError(
                _(
                    "The district “{name}” has participants or sessions, so it cannot be "
                    "deleted. Move them to another district first.",
                    name=district.name,
                )
            )
        with self.ws.write("district.delete", _("Delete district")) as unit:
            unit.delete("district", district_id)
