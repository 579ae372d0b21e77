"""Documents for the interchange tests: a small valid one, a hypothesis strategy of valid
ones (any script, markup, formulas, long text, nulls, absent keys, upper-case ids), and
the normal form an export of a document must have."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from hypothesis import strategies as st

from consulta.domain.text import fold

Doc = dict[str, Any]

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


def base_doc() -> Doc:
    """A small, valid document with one or two records of every kind."""
    s1, s2 = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
    org = "33333333-3333-4333-8333-333333333333"
    p1, p2 = "44444444-4444-4444-8444-444444444444", "55555555-5555-4555-8555-555555555555"
    ses = "66666666-6666-4666-8666-666666666666"
    g1 = "77777777-7777-4777-8777-777777777777"
    return {
        "format": "consulta-interchange",
        "version": 1,
        "consultation": {
            "id": "00000000-0000-4000-8000-000000000000",
            "title": "Estrategia de internacionalización",
            "territory": "Ciudad",
            "language": "es",
            "description": "",
            "quorum_sectors": None,
            "districts": ["Centro", "Norte"],
        },
        "sectors": [
            {"id": s1, "name": "Academia", "counts_for_legitimacy": True},
            {"id": s2, "name": "Medios", "counts_for_legitimacy": False},
        ],
        "organisations": [{"id": org, "name": "Universidad", "sector_id": s1}],
        "participants": [
            {
                "id": p1,
                "name": "Ana Núñez",
                "sector_id": s1,
                "organisation_id": org,
                "email": "ana@example.org",
                "phone": None,
                "gender": "female",
                "district": "Norte",
                "consent_named": True,
            },
            {
                "id": p2,
                "name": "Luis Pérez",
                "sector_id": s2,
                "organisation_id": None,
                "email": None,
                "phone": "+34 600",
                "gender": None,
                "district": None,
                "consent_named": False,
            },
        ],
        "sessions": [
            {
                "id": ses,
                "title": "Mesa 1",
                "date": "2026-03-14",
                "start": "10:00",
                "end": "12:00",
                "venue": "Casa",
                "district": "Norte",
                "facilitator": "Eva",
                "status": "closed",
            },
        ],
        "agenda_items": [
            {
                "id": "88888888-8888-4888-8888-888888888888",
                "session_id": ses,
                "position": 1,
                "title": "Apertura",
                "notes": "Notas",
            },
        ],
        "attendance": [
            {"session_id": ses, "participant_id": p1, "present": True},
            {"session_id": ses, "participant_id": p2, "present": False},
        ],
        "guidelines": [
            {
                "id": g1,
                "code": "G-01",
                "title": "Promoción",
                "text": "…",
                "axis": "Eje",
                "status": "agreed",
            },
        ],
        "positions": [
            {
                "id": "99999999-9999-4999-8999-999999999999",
                "guideline_id": g1,
                "session_id": ses,
                "sector_id": s1,
                "stance": "support",
                "note": "",
                "votes": {"support": 3, "support_with_reservations": 1, "oppose": 0, "abstain": 0},
            },
            {
                "id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
                "guideline_id": g1,
                "session_id": ses,
                "sector_id": s2,
                "stance": "oppose",
                "note": "No.",
                "votes": None,
            },
        ],
    }


# -- the strategy -------------------------------------------------------------------------

_chars = st.characters(codec="utf-8", exclude_characters="\x00")
_SPECIAL = (
    "<b>bold</b> & <script>alert(1)</script>",
    "=SUM(A1:A9)",
    "$E = mc^2$ ∑∫√∞",
    "'; DROP TABLE participant; --",
    "שלום עולם \u202e ltr",
    "👩‍👩‍👧 🇺🇾 ﷽",
    "日本語の文章、中文，한국어",
    "line one\nline two\ttab\r\n",
    " leading and trailing ",
    "\\u0000 not a nul",
)
texts = st.one_of(
    st.text(_chars, max_size=30),
    st.sampled_from(_SPECIAL),
    st.builds(lambda s, n: s * n, st.text(_chars, min_size=1, max_size=5), st.integers(200, 3000)),
)
names = texts.filter(lambda s: s.strip() != "")
ids = st.uuids().map(str)


def _maybe_upper(draw: st.DrawFn, value: str) -> str:
    return value.upper() if draw(st.integers(0, 9)) == 0 else value


def _put(draw: st.DrawFn, record: Doc, key: str, value: Any) -> None:
    """Set an optional key, or leave it absent, or (when the value is a default) null."""
    choice = draw(st.integers(0, 6))
    if choice == 0:
        return  # absent: read as the default
    record[key] = None if choice == 1 else value


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    districts = draw(st.lists(names, max_size=4, unique=True))
    consultation: Doc = {"id": _maybe_upper(draw, draw(ids)), "title": draw(names)}
    _put(draw, consultation, "territory", draw(texts))
    _put(draw, consultation, "language", draw(st.sampled_from(["en", "es"])))
    _put(draw, consultation, "description", draw(texts))
    _put(draw, consultation, "quorum_sectors", draw(st.none() | st.integers(1, 9)))
    if districts or draw(st.booleans()):
        consultation["districts"] = districts
    doc: Doc = {"format": "consulta-interchange", "version": 1, "consultation": consultation}
    sector_names = draw(st.lists(names, min_size=1, max_size=4, unique_by=fold))
    doc["sectors"] = []
    for sector_name in sector_names:
        record = {"id": draw(ids), "name": sector_name}
        _put(draw, record, "counts_for_legitimacy", draw(st.booleans()))
        doc["sectors"].append(record)
    sector_ids = [r["id"] for r in doc["sectors"]]
    doc["organisations"] = [
        {"id": draw(ids), "name": draw(names), "sector_id": draw(st.sampled_from(sector_ids))}
        for _ in range(draw(st.integers(0, 3)))
    ]
    org_ids = [r["id"] for r in doc["organisations"]]
    district_or_none = st.none() | st.sampled_from(districts) if districts else st.none()
    doc["participants"] = []
    for _ in range(draw(st.integers(0, 5))):
        record = {
            "id": draw(ids),
            "name": draw(names),
            "sector_id": draw(st.sampled_from(sector_ids)),
        }
        _put(
            draw,
            record,
            "organisation_id",
            draw(st.none() | st.sampled_from(org_ids)) if org_ids else None,
        )
        _put(draw, record, "email", draw(st.none() | texts))
        _put(draw, record, "phone", draw(st.none() | texts))
        _put(draw, record, "gender", draw(st.sampled_from(["female", "male", "other", None])))
        _put(draw, record, "district", draw(district_or_none))
        _put(draw, record, "consent_named", draw(st.booleans()))
        doc["participants"].append(record)
    doc["sessions"] = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.none() | st.times().map(lambda t: f"{t.hour:02d}:{t.minute:02d}"))
        end = draw(st.none() | st.times().map(lambda t: f"{t.hour:02d}:{t.minute:02d}"))
        if start and end and end < start:
            start, end = end, start
        record = {"id": draw(ids), "title": draw(names), "date": draw(st.dates()).isoformat()}
        _put(draw, record, "start", start)
        _put(draw, record, "end", end)
        _put(draw, record, "venue", draw(texts))
        _put(draw, record, "district", draw(district_or_none))
        _put(draw, record, "facilitator", draw(texts))
        _put(draw, record, "status", draw(st.sampled_from(["planned", "held", "closed"])))
        doc["sessions"].append(record)
    session_ids = [r["id"] for r in doc["sessions"]]
    doc["agenda_items"] = []
    if session_ids:
        for _ in range(draw(st.integers(0, 4))):
            record = {
                "id": draw(ids),
                "session_id": draw(st.sampled_from(session_ids)),
                "position": draw(st.integers(-3, 1000)),
                "title": draw(names),
            }
            _put(draw, record, "notes", draw(texts))
            doc["agenda_items"].append(record)
    participant_ids = [r["id"] for r in doc["participants"]]
    pairs = [(s, p) for s in session_ids for p in participant_ids]
    doc["attendance"] = []
    for s, p in draw(st.lists(st.sampled_from(pairs), unique=True, max_size=6)) if pairs else []:
        record = {"session_id": _maybe_upper(draw, s), "participant_id": p}
        _put(draw, record, "present", draw(st.booleans()))
        doc["attendance"].append(record)
    codes = draw(st.lists(names, max_size=3, unique_by=str.casefold))
    doc["guidelines"] = []
    for code in codes:
        record = {"id": draw(ids), "code": code, "title": draw(names)}
        _put(draw, record, "text", draw(texts))
        _put(draw, record, "axis", draw(texts))
        _put(
            draw,
            record,
            "status",
            draw(st.sampled_from(["draft", "under_discussion", "agreed", "rejected", "withdrawn"])),
        )
        doc["guidelines"].append(record)
    triples = [(g["id"], s, c) for g in doc["guidelines"] for s in session_ids for c in sector_ids]
    doc["positions"] = []
    for g, s, c in (
        draw(st.lists(st.sampled_from(triples), unique=True, max_size=6)) if triples else []
    ):
        record = {
            "id": draw(ids),
            "guideline_id": g,
            "session_id": s,
            "sector_id": c,
            "stance": draw(
                st.sampled_from(["support", "support_with_reservations", "oppose", "abstain"])
            ),
        }
        _put(draw, record, "note", draw(texts))
        _put(
            draw,
            record,
            "votes",
            draw(
                st.none()
                | st.fixed_dictionaries(
                    {
                        k: st.integers(0, 1_000_000)
                        for k in ("support", "support_with_reservations", "oppose", "abstain")
                    }
                )
            ),
        )
        doc["positions"].append(record)
    for kind in KINDS:  # an empty kind may also be left out
        if not doc[kind] and draw(st.booleans()):
            del doc[kind]
    return doc


# -- the normal form: what exporting the imported document must give ---------------------

_DEFAULTS: dict[str, dict[str, Any]] = {
    "sectors": {"counts_for_legitimacy": True},
    "organisations": {},
    "participants": {
        "organisation_id": None,
        "email": None,
        "phone": None,
        "gender": None,
        "district": None,
        "consent_named": False,
    },
    "sessions": {
        "start": None,
        "end": None,
        "venue": "",
        "district": None,
        "facilitator": "",
        "status": "planned",
    },
    "agenda_items": {"notes": ""},
    "attendance": {"present": True},
    "guidelines": {"text": "", "axis": "", "status": "draft"},
    "positions": {"note": "", "votes": None},
}
_ID_KEYS = ("id", "sector_id", "organisation_id", "session_id", "participant_id", "guideline_id")


def normalised(doc: Doc) -> Doc:
    """The document as an export writes it: defaults filled in, ids lower-case,
    districts sorted, sectors in document order, attendance by session and participant,
    every other kind by id."""
    doc = copy.deepcopy(doc)
    c = doc["consultation"]
    consultation = {
        "id": c["id"].lower(),
        "title": c["title"],
        "territory": c.get("territory") or "",
        "language": c.get("language") or "en",
        "description": c.get("description") or "",
        "quorum_sectors": c.get("quorum_sectors"),
        "districts": sorted(c.get("districts") or []),
    }
    out: Doc = {"format": "consulta-interchange", "version": 1, "consultation": consultation}
    for kind in KINDS:
        records = []
        for record in doc.get(kind) or []:
            full = {**_DEFAULTS[kind], **{k: v for k, v in record.items() if v is not None}}
            for key in _ID_KEYS:
                if isinstance(full.get(key), str):
                    full[key] = full[key].lower()
            records.append(full)
        if kind == "attendance":
            records.sort(key=lambda r: (r["session_id"], r["participant_id"]))
        elif kind != "sectors":
            records.sort(key=lambda r: r["id"])
        out[kind] = records
    return out


def new_uuid() -> str:
    return str(uuid.uuid4())
