"""The checks of single values in an interchange document, and the spec of every kind.

Each check takes a JSON value and returns what to store (an id lower-cased, a date as a
``date``...) or raises ``Bad`` with the message to show after the value's JSON path.
Messages are only built on failure, so the checks cost little on sound documents. Each
also has a form that checks a whole column of values in bulk (``Check.all``), for the
quick path of ``json_columns``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from itertools import repeat
from typing import Any

from consulta.i18n import N_, _

FORMAT = "consulta-interchange"
VERSION = 1
MAX_VOTES = 1_000_000

_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
).fullmatch
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}").fullmatch
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d").fullmatch
LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*").fullmatch
GENDERS = ("female", "male", "other")
SESSION_STATUSES = ("planned", "held", "closed")
GUIDELINE_STATUSES = ("draft", "under_discussion", "agreed", "rejected", "withdrawn")
STANCES = ("support", "support_with_reservations", "oppose", "abstain")
KINDS = (
    "sectors",
    "organisations",
    "participants",
    "sessions",
    "agenda_items",
    "attendance",
    "guidelines",
    "positions",
)
TOP_KEYS = frozenset({"format", "version", "consultation", *KINDS})
# The table each kind is stored in (KINDS is in foreign-key order).
TABLE_OF = {
    "sectors": "sector",
    "organisations": "organisation",
    "participants": "participant",
    "sessions": "session",
    "agenda_items": "agenda_item",
    "attendance": "attendance",
    "guidelines": "guideline",
    "positions": "position",
}

One = Callable[[Any], Any]
Many = Callable[[list[Any]], list[Any]]


class Bad(Exception):
    """A value is wrong; ``sub`` extends the path (``.support`` inside ``votes``)."""

    def __init__(self, message: str, sub: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.sub = sub


class Slow(Exception):
    """Some of the values given to a ``many`` check need to be looked at one by one."""


# What a ``many`` check may raise instead of ``Slow``: a value of the wrong type met by a
# bulk operation (joining, hashing, comparing), or a missing name.
NEEDS_ONE_BY_ONE = (Slow, Bad, TypeError, KeyError)


@dataclass(frozen=True)
class Check:
    """The check of one value (``one``), and of a whole column at once (``many``: every
    value not None; returns what to store, the same as ``one`` would for each, or raises
    one of ``NEEDS_ONE_BY_ONE`` when any value would fail, so the caller looks at them one
    by one to report each problem). ``many`` does its work in bulk operations, which is
    what makes a large document quick to check; it defaults to ``one`` on each value."""

    one: One
    many: Many | None = None

    def all(self, values: list[Any]) -> list[Any]:
        if self.many is not None:
            return self.many(values)
        return list(map(self.one, values))


def _require(ok: bool) -> None:
    if not ok:
        raise Slow


# -- value checks (``one`` returns the value to store, or raises Bad) ---------------------


def _text(value: Any) -> str:
    if type(value) is not str:
        raise Bad(_("must be a string"))
    if "\x00" in value:
        raise Bad(_("must not contain the NUL character"))
    return value


def _texts(values: list[Any]) -> list[Any]:
    _require("\x00" not in "".join(values))  # joining raises TypeError on a non-string
    return values


text = Check(_text, _texts)


def _name(value: Any) -> str:
    checked = _text(value)
    if not checked.strip():
        raise Bad(_("must not be empty"))
    return checked


def _names(values: list[Any]) -> list[Any]:
    _texts(values)
    _require(all(map(str.strip, values)))
    return values


name = Check(_name, _names)


def _boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise Bad(_("must be true or false"))
    return value


def _booleans(values: list[Any]) -> list[Any]:
    _require(set(map(type, values)) <= {bool})
    return values


boolean = Check(_boolean, _booleans)


def _uuid(value: Any) -> str:
    if type(value) is not str or not _UUID(value):
        raise Bad(_("not a UUID (like 3f2b8c1e-0d4a-4e7b-9c55-1a2b3c4d5e6f)"))
    return value.lower()


def _uuids(values: list[Any]) -> list[Any]:
    _require(all(map(_UUID, values)))  # the pattern raises TypeError on a non-string
    return values if all(map(str.islower, values)) else list(map(str.lower, values))


uuid = Check(_uuid, _uuids)


def _day(value: Any) -> date:
    if type(value) is str and _DATE(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise Bad(_("not a date (YYYY-MM-DD)"))


day = Check(_day)


def _clock_time(value: Any) -> time:
    if type(value) is not str or not _TIME(value):
        raise Bad(_("not a time (HH:MM, 24-hour)"))
    return time(int(value[:2]), int(value[3:]))


clock_time = Check(_clock_time)


def one_of(choices: tuple[str, ...], message: str = N_("must be one of {choices}")) -> Check:
    """A string among ``choices``; ``message`` (marked with ``N_``) says which."""
    allowed = frozenset(choices)
    listed = ", ".join(choices)

    def one(value: Any) -> str:
        if type(value) is not str or value not in allowed:
            raise Bad(_(message, choices=listed))
        return value

    def many(values: list[Any]) -> list[Any]:
        _require(allowed.issuperset(values))  # only strings equal the choices
        return values

    return Check(one, many)


def optional_one_of(choices: tuple[str, ...]) -> Check:
    return one_of(choices, N_("must be one of {choices} or null"))


def whole(low: int, high: int) -> Check:
    def one(value: Any) -> int:
        if type(value) is not int or not low <= value <= high:
            raise Bad(_("must be a whole number from {low} to {high}", low=low, high=high))
        return value

    def many(values: list[Any]) -> list[Any]:
        _require(set(map(type, values)) <= {int} and low <= min(values) and max(values) <= high)
        return values

    return Check(one, many)


def reference(ids: dict[str, int], message: str) -> Check:
    """An id that must name a record already read (``ids`` fills up as records are read);
    ``message`` (marked with ``N_``) is translated when the id names nothing."""

    def one(value: Any) -> Any:
        if type(value) is str and value in ids:  # an id exactly as read (so checked)
            return value
        checked = _uuid(value)
        if checked not in ids:
            raise Bad(_(message))
        return checked

    def many(values: list[Any]) -> list[Any]:
        _require(all(map(ids.__contains__, values)))  # ids holds strings only
        return values

    return Check(one, many)


def district_name(names: dict[str, str]) -> Check:
    """A district name listed in the consultation; returns the district's id."""

    def one(value: Any) -> str:
        if type(value) is not str:
            raise Bad(_("must be a string or null"))
        found = names.get(value)
        if found is None:
            raise Bad(_("“{name}” is not in consultation.districts", name=value))
        return found

    def many(values: list[Any]) -> list[Any]:
        return list(map(names.__getitem__, values))  # names holds strings only

    return Check(one, many)


