"""make_icons.py: PNG sizes for the Linux icon theme, and well-formed ICO and ICNS containers."""

from __future__ import annotations

import struct
from pathlib import Path

from tests.installers.conftest import load_script

make_icons = load_script("make_icons")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_theme_icons_at_every_size(icons: Path) -> None:
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        folder = icons / "hicolor" / f"{size}x{size}"
        assert png_size((folder / "apps" / "consulta.png").read_bytes()) == (size, size)
        document = folder / "mimetypes" / "application-x-consulta.png"
        assert png_size(document.read_bytes()) == (size, size)
    assert (icons / "hicolor" / "scalable" / "apps" / "consulta.svg").is_file()


def test_icons_are_drawn_not_blank(icons: Path, qapp: object) -> None:
    from PySide6.QtGui import QImage

    for name in ("apps/consulta.png", "mimetypes/application-x-consulta.png"):
        image = QImage(str(icons / "hicolor" / "64x64" / name))
        assert image.pixelColor(32, 40).alpha() == 255  # the middle is painted
        assert image.pixelColor(0, 0).alpha() == 0  # the corner stays transparent


def test_ico_holds_each_size_as_png(icons: Path) -> None:
    for name in ("consulta.ico", "consulta-document.ico"):
        data = (icons / name).read_bytes()
        reserved, kind, count = struct.unpack("<HHH", data[:6])
        assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
        sizes = []
        for i in range(count):
            entry = data[6 + 16 * i : 22 + 16 * i]
            width, height, _c, _r, planes, bits, length, offset = struct.unpack("<BBBBHHII", entry)
            assert (planes, bits) == (1, 32)
            image = data[offset : offset + length]
            side = png_size(image)[0]
            assert (width or 256, height or 256) == (side, side)
            sizes.append(side)
        assert sorted(sizes) == sorted(make_icons.ICO_SIZES)
        assert offset + length == len(data)


def test_icns_elements_and_lengths(icons: Path) -> None:
    for name in ("consulta.icns", "consulta-document.icns"):
        data = (icons / name).read_bytes()
        assert data[:4] == b"icns"
        assert struct.unpack(">I", data[4:8])[0] == len(data)
        found = {}
        position = 8
        while position < len(data):
            kind = data[position : position + 4]
            length = struct.unpack(">I", data[position + 4 : position + 8])[0]
            found[kind] = png_size(data[position + 8 : position + length])[0]
            position += length
        assert position == len(data)
        assert found == {kind: size for kind, size in make_icons.ICNS_TYPES}


def test_document_icon_svg_carries_the_app_icon() -> None:
    app_svg = make_icons.SOURCE.read_bytes()
    document = make_icons.document_svg(app_svg).decode()
    assert document.startswith("<svg") and 'viewBox="0 0 64 64"' in document
    # every shape of the app icon is drawn on the page, scaled into a group
    for shape in ("<circle", "<rect", "<path"):
        assert document.count(shape) >= app_svg.decode().count(shape)
    assert 'transform="translate(' in document
