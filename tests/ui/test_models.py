"""Table models without a window: the lazy participants model pages through the service, and
the small-list models search and sort in memory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from consulta.domain import model as m
from consulta.services.participants import participant_row
from consulta.services.workspace import Workspace
from consulta.ui.models.participants import ParticipantTableModel
from consulta.ui.models.records import (
    GuidelineRow,
    GuidelineTableModel,
    SessionRow,
    SessionTableModel,
)

LARGE = 5_000


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A consultation with 5,000 participants, written in one transaction."""
    path = tmp_path_factory.mktemp("large") / "large.consulta"
    with Workspace.create(path, "Large") as ws:
        sectors = ws.sectors.list()
        with ws.write("test.bulk", "bulk") as unit:
            for i in range(LARGE):
                person = m.Participant(
                    name=f"Person {i:05d}",
                    sector_id=sectors[i % len(sectors)].id,
                    email=f"p{i:05d}@example.org" if i % 2 else None,
                )
                unit.insert("participant", participant_row(person))
    return path


@pytest.fixture
def large(large_file: Path) -> Iterator[Workspace]:
    with Workspace.open(large_file, readonly=True) as ws:
        yield ws


def test_the_participants_model_fetches_one_page_at_a_time(qapp: Any, large: Workspace) -> None:
    model = ParticipantTableModel(large, page_size=200)
    assert model.total() == LARGE
    assert model.rowCount() == 200
    assert model.pages_fetched == 1
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    assert model.pages_fetched == 2
    assert model.index(399, 0).data() == "Person 00399"
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == LARGE
    assert model.pages_fetched == LARGE // 200
    assert model.index(LARGE - 1, 0).data() == f"Person {LARGE - 1:05d}"


def test_search_sector_and_sort_go_to_the_service(qapp: Any, large: Workspace) -> None:
    model = ParticipantTableModel(large, page_size=100)
    sector = large.sectors.list()[2]
    model.set_search("person 0499")
    assert model.total() == 11  # 00499 and 04990 … 04999
    assert model.rowCount() == 11 and not model.canFetchMore(QModelIndex())
    model.set_search("", sector.id)
    assert model.total() == len(range(2, LARGE, 7))
    assert model.rowCount() == 100
    assert {model.index(r, 1).data() for r in range(model.rowCount())} == {sector.name}
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "Person 04993"  # the last of sector 2 (i % 7 == 2)
    assert model.rowCount() == 100  # still one page after a re-sort
    model.sort(1, Qt.SortOrder.AscendingOrder)  # the service cannot sort by sector: unchanged
    assert model.index(0, 0).data() == "Person 04993"  # the last of sector 2 (i % 7 == 2)


def test_the_participants_model_reloads_keeping_what_was_loaded(qapp: Any, tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "small.consulta", "Small") as ws:
        sector = ws.sectors.list()[0]
        for name in ("Bea", "Ana"):
            ws.participants.create(m.Participant(name=name, sector_id=sector.id))
        model = ParticipantTableModel(ws, page_size=1)
        model.fetchMore(QModelIndex())
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Ana", "Bea"]
        ws.participants.create(m.Participant(name="Abel", sector_id=sector.id, consent_named=True))
        model.reload(keep_loaded=True)
        assert model.total() == 3
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Abel", "Ana"]
        assert model.index(0, 5).data() == "Yes"
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"


def _session(title: str, day: int, status: m.SessionStatus) -> SessionRow:
    from datetime import date

    return SessionRow(m.Session(title=title, date=date(2026, 3, day), status=status), "Centro")


def test_the_sessions_model_searches_and_sorts(qapp: Any) -> None:
    model = SessionTableModel()
    model.set_records(
        [
            _session("Mesa de apertura", 10, m.SessionStatus.CLOSED),
            _session("Mesa sectorial", 2, m.SessionStatus.HELD),
            _session("Plenario", 20, m.SessionStatus.PLANNED),
        ]
    )
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 2).data() for r in range(3)] == [
        "Mesa sectorial",
        "Mesa de apertura",
        "Plenario",
    ]
    model.sort(5, Qt.SortOrder.AscendingOrder)  # by status order: planned, held, closed
    assert [model.index(r, 5).data() for r in range(3)] == ["Planned", "Held", "Closed"]
    model.set_filter("mesa")
    assert model.rowCount() == 2
    model.set_filter("", lambda r: r.session.status is m.SessionStatus.PLANNED)
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == ["Plenario"]


def test_the_guidelines_model_sorts_codes_naturally_and_shows_levels(qapp: Any) -> None:
    model = GuidelineTableModel()
    model.set_records(
        [
            GuidelineRow(m.Guideline(code="G-10", title="Ten"), "Consensus", 0.8),
            GuidelineRow(m.Guideline(code="G-2", title="Two"), "Contested", 0.3, warnings=1),
            GuidelineRow(m.Guideline(code="G-1", title="One")),
        ]
    )
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 0).data() for r in range(3)] == ["G-1", "G-2", "G-10"]
    assert model.index(1, 5).data() == "30%"
    assert model.index(2, 4).data() == "Consensus"
    assert (
        model.index(1, 4).data(Qt.ItemDataRole.ForegroundRole) is not None
    )  # a warning stands out
    assert model.index(2, 4).data(Qt.ItemDataRole.ForegroundRole) is None
