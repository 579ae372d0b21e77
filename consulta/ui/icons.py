"""SVG icons from resources/icons/, drawn in the palette's text colour (light and dark schemes).

Icons use ``currentColor``; it is replaced by the current palette's window-text colour, so
they follow the OS scheme (``app.svg`` keeps its own colours). An icon is rendered only when
Qt first asks for it at a given size (menus that are never opened cost nothing at start-up).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap

from consulta.resources import icons_dir


def _text_colour() -> str:
    if QGuiApplication.instance() is None:
        return "#333333"
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


@cache
def _svg(name: str) -> bytes:
    return (icons_dir() / f"{name}.svg").read_bytes()


def svg_names() -> list[str]:
    return sorted(p.stem for p in icons_dir().glob("*.svg"))


class SvgIconEngine(QIconEngine):
    """Renders the SVG at the size asked for; disabled icons are drawn faded."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data
        self._renderer: object = None
        self._cache: dict[tuple[int, int, int], QPixmap] = {}

    def _render(self, painter: QPainter, rect: QRect | QRectF, mode: QIcon.Mode) -> None:
        if self._renderer is None:
            from PySide6.QtSvg import QSvgRenderer

            self._renderer = QSvgRenderer(QByteArray(self._data))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        self._renderer.render(painter, QRectF(rect))  # type: ignore[attr-defined]
        painter.restore()

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._render(painter, rect, mode)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), int(mode.value))
        if key not in self._cache:
            pixmap = QPixmap(size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self._render(painter, QRect(0, 0, size.width(), size.height()), mode)
            painter.end()
            self._cache[key] = pixmap
        return self._cache[key]

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = self.pixmap(size * scale, mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        twin = SvgIconEngine(self._data)
        _engines.append(twin)
        return twin


_engines: list[SvgIconEngine] = []  # Qt does not own Python-made engines: keep them alive


@cache
def _icon(name: str, colour: str) -> QIcon:
    data = _svg(name)
    if colour:
        data = data.replace(b"currentColor", colour.encode())
    engine = SvgIconEngine(data)
    _engines.append(engine)
    return QIcon(engine)


def icon(name: str, colour: str | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg``, in ``colour`` or the palette's text colour."""
    return _icon(name, colour or _text_colour())


def pixmap(name: str, size: int, colour: str | None = None) -> QPixmap:
    return icon(name, colour).pixmap(size, size)


def app_icon() -> QIcon:
    return _icon("app", "")
