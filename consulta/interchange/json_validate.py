"""Check a parsed interchange document and turn it into table rows, collecting every problem.

``parse_document(doc)`` walks the whole document once, in the order of the tables'
foreign keys (so every reference points to a kind already read), hands the rows to insert
to a sink as it goes (column names of ``consulta.store.models``, ids lower-cased, defaults
filled in, dates and times as Python objects; one list per column) and returns the
problems and warnings found, each with its JSON path (``positions[12].sector_id``).
The large kinds are checked a chunk at a time, column by column (``json_columns``); a
chunk with anything unusual is walked record by record, which words every problem.
Nothing here touches a file.

Rules beyond the format document, the same the services keep: names, titles and codes
are not blank; district names, sector names (accent- and case-insensitive) and guideline
codes (case-insensitive) are unique; a person attends a session once; a sector takes one
position per guideline and session; a session does not end before it starts; text holds
no NUL character. An optional key that is absent or null takes its default.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from consulta.domain.errors import Problem
from consulta.domain.model import derived_id
from consulta.domain.text import fold
from consulta.i18n import _, available_languages
from consulta.interchange.json_checks import (
    FORMAT,
    KINDS,
    LANGUAGE,
    TABLE_OF,
    TOP_KEYS,
    VOTE_KEYS,
    Bad,
    Spec,
    name,
    specs_of,
    text,
    uuid,
    whole,
)
from consulta.interchange.json_columns import Columns, chunk_columns, claim, rows_to_columns

Rows = list[dict[str, Any]]
# sink(table, columns, n): n checked rows of a table, one list per column.
Sink = Callable[[str, Columns, int], None]
STREAM = 10_000  # records checked (and handed to the sink) at a time


@dataclass
class Parsed:
    """How many rows every table has, and what was found wrong or ignored on the way."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


# -- the walk -----------------------------------------------------------------------------


class _Walk:
    def __init__(self, sink: Sink | None) -> None:
        self.out = Parsed()
        self.sink = sink
        # (where, key) -> [first path, count]
        self.unknown: dict[tuple[str, str], list[Any]] = {}

    def send(self, table: str, columns: Columns, n: int) -> None:
        """Count checked rows, and hand them to the sink while the document is sound."""
        self.out.counts[table] = self.out.counts.get(table, 0) + n
        if self.sink is not None and n and not self.out.problems:
            self.sink(table, columns, n)

    def problem(self, path: str, message: str) -> None:
        self.out.problems.append(Problem(path, message))

    def note_unknown(
        self, kind: str, path: str, record: dict[str, Any], known: frozenset[str]
    ) -> None:
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
                row[column] = check.one(value)
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
    return key if key.isidentifier() and key.isascii() else json.dumps(key)


def _consultation(walk: _Walk, doc: dict[str, Any]) -> dict[str, str]:
    """Check the consultation and its districts; returns district ids by name."""
    value = doc.get("consultation")
    if type(value) is not dict:
        message = _("required") if value is None else _("must be an object")
        walk.problem("consultation", message)
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
    walk.note_unknown(
        "consultation", "consultation", value, frozenset({s[0] for s in specs} | {"districts"})
    )
    language = row["language"]
    if not LANGUAGE(language):
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
            district = name.one(district)
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
    walk.send("consultation", rows_to_columns([row], list(row)), 1)
    walk.send("district", rows_to_columns(rows, ["id", "name"]), len(rows))
    return districts


# The kinds whose records must be unique by some of their columns besides the id.
UNIQUE_COLUMNS = {
    "attendance": ("session_id", "participant_id"),
    "positions": ("guideline_id", "session_id", "sector_id"),
}
# The kinds checked column by column when they can be (json_columns): the large ones.
# Sectors and guidelines have keys that need folding and sessions compare two columns;
# they are few, so they are always checked record by record.
QUICK = frozenset({"organisations", "participants", "agenda_items", "attendance", "positions"})

KeyOf = Callable[[dict[str, Any]], Any]


def _columns_key(columns: tuple[str, ...]) -> KeyOf:
    def key(row: dict[str, Any]) -> Any:
        values = tuple(row[c] for c in columns)
        return values if all(values) else None

    return key


def _unique_keys() -> dict[str, tuple[KeyOf, str]]:
    return {
        "sectors": (
            lambda r: fold(r["name"]) if r["name"] else None,
            _("another sector has this name"),
        ),
        "guidelines": (
            lambda r: r["code"].casefold() if r["code"] else None,
            _("another guideline has this code"),
        ),
        "attendance": (
            _columns_key(UNIQUE_COLUMNS["attendance"]),
            _("this participant is already listed as attending this session"),
        ),
        "positions": (
            _columns_key(UNIQUE_COLUMNS["positions"]),
            _("this sector already has a position on this guideline at this session"),
        ),
    }


