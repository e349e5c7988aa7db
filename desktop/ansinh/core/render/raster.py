"""PNG from the very PDF that prints (pypdfium2), so the preview is the print.

PDFium is not thread-safe: call this only from one thread per process (the render
worker process does).
"""

from __future__ import annotations

import ctypes
import io
import math
import struct
import zlib
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, PngImagePlugin

from . import engine
from .results import Boxes

POINTS_PER_INCH = 72.0


def page_boxes(page: pdfium.PdfPage) -> Boxes:
    return Boxes(page.get_mediabox(), page.get_trimbox(), page.get_bleedbox())


def page_bitmap(
    document: pdfium.PdfDocument,
    index: int,
    *,
    dpi: float | None = None,
    width_px: int | None = None,
    trim: bool = True,
    transparent: bool = False,
    under: Underlay | None = None,
) -> tuple[pdfium.PdfBitmap, tuple[float, float, float, float]]:
    """One page rendered as 3-byte RGB, or RGBA over a clear ground if `transparent`,
    over `under` (another page rendered with the same settings) instead of white; and
    the box it shows."""
    page = document[index]
    try:
        media = page.get_mediabox()
        box = page.get_trimbox() if trim else media
        crop = (box[0] - media[0], box[1] - media[1], media[2] - box[2], media[3] - box[3])
        if width_px:
            scale = _scale_to_width(width_px, media, crop)
        else:
            scale = (dpi or 96) / POINTS_PER_INCH
        maker = pdfium.PdfBitmap.new_native
        if under is not None:
            maker = engine.bitmap_over(under.bitmap)
        # A clear fill makes PDFium render RGBA and leave unpainted pixels at alpha 0.
        fill = {"fill_color": (0, 0, 0, 0)} if transparent else {}
        bitmap = page.render(
            scale=scale, crop=crop, rev_byteorder=True, bitmap_maker=maker, **fill
        )
    finally:
        page.close()
    return bitmap, box


def _scale_to_width(
    width_px: int, media: tuple[float, ...], crop: tuple[float, float, float, float]
) -> float:
    """A scale at which PDFium draws the cropped page `width_px` wide and as high as
    its proportions say (what `page_png` expects). PDFium rounds the page and each crop
    up separately (pypdfium2 `PdfPage.render`), so the plain ratio can miss by a pixel
    — an A4 page with 3 mm bleed at 1500 px came out 1499 px and had to be resampled,
    off the fast path. Nearby scales are tried; else the plain ratio."""
    media_w, media_h = media[2] - media[0], media[3] - media[1]
    box_w, box_h = media_w - crop[0] - crop[2], media_h - crop[1] - crop[3]
    height_px = round(width_px * box_h / box_w)

    def drawn(length: float, low: float, high: float, scale: float) -> int:
        return math.ceil(length * scale) - math.ceil(low * scale) - math.ceil(high * scale)

    for step in (0, 0.25, -0.25, 0.5, -0.5, 0.75, -0.75, 1, -1):
        scale = (width_px + step) / box_w
        if (drawn(media_w, crop[0], crop[2], scale), drawn(media_h, crop[1], crop[3], scale)) == (
            width_px, height_px
        ):
            return scale
    return width_px / box_w


def page_png(
    document: pdfium.PdfDocument,
    index: int,
    metadata: dict[str, str],
    *,
    dpi: float | None = None,
    width_px: int | None = None,
    trim: bool = True,
    png_dpi: float | None = None,
    compress_level: int = 6,
    transparent: bool = False,
    under: Underlay | None = None,
) -> tuple[bytes, tuple[int, int]]:
    """One page as PNG (and its pixel size); `trim` cuts the bleed away (the finished
    size), `png_dpi` is the resolution the PNG declares, `metadata` its iTXt chunks,
    `under` the pixels it is drawn over and `transparent` its ground (see `page_bitmap`).

    Level 1 — the previews of a batch, thousands at a time — writes PDFium's pixels
    unfiltered straight through zlib: 3× faster than Pillow, whose adaptive filters cost
    more than the compression itself, and no larger for flat artwork. Files people keep
    (level 6) go through Pillow's filters, which pay off on photos.
    """
    bitmap, box = page_bitmap(
        document, index, dpi=dpi, width_px=width_px, trim=trim, transparent=transparent,
        under=under,
    )
    return encode_png(bitmap, box, metadata, width_px, png_dpi, compress_level, under)


