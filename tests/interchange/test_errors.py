"""Every class of error in a document: each is reported with its JSON path, every error
is reported, and nothing is written (no target, no temporary file)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from consulta.domain.errors import FileError, FileFormatError, InvalidDocumentError, UserError
from consulta.interchange import import_json

from .documents import Doc, base_doc


def _problems(tmp_path: Path, doc: Any) -> list[str]:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    target = tmp_path / "out.consulta"
    with pytest.raises(InvalidDocumentError) as caught:
        import_json(source, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]  # nothing written
    assert str(caught.value)  # a readable message
    return [str(p) for p in caught.value.problems]


def _has(problems: list[str], path: str, words: str) -> None:
    matching = [p for p in problems if p.startswith(path + ": ")]
    assert matching, f"no problem at {path} in {problems}"
    assert any(words in p for p in matching), f"{words!r} not in {matching}"


def _set(path: Callable[[Doc], None]) -> Doc:
    doc = base_doc()
    path(doc)
    return doc


CASES: list[tuple[str, Callable[[Doc], None], str, str]] = [
    (
        "reference given as an object",
        lambda d: d["organisations"][0].update(sector_id={"id": d["sectors"][0]["id"]}),
        "organisations[0].sector_id",
        "not a UUID",
    ),
    (
        "reference given as a list",
        lambda d: d["positions"][0].update(session_id=[d["sessions"][0]["id"]]),
        "positions[0].session_id",
        "not a UUID",
    ),
    (
        "district given as a list",
        lambda d: d["participants"][0].update(district=["Norte"]),
        "participants[0].district",
        "must be a string",
    ),
    (
        "unknown sector",
        lambda d: d["positions"][1].update(sector_id="bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"),
        "positions[1].sector_id",
        "no sector with this id",
    ),
    (
        "unknown guideline",
        lambda d: d["positions"][0].update(guideline_id=d["sectors"][0]["id"]),
        "positions[0].guideline_id",
        "no guideline with this id",
    ),
    (
        "unknown session",
        lambda d: d["attendance"][0].update(session_id=d["participants"][0]["id"]),
        "attendance[0].session_id",
        "no session with this id",
    ),
    (
        "unknown participant",
        lambda d: d["attendance"][1].update(participant_id=d["sessions"][0]["id"]),
        "attendance[1].participant_id",
        "no participant with this id",
    ),
    (
        "unknown organisation",
        lambda d: d["participants"][1].update(organisation_id=d["sectors"][0]["id"]),
        "participants[1].organisation_id",
        "no organisation with this id",
    ),
    (
        "bad date",
        lambda d: d["sessions"][0].update(date="14/03/2026"),
        "sessions[0].date",
        "not a date (YYYY-MM-DD)",
    ),
    (
        "impossible date",
        lambda d: d["sessions"][0].update(date="2026-02-30"),
        "sessions[0].date",
        "not a date",
    ),
    (
        "bad time",
        lambda d: d["sessions"][0].update(start="25:00"),
        "sessions[0].start",
        "not a time (HH:MM",
    ),
    (
        "time with seconds",
        lambda d: d["sessions"][0].update(end="12:00:00"),
        "sessions[0].end",
        "not a time",
    ),
    (
        "end before start",
        lambda d: d["sessions"][0].update(start="12:30", end="12:00"),
        "sessions[0].end",
        "ends before it starts",
    ),
    (
        "bad gender",
        lambda d: d["participants"][0].update(gender="f"),
        "participants[0].gender",
        "must be one of female, male, other or null",
    ),
    (
        "wrong type of text",
        lambda d: d["sectors"][0].update(name=5),
        "sectors[0].name",
        "must be a string",
    ),
    (
        "wrong type of bool",
        lambda d: d["participants"][0].update(consent_named="yes"),
        "participants[0].consent_named",
        "must be true or false",
    ),
    (
        "number as bool",
        lambda d: d["attendance"][0].update(present=1),
        "attendance[0].present",
        "must be true or false",
    ),
    (
        "wrong type of position",
        lambda d: d["agenda_items"][0].update(position="1"),
        "agenda_items[0].position",
        "whole number",
    ),
    ("kind not a list", lambda d: d.update(sectors={"a": 1}), "sectors", "must be a list"),
    (
        "record not an object",
        lambda d: d["participants"].append("Ana"),
        "participants[2]",
        "must be an object",
    ),
    (
        "consultation not an object",
        lambda d: d.update(consultation=[]),
        "consultation",
        "must be an object",
    ),
    (
        "missing required key",
        lambda d: d["organisations"][0].pop("name"),
        "organisations[0].name",
        "required",
    ),
    (
        "null required key",
        lambda d: d["guidelines"][0].update(code=None),
        "guidelines[0].code",
        "required",
    ),
    (
        "blank name",
        lambda d: d["participants"][0].update(name="   "),
        "participants[0].name",
        "must not be empty",
    ),
    ("missing id", lambda d: d["sessions"][0].pop("id"), "sessions[0].id", "required"),
    (
        "duplicate id",
        lambda d: d["participants"][1].update(id=d["participants"][0]["id"]),
        "participants[1].id",
        "duplicate id (also participants[0])",
    ),
    (
        "duplicate id, other case",
        lambda d: d["participants"][1].update(id=d["participants"][0]["id"].upper()),
        "participants[1].id",
        "duplicate id",
    ),
    ("bad uuid", lambda d: d["sectors"][0].update(id="not-a-uuid"), "sectors[0].id", "not a UUID"),
    (
        "bad uuid reference",
        lambda d: d["organisations"][0].update(sector_id="123"),
        "organisations[0].sector_id",
        "not a UUID",
    ),
    (
        "district not listed",
        lambda d: d["participants"][0].update(district="Sur"),
        "participants[0].district",
        "not in consultation.districts",
    ),
    (
        "session district not listed",
        lambda d: d["sessions"][0].update(district="centro"),
        "sessions[0].district",
        "not in consultation.districts",
    ),
    (
        "district listed twice",
        lambda d: d["consultation"]["districts"].append("Norte"),
        "consultation.districts[2]",
        "listed twice",
    ),
    (
        "districts not a list",
        lambda d: d["consultation"].update(districts="Norte"),
        "consultation.districts",
        "must be a list",
    ),
    (
        "negative votes",
        lambda d: d["positions"][0]["votes"].update(oppose=-1),
        "positions[0].votes.oppose",
        "whole number from 0",
    ),
    (
        "fractional votes",
        lambda d: d["positions"][0]["votes"].update(support=1.5),
        "positions[0].votes.support",
        "whole number",
    ),
    (
        "boolean votes",
        lambda d: d["positions"][0]["votes"].update(abstain=True),
        "positions[0].votes.abstain",
        "whole number",
    ),
    (
        "missing vote count",
        lambda d: d["positions"][0]["votes"].pop("abstain"),
        "positions[0].votes.abstain",
        "required",
    ),
    (
        "votes not an object",
        lambda d: d["positions"][1].update(votes=[1, 2, 3, 4]),
        "positions[1].votes",
        "must be an object",
    ),
    (
        "unknown stance",
        lambda d: d["positions"][0].update(stance="yes"),
        "positions[0].stance",
        "must be one of support, support_with_reservations, oppose, abstain",
    ),
    (
        "unknown session status",
        lambda d: d["sessions"][0].update(status="open"),
        "sessions[0].status",
        "must be one of planned, held, closed",
    ),
    (
        "unknown guideline status",
        lambda d: d["guidelines"][0].update(status="approved"),
        "guidelines[0].status",
        "must be one of draft, under_discussion",
    ),
    (
        "duplicate attendance",
        lambda d: d["attendance"][1].update(participant_id=d["participants"][0]["id"]),
        "attendance[1]",
        "already listed as attending",
    ),
    (
        "duplicate position",
        lambda d: d["positions"][1].update(sector_id=d["sectors"][0]["id"]),
        "positions[1]",
        "already has a position",
    ),
    (
        "duplicate guideline code",
        lambda d: d["guidelines"].append(
            {**d["guidelines"][0], "id": "cccccccc-cccc-4ccc-8ccc-cccccccccccc", "code": "g-01"}
        ),
        "guidelines[1]",
        "another guideline has this code",
    ),
    (
        "duplicate sector name",
        lambda d: d["sectors"][1].update(name="ACADÉMIA"),
        "sectors[1]",
        "another sector has this name",
    ),
    (
        "NUL character",
        lambda d: d["guidelines"][0].update(text="a\x00b"),
        "guidelines[0].text",
        "NUL",
    ),
    (
        "quorum zero",
        lambda d: d["consultation"].update(quorum_sectors=0),
        "consultation.quorum_sectors",
        "whole number from 1",
    ),
    (
        "bad language",
        lambda d: d["consultation"].update(language="español!"),
        "consultation.language",
        "not a language code",
    ),
    ("missing title", lambda d: d["consultation"].pop("title"), "consultation.title", "required"),
    ("missing consultation", lambda d: d.pop("consultation"), "consultation", "required"),
    ("wrong format", lambda d: d.update(format="other"), "format", "consulta-interchange"),
    ("missing version", lambda d: d.pop("version"), "version", "whole number"),
    ("version as text", lambda d: d.update(version="1"), "version", "whole number"),
]


@pytest.mark.parametrize(
    ("path", "words", "change"), [(c[2], c[3], c[1]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_error_is_reported_with_its_path(
    tmp_path: Path, path: str, words: str, change: Callable[[Doc], None]
) -> None:
    _has(_problems(tmp_path, _set(change)), path, words)


def test_every_error_is_reported_not_just_the_first(tmp_path: Path) -> None:
    doc = base_doc()
    doc["sessions"][0]["date"] = "tomorrow"
    doc["participants"][0]["gender"] = "x"
    template = doc["positions"][0]
    doc["positions"] = [
        {**template, "id": f"{k:08x}-0000-4000-8000-000000000000", "stance": "maybe"}
        for k in range(120)
    ]
    problems = _problems(tmp_path, doc)
    assert len(problems) == 2 + 120 + 119  # bad stance ×120, duplicate triple ×119
    _has(problems, "sessions[0].date", "not a date")
    _has(problems, "positions[119].stance", "must be one of")


@pytest.mark.parametrize("escape", ["\\ud800", "\\uDBFF", "\\udC00"])
def test_a_lone_surrogate_is_reported(tmp_path: Path, escape: str) -> None:
    source = tmp_path / "in.json"
    text = json.dumps(base_doc()).replace('"Mesa 1"', f'"Mesa {escape} 1"')
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocumentError) as caught:
        import_json(source, tmp_path / "out.consulta")
    assert [str(p) for p in caught.value.problems] == [
        "sessions[0].title: contains an invalid character (a lone surrogate)"
    ]
    assert not (tmp_path / "out.consulta").exists()


def test_a_newer_version_is_refused_clearly(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps({**base_doc(), "version": 2}), encoding="utf-8")
    with pytest.raises(FileFormatError, match=r"version 2.*up to version 1.*Update Consulta"):
        import_json(source, tmp_path / "out.consulta")
    assert not (tmp_path / "out.consulta").exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{\n "format": "consulta-interchange",\n "version": 1,,\n}', "line 3, column"),
        (b"", "not valid JSON"),
        ('{"title": "Año"}'.encode("latin-1"), "not UTF-8"),
        (b"[1, 2, 3]", "not a Consulta interchange document"),
        (b'"just a string"', "not a Consulta interchange document"),
        (b'{"version": NaN}', "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
    ids=["syntax", "empty", "latin-1", "array", "string", "nan", "deep"],
)
def test_unreadable_documents_are_refused_clearly(
    tmp_path: Path, content: bytes, words: str
) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(content)
    with pytest.raises(UserError, match=words):
        import_json(source, tmp_path / "out.consulta")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


def test_a_missing_source_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="does not exist"):
        import_json(tmp_path / "nope.json", tmp_path / "out.consulta")


def test_unknown_keys_are_ignored_with_a_warning(tmp_path: Path) -> None:
    doc = base_doc()
    doc["generator"] = "other tool"
    doc["consultation"]["logo"] = "x.png"
    for participant in doc["participants"]:
        participant["nickname"] = "x"
    doc["positions"][1]["votes"] = None
    doc["positions"][0]["votes"]["raised_hands"] = 4
    source = tmp_path / "in.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    report = import_json(source, tmp_path / "out.consulta")
    warnings = {str(w) for w in report.warnings}
    assert "generator: unknown key, ignored" in warnings
    assert "consultation.logo: unknown key, ignored" in warnings
    assert "participants[0].nickname: unknown key, ignored (in 2 records)" in warnings
    assert "positions[0].votes.raised_hands: unknown key, ignored" in warnings
    assert report.counts["participants"] == 2


def test_an_existing_target_is_refused_unless_overwrite(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(base_doc()), encoding="utf-8")
    target = tmp_path / "out.consulta"
    target.write_bytes(b"keep me")
    with pytest.raises(FileError, match="already exists"):
        import_json(source, target)
    assert target.read_bytes() == b"keep me"
    import_json(source, target, overwrite=True)
    assert target.read_bytes().startswith(b"SQLite format 3")


def test_overwriting_a_file_open_in_consulta_is_refused(tmp_path: Path) -> None:
    from consulta.domain.errors import FileLockedError
    from consulta.services.workspace import Workspace

    source = tmp_path / "in.json"
    source.write_text(json.dumps(base_doc()), encoding="utf-8")
    target = tmp_path / "out.consulta"
    with Workspace.create(target, "Open elsewhere") as ws:
        with pytest.raises(FileLockedError):
            import_json(source, target, overwrite=True)
        assert ws.consultation.get().title == "Open elsewhere"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "out.consulta"]
