"""Translated labels of levels and warnings, the annex explanations, and their Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest

import consulta.i18n
from consulta.i18n.catalog import load_catalog
from consulta.legitimacy import (
    GENDER_BUCKETS,
    GuidelineWarning,
    Level,
    explanations,
    gender_label,
    labels,
    level_label,
    warning_label,
)

SPANISH = Path(__file__).resolve().parents[2] / "resources/translations/es.po"


def _msgids() -> list[str]:
    ids = [*labels._LEVEL_LABELS.values(), *labels._WARNING_LABELS.values(), "Not recorded"]
    for title, text in labels._EXPLANATIONS:
        ids += [title, text]
    return ids


def test_every_key_has_a_label_in_english() -> None:
    assert level_label(Level.MAJORITY) == "Majority"
    assert level_label("consensus_with_reservations") == "Consensus with reservations"
    assert warning_label("dissent_without_reason") == (
        "An opposition or reservation was recorded without a reason"
    )
    assert len({level_label(level) for level in Level}) == len(Level)
    assert len({warning_label(w) for w in GuidelineWarning}) == len(GuidelineWarning)
    assert [gender_label(b) for b in GENDER_BUCKETS] == ["Female", "Male", "Other", "Not recorded"]
    with pytest.raises(ValueError):
        level_label("unanimity")


def test_explanations_cover_the_figures() -> None:
    items = explanations()
    titles = [title for title, _text in items]
    assert len(titles) == len(set(titles)) >= 15
    assert all(text.strip() for _title, text in items)
    for word in ("Evenness", "Continuity", "Consensus score", "Level of agreement", "Warnings"):
        assert word in titles


def test_spanish_catalogue_translates_every_label() -> None:
    catalog = load_catalog(SPANISH)
    missing = [msgid for msgid in _msgids() if not catalog.messages.get(msgid)]
    assert missing == []


def test_labels_come_out_in_spanish() -> None:
    spanish = load_catalog(SPANISH)
    with consulta.i18n.language("es"):
        assert level_label(Level.CONTESTED) == "En disputa"
        assert warning_label(GuidelineWarning.AGREED_BUT_CONTESTED) == (
            "Marcado como acordado, pero los sectores están divididos"
        )
        assert gender_label("not_recorded") == "No registrado"
        assert ("Continuidad", spanish.messages[labels._EXPLANATIONS[6][1]]) in explanations()
    assert level_label(Level.CONTESTED) == "Contested"
