"""Check a parsed interchange document and turn it into table rows, collecting every problem.

``parse_document(doc)`` walks the whole document once, in the order of the tables'
foreign keys (so every reference points to a kind already read), and returns the rows to
insert (column names of ``consulta.store.models``, ids lower-cased, defaults filled in,
dates and times as Python objects) with the problems and warnings found, each with its
JSON path (``positions[12].sector_id``). Nothing here touches a file.

Rules beyond the format document, the same the services keep: names, titles and codes
are not blank; district names, sector names (accent- and case-insensitive) and guideline
codes (case-insensitive) are unique; a person attends a session once; a sector takes one
position per guideline and session; a session does not end before it starts; text holds
no NUL character. An optional key that is absent or null takes its default.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from consulta.domain.errors import Problem
from consulta.domain.model import derived_id
from consulta.domain.text import fold
from consulta.i18n import _, available_languages

FORMAT = "consulta-interchange"
VERSION = 1
MAX_VOTES = 1_000_000

_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
).fullmatch
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}").fullmatch
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d").fullmatch
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*").fullmatch
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

Rows = list[dict[str, Any]]
Check = Callable[[Any], Any]


class Bad(Exception):
    """A value is wrong; ``sub`` extends the path (``.support`` inside ``votes``)."""

    def __init__(self, message: str, sub: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.sub = sub


@dataclass
class Parsed:
    """The rows of every table, and what was found wrong or ignored on the way."""

    rows: dict[str, Rows] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


# -- value checks (each returns the value to store, or raises Bad) ------------------------


def text(value: Any) -> str:
    if type(value) is not str:
        raise Bad(_("must be a string"))
    if "\x00" in value:
        raise Bad(_("must not contain the NUL character"))
    return value


def name(value: Any) -> str:
    value = text(value)
    if not value.strip():
        raise Bad(_("must not be empty"))
    return value


def boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise Bad(_("must be true or false"))
    return value


def uuid(value: Any) -> str:
    if type(value) is not str or not _UUID(value):
        raise Bad(_("not a UUID (like 3f2b8c1e-0d4a-4e7b-9c55-1a2b3c4d5e6f)"))
    return value.lower()


def day(value: Any) -> date:
    if type(value) is str and _DATE(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise Bad(_("not a date (YYYY-MM-DD)"))


def clock_time(value: Any) -> time:
    if type(value) is not str or not _TIME(value):
        raise Bad(_("not a time (HH:MM, 24-hour)"))
    return time(int(value[:2]), int(value[3:]))


def one_of(choices: tuple[str, ...]) -> Check:
    allowed = frozenset(choices)
    listed = ", ".join(choices)

    def check(value: Any) -> str:
        if type(value) is not str or value not in allowed:
            raise Bad(_("must be one of {choices}", choices=listed))
        return value

    return check


def optional_one_of(choices: tuple[str, ...]) -> Check:
    allowed = frozenset(choices)
    listed = ", ".join(choices)

    def check(value: Any) -> str:
        if type(value) is not str or value not in allowed:
            raise Bad(_("must be one of {choices} or null", choices=listed))
        return value

    return check


def whole(low: int, high: int) -> Check:
    def check(value: Any) -> int:
        if type(value) is not int or not low <= value <= high:
            raise Bad(_("must be a whole number from {low} to {high}", low=low, high=high))
        return value

    return check


def reference(ids: dict[str, int], kind_label: str) -> Check:
    """An id that must name a record already read (``ids`` fills up as records are read)."""

    def check(value: Any) -> str:
        if value in ids:  # the common case: an id exactly as read (so already checked)
            return value  # type: ignore[no-any-return]
        value = uuid(value)
        if value not in ids:
            raise Bad(_("no {kind} with this id", kind=kind_label))
        return value

    return check


def district_name(names: dict[str, str]) -> Check:
    """A district name listed in the consultation; returns the district's id."""

    def check(value: Any) -> str:
        if type(value) is not str:
            raise Bad(_("must be a string or null"))
        found = names.get(value)
        if found is None:
            raise Bad(_("“{name}” is not in consultation.districts", name=value))
        return found

    return check


_VOTE_KEYS = ("support", "support_with_reservations", "oppose", "abstain")


def votes(value: Any) -> tuple[int, int, int, int]:
    if type(value) is not dict:
        raise Bad(_("must be an object with the four counts, or null"))
    counts = []
    for key in _VOTE_KEYS:
        n = value.get(key)
        if n is None:
            raise Bad(_("required"), "." + key)
        if type(n) is not int or not 0 <= n <= MAX_VOTES:
            raise Bad(
                _("must be a whole number from 0 to {high}", high=MAX_VOTES), "." + key
            )
        counts.append(n)
    return counts[0], counts[1], counts[2], counts[3]


# -- record specs: (key, column, required, default, check) --------------------------------

Spec = tuple[str, str, bool, Any, Check]


