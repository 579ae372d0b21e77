"""Records by id, as the figures look them up (one dict per kind, built once)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from consulta.domain.model import Record

R = TypeVar("R", bound=Record)


def by_id(records: Iterable[R]) -> dict[str, R]:
    """The records by id, in their order; should an id repeat, the first record wins."""
    found: dict[str, R] = {}
    for record in records:
        found.setdefault(record.id, record)
    return found
