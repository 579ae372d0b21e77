"""Table cells as pre-wrapped plain text: ReportLab draws a string cell line by line, with
no markup parsing and no paragraph layout, which is several times faster than a
Paragraph per cell (and user text cannot be taken for markup at all)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import repeat
from typing import Any

from reportlab.pdfbase import pdfmetrics

from consulta.reports.pdf_base import FONT, FONT_BOLD

CELL_SIZE = 8.5
PADDING = 7  # left + right cell padding, and a hair
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@lru_cache(maxsize=8)
def _metrics(font: str) -> tuple[Callable[..., Any], int]:
    face = pdfmetrics.getFont(font).face
    return face.charWidths.get, face.defaultWidth


def width_of(text: str, font: str, size: float) -> float:
    """The same as pdfmetrics.stringWidth for our TrueType fonts, twice as fast in pure
    Python (ReportLab's C accelerator is not installed)."""
    get, default = _metrics(font)
    return float(0.001 * size * sum(map(get, map(ord, text), repeat(default))))


def wrap(text: str, width: float, *, bold: bool = False, size: float = CELL_SIZE) -> str:
    """``text`` broken into lines that fit ``width`` (words first, then characters)."""
    font = FONT_BOLD if bold else FONT
    room = max(width - PADDING, 10)
    clean = _UNPRINTABLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    clean = clean.replace("\t", "    ")
    lines: list[str] = []
    for line in clean.split("\n"):
        if width_of(line, font, size) <= room:
            lines.append(line)
            continue
        for piece in _words(line, font, size, room):
            lines.extend(_hard_break(piece, font, size, room))
    return "\n".join(lines)


def _words(line: str, font: str, size: float, room: float) -> list[str]:
    """Greedy word wrap on spaces."""
    space = width_of(" ", font, size)
    out: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in line.split(" "):
        w = width_of(word, font, size)
        if current and used + space + w > room:
            out.append(" ".join(current))
            current, used = [word], w
        else:
            used += (space if current else 0.0) + w
            current.append(word)
    out.append(" ".join(current))
    return out


def _hard_break(piece: str, font: str, size: float, room: float) -> list[str]:
    if width_of(piece, font, size) <= room:
        return [piece]
    out: list[str] = []
    current = ""
    for char in piece:
        if current and width_of(current + char, font, size) > room:
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return out
