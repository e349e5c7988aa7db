"""PNG from the very PDF that prints (pypdfium2), so the preview is the print.

PDFium is not thread-safe: call this only from one thread per process (the render
worker process does).
"""

from __future__ import annotations

import ctypes
import functools
import io
import math
import struct
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, PngImagePlugin

from . import engine
from .results import Boxes

POINTS_PER_INCH = 72.0


def page_boxes(page: pdfium.PdfPage) -> Boxes:
    return Boxes(page.get_mediabox(), page.get_trimbox(), page.get_bleedbox())


@dataclass
class Drawn:
    """A page rendered as its PNG shows it, showing the PDF box `box`: `bitmap` holds
    all its rows; or, drawn over `under`, its rows down to where its own objects end
    (`page_bitmap`): the rows below are `under`'s."""

    bitmap: pdfium.PdfBitmap
    box: tuple[float, float, float, float]
    under: Underlay | None = None

    @property
    def size(self) -> tuple[int, int]:
        return self.bitmap.width, (self.under.bitmap if self.under else self.bitmap).height

    @property
    def end(self) -> int:
        """The first row below what `bitmap` holds."""
        return self.bitmap.height

    def pixels(self, top: int, bottom: int) -> np.ndarray:
        """Its rows top..bottom (rows × columns × channels), without copying unless they
        straddle the end of `bitmap`."""
        own = self.bitmap.to_numpy()  # a view of PDFium's buffer
        if self.under is None or bottom <= self.end:
            return own[top:bottom]
        below = self.under.array
        if self.end <= top:
            return below[top:bottom]
        return np.concatenate((own[top:], below[self.end : bottom]))


def page_bitmap(
    document: pdfium.PdfDocument,
    index: int,
    *,
    dpi: float | None = None,
    width_px: int | None = None,
    trim: bool = True,
    transparent: bool = False,
    under: Underlay | None = None,
) -> Drawn:
    """One page rendered as 3-byte RGB, or RGBA over a clear ground if `transparent`;
    over `under` (another page rendered with the same settings) instead of white. Over
    `under`, only the rows down to where its objects end are rendered, over a copy of
    those rows of `under` (`_band_end`): a batch row's own page paints a few lines of an
    A4, and the rows below them are not drawn again."""
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
            end = _band_end(page, scale, box[3], under.bitmap.height)
            # Cropping the bottom keeps the device origin, so the rows drawn are the
            # whole page's, pixel for pixel (cropping the top too moved PDFium's
            # anti-aliasing by a level on rows past ~1000).
            bottom_px = math.ceil(crop[1] * scale) + under.bitmap.height - end
            crop = (crop[0], (bottom_px - 0.5) / scale, crop[2], crop[3])
            maker = engine.bitmap_over(under.bitmap)
        # A clear fill makes PDFium render RGBA and leave unpainted pixels at alpha 0.
        fill = {"fill_color": (0, 0, 0, 0)} if transparent else {}
        bitmap = page.render(
            scale=scale, crop=crop, rev_byteorder=True, bitmap_maker=maker, **fill
        )
    finally:
        page.close()
    return Drawn(bitmap, box, under)


_BAND_MARGIN_PX = 3  # anti-aliasing, and glyph outlines PDFium hints past their boxes
# Text whose outline is stroked: PDFium's bounds leave the stroke out.
_STROKED_TEXT = {1, 2, 5, 6}  # FPDF_TEXTRENDERMODE_STROKE, FILL_STROKE and their CLIP


def _band_end(page: pdfium.PdfPage, scale: float, top_pt: float, height: int) -> int:
    """The row (of the page drawn `height` rows high from `top_pt` down) below which
    none of its objects paints, with a margin; the page's height if an object's bounds
    are not known (a shading paints wherever its clip lets it; stroked text). At least
    one row."""
    last = 0
    for obj in page.get_objects():
        if obj.type == pdfium_c.FPDF_PAGEOBJ_SHADING or (
            obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT
            and pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) in _STROKED_TEXT
        ):
            return height
        if obj.level:
            continue  # inside a form, whose own bounds cover it
        bottom = obj.get_bounds()[1]
        last = max(last, math.ceil((top_pt - bottom) * scale) + _BAND_MARGIN_PX)
    return max(1, min(height, last))


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
    drawn = page_bitmap(
        document, index, dpi=dpi, width_px=width_px, trim=trim, transparent=transparent,
        under=under,
    )
    return encode_png(drawn, metadata, width_px, png_dpi, compress_level)