def _kind(
    walk: _Walk,
    doc: dict[str, Any],
    kind: str,
    specs: list[Spec],
    ids: dict[str, int],
    unique: tuple[KeyOf, str] | None,
    quick: bool,
) -> None:
    items = doc.get(kind)
    if items is None:
        return
    if type(items) is not list:
        walk.problem(kind, _("must be a list"))
        return
    table = TABLE_OF[kind]
    known = frozenset(s[0] for s in specs)
    columns = [s[1] for s in specs]
    has_id = specs[0][0] == "id"
    keys: dict[Any, int] = {}
    key_columns = UNIQUE_COLUMNS.get(kind, ())
    quick = quick and kind in QUICK
    for start in range(0, len(items), STREAM):
        chunk = items[start : start + STREAM]
        checked = chunk_columns(chunk, specs, known) if quick else None
        if checked is not None and claim(
            checked, start, ids if has_id else None, keys if key_columns else None, key_columns
        ):
            walk.send(table, checked, len(chunk))
        else:
            rows = _records(walk, kind, chunk, start, specs, ids, keys, unique)
            walk.send(table, rows_to_columns(rows, columns), len(rows))


def _records(
    walk: _Walk,
    kind: str,
    chunk: list[Any],
    start: int,
    specs: list[Spec],
    ids: dict[str, int],
    keys: dict[Any, int],
    unique: tuple[KeyOf, str] | None,
) -> Rows:
    """Check records one by one (the chunk starts at ``start`` in the kind's list),
    reporting every problem; returns the rows of the sound ones."""
    rows: Rows = []
    known = frozenset(s[0] for s in specs)
    n_known = len(known)
    has_id = specs[0][0] == "id"
    problems = walk.out.problems
    unique_key, unique_message = unique if unique is not None else (None, "")
    sessions = kind == "sessions"
    positions = kind == "positions"
    for i, item in enumerate(chunk, start):
        if type(item) is not dict:
            walk.problem(f"{kind}[{i}]", _("must be an object"))
            continue
        before = len(problems)
        # The loop of _Walk.record, inlined: this runs for every record of the chunk.
        row: dict[str, Any] = {}
        for key, column, required, default, check in specs:
            value = item.get(key)
            if value is None:
                if required:
                    walk.problem(f"{kind}[{i}].{key}", _("required"))
                row[column] = default
                continue
            try:
                row[column] = check.one(value)
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
        if positions:
            votes = item.get("votes")
            if type(votes) is dict and len(votes) > len(VOTE_KEYS):
                walk.note_unknown("votes", f"{kind}[{i}].votes", votes, VOTE_KEYS)
        if len(problems) == before:
            rows.append(row)
    return rows


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
            Problem(
                "format",
                _(
                    "must be “{format}” (this is not a Consulta interchange document)",
                    format=FORMAT,
                ),
            )
        )
    version = doc.get("version")
    if type(version) is not int or version < 1:
        problems.append(
            Problem(
                "version",
                _("must be a whole number from 1 (found {value})", value=json_repr(version)),
            )
        )
    return problems


def json_repr(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "…"


def parse_document(
    doc: dict[str, Any],
    surrogates: bool = True,
    sink: Sink | None = None,
    quick: bool = True,
) -> Parsed:
    """Check a whole document (format and version already checked); ``surrogates=False``
    skips the search for lone surrogates when the source text cannot hold any.

    ``sink(table, columns, n)``, if given, receives the rows in foreign-key order, one
    list per column, as soon as they are checked, as long as no problem has been found
    (a writer can start early; it must be abandoned if the result has problems).
    ``quick=False`` checks every record one by one (the tests compare both ways).
    """
    walk = _Walk(sink)
    if surrogates:
        for key, value in doc.items():
            _surrogates(walk, value, _key_text(key))
    districts = _consultation(walk, doc)
    ids: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
    specs = specs_of(ids, districts)
    unique = _unique_keys()
    for kind in KINDS:
        _kind(walk, doc, kind, specs[kind], ids[kind], unique.get(kind), quick)
    for key in doc:
        if key not in TOP_KEYS:
            walk.unknown[("", key)] = [_key_text(key), 1]
    return walk.finish()
