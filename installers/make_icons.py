"""Render the installers' icons from resources/icons/app.svg with Qt (no extra dependency).

    python installers/make_icons.py [OUT]      (default OUT: build/icons)

Writes, under OUT:

- ``hicolor/<N>x<N>/apps/consulta.png`` and ``hicolor/<N>x<N>/mimetypes/application-x-consulta.png``
  for the Linux icon theme, plus ``hicolor/scalable/...`` SVGs;
- ``consulta.ico`` and ``consulta-document.ico`` (Windows: PNG images in an ICO container);
- ``consulta.icns`` and ``consulta-document.icns`` (macOS: PNG images in an ICNS container).

The document icon (for ``.consulta`` files) is a page with a folded corner carrying the app
icon, composed here as SVG so every size comes from vector drawing.
"""

from __future__ import annotations

import os
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "app.svg"
SVG_NS = "http://www.w3.org/2000/svg"

LINUX_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# ICNS element types holding PNG data, and their pixel sizes (the @2x types reuse larger renders).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"ic11", 32),
    (b"icp5", 32),
    (b"ic12", 64),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)

PAGE = (
    '<path d="M12 2h28l14 14v44a2 2 0 0 1-2 2H12a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z" '
    'fill="#ffffff" stroke="#5b6b7c" stroke-width="2" stroke-linejoin="round"/>'
    '<path d="M40 2v12a2 2 0 0 0 2 2h12" fill="#e3e8ee" stroke="#5b6b7c" '
    'stroke-width="2" stroke-linejoin="round"/>'
)


def document_svg(app_svg: bytes) -> bytes:
    """A 64x64 page with a folded corner and the app icon on it, as SVG Tiny (Qt-renderable)."""
    ET.register_namespace("", SVG_NS)
    app = ET.fromstring(app_svg)
    view = [float(v) for v in (app.get("viewBox") or "0 0 64 64").replace(",", " ").split()]
    size = 34.0
    scale = size / max(view[2], view[3])
    x, y = 32 - size / 2, 22.0
    inner = "".join(ET.tostring(child, encoding="unicode") for child in app)
    transform = f"translate({x:g} {y:g}) scale({scale:.5f}) translate({-view[0]:g} {-view[1]:g})"
    return (
        f'<svg xmlns="{SVG_NS}" width="64" height="64" viewBox="0 0 64 64">'
        f'{PAGE}<g transform="{transform}">{inner}</g></svg>'
    ).encode()


def render_png(svg: bytes, size: int) -> bytes:
    """The SVG drawn on a transparent ``size`` x ``size`` square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the icon SVG could not be read by Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file: ICONDIR, one ICONDIRENTRY per image, then the PNG images (Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' + length, then (type, length, PNG) elements, big-endian."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def make_icons(out: Path, source: Path = SOURCE) -> list[Path]:
    """Write every icon file under ``out``; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(["make_icons"])
    app_svg = source.read_bytes()
    icons = {"consulta": app_svg, "consulta-document": document_svg(app_svg)}
    theme_names = {
        "consulta": ("apps", "consulta"),
        "consulta-document": ("mimetypes", "application-x-consulta"),
    }
    written: list[Path] = []
    for name, svg in icons.items():
        sizes = sorted({*LINUX_SIZES, *ICO_SIZES, *(s for _k, s in ICNS_TYPES)})
        pngs = {size: render_png(svg, size) for size in sizes}
        context, theme_name = theme_names[name]
        for size in LINUX_SIZES:
            path = out / "hicolor" / f"{size}x{size}" / context / f"{theme_name}.png"
            write(path, pngs[size])
            written.append(path)
        path = out / "hicolor" / "scalable" / context / f"{theme_name}.svg"
        write(path, svg)
        written.append(path)
        for path, data in (
            (out / f"{name}.ico", ico_bytes({s: pngs[s] for s in ICO_SIZES})),
            (out / f"{name}.icns", icns_bytes(pngs)),
            (out / f"{name}.png", pngs[256]),
        ):
            write(path, data)
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "build" / "icons"
    files = make_icons(out)
    print(f"make_icons: {len(files)} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