def encode_png(
    drawn: Drawn,
    metadata: dict[str, str],
    width_px: int | None,
    png_dpi: float | None,
    compress_level: int,
) -> tuple[bytes, tuple[int, int]]:
    """`page_png` of a page already rendered (`page_bitmap`)."""
    bitmap, box, size = drawn.bitmap, drawn.box, drawn.size
    if width_px and bitmap.width != width_px:
        # Rounding inside PDFium can leave a pixel over; screen media need exact sizes.
        size = (width_px, round(width_px * (box[3] - box[1]) / (box[2] - box[0])))
    if compress_level <= 1 and size == drawn.size:
        data = _fast_png(drawn, metadata, png_dpi, compress_level)
        return data, size
    image = Image.fromarray(drawn.pixels(0, drawn.size[1]))
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
        # What `contrast` read from its pixels alone, for every row drawn over it.
        self.measured: dict[Any, Any] = {}

    @property
    def nbytes(self) -> int:
        """Memory its pixels take (the bitmap and its copy)."""
        return 2 * self.bitmap.stride * self.bitmap.height

    @functools.cached_property
    def array(self) -> np.ndarray:
        """Its pixels as rows × columns × channels (a view of `pixels`)."""
        bitmap = self.bitmap
        rows = np.frombuffer(self.pixels, np.uint8).reshape(bitmap.height, bitmap.stride)
        used = bitmap.width * bitmap.n_channels
        return rows[:, :used].reshape(bitmap.height, bitmap.width, bitmap.n_channels)

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


def _deflate_over(drawn: Drawn, level: int) -> bytes:
    """The zlib stream of the PNG scanlines of `drawn`, a page drawn over `drawn.under`:
    runs of rows equal to the underlay's (all but a row's own text) are what the
    underlay deflated once, the rows between deflated here, each run ending
    byte-aligned; then the checksum of the whole. Only the rows drawn are compared with
    the underlay's (those below are its), in place: only those that differ are copied."""
    under, band = drawn.under, drawn.bitmap
    assert under is not None
    base, height = under.pixels, under.bitmap.height
    stride, used = band.stride, band.width * band.n_channels
    rows = memoryview(band.buffer).cast("B")

    def same(first: int, end: int) -> bool:  # rows first..end, drawn here
        at, length = first * stride, (end - first - 1) * stride + used
        return base.startswith(rows[at : at + length], at)

    differ = []
    for block in range(0, drawn.end, _BLOCK_ROWS):  # most blocks are the underlay's
        end = min(block + _BLOCK_ROWS, drawn.end)
        if not same(block, end):
            differ += [y for y in range(block, end) if not same(y, y + 1)]
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
            middle = b"".join(_scanlines(rows, stride, band.width, band.n_channels, start, end))
            parts.append(_deflate_run([middle], level, end == height))
            adler = _adler32_combine(adler, zlib.adler32(middle), len(middle))
        at = end
    return b"".join(parts) + struct.pack(">I", adler)


def _fast_png(drawn: Drawn, metadata: dict[str, str], dpi: float | None, level: int) -> bytes:
    """PNG of a page rendered as packed RGB (or RGBA) rows, drawn over its underlay if it
    has one."""
    (width, height), bitmap = drawn.size, drawn.bitmap
    channels = bitmap.n_channels
    if drawn.under is None:
        lines = _scanlines(bitmap.buffer, bitmap.stride, width, channels, 0, height)
        idat = zlib.compress(b"".join(lines), level)
    else:
        idat = _deflate_over(drawn, level)
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
