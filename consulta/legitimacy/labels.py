"""Translated labels of the machine keys, and plain-language explanations for the annex.

Level and warning codes stay machine keys in data and JSON; documents and the UI show
``level_label(level)`` / ``warning_label(code)`` in the active language.
"""

from __future__ import annotations

from consulta.domain.model import Gender
from consulta.i18n import N_, _
from consulta.legitimacy.report import NOT_RECORDED, GuidelineWarning, Level

_LEVEL_LABELS: dict[Level, str] = {
    Level.INSUFFICIENTLY_CONSULTED: N_("Insufficiently consulted"),
    Level.CONSENSUS: N_("Consensus"),
    Level.CONSENSUS_WITH_RESERVATIONS: N_("Consensus with reservations"),
    Level.MAJORITY: N_("Majority"),
    Level.CONTESTED: N_("Contested"),
}

_WARNING_LABELS: dict[GuidelineWarning, str] = {
    GuidelineWarning.AGREED_BUT_INSUFFICIENTLY_CONSULTED: N_(
        "Marked as agreed, but too few sectors were consulted"
    ),
    GuidelineWarning.AGREED_BUT_CONTESTED: N_("Marked as agreed, but the sectors are divided"),
    GuidelineWarning.REJECTED_DESPITE_CONSENSUS: N_(
        "Marked as rejected, although the sectors reached consensus"
    ),
    GuidelineWarning.DISSENT_WITHOUT_REASON: N_(
        "An opposition or reservation was recorded without a reason"
    ),
}

_EXPLANATIONS: tuple[tuple[str, str], ...] = (
    (
        N_("Sectors that count"),
        N_(
            "Only the sectors marked as counting for legitimacy enter the figures. "
            "Only sessions that were held or closed count; planned sessions never do. "
            "An attendance is one person present at one such session. Attendance of "
            "people from other sectors is reported apart and changes no figure."
        ),
    ),
    (
        N_("Sector coverage"),
        N_("The share of the sectors that count with at least one person present at a session."),
    ),
    (
        N_("Attendance by sector"),
        N_(
            "How many attendances each sector had, and how many different people of the "
            "sector attended at least once."
        ),
    ),
    (
        N_("Evenness"),
        N_(
            "How evenly attendance was spread over the sectors (Pielou's evenness): 1 means "
            "every sector had the same attendance, values near 0 mean one sector dominated. "
            "It is not given with fewer than two sectors or no attendance."
        ),
    ),
    (
        N_("Largest sector share"),
        N_("The share of all attendances that came from the sector that attended the most."),
    ),
    (
        N_("Districts covered"),
        N_(
            "How many of the consultation's districts held at least one session, and which did not."
        ),
    ),
    (
        N_("Continuity"),
        N_("The share of the people who attended that came to two sessions or more."),
    ),
    (
        N_("Attendance by gender"),
        N_("Attendances by the gender people chose to record; the rest are shown as not recorded."),
    ),
    (
        N_("Sessions and minutes"),
        N_(
            "How many sessions are planned, held and closed, and the share of held sessions "
            "whose minutes were approved and closed."
        ),
    ),
    (
        N_("Sectors per session"),
        N_(
            "On average and at least, how many of the sectors that count were present at "
            "each session held."
        ),
    ),
    (
        N_("Positions and reasons"),
        N_(
            "How many positions the sectors recorded on the guidelines, and the share of "
            "oppositions and reservations that came with a written reason."
        ),
    ),
    (
        N_("Latest position"),
        N_(
            "For each guideline, a sector's position is the one it took at its latest "
            "session (by date, then start time); earlier positions are kept in the minutes."
        ),
    ),
    (
        N_("Consulted, supporting, opposing"),
        N_(
            "For each guideline: how many sectors gave a position (abstentions included), "
            "how many support it (with or without reservations), how many support it with "
            "reservations, how many oppose it and how many abstain. Coverage is the share "
            "of the sectors that gave a position."
        ),
    ),
    (
        N_("Consensus score"),
        N_(
            "A number between 0 and 1 that is high only when every sector supports the "
            "guideline: for each sector, its supporting votes plus one divided by all its "
            "votes plus two (a sector without a position counts as one half), combined by "
            "the geometric mean. Show-of-hands counts are used when they were recorded."
        ),
    ),
    (
        N_("Level of agreement"),
        N_(
            "Insufficiently consulted when fewer sectors than the quorum gave a position; "
            "otherwise consensus when no sector opposes and none has reservations; "
            "consensus with reservations when none opposes but some have reservations; "
            "majority when more than half of the consulted sectors support it; contested "
            "otherwise. Unless the consultation sets it, the quorum is two thirds of the "
            "sectors that count, rounded up."
        ),
    ),
    (
        N_("Sessions discussed"),
        N_("How many sessions recorded at least one position on the guideline."),
    ),
    (
        N_("Warnings"),
        N_(
            "Where the status a person set does not match the evidence: a guideline marked "
            "as agreed that was insufficiently consulted or is contested, a guideline marked "
            "as rejected that reached consensus, or an opposition or reservation without a "
            "reason."
        ),
    ),
    (
        N_("Totals"),
        N_(
            "The number of guidelines at each level and with each status. Withdrawn "
            "guidelines are listed with their figures but left out of the totals."
        ),
    ),
)


def level_label(level: Level | str) -> str:
    """The translated name of a level (accepts the machine key as well)."""
    return _(_LEVEL_LABELS[Level(level)])


def warning_label(code: GuidelineWarning | str) -> str:
    """The translated sentence of a warning (accepts the machine key as well)."""
    return _(_WARNING_LABELS[GuidelineWarning(code)])


def gender_label(bucket: str) -> str:
    """The translated name of an ``attendances_by_gender`` bucket."""
    if bucket == NOT_RECORDED:
        return _("Not recorded")
    return Gender(bucket).label


def explanations() -> list[tuple[str, str]]:
    """(title, text) for each figure, translated, in report order, for the report annex."""
    return [(_(title), _(text)) for title, text in _EXPLANATIONS]