VOTE_KEYS = frozenset(STANCES)


def _votes(value: Any) -> tuple[int, int, int, int]:
    if type(value) is not dict:
        raise Bad(_("must be an object with the four counts, or null"))
    counts = []
    for key in STANCES:
        n = value.get(key)
        if n is None:
            raise Bad(_("required"), "." + key)
        if type(n) is not int or not 0 <= n <= MAX_VOTES:
            raise Bad(_("must be a whole number from 0 to {high}", high=MAX_VOTES), "." + key)
        counts.append(n)
    return counts[0], counts[1], counts[2], counts[3]


def _votes_many(values: list[Any]) -> list[Any]:
    _require(set(map(type, values)) <= {dict})
    _require(all(map((4).__eq__, map(len, values))))  # so no unknown key to warn about
    counts: list[list[Any]] = [list(map(dict.get, values, repeat(key))) for key in STANCES]
    for column in counts:
        _require(set(map(type, column)) <= {int} and min(column) >= 0 and max(column) <= MAX_VOTES)
    return list(zip(*counts, strict=True))


votes = Check(_votes, _votes_many)


# -- record specs: (key, column, required, default, check) --------------------------------

Spec = tuple[str, str, bool, Any, Check]


def specs_of(ids: dict[str, dict[str, int]], districts: dict[str, str]) -> dict[str, list[Spec]]:
    district = district_name(districts)
    return {
        "sectors": [
            ("id", "id", True, None, uuid),
            ("name", "name", True, None, name),
            ("counts_for_legitimacy", "counts_for_legitimacy", False, True, boolean),
        ],
        "organisations": [
            ("id", "id", True, None, uuid),
            ("name", "name", True, None, name),
            (
                "sector_id",
                "sector_id",
                True,
                None,
                reference(ids["sectors"], N_("no sector with this id")),
            ),
        ],
        "participants": [
            ("id", "id", True, None, uuid),
            ("name", "name", True, None, name),
            (
                "sector_id",
                "sector_id",
                True,
                None,
                reference(ids["sectors"], N_("no sector with this id")),
            ),
            (
                "organisation_id",
                "organisation_id",
                False,
                None,
                reference(ids["organisations"], N_("no organisation with this id")),
            ),
            ("email", "email", False, None, text),
            ("phone", "phone", False, None, text),
            ("gender", "gender", False, None, optional_one_of(GENDERS)),
            ("district", "district_id", False, None, district),
            ("consent_named", "consent_named", False, False, boolean),
        ],
        "sessions": [
            ("id", "id", True, None, uuid),
            ("title", "title", True, None, name),
            ("date", "date", True, None, day),
            ("start", "start", False, None, clock_time),
            ("end", "end", False, None, clock_time),
            ("venue", "venue", False, "", text),
            ("district", "district_id", False, None, district),
            ("facilitator", "facilitator", False, "", text),
            ("status", "status", False, "planned", one_of(SESSION_STATUSES)),
        ],
        "agenda_items": [
            ("id", "id", True, None, uuid),
            (
                "session_id",
                "session_id",
                True,
                None,
                reference(ids["sessions"], N_("no session with this id")),
            ),
            ("position", "position", True, None, whole(-(2**31), 2**31 - 1)),
            ("title", "title", True, None, name),
            ("notes", "notes", False, "", text),
        ],
        "attendance": [
            (
                "session_id",
                "session_id",
                True,
                None,
                reference(ids["sessions"], N_("no session with this id")),
            ),
            (
                "participant_id",
                "participant_id",
                True,
                None,
                reference(ids["participants"], N_("no participant with this id")),
            ),
            ("present", "present", False, True, boolean),
        ],
        "guidelines": [
            ("id", "id", True, None, uuid),
            ("code", "code", True, None, name),
            ("title", "title", True, None, name),
            ("text", "text", False, "", text),
            ("axis", "axis", False, "", text),
            ("status", "status", False, "draft", one_of(GUIDELINE_STATUSES)),
        ],
        "positions": [
            ("id", "id", True, None, uuid),
            (
                "guideline_id",
                "guideline_id",
                True,
                None,
                reference(ids["guidelines"], N_("no guideline with this id")),
            ),
            (
                "session_id",
                "session_id",
                True,
                None,
                reference(ids["sessions"], N_("no session with this id")),
            ),
            (
                "sector_id",
                "sector_id",
                True,
                None,
                reference(ids["sectors"], N_("no sector with this id")),
            ),
            ("stance", "stance", True, None, one_of(STANCES)),
            ("note", "note", False, "", text),
            ("votes", "votes", False, None, votes),
        ],
    }
