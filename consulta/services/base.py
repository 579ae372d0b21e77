"""What every service shares: reading rows as domain objects and validating input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import ColumnElement, Connection, select

from consulta.domain import model as m
from consulta.domain.errors import NotFoundError, ValidationError
from consulta.domain.text import clean
from consulta.i18n import _
from consulta.services.unit import table
from consulta.store.mapping import to_domain

if TYPE_CHECKING:
    from consulta.services.workspace import Workspace

R = TypeVar("R", bound=m.Record)

MAX_NAME = 300
MAX_TEXT = 200_000


class Service:
    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace

    def _rows(
        self,
        conn: Connection,
        name: str,
        where: Sequence[ColumnElement[bool]] = (),
        order: Sequence[Any] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> list[m.Record]:
        t = table(name)
        query = select(t).where(*where).order_by(*order)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        rows = conn.execute(query).mappings()
        return [to_domain(name, r) for r in rows]  # type: ignore[arg-type]  # RowMapping is a Mapping

    def _get(self, cls: type[R], name: str, record_id: str) -> R:
        with self.ws.read() as conn:
            rows = self._rows(conn, name, [table(name).c.id == record_id])
        if not rows:
            raise NotFoundError(
                _("The record was not found; it may have been deleted. Refresh and try again.")
            )
        record = rows[0]
        assert isinstance(record, cls)
        return record


def required(value: str | None, field: str, label: str, limit: int = MAX_NAME) -> str:
    text = clean(value)
    if not text:
        raise ValidationError(_("{field} is required. Type it and try again.", field=label), field)
    return bounded(text, field, label, limit)


def bounded(value: str | None, field: str, label: str, limit: int = MAX_TEXT) -> str:
    text = clean(value)
    if len(text) > limit:
        raise ValidationError(
            _(
                "{field} is too long ({length} characters; at most {limit}). Shorten it.",
                field=label,
                length=len(text),
                limit=limit,
            ),
            field,
        )
    return text


def optional(value: str | None, field: str, label: str, limit: int = MAX_NAME) -> str | None:
    text = bounded(value, field, label, limit)
    return text or None