def encode_png(
    bitmap: pdfium.PdfBitmap,
    box: tuple[float, float, float, float],
    metadata: dict[str, str],
    width_px: int | None,
    png_dpi: float | None,
    compress_level: int,
    under: Underlay | None,
) -> tuple[bytes, tuple[int, int]]:
    """`page_png` of a page already rendered (`page_bitmap`) showing `box`."""
    size = (bitmap.width, bitmap.height)
    if width_px and bitmap.width != width_px:
        # Rounding inside PDFium can leave a pixel over; screen media need exact sizes.
        size = (width_px, round(width_px * (box[3] - box[1]) / (box[2] - box[0])))
    if compress_level <= 1 and size == (bitmap.width, bitmap.height):
        data = _fast_png(
            size, bitmap.buffer, bitmap.stride, metadata, png_dpi, compress_level, under,
            bitmap.n_channels,
        )
        return data, size
    image = bitmap.to_pil()
    if image.size != size:
        image = image.resize(size, Image.LANCZOS)
    info = PngImagePlugin.PngInfo()
    for key, value in metadata.items():
        info.add_itxt(key, value)  # iTXt: UTF-8, so Vietnamese survives
    extra = {"dpi": (png_dpi, png_dpi)} if png_dpi else {}
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, compress_level=compress_level, **extra)
    return out.getvalue(), size


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


class Underlay:
    """A page rendered once for other pages to be drawn over (`page_bitmap`), and the
    deflated runs of its pixel rows that their PNGs share (`_deflate_over`)."""

    runs_max = 512  # deflated runs kept: a row's text moves their ends by a few rows

    def __init__(self, bitmap: pdfium.PdfBitmap) -> None:
        self.bitmap = bitmap
        # One copy of its pixels, against which a row drawn over it is compared in place.
        self.pixels = bytes(memoryview(bitmap.buffer).cast("B"))
        # (first row, end row, level) -> deflated, byte-aligned (final if it ends the page)
        self.runs: dict[tuple[int, int, int], bytes] = {}
        self.sums: dict[tuple[int, int], tuple[int, int]] = {}  # rows -> (adler32, length)

    @property
    def nbytes(self) -> int:
        """Memory its pixels take (the bitmap and its copy)."""
        return 2 * self.bitmap.stride * self.bitmap.height

    def lines(self, start: int, end: int) -> list[bytes]:
        """Its PNG scanlines start..end."""
        bitmap = self.bitmap
        return _scanlines(self.pixels, bitmap.stride, bitmap.width, bitmap.n_channels, start, end)

    def run(self, start: int, end: int, level: int) -> bytes:
        """Its scanlines start..end deflated (`_deflate_run`), once."""
        if (start, end, level) not in self.runs:
            if len(self.runs) >= self.runs_max:
                self.runs.clear()
            self.runs[start, end, level] = _deflate_run(
                self.lines(start, end), level, end == self.bitmap.height
            )
        return self.runs[start, end, level]

    def checksum(self, start: int, end: int) -> tuple[int, int]:
        """Adler-32 and length of its scanlines start..end, computed once."""
        if (start, end) not in self.sums:
            if len(self.sums) >= self.runs_max:
                self.sums.clear()
            run = b"".join(self.lines(start, end))
            self.sums[start, end] = (zlib.adler32(run), len(run))
        return self.sums[start, end]


_ADLER_BASE = 65521


