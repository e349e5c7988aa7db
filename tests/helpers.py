"""Reading rendered output back: PDF boxes, text and fonts (pypdfium2), PNG pixels."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

MM = 72 / 25.4  # PDF points per millimetre
FAILURES = Path(__file__).parent / "_failures"


def pdf_pages(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def pdf_boxes(data: bytes, index: int = 0) -> dict[str, tuple[float, float, float, float]]:
    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        return {
            "media": page.get_mediabox(),
            "trim": page.get_trimbox(),
            "bleed": page.get_bleedbox(),
        }
    finally:
        document.close()


def pdf_text(data: bytes) -> str:
    """All text of the document, NFC, whitespace runs folded to one space."""
    document = pdfium.PdfDocument(data)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_info(data: bytes) -> dict[str, str]:
    document = pdfium.PdfDocument(data)
    try:
        return document.get_metadata_dict()
    finally:
        document.close()


def png_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def save_failure(name: str, data: bytes) -> Path:
    """Keep a failed render for a person to look at (git-ignored)."""
    FAILURES.mkdir(exist_ok=True)
    path = FAILURES / name
    path.write_bytes(data)
    return path
