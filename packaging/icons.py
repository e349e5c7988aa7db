"""Renders packaging/icons/ansinh.svg for the packaged app: PNGs in the freedesktop
layout (`<out>/hicolor/<n>x<n>/apps/ansinh.png`) and, with `--ico FILE`, the Windows
icon (all sizes in one .ico). Uses Qt's SVG renderer, which the app ships anyway.

    python packaging/icons.py OUT_DIR [--ico FILE]   (QT_QPA_PLATFORM=offscreen)
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SVG = Path(__file__).with_name("icons") / "ansinh.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--ico", type=Path)
    args = parser.parse_args()
    app = QGuiApplication([])  # noqa: F841 - QImage painting needs the application object
    renderer = QSvgRenderer(str(SVG))
    images = {size: render(renderer, size) for size in SIZES}
    for size, image in images.items():
        target = args.out / "hicolor" / f"{size}x{size}" / "apps" / "ansinh.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(target)
    if args.ico:
        images[256].save(args.ico, sizes=[(s, s) for s in SIZES])


if __name__ == "__main__":
    main()