def _adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte runs one after the other, from theirs (zlib's
    adler32_combine, which Python's zlib does not expose)."""
    rem = second_length % _ADLER_BASE
    low = first & 0xFFFF
    high = (rem * low) % _ADLER_BASE
    low += (second & 0xFFFF) + _ADLER_BASE - 1
    high += (first >> 16) + (second >> 16) + _ADLER_BASE - rem
    return (low % _ADLER_BASE) | ((high % _ADLER_BASE) << 16)


def _scanlines(
    pixels: Any, stride: int, width: int, channels: int, start: int, end: int
) -> list[bytes]:
    """PNG scanlines start..end of packed RGB (or RGBA) rows `stride` bytes apart in
    `pixels` (any buffer): filter type 0 (none), then the row."""
    rows, used = memoryview(pixels).cast("B"), width * channels
    return [b"\0" + rows[y * stride : y * stride + used] for y in range(start, end)]


def _deflate_run(lines: list[bytes], level: int, final: bool) -> bytes:
    """Raw deflate of `lines` ending byte-aligned: a full flush, so the next run may
    follow it in one zlib stream; or the final block."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    end = zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH
    return compressor.compress(b"".join(lines)) + compressor.flush(end)


# Rows equal to the underlay's between rows that differ are taken from it only from this
# many on: a run of its own costs a deflate block and a cache entry.
_SHARED_RUN_MIN = 8
_BLOCK_ROWS = 32  # rows compared with the underlay's at once before one by one


def _deflate_over(pixels: Any, under: Underlay, level: int) -> bytes:
    """The zlib stream of the PNG scanlines of `pixels`, a bitmap laid out as `under`'s:
    runs of rows equal to `under`'s (all but a row's own text) are what `under` deflated
    once, the rows between deflated here, each run ending byte-aligned; then the
    checksum of the whole. Rows are compared in place: only those that differ are copied."""
    bitmap, base = under.bitmap, under.pixels
    stride, height, used = bitmap.stride, bitmap.height, bitmap.width * bitmap.n_channels
    rows = memoryview(pixels).cast("B")
    differ = []
    for block in range(0, height, _BLOCK_ROWS):  # most blocks are the underlay's, whole
        end = min(block + _BLOCK_ROWS, height)
        if not base.startswith(rows[block * stride : end * stride], block * stride):
            differ += [
                y for y in range(block, end)
                if not base.startswith(rows[y * stride : y * stride + used], y * stride)
            ]  # fmt: skip
    own: list[list[int]] = []  # [first, end) of rows deflated here
    for y in differ:
        if own and y - own[-1][1] < _SHARED_RUN_MIN:
            own[-1][1] = y + 1
        else:
            own.append([y, y + 1])
    parts, adler, at = [b"\x78\x01"], 1, 0
    for start, end in [*own, [height, height]]:
        if at < start:  # the underlay's rows
            parts.append(under.run(at, start, level))
            adler = _adler32_combine(adler, *under.checksum(at, start))
        if start < end:
            middle = b"".join(_scanlines(rows, stride, bitmap.width, bitmap.n_channels, start, end))
            parts.append(_deflate_run([middle], level, end == height))
            adler = _adler32_combine(adler, zlib.adler32(middle), len(middle))
        at = end
    return b"".join(parts) + struct.pack(">I", adler)


def _fast_png(
    size: tuple[int, int],
    pixels: Any,
    stride: int,
    metadata: dict[str, str],
    dpi: float | None,
    compress_level: int,
    under: Underlay | None = None,
    channels: int = 3,
) -> bytes:
    """PNG of packed RGB (or RGBA: 4 `channels`) rows `stride` bytes apart in `pixels`
    (any buffer), drawn over `under` if given."""
    width, height = size
    if under is None:
        lines = _scanlines(pixels, stride, width, channels, 0, height)
        idat = zlib.compress(b"".join(lines), compress_level)
    else:
        idat = _deflate_over(pixels, under, compress_level)
    colour_type = 6 if channels == 4 else 2  # RGBA or RGB, 8 bits a sample
    chunks = [_png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))]
    if dpi:
        per_metre = int(dpi / 0.0254 + 0.5)
        chunks.append(_png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    for key, value in metadata.items():
        # keyword, no compression, no language tag, no translated keyword, UTF-8 text
        text = key.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8")
        chunks.append(_png_chunk(b"iTXt", text))
    chunks.append(_png_chunk(b"IDAT", idat))
    chunks.append(_png_chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def page_fonts(page: pdfium.PdfPage) -> set[tuple[str, bool]]:
    """(base font name, embedded?) of every font a text object of the page uses."""
    fonts = set()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
        font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
        length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(length)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
        fonts.add((buffer.value.decode("latin-1"), bool(pdfium_c.FPDFFont_GetIsEmbedded(font))))
    return fonts


def page_facts(document: pdfium.PdfDocument, index: int) -> tuple[Boxes, set[str]]:
    """Page `index`'s boxes and the names of the fonts it uses, from one load."""
    page = document[index]
    try:
        return page_boxes(page), {name for name, _ in page_fonts(page)}
    finally:
        page.close()


def pdf_fonts(pdf: bytes) -> set[tuple[str, bool]]:
    """(base font name, embedded?) of every font a text object of the PDF uses."""
    document = pdfium.PdfDocument(pdf)
    try:
        return set().union(*(page_fonts(page) for page in document))
    finally:
        document.close()
