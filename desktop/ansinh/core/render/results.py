"""What a render is asked for and what it gives back: plain data, cheap to import.

These types cross process boundaries: the window and the export/batch threads unpickle
render results from the worker processes. Keeping them apart from `piece.py` means that
doing so never loads WeasyPrint or PDFium into the window's process (an import there
holds Python's lock for a second and freezes the UI).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..campaign import Adjust, Look
from ..checks import Check
from ..segments import Segment
from ..templates.manifest import Size, Template


@dataclass(frozen=True)
class RenderOptions:
    formats: tuple[str, ...] = ("pdf", "png", "txt")
    png_dpi: float | None = None  # print sizes; default: the size's own png_dpi
    png_width: int | None = None  # overrides png_dpi (previews, thumbnails)
    crop_marks: bool = False
    pdf_x4: bool = False
    trim_png: bool = True  # False keeps the bleed in the PNG (the preview shows guides)
    # zlib level for PNGs: 6 for files people keep; 1 (3× faster, ~25 % larger) for the
    # previews of a batch, where thousands are written.
    png_compress: int = 6
    # Whole fonts, uncompressed streams: for tests that read the PDF's text. Slower than
    # subsetting once HarfBuzz's subsetter is installed; never used for exported files.
    fast_pdf: bool = False
    # Every batch row laid out whole, as alone: no paint layers, no strips (`--exact`).
    exact: bool = False


@dataclass(frozen=True)
class RenderRow:
    """A batch row as the render layer sees it (`chunk.render_rows`)."""

    number: int  # as the sheet shows it: results and messages name it
    segment: str
    values: dict[str, Any]
    adjust: dict[str, Adjust] = field(default_factory=dict)  # the batch's placed slots
    look: Look = field(default_factory=Look)  # the batch piece's layout, font, colours


@dataclass(frozen=True)
class Boxes:
    """A page's boxes in PDF points, origin bottom-left: (left, bottom, right, top)."""

    media: tuple[float, float, float, float]
    trim: tuple[float, float, float, float]
    bleed: tuple[float, float, float, float]

    def from_layout(self, x: float, y: float) -> tuple[float, float]:
        """A point of the layout (CSS px from the trim box's top left) in PDF points."""
        return self.trim[0] + x * 0.75, self.trim[3] - y * 0.75


@dataclass
class Artifact:
    format: str  # pdf, png, txt
    role: str  # piece, caption, read-aloud, sms, sms-ascii
    data: bytes
    stats: dict[str, Any] = field(default_factory=dict)


@dataclass
class RenderResult:
    template: Template
    size: Size | None
    segment: Segment
    checks: list[Check]
    artifacts: list[Artifact]
    pages: int = 0
    boxes: Boxes | None = None
    # Where each field's slot lies on the first page (PDF points, like `boxes`): the
    # window finds the field under a click, and the slot it drags, from these.
    slots: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(check.is_error for check in self.checks)

    def artifact(self, fmt: str, role: str = "piece") -> Artifact | None:
        return next((a for a in self.artifacts if a.format == fmt and a.role == role), None)