def _specs(ids: dict[str, dict[str, int]], districts: dict[str, str]) -> dict[str, list[Spec]]:
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
            ("sector_id", "sector_id", True, None, reference(ids["sectors"], _("sector"))),
        ],
        "participants": [
            ("id", "id", True, None, uuid),
            ("name", "name", True, None, name),
            ("sector_id", "sector_id", True, None, reference(ids["sectors"], _("sector"))),
            (
                "organisation_id",
                "organisation_id",
                False,
                None,
                reference(ids["organisations"], _("organisation")),
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
            ("session_id", "session_id", True, None, reference(ids["sessions"], _("session"))),
            ("position", "position", True, None, whole(-(2**31), 2**31 - 1)),
            ("title", "title", True, None, name),
            ("notes", "notes", False, "", text),
        ],
        "attendance": [
            ("session_id", "session_id", True, None, reference(ids["sessions"], _("session"))),
            (
                "participant_id",
                "participant_id",
                True,
                None,
                reference(ids["participants"], _("participant")),
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
                reference(ids["guidelines"], _("guideline")),
            ),
            ("session_id", "session_id", True, None, reference(ids["sessions"], _("session"))),
            ("sector_id", "sector_id", True, None, reference(ids["sectors"], _("sector"))),
            ("stance", "stance", True, None, one_of(STANCES)),
            ("note", "note", False, "", text),
            ("votes", "votes", False, None, votes),
        ],
    }


# -- the walk -----------------------------------------------------------------------------


class _Walk:
    def __init__(self) -> None:
        self.out = Parsed()
        # (where, key) -> [first path, count]
        self.unknown: dict[tuple[str, str], list[Any]] = {}

    def problem(self, path: str, message: str) -> None:
        self.out.problems.append(Problem(path, message))

    def note_unknown(self, kind: str, path: str, record: dict[str, Any], known: frozenset[str]) -> None:
        for key in record:
            if key not in known:
                seen = self.unknown.get((kind, key))
                if seen is None:
                    self.unknown[(kind, key)] = [f"{path}.{_key_text(key)}", 1]
                else:
                    seen[1] += 1

    def record(self, path: str, record: dict[str, Any], specs: list[Spec]) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for key, column, required, default, check in specs:
            value = record.get(key)
            if value is None:
                if required:
                    self.problem(f"{path}.{key}", _("required"))
                row[column] = default
                continue
            try:
                row[column] = check(value)
            except Bad as bad:
                self.problem(f"{path}.{key}{bad.sub}", bad.message)
                row[column] = default
        return row

    def finish(self) -> Parsed:
        for (_kind, _key), (path, count) in self.unknown.items():
            message = (
                _("unknown key, ignored")
                if count == 1
                else _("unknown key, ignored (in {count} records)", count=count)
            )
            self.out.warnings.append(Problem(path, message))
        return self.out


def _key_text(key: str) -> str:
    """A key as it can be printed in a path (quoted when it is not a plain word)."""
    import json

    return key if key.isidentifier() and key.isascii() else json.dumps(key)


def _consultation(walk: _Walk, doc: dict[str, Any]) -> dict[str, str]:
    """Check the consultation and its districts; returns district ids by name."""
    value = doc.get("consultation")
    if type(value) is not dict:
        message = _("required") if value is None else _("must be an object")
        walk.problem("consultation", message)
        walk.out.rows["consultation"] = []
        walk.out.rows["district"] = []
        return {}
    specs: list[Spec] = [
        ("id", "id", True, None, uuid),
        ("title", "title", True, None, name),
        ("territory", "territory", False, "", text),
        ("language", "language", False, "en", text),
        ("description", "description", False, "", text),
        ("quorum_sectors", "quorum_sectors", False, None, whole(1, 10_000)),
    ]
    row = walk.record("consultation", value, specs)
    walk.out.rows["consultation"] = [row]
    walk.note_unknown(
        "consultation", "consultation", value, frozenset({s[0] for s in specs} | {"districts"})
    )
    language = row["language"]
    if not _LANGUAGE(language):
        walk.problem("consultation.language", _("not a language code (like es or pt-BR)"))
    elif language.lower() not in available_languages():
        walk.out.warnings.append(
            Problem(
                "consultation.language",
                _("no translation for “{code}” yet; documents will be in English", code=language),
            )
        )
    names = value.get("districts")
    if names is None:
        names = []
    elif type(names) is not list:
        walk.problem("consultation.districts", _("must be a list of names"))
        names = []
    consultation_id = row["id"] or ""
    districts: dict[str, str] = {}
    rows: Rows = []
    for i, district in enumerate(names):
        try:
            district = name(district)
        except Bad as bad:
            walk.problem(f"consultation.districts[{i}]", bad.message)
            continue
        if district in districts:
            walk.problem(
                f"consultation.districts[{i}]", _("“{name}” is listed twice", name=district)
            )
            continue
        districts[district] = derived_id("district", consultation_id, district)
        rows.append({"id": districts[district], "name": district})
    walk.out.rows["district"] = rows
    return districts


