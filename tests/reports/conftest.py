"""A small consultation with everything the documents show, built through the services."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

import pytest

from consulta.domain.model import (
    Gender,
    Guideline,
    GuidelineStatus,
    Participant,
    Session,
    Stance,
    Tally,
)
from consulta.services.workspace import Workspace

MARKUP = '<b>Bold</b> & <link href="http://x">L</link> <img src="x.png"/>'
FORMULA = '=HYPERLINK("http://evil","click")'
LONG_NOTES = " ".join(f"Word{i:05d}" for i in range(1100))[:10_000]


@dataclass
class Fixture:
    ws: Workspace
    held: str  # a held (draft) session
    closed: str  # a closed session, earlier
    planned: str  # a planned session of the same district
    sectors: dict[str, str]  # name -> id


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """Built once through the services (slow); each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("template") / "c.consulta"
    ws = Workspace.create(path, f"Consultation {MARKUP}", "Territory")
    try:
        f = build(ws)
    finally:
        ws.close()
    return path, {"held": f.held, "closed": f.closed, "planned": f.planned, "sectors": f.sectors}


@pytest.fixture
def consultation(template: tuple[Path, dict[str, object]], tmp_path: Path) -> Iterator[Fixture]:
    source, ids = template
    copy = tmp_path / "c.consulta"
    shutil.copyfile(source, copy)
    ws = Workspace.open(copy)
    yield Fixture(ws, **ids)  # type: ignore[arg-type]
    ws.close()


def build(ws: Workspace) -> Fixture:
    sectors = {s.name: s.id for s in ws.sectors.list()}
    academia, private, media = (
        sectors["Academia"],
        sectors["Private sector"],
        sectors["Media"],
    )
    centro = ws.districts.create("Centro").id
    uni = ws.organisations.create("University of Nowhere", academia).id
    evil_org = ws.organisations.create(FORMULA, private).id

    def person(name: str, sector: str, consent: bool, **kw: object) -> str:
        p = Participant(
            name=name,
            sector_id=sector,
            consent_named=consent,
            district_id=centro,
            email="x@example.org",
            phone="+34 600 000 000",
            **kw,
        )  # type: ignore[arg-type]
        return ws.participants.create(p).id

    ana = person("Ana Named", academia, True, organisation_id=uni, gender=Gender.FEMALE)
    bob = person("Bob Secret", private, False, gender=Gender.MALE)
    eve = person(MARKUP, academia, True)
    fay = person("+cmd|' /C calc'!A0", private, True, organisation_id=evil_org)
    ian = person("Ian Media", media, True)

    closed = ws.sessions.create(
        Session(
            title="First round",
            date=date(2026, 3, 1),
            start=time(10),
            end=time(12),
            venue="Town hall",
            district_id=centro,
            facilitator="Fran Facilitator",
        )
    ).id
    held = ws.sessions.create(
        Session(
            title=f"Second round {MARKUP}",
            date=date(2026, 4, 1),
            start=time(9),
            venue="=1+2",
            district_id=centro,
            facilitator="Fran Facilitator",
        )
    ).id
    planned = ws.sessions.create(
        Session(title="Third round", date=date(2026, 5, 1), district_id=centro)
    ).id
    for sid in (closed, held):
        ws.sessions.mark_held(sid)
    for pid in (ana, bob, ian):
        ws.attendance.check_in(closed, pid)
    for pid in (ana, bob, eve, fay):
        ws.attendance.check_in(held, pid)
    ws.agenda.add(closed, "Welcome", "Short notes.")
    ws.agenda.add(held, f"Debate {MARKUP}", LONG_NOTES)
    ws.agenda.add(held, "@SUM(A1)", "-2+3\nsecond line")

    g1 = ws.guidelines.create(
        Guideline(code="G-01", title="Open data", status=GuidelineStatus.AGREED)
    ).id
    g2 = ws.guidelines.create(Guideline(code="G-02", title=f"Port {MARKUP}")).id
    ws.positions.record(g1, closed, academia, Stance.SUPPORT)
    ws.positions.record(g1, closed, private, Stance.OPPOSE, "Too costly")
    ws.positions.record(
        g1, held, private, Stance.SUPPORT_WITH_RESERVATIONS, FORMULA, votes=Tally(3, 1, 0, 1)
    )
    ws.positions.record(g2, held, academia, Stance.OPPOSE, "")
    ws.sessions.close(closed)
    return Fixture(ws, held, closed, planned, sectors)
