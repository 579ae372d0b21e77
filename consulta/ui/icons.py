"""SVG icons from resources/icons/, drawn in the palette's text colour (light and dark schemes).

Icons use ``currentColor``; it is replaced by the current palette's window-text colour when the
icon is made, so they follow the OS scheme. ``app.svg`` keeps its own colours.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from consulta.resources import icons_dir

SIZES = (16, 24, 32, 48)


def _text_colour() -> str:
    app = QGuiApplication.instance()
    if app is None:
        return "#333333"
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


@cache
def _svg(name: str) -> bytes:
    return (icons_dir() / f"{name}.svg").read_bytes()


def svg_names() -> list[str]:
    return sorted(p.stem for p in icons_dir().glob("*.svg"))


def _render(data: bytes, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(data))
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size * ratio, size * ratio))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _icon(name: str, colour: str) -> QIcon:
    data = _svg(name).replace(b"currentColor", colour.encode())
    app = QGuiApplication.instance()
    ratio = (
        QGuiApplication.primaryScreen().devicePixelRatio()
        if app and QGuiApplication.primaryScreen()
        else 1.0
    )
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(_render(data, size, ratio))
    return icon


def icon(name: str, colour: str | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg``, in ``colour`` or the palette's text colour."""
    return _icon(name, colour or _text_colour())


def pixmap(name: str, size: int, colour: str | None = None) -> QPixmap:
    return icon(name, colour).pixmap(size, size)


def app_icon() -> QIcon:
    return _icon("app", "")