# Per kind: its table, and the keys that must be unique besides the id (with the message).
TABLES = {
    "sectors": "sector",
    "organisations": "organisation",
    "participants": "participant",
    "sessions": "session",
    "agenda_items": "agenda_item",
    "attendance": "attendance",
    "guidelines": "guideline",
    "positions": "position",
}


def _unique_keys() -> dict[str, tuple[Callable[[dict[str, Any]], Any], str]]:
    return {
        "sectors": (lambda r: fold(r["name"]) if r["name"] else None, _("another sector has this name")),
        "guidelines": (
            lambda r: r["code"].casefold() if r["code"] else None,
            _("another guideline has this code"),
        ),
        "attendance": (
            lambda r: (r["session_id"], r["participant_id"]) if r["session_id"] and r["participant_id"] else None,
            _("this participant is already listed as attending this session"),
        ),
        "positions": (
            lambda r: (r["guideline_id"], r["session_id"], r["sector_id"])
            if r["guideline_id"] and r["session_id"] and r["sector_id"]
            else None,
            _("this sector already has a position on this guideline at this session"),
        ),
    }


def _kind(
    walk: _Walk,
    doc: dict[str, Any],
    kind: str,
    specs: list[Spec],
    ids: dict[str, int],
    unique: tuple[Callable[[dict[str, Any]], Any], str] | None,
) -> None:
    items = doc.get(kind)
    rows: Rows = []
    walk.out.rows[TABLES[kind]] = rows
    if items is None:
        return
    if type(items) is not list:
        walk.problem(kind, _("must be a list"))
        return
    known = frozenset(s[0] for s in specs)
    n_known = len(known)
    has_id = specs[0][0] == "id"
    keys: dict[Any, int] = {}
    problems = walk.out.problems
    unique_key, unique_message = unique if unique is not None else (None, "")
    sessions = kind == "sessions"
    for i, item in enumerate(items):
        if type(item) is not dict:
            walk.problem(f"{kind}[{i}]", _("must be an object"))
            continue
        before = len(problems)
        # The loop of _Walk.record, inlined: this runs for every record of the document.
        row: dict[str, Any] = {}
        for key, column, required, default, check in specs:
            value = item.get(key)
            if value is None:
                if required:
                    walk.problem(f"{kind}[{i}].{key}", _("required"))
                row[column] = default
                continue
            try:
                row[column] = check(value)
            except Bad as bad:
                walk.problem(f"{kind}[{i}].{key}{bad.sub}", bad.message)
                row[column] = default
        if has_id and row["id"]:
            first = ids.setdefault(row["id"], i)
            if first != i:
                walk.problem(
                    f"{kind}[{i}].id",
                    _("duplicate id (also {kind}[{index}])", kind=kind, index=first),
                )
        if unique_key is not None:
            key = unique_key(row)
            if key is not None:
                first = keys.setdefault(key, i)
                if first != i:
                    walk.problem(f"{kind}[{i}]", f"{unique_message} ({kind}[{first}])")
        if sessions and row["start"] and row["end"] and row["end"] < row["start"]:
            walk.problem(f"{kind}[{i}].end", _("the session ends before it starts"))
        if len(item) > n_known or not known.issuperset(item):
            walk.note_unknown(kind, f"{kind}[{i}]", item, known)
        if len(problems) == before:
            rows.append(row)


def _surrogates(walk: _Walk, value: Any, path: str) -> None:
    """Report strings that cannot be stored (lone UTF-16 surrogates from ``\\ud800``)."""
    if type(value) is str:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            walk.problem(path, _("contains an invalid character (a lone surrogate)"))
    elif type(value) is dict:
        for key, item in value.items():
            _surrogates(walk, key, f"{path}.{_key_text(key)}")
            _surrogates(walk, item, f"{path}.{_key_text(key)}")
    elif type(value) is list:
        for i, item in enumerate(value):
            _surrogates(walk, item, f"{path}[{i}]")


def check_header(doc: dict[str, Any]) -> list[Problem]:
    """The format and version; a document that fails here is not read further."""
    problems = []
    if doc.get("format") != FORMAT:
        problems.append(
            Problem("format", _("must be “{format}” (this is not a Consulta interchange document)", format=FORMAT))
        )
    version = doc.get("version")
    if type(version) is not int or version < 1:
        problems.append(Problem("version", _("must be a whole number from 1 (found {value})", value=json_repr(version))))
    return problems


def json_repr(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "…"


def parse_document(doc: dict[str, Any], surrogates: bool = True) -> Parsed:
    """Check a whole document (format and version already checked); ``surrogates=False``
    skips the search for lone surrogates when the source text cannot hold any."""
    walk = _Walk()
    if surrogates:
        for key, value in doc.items():
            _surrogates(walk, value, _key_text(key))
    districts = _consultation(walk, doc)
    ids: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
    specs = _specs(ids, districts)
    unique = _unique_keys()
    for kind in KINDS:
        _kind(walk, doc, kind, specs[kind], ids[kind], unique.get(kind))
    for key in doc:
        if key not in TOP_KEYS:
            walk.unknown[("", key)] = [_key_text(key), 1]
    return walk.finish()
